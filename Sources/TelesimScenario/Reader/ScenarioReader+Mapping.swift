import Yams

/// The members of a YAML mapping whose keys were checked against the keys its place allows.
struct MappingFields {
    /// The mapping itself, where "missing field" problems are reported.
    let node: Node
    /// The mapping's path, which member paths extend.
    let path: ScenarioPath
    /// Present members with a non-empty value.
    private(set) var values: [String: Node] = [:]

    init(node: Node, path: ScenarioPath) {
        self.node = node
        self.path = path
    }

    /// The value of `name`, or nil when absent or empty (`key:` with nothing after it).
    subscript(name: String) -> Node? { values[name] }

    fileprivate mutating func set(_ name: String, _ value: Node) { values[name] = value }
}

/// One member of a free-form mapping (timeline `set`, headers, `save`), in file order.
struct MappingMember {
    /// The key's text.
    let key: String
    /// The key itself, where unknown-key and bad-address problems are reported.
    let keyNode: Node
    let value: Node
}

extension ScenarioReader {
    /// Reads a mapping with a fixed set of keys: an unknown key is reported at the key (naming the
    /// expected ones), a missing required key at the mapping that lacks it, an empty required
    /// value at the value. With `extensions`, keys starting with `x-` are skipped (a place for YAML
    /// anchors, as in Compose files). Returns nil only when the node is not a mapping at all.
    mutating func fields(_ node: Node, _ path: ScenarioPath, allowed: [String], required: [String] = [], extensions: Bool = false) -> MappingFields? {
        guard let members = members(node, path) else { return nil }
        var result = MappingFields(node: node, path: path)
        var seen: Set<String> = []
        for member in members {
            seen.insert(member.key)
            if extensions, member.key.hasPrefix("x-") { continue }
            guard allowed.contains(member.key) else {
                reportUnknownKey(member, in: path, allowed: allowed)
                continue
            }
            if member.value.isNull {
                if required.contains(member.key) {
                    report(member.value, path.key(member.key), "is required and may not be empty")
                }
                continue
            }
            result.set(member.key, member.value)
        }
        for name in required where !seen.contains(name) {
            report(node, path, "missing required field \"\(name)\"")
        }
        return result
    }

    /// The members of any mapping, keys as text; reports a non-mapping or a key that is not a scalar.
    mutating func members(_ node: Node, _ path: ScenarioPath) -> [MappingMember]? {
        guard case .mapping(let mapping) = node else {
            report(node, path, "expected a mapping, got \(node.typeName)")
            return nil
        }
        var out: [MappingMember] = []
        for (key, value) in mapping {
            guard let text = key.scalarText else {
                report(key, path, "a key must be a plain value, got \(key.typeName)")
                continue
            }
            if text == "<<", key.isPlainScalar {
                report(key, path, "merge keys (<<) are not supported; write the fields out")
                continue
            }
            out.append(MappingMember(key: text, keyNode: key, value: value))
        }
        return out
    }

    private mutating func reportUnknownKey(_ member: MappingMember, in path: ScenarioPath, allowed: [String]) {
        let (line, column) = member.keyNode.position
        var message = "unknown key \"\(member.key)\""
        if let guess = Self.closest(to: member.key, in: allowed) { message += " (did you mean \"\(guess)\"?)" }
        message += allowed.isEmpty ? "; no keys are expected here" : "; expected one of \(allowed.joined(separator: ", "))"
        if path.text.isEmpty { message += " (or an x- key for YAML anchors)" }
        let full = path.text.isEmpty ? message : "\(path.text): \(message)"
        appendProblem(ScenarioProblem(line: line, column: column, path: path.key(member.key).text, message: full))
    }

    /// The allowed key nearest to a misspelt one (at most two edits away), for "did you mean".
    static func closest(to word: String, in candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let c = Array(candidate.lowercased())
            let d = editDistance(target, c)
            if d <= min(2, max(1, c.count / 3)), d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// Edit distance counting a swap of neighbours as one edit (`nmae` is one from `name`);
    /// keys are short, so the quadratic table is fine.
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
