import TelesimCore
import Yams

/// Walks a composed YAML tree and builds a `Scenario`, collecting every problem on the way instead
/// of stopping at the first, so one `telesim validate` run lists everything a user must fix.
///
/// Each `read…` method reports what is wrong with its node and returns nil (or what it could still
/// use), so the walk always goes on to the next part of the file.
struct ScenarioReader {
    /// Problems found so far, in the order they were found (sorted by position at the end).
    private(set) var problems: [ScenarioProblem] = []

    /// The deepest nesting the reader follows. Deeper input is refused before it is walked.
    static let maximumDepth = 64
    /// The most nodes a file may expand to (aliases count each time they are used), so a few lines
    /// of nested aliases cannot make the reader walk billions of nodes: 200,000, or one per two
    /// bytes of the file's text when that is more. A node written out takes at least two bytes
    /// (`[a,a,a]`), so a file without aliases always fits, however large (a world with a hundred
    /// thousand agents); only aliases can make a file expand past it.
    static let maximumNodes = 200_000

    /// `maximumNodes` for a file of `bytes` bytes.
    static func nodeLimit(sourceBytes bytes: Int) -> Int { max(maximumNodes, bytes / 2) }

    /// Records a problem at `node`, prefixing the message with the node's path.
    mutating func report(_ node: Node, _ path: ScenarioPath, _ message: String) {
        let (line, column) = node.position
        report(line: line, column: column, path, message)
    }

    /// Records a problem at an explicit position (YAML syntax errors, the empty document).
    mutating func report(line: Int, column: Int, _ path: ScenarioPath, _ message: String) {
        let text = path.text.isEmpty ? message : "\(path.text): \(message)"
        problems.append(ScenarioProblem(line: line, column: column, path: path.text, message: text))
    }

    /// Records a problem whose message is already complete.
    mutating func appendProblem(_ problem: ScenarioProblem) {
        problems.append(problem)
    }

    /// The problems in file order (stable for problems at the same position).
    var sortedProblems: [ScenarioProblem] {
        problems.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    /// Reads a whole document. Returns nil when any problem was found.
    mutating func read(_ root: Node, source: String) -> Scenario? {
        guard checkSize(root, limit: Self.nodeLimit(sourceBytes: source.utf8.count)) else { return nil }
        let top = fields(root, .root, allowed: TopLevel.keys, required: ["telesim", "name"], extensions: true)
        guard let top else { return nil }

        if let node = top["telesim"] { readVersion(node) }
        let name = top["name"].flatMap { string($0, .root.key("name")) }
        let description = top["description"].flatMap { string($0, .root.key("description")) }
        let seed = top["seed"].flatMap { uint64($0, .root.key("seed")) } ?? 0
        let clock = top["clock"].flatMap { readClock($0, .root.key("clock")) } ?? ClockSettings()
        let network = top["network"].flatMap { readNetwork($0, .root.key("network")) } ?? Network()
        let providers = top["providers"].map { readProviders($0, .root.key("providers")) } ?? .object([])
        let timeline = top["timeline"].map { readTimeline($0, .root.key("timeline"), providers: providers) } ?? []
        let faults = top["faults"].map { readFaults($0, .root.key("faults")) } ?? []
        let steps = top["steps"].map { readSteps($0, .root.key("steps")) } ?? []

        guard problems.isEmpty, let name else { return nil }
        let definition = WorldDefinition(name: name, seed: seed, clock: clock, network: network,
                                         providers: providers, timeline: timeline, faults: faults)
        return Scenario(name: name, description: description, definition: definition, steps: steps, source: source)
    }

    /// `telesim: 1`: the only format this reader knows.
    private mutating func readVersion(_ node: Node) {
        let path = ScenarioPath.root.key("telesim")
        guard node.scalarTag == .int, let text = node.scalarText else {
            report(node, path, "expected the format version 1, got \(node.quoted)")
            return
        }
        if text != "1" {
            report(node, path, "unknown format version \(text); this telesim reads format 1")
        }
    }

    /// Refuses a tree that nests too deeply or expands to too many nodes, before anything walks it.
    private mutating func checkSize(_ root: Node, limit: Int) -> Bool {
        var count = 0
        func walk(_ node: Node, depth: Int) -> Node? {
            count += 1
            if depth > Self.maximumDepth { return node }
            if count > limit { return node }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if let bad = walk(key, depth: depth + 1) ?? walk(value, depth: depth + 1) { return bad }
                }
            case .sequence(let sequence):
                for item in sequence {
                    if let bad = walk(item, depth: depth + 1) { return bad }
                }
            case .scalar, .alias:
                break
            }
            return nil
        }
        guard let bad = walk(root, depth: 0) else { return true }
        if count > limit {
            report(bad, .root, "the file expands to more than \(limit) values (aliases count each time they are used)")
        } else {
            report(bad, .root, "the file nests deeper than \(Self.maximumDepth) levels")
        }
        return false
    }
}

/// The top-level keys of format 1, in the documented order.
enum TopLevel {
    static let keys = ["telesim", "name", "description", "seed", "clock", "network", "providers", "timeline", "faults", "steps"]
}
