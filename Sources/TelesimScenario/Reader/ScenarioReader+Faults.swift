import TelesimCore
import Yams

/// `faults`: injected latency, errors and dropped connections.
extension ScenarioReader {
    /// The provider names a fault may match (as in `?provider=` filters and reports).
    static let faultProviders = ["edesy-agents", "edesy-masking", "voiso", "exotel", "ringyo"]
    /// The HTTP methods a fault or a step may name.
    static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]

    /// Reads `faults: [{match, times, probability, delay, respond}]`.
    mutating func readFaults(_ node: Node, _ path: ScenarioPath) -> [FaultRule] {
        guard let items = list(node, path) else { return [] }
        return items.enumerated().compactMap { i, item in readFault(item, path.index(i)) }
    }

    /// One rule: a `faults` entry, or the body of `POST /_telesim/faults` (see `ScenarioLoader.faultRule`).
    mutating func readFault(_ item: Node, _ p: ScenarioPath) -> FaultRule? {
        guard let f = fields(item, p, allowed: ["match", "times", "probability", "delay", "respond"], required: ["match"]) else { return nil }
        var rule = FaultRule(match: FaultRule.Match())
        if let n = f["match"], let match = readFaultMatch(n, p.key("match")) { rule.match = match }
        if let n = f["times"] { rule.times = int(n, p.key("times"), min: 1).flatMap { Int(exactly: $0) } }
        if let n = f["probability"], let x = number(n, p.key("probability")) {
            if (0...1).contains(x) { rule.probability = x } else { report(n, p.key("probability"), "expected a probability from 0 to 1, got \(n.quoted)") }
        }
        if let n = f["delay"] { rule.delay = duration(n, p.key("delay")) }
        if let n = f["respond"] { rule.respond = readFaultResponse(n, p.key("respond")) }
        if f["delay"] == nil, f["respond"] == nil {
            report(item, p, "a fault needs respond or delay (or both), else it changes nothing")
        }
        return rule
    }

    /// `match: {provider, method, path}`; every field optional, an empty match matches every request.
    private mutating func readFaultMatch(_ node: Node, _ path: ScenarioPath) -> FaultRule.Match? {
        guard let f = fields(node, path, allowed: ["provider", "method", "path"]) else { return nil }
        var match = FaultRule.Match()
        if let n = f["provider"] { match.provider = oneOf(n, path.key("provider"), Self.faultProviders) }
        if let n = f["method"] { match.method = method(n, path.key("method")) }
        if let n = f["path"] { match.path = requestPath(n, path.key("path")) }
        return match
    }

    /// `respond:` exactly one of `{error}`, `{status, body}` or `{drop: true}`.
    private mutating func readFaultResponse(_ node: Node, _ path: ScenarioPath) -> FaultRule.Response? {
        guard let f = fields(node, path, allowed: ["error", "status", "body", "drop"]) else { return nil }
        let forms = [f["error"] != nil, f["status"] != nil || f["body"] != nil, f["drop"] != nil].filter { $0 }.count
        guard forms == 1 else {
            report(node, path, "expected exactly one of error, status (with an optional body) or drop")
            return nil
        }
        if let n = f["error"] {
            let names = FaultRule.NeutralError.allCases.map(\.rawValue)
            return oneOf(n, path.key("error"), names).flatMap(FaultRule.NeutralError.init(rawValue:)).map(FaultRule.Response.error)
        }
        if let n = f["drop"] {
            guard let drop = bool(n, path.key("drop")) else { return nil }
            guard drop else {
                report(n, path.key("drop"), "expected true; leave respond out to let requests through")
                return nil
            }
            return .drop
        }
        guard let statusNode = f["status"] else {
            report(node, path, "missing required field \"status\" (a body needs a status)")
            return nil
        }
        guard let status = int(statusNode, path.key("status"), min: 100, max: 599) else { return nil }
        var body = ""
        if let n = f["body"] {
            if n.scalarTag == .str, let text = n.scalarText {
                body = text
            } else if let json = json(n, path.key("body")) {
                body = json.serialized
            }
        }
        return .raw(status: Int(status), body: body)
    }

    /// An HTTP method, in capitals (`post` is accepted and stored as `POST`).
    mutating func method(_ node: Node, _ path: ScenarioPath) -> String? {
        guard node.scalarTag == .str, let text = node.scalarText, Self.methods.contains(text.uppercased()) else {
            report(node, path, "expected an HTTP method, one of \(Self.methods.joined(separator: ", ")), got \(node.quoted)")
            return nil
        }
        return text.uppercased()
    }

    /// A request path, which starts with `/` or with a variable that expands to one (`${telesim}/…`);
    /// it may hold `${var}` and, in faults, `*` and `**`.
    mutating func requestPath(_ node: Node, _ path: ScenarioPath) -> String? {
        guard let text = string(node, path) else { return nil }
        guard text.hasPrefix("/") || text.hasPrefix("${") else {
            report(node, path, "expected a path starting with /, got \"\(text)\"")
            return nil
        }
        return text
    }
}
