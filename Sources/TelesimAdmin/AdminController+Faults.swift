import Hummingbird
import ProviderKit
import TelesimCore

extension AdminController {
    /// Provider names a fault may match.
    static let providerNames = ["edesy-agents", "edesy-masking", "voiso", "exotel", "ringyo"]

    @Sendable func listFaults(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let state = await world.state
            let rules = state.faultRules
            let fired = state.faultsFired
            return Self.json(.ok, .obj([
                "faults": .array(rules.enumerated().map { AdminJSON.fault($1, fired: fired.indices.contains($0) ? fired[$0] : 0) }),
                "total": .int(Int64(rules.count)),
            ]))
        }
    }

    @Sendable func addFault(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let rule = try Self.faultRule(try await Self.bodyJSON(request))
            await world.transact { $0.addFault(rule) }
            return Self.json(.created, AdminJSON.fault(rule, fired: 0))
        }
    }

    @Sendable func clearFaults(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            await world.transact { $0.clearFaults() }
            return Response(status: .noContent)
        }
    }

    /// A fault rule from its JSON form (the same fields as a scenario's `faults` entry).
    static func faultRule(_ json: JSON) throws(AdminError) -> FaultRule {
        guard case .object(let members) = json else { throw .badRequest("expected a fault rule object") }
        for (key, _) in members where !["match", "times", "probability", "delay", "respond"].contains(key) {
            throw .unprocessable("unknown key \"\(key)\" (expected match, times, probability, delay, respond)")
        }
        var match = FaultRule.Match()
        if let m = json["match"] {
            guard case .object(let fields) = m else { throw .unprocessable("match: expected an object") }
            for (key, value) in fields {
                guard let text = value.stringValue else { throw .unprocessable("match.\(key): expected a string") }
                switch key {
                case "provider":
                    guard providerNames.contains(text) else { throw .unprocessable("match.provider: expected one of \(providerNames.joined(separator: ", "))") }
                    match.provider = text
                case "method": match.method = text.uppercased()
                case "path": match.path = text
                default: throw .unprocessable("match: unknown key \"\(key)\" (expected provider, method, path)")
                }
            }
        }
        var rule = FaultRule(match: match)
        if let t = json["times"] {
            guard let v = t.intValue, v >= 1 else { throw .unprocessable("times: expected an integer of at least 1") }
            rule.times = Int(v)
        }
        if let p = json["probability"] {
            guard let v = p.doubleValue, v >= 0, v <= 1 else { throw .unprocessable("probability: expected a number from 0 to 1") }
            rule.probability = v
        }
        if let d = json["delay"] {
            switch FieldKind.duration.normalize(d) {
            case .success(let v): rule.delay = v.intValue
            case .failure(let e): throw .unprocessable("delay: \(e.message)")
            }
        }
        if let r = json["respond"] {
            if let e = r["error"] {
                guard let name = e.stringValue, let neutral = FaultRule.NeutralError(rawValue: name) else {
                    throw .unprocessable("respond.error: expected one of \(FaultRule.NeutralError.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                rule.respond = .error(neutral)
            } else if let s = r["status"] {
                guard let code = s.intValue, (100...599).contains(code) else { throw .unprocessable("respond.status: expected an HTTP status from 100 to 599") }
                let body = r["body"].map { $0.stringValue ?? $0.serialized } ?? ""
                rule.respond = .raw(status: Int(code), body: body)
            } else if r["drop"]?.boolValue == true {
                rule.respond = .drop
            } else {
                throw .unprocessable("respond: expected {\"error\": …}, {\"status\": …, \"body\": …} or {\"drop\": true}")
            }
        }
        guard rule.delay != nil || rule.respond != nil else { throw .unprocessable("a fault needs delay or respond") }
        return rule
    }
}
