import Foundation
import TelesimCore
import TelesimScenario

/// What a file's steps share: where the simulator is, the variables saved so far, the last answer.
struct StepContext {
    var base: String
    /// `/_telesim`, or `/_telesim/sandboxes/<id>` when running against a target.
    var adminPrefix: String
    var variables: [String: JSON]
    var lastStatus: Int?
    var lastBody: JSON?
    var lastText: String?
}

/// A step failed: why.
struct StepFailure: Error {
    var message: String
    var diff: String?
}

extension ScenarioRunner {
    func run(_ step: Step, context: inout StepContext) async -> StepResult {
        do {
            if let send = step.send { try await perform(send, context: &context) }
            if let advance = step.advance {
                let r = try await admin("POST", "/clock/advance", body: .obj(["by": .string(SimDuration.format(advance))]), context: context)
                guard r.status == 200 else { throw StepFailure(message: "advance failed: \(r.status) \(r.body)") }
            }
            if let expect = step.expect { try await check(expect, context: context) }
            for (name, path) in step.save {
                guard let body = context.lastBody, let value = JSONMatch.value(at: path, in: body) else {
                    throw StepFailure(message: "save \(name): no value at \(path) in the response")
                }
                context.variables[name] = value
            }
            return StepResult(index: 0, line: step.line, name: "", outcome: .passed, message: nil, diff: nil, durationMs: 0)
        } catch let failure as StepFailure {
            return StepResult(index: 0, line: step.line, name: "", outcome: .failed, message: failure.message, diff: failure.diff, durationMs: 0)
        } catch {
            return StepResult(index: 0, line: step.line, name: "", outcome: .failed, message: "\(error)", diff: nil, durationMs: 0)
        }
    }

    func perform(_ send: SendSpec, context: inout StepContext) async throws {
        var path = try expand(send.path, context.variables)
        if path.hasPrefix("/_telesim/") && context.adminPrefix != "/_telesim" {
            path = context.adminPrefix + path.dropFirst("/_telesim".count)
        }
        let url = path.hasPrefix("http://") || path.hasPrefix("https://") ? path : context.base + path
        var headers: [Header] = []
        for (k, v) in send.headers { headers.append(Header(k, try expand(v, context.variables))) }
        var body: [UInt8]?
        if let json = send.json {
            body = Array(try expand(json, context.variables).serialized.utf8)
            if !headers.contains(where: { $0.name.lowercased() == "content-type" }) { headers.append(Header("Content-Type", "application/json")) }
        } else if let text = send.body {
            body = Array(try expand(text, context.variables).utf8)
        }
        if path.contains("/_telesim/"), let adminToken, !headers.contains(where: { $0.name.lowercased() == "authorization" }) {
            headers.append(Header("Authorization", "Bearer \(adminToken)"))
        }
        let r = try await http.exchange(method: send.method.uppercased(), url: url, headers: headers, body: body)
        context.lastStatus = r.status
        context.lastText = r.body
        context.lastBody = try? JSON.parse(r.body)
    }

    func check(_ expect: Expectation, context: StepContext) async throws {
        if let status = expect.status {
            guard let got = context.lastStatus else { throw StepFailure(message: "expected status \(status), but no request was sent") }
            guard got == status else { throw StepFailure(message: "expected status \(status), got \(got): \(context.lastText ?? "")") }
        }
        if let json = expect.json {
            let expected = try expand(json, context.variables)
            guard let actual = context.lastBody else {
                throw StepFailure(message: "expected a JSON body containing \(expected.serialized), got \(context.lastText.map { "\"\($0)\"" } ?? "nothing")")
            }
            if let why = JSONMatch.mismatch(expected: expected, actual: actual) {
                throw StepFailure(message: why, diff: JSONMatch.diff(expected: expected, actual: actual))
            }
        }
        if let hooks = expect.webhooks {
            let sink = try expand(hooks.sink, context.variables)
            let r = try await admin("GET", "/sink/\(sink)", body: nil, context: context)
            let requests = (try? JSON.parse(r.body))?["requests"]?.arrayValue ?? []
            let events = requests.map { Self.eventName($0["json"] ?? .null) ?? "?" }
            if let expected = hooks.events, expected != events {
                throw StepFailure(message: "sink \(sink): expected events \(expected), got \(events)",
                                  diff: JSONMatch.diff(expected: .array(expected.map(JSON.string)), actual: .array(events.map(JSON.string))))
            }
            if let count = hooks.count, count != requests.count {
                throw StepFailure(message: "sink \(sink): expected \(count) requests, got \(requests.count)")
            }
        }
        if let call = expect.call {
            let id = try expand(call.id, context.variables)
            let r = try await admin("GET", "/calls/\(id)", body: nil, context: context)
            guard r.status == 200, let status = (try? JSON.parse(r.body))?["status"]?.stringValue else {
                throw StepFailure(message: "call \(id): \(r.status) \(r.body)")
            }
            guard status == call.status else { throw StepFailure(message: "call \(id): expected status \(call.status), got \(status)") }
        }
    }

    /// A webhook's event name, wherever its provider puts it.
    static func eventName(_ body: JSON) -> String? {
        body["event"]?.stringValue ?? body["type"]?.stringValue ?? body["event_details"]?["event_type"]?.stringValue
    }

    func admin(_ method: String, _ path: String, body: JSON?, context: StepContext) async throws -> RunnerHTTPResponse {
        try await http.exchange(method: method, url: context.base + context.adminPrefix + path, headers: adminHeaders(),
                                body: body.map { Array($0.serialized.utf8) })
    }

    /// Expands `${name}` in a string from the saved variables.
    func expand(_ text: String, _ variables: [String: JSON]) throws -> String {
        guard text.contains("${") else { return text }
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { out += rest[start.lowerBound...]; return out }
            let name = String(rest[start.upperBound..<end])
            guard let value = variables[name] else { throw StepFailure(message: "unknown variable ${\(name)}") }
            out += value.stringValue ?? value.serialized
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    /// Expands variables in every string of a JSON value; a string that is exactly `${name}` takes the saved value itself.
    func expand(_ json: JSON, _ variables: [String: JSON]) throws -> JSON {
        switch json {
        case .string(let s):
            if s.hasPrefix("${"), s.hasSuffix("}"), s.dropFirst(2).dropLast().allSatisfy({ $0 != "}" && $0 != "$" }),
               let value = variables[String(s.dropFirst(2).dropLast())] {
                return value
            }
            return .string(try expand(s, variables))
        case .array(let items): return .array(try items.map { try expand($0, variables) })
        case .object(let members): return .object(try members.map { ($0.0, try expand($0.1, variables)) })
        default: return json
        }
    }
}
