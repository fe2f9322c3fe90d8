import TelesimCore
import Yams

/// `steps`: the QA replay. Strings keep `${telesim}` and `${var}` as written; `telesim run`
/// expands them when it sends each step.
extension ScenarioReader {
    /// Reads `steps: [{name, send, advance, expect, save}]`.
    mutating func readSteps(_ node: Node, _ path: ScenarioPath) -> [Step] {
        guard let items = list(node, path) else { return [] }
        var steps: [Step] = []
        for (i, item) in items.enumerated() {
            let p = path.index(i)
            guard let f = fields(item, p, allowed: ["name", "send", "advance", "expect", "save"]) else { continue }
            var step = Step(line: item.position.line)
            if f["send"] == nil, f["advance"] == nil, f["expect"] == nil {
                report(item, p, "a step needs at least one of send, advance or expect")
            }
            if let n = f["name"] { step.name = string(n, p.key("name")) }
            if let n = f["send"] { step.send = readSend(n, p.key("send")) }
            if let n = f["advance"] { step.advance = duration(n, p.key("advance")) }
            if let n = f["expect"] { step.expect = readExpect(n, p.key("expect"), hasSend: f["send"] != nil) }
            if let n = f["save"] {
                if f["send"] == nil { report(n, p.key("save"), "save reads the response of this step's send, and the step has none") }
                step.save = readSave(n, p.key("save"))
            }
            steps.append(step)
        }
        return steps
    }

    /// `send: {method, path, headers, json | body}`.
    private mutating func readSend(_ node: Node, _ path: ScenarioPath) -> SendSpec? {
        guard let f = fields(node, path, allowed: ["method", "path", "headers", "json", "body"], required: ["method", "path"]) else { return nil }
        let method = f["method"].flatMap { self.method($0, path.key("method")) }
        let target = f["path"].flatMap { requestPath($0, path.key("path")) }
        var send = SendSpec(method: method ?? "GET", path: target ?? "/")
        if let n = f["headers"], let members = members(n, path.key("headers")) {
            for member in members {
                if let value = headerValue(member.value, path.key("headers").key(member.key)) { send.headers.append((member.key, value)) }
            }
        }
        if f["json"] != nil, let n = f["body"] {
            report(n, path.key("body"), "a request has either json or body, not both")
        }
        if let n = f["json"] { send.json = json(n, path.key("json")) }
        if let n = f["body"] { send.body = string(n, path.key("body")) }
        guard method != nil, target != nil else { return nil }
        return send
    }

    /// A header value: any scalar, as written (`X-Count: 3` sends "3").
    private mutating func headerValue(_ node: Node, _ path: ScenarioPath) -> String? {
        guard case .scalar = node, !node.isNull, let text = node.scalarText else {
            report(node, path, "expected a header value, got \(node.typeName)")
            return nil
        }
        return text
    }

    /// `expect: {status, json, webhooks, call}`; status and json check this step's response.
    private mutating func readExpect(_ node: Node, _ path: ScenarioPath, hasSend: Bool) -> Expectation? {
        guard let f = fields(node, path, allowed: ["status", "json", "webhooks", "call"]) else { return nil }
        var expect = Expectation()
        if f["status"] == nil, f["json"] == nil, f["webhooks"] == nil, f["call"] == nil {
            report(node, path, "expected at least one of status, json, webhooks or call")
        }
        for key in ["status", "json"] where f[key] != nil && !hasSend {
            if let n = f[key] { report(n, path.key(key), "\(key) checks the response of this step's send, and the step has none") }
        }
        if let n = f["status"] { expect.status = int(n, path.key("status"), min: 100, max: 599).map { Int($0) } }
        if let n = f["json"] { expect.json = json(n, path.key("json")) }
        if let n = f["webhooks"] { expect.webhooks = readWebhookExpectation(n, path.key("webhooks")) }
        if let n = f["call"] { expect.call = readCallExpectation(n, path.key("call")) }
        return expect
    }

    /// `webhooks: {sink, events, count}`.
    private mutating func readWebhookExpectation(_ node: Node, _ path: ScenarioPath) -> WebhookExpectation? {
        guard let f = fields(node, path, allowed: ["sink", "events", "count"], required: ["sink"]) else { return nil }
        guard let sink = f["sink"].flatMap({ string($0, path.key("sink")) }) else { return nil }
        var expectation = WebhookExpectation(sink: sink)
        if let n = f["events"], let items = list(n, path.key("events")) {
            expectation.events = items.enumerated().compactMap { i, item in string(item, path.key("events").index(i)) }
        }
        if let n = f["count"] { expectation.count = int(n, path.key("count"), min: 0).flatMap { Int(exactly: $0) } }
        return expectation
    }

    /// `call: {id, status}`: a call by id or saved variable, and the neutral status it must have.
    private mutating func readCallExpectation(_ node: Node, _ path: ScenarioPath) -> CallExpectation? {
        guard let f = fields(node, path, allowed: ["id", "status"], required: ["id", "status"]) else { return nil }
        let id = f["id"].flatMap { text($0, path.key("id")) }
        let status = f["status"].flatMap { oneOf($0, path.key("status"), CallStatus.allCases.map(\.rawValue)) }
        guard let id, let status else { return nil }
        return CallExpectation(id: id, status: status)
    }

    /// `save: {variable: json.path}`; a variable is a word, and `telesim` is taken.
    private mutating func readSave(_ node: Node, _ path: ScenarioPath) -> [(String, String)] {
        guard let members = members(node, path) else { return [] }
        var out: [(String, String)] = []
        for member in members {
            let p = path.key(member.key)
            let isWord = member.key.first.map { $0.isLetter || $0 == "_" } ?? false
                && member.key.allSatisfy { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
            guard isWord, member.key != "telesim" else {
                report(member.keyNode, p, "expected a variable name (letters, digits and _, not telesim), got \"\(member.key)\"")
                continue
            }
            if let jsonPath = string(member.value, p) { out.append((member.key, jsonPath)) }
        }
        return out
    }
}
