import Foundation
import Synchronization
import Testing
import TelesimApp
import TelesimCore
import TelesimTestSupport
import TelesimWebhooks

@Suite struct FaultTests {
    static let call = #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#
    static let auth = ["Authorization": "Bearer YOUR_API_KEY"]

    @Test func aFaultWithTimesTwoFiresExactlyTwice() async throws {
        try await TestSimulator.run { sim in
            let added = try await sim.send(.post, "/_telesim/faults",
                                           json: #"{"match":{"provider":"ringyo","method":"POST","path":"/v1/calls"},"times":2,"respond":{"error":"internal"}}"#)
            #expect(added.status == 201)
            var statuses: [Int] = []
            for _ in 0..<4 { statuses.append(try await sim.send(.post, "/v1/calls", headers: Self.auth, json: Self.call).status) }
            #expect(statuses == [500, 500, 201, 201])
            let faults = try await sim.send(.get, "/_telesim/faults")
            #expect(faults.json["faults"]?.arrayValue?.first?["fired"] == 2)
            // A fault changes nothing in the world: two calls exist, not four.
            #expect(try await sim.send(.get, "/_telesim/calls").json["total"] == 2)
        }
    }

    /// `POST /_telesim/faults` checks a rule exactly as a scenario's `faults` entry is checked.
    @Test(arguments: [
        (#"{"match":{"provider":"twilio"},"respond":{"error":"internal"}}"#,
         "match.provider: expected one of edesy-agents, edesy-masking, voiso, exotel, ringyo, got \"twilio\""),
        (#"{"match":{"method":"FETCH"},"respond":{"error":"internal"}}"#,
         "match.method: expected an HTTP method, one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, got \"FETCH\""),
        (#"{"match":{"path":"v1/calls"},"respond":{"error":"internal"}}"#, "match.path: expected a path starting with /, got \"v1/calls\""),
        (#"{"respond":{"error":"internal","drop":true}}"#, "respond: expected exactly one of error, status (with an optional body) or drop"),
        (#"{"times":0,"respond":{"drop":true}}"#, "times: expected an integer of at least 1, got 0"),
        (#"{"match":{}}"#, "a fault needs respond or delay (or both), else it changes nothing"),
        (#"{"respond":{"error":"internal"},"colour":"red"}"#, "unknown key \"colour\""),
    ])
    func aBadRuleIsRefusedLikeInAScenario(body: String, message: String) async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.post, "/_telesim/faults", json: body)
            #expect(r.status == 422)
            #expect(r.json["error"]?.stringValue?.hasPrefix(message) == true, "\(r.text)")
            #expect(try await sim.send(.get, "/_telesim/faults").json["total"] == 0)
        }
    }

    @Test func aRuleWithoutMatchMatchesEveryRequest() async throws {
        try await TestSimulator.run { sim in
            #expect(try await sim.send(.post, "/_telesim/faults", json: #"{"times":1,"respond":{"status":503,"body":{"down":true}}}"#).status == 201)
            let r = try await sim.send(.post, "/v1/calls", headers: Self.auth, json: Self.call)
            #expect(r.status == 503)
            #expect(r.text == #"{"down":true}"#)
        }
    }

    @Test func faultsActBeforeAuthentication() async throws {
        try await TestSimulator.run { sim in
            _ = try await sim.send(.post, "/_telesim/faults", json: #"{"match":{"provider":"ringyo"},"respond":{"error":"rate_limited"}}"#)
            let r = try await sim.send(.post, "/v1/calls", headers: ["Authorization": "Bearer nobody"], json: Self.call)
            #expect(r.status == 429)
            #expect(r.json["error"]?["code"] == "rate_limit_exceeded")
            // Its window ends a simulated minute after the default clock's 2026-04-10T06:25:00Z.
            #expect(r.header("X-RateLimit-Reset") == "1775802360")
            #expect(r.json["error"]?["details"]?["reset"] == 1775802360)
            #expect(r.header("X-RateLimit-Remaining") == "0")
        }
    }

    @Test func probabilityFaultsRepeatForTheSameSeed() async throws {
        func pattern() async throws -> [Int] {
            let out = Collected()
            try await TestSimulator.run { sim in
                _ = try await sim.send(.post, "/_telesim/faults", json: #"{"match":{"provider":"ringyo"},"probability":0.5,"respond":{"status":503,"body":"{}"}}"#)
                var statuses: [Int] = []
                for _ in 0..<20 { statuses.append(try await sim.send(.get, "/v1/calls", headers: Self.auth).status) }
                out.set(statuses)
            }
            return out.get()
        }
        let first = try await pattern()
        let second = try await pattern()
        #expect(first == second)
        #expect(first.contains(503) && first.contains(200))
    }
}

/// A value a `@Sendable` test body hands back to its caller.
final class Collected: Sendable {
    private let value = Mutex<[Int]>([])
    func set(_ v: [Int]) { value.withLock { $0 = v } }
    func get() -> [Int] { value.withLock { $0 } }
}

@Suite struct SandboxTests {
    static let sandboxWorld = """
    telesim: 1
    name: sandbox
    providers:
      ringyo:
        accounts:
          - id: other
            api_keys: [SANDBOX_KEY]
            credits: 10.00
            numbers: ["+18005550000"]
            agents: [{id: agent_x}]
    """

    @Test func sandboxesAreIsolatedAndReachedByCredential() async throws {
        try await TestSimulator.run { sim in
            let created = try await sim.send(.post, "/_telesim/sandboxes", body: Self.sandboxWorld)
            #expect(created.status == 201)
            let id = try #require(created.json["id"]?.stringValue)
            #expect(created.json["prefix"] == .string("/_telesim/sandboxes/\(id)"))

            let r = try await sim.send(.post, "/v1/calls", headers: ["Authorization": "Bearer SANDBOX_KEY"],
                                       json: #"{"phone_number":"+14155551234","agent_id":"agent_x"}"#)
            #expect(r.status == 201)
            #expect(try await sim.send(.get, "/_telesim/sandboxes/\(id)/calls").json["total"] == 1)
            #expect(try await sim.send(.get, "/_telesim/calls").json["total"] == 0)

            // Independent clocks.
            _ = try await sim.send(.post, "/_telesim/sandboxes/\(id)/clock/advance", json: #"{"by":"1h"}"#)
            #expect(try await sim.send(.get, "/_telesim/sandboxes/\(id)/clock").json["now"] == "2026-04-10T07:25:00.000Z")
            #expect(try await sim.send(.get, "/_telesim/clock").json["now"] == "2026-04-10T06:25:00.000Z")

            // A second sandbox may not own the same key.
            let clash = try await sim.send(.post, "/_telesim/sandboxes", body: Self.sandboxWorld)
            #expect(clash.status == 409)
            #expect(clash.json["error"]?.stringValue?.contains(id) == true)

            #expect(try await sim.send(.delete, "/_telesim/sandboxes/\(id)").status == 204)
            #expect(try await sim.send(.get, "/_telesim/sandboxes/\(id)/calls").status == 404)
            // Its key now reaches the root world, which does not know it.
            let gone = try await sim.send(.get, "/v1/calls", headers: ["Authorization": "Bearer SANDBOX_KEY"])
            #expect(gone.status == 401)
        }
    }
}

@Suite struct JournalTests {
    @Test func aJournalCappedAtNKeepsTheNewestN() async throws {
        var args = AppArguments(port: 0)
        args.limits = WorldLimits(journal: 5)
        try await TestSimulator.run(arguments: args) { sim in
            for i in 0..<20 { _ = try await sim.send(.get, "/v1/calls?limit=\(i + 1)", headers: ["Authorization": "Bearer YOUR_API_KEY"]) }
            let j = try await sim.send(.get, "/_telesim/requests?limit=1000")
            let queries = j.json["requests"]?.arrayValue?.compactMap { $0["query"]?.stringValue } ?? []
            #expect(Array(queries.prefix(5)) == ["limit=20", "limit=19", "limit=18", "limit=17", "limit=16"])
            #expect(queries.count <= 5)
        }
    }
}

@Suite struct JournalExportTests {
    /// Real traffic becomes a replayable QA file: the export loads, and replays green.
    @Test func theJournalExportsAsAReplayableScenario() async throws {
        let exported = Collected2()
        try await TestSimulator.run { sim in
            _ = try await sim.send(.post, "/v1/calls", headers: ["Authorization": "Bearer YOUR_API_KEY"],
                                   json: #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#)
            _ = try await sim.send(.get, "/v1/calls?limit=5", headers: ["Authorization": "Bearer YOUR_API_KEY"])
            _ = try await sim.send(.get, "/v1/calls", headers: ["Authorization": "Bearer not-a-world-key-123"])
            let r = try await sim.send(.get, "/_telesim/requests?format=scenario")
            #expect(r.status == 200)
            exported.set(r.text)
        }
        let text = exported.get()
        #expect(text.contains("steps:\n  - {\"name\":\"POST /v1/calls\""))
        #expect(text.contains("\"Authorization\":\"Bearer YOUR_API_KEY\""))
        #expect(!text.contains("not-a-world-key-123"))
        let path = NSTemporaryDirectory() + "telesim-export-\(UUID().uuidString).yaml"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let http = HTTPExchangeClient()
        let result = await ScenarioRunner(http: http).run(file: path)
        try? await http.shutdown()
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(result.steps.map(\.outcome) == [.passed, .passed, .passed])
    }

    @Test func dropClosesTheConnectionWithoutAnAnswer() async throws {
        try await TestSimulator.run(mode: .live) { sim in
            _ = try await sim.send(.post, "/_telesim/faults", json: #"{"match":{"provider":"ringyo","path":"/v1/calls/*"},"respond":{"drop":true}}"#)
            // A client of its own: the dropped connection must not be the test client's.
            let http = HTTPExchangeClient()
            let port = try #require(sim.client.port)
            await #expect(throws: (any Error).self) {
                _ = try await http.exchange(method: "GET", url: "http://127.0.0.1:\(port)/v1/calls/call_x",
                                            headers: [Header("Authorization", "Bearer YOUR_API_KEY")], body: nil)
            }
            try? await http.shutdown()
            let faults = try await sim.send(.get, "/_telesim/faults")
            #expect(faults.json["faults"]?.arrayValue?.first?["fired"] == 1)
        }
    }
}

final class Collected2: Sendable {
    private let value = Mutex("")
    func set(_ v: String) { value.withLock { $0 = v } }
    func get() -> String { value.withLock { $0 } }
}
