import Hummingbird
import ProviderKit
import TelesimCore
import TelesimScenario

extension AdminController {
    @Sendable func listFaults(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            let (rules, fired) = world.read { ($0.faultRules, $0.faultsFired) }
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
            world.transact { $0.addFault(rule) }
            return Self.json(.created, AdminJSON.fault(rule, fired: 0))
        }
    }

    @Sendable func clearFaults(_ request: Request, context: TelesimRequestContext) async -> Response {
        await Self.handle { () throws(AdminError) in
            let world = try world(context)
            world.transact { $0.clearFaults() }
            return Response(status: .noContent)
        }
    }

    /// A fault rule from its JSON form, read by the scenario reader (one set of rules for both).
    static func faultRule(_ json: JSON) throws(AdminError) -> FaultRule {
        guard json.isObject else { throw .badRequest("expected a fault rule object") }
        do {
            return try ScenarioLoader.faultRule(json)
        } catch {
            throw .unprocessable(error.problems.map(\.message).joined(separator: "; "))
        }
    }
}
