import Foundation
import Hummingbird
import NIOCore
import Testing
import TelesimApp
import TelesimCore
import TelesimTestSupport

/// What a receiver was sent, in order, and how often `/flaky` failed.
actor Inbox {
    private(set) var bodies: [String] = []
    private var flakyFailures = 0
    func record(_ body: String) { bodies.append(body) }
    /// Whether `/flaky` should fail this `call.started` delivery (the first two times).
    func shouldFail() -> Bool {
        flakyFailures += 1
        return flakyFailures <= 2
    }
}

/// Runs a real local webhook receiver for `body`: `/flaky` answers 500 to the first two
/// `call.started` deliveries, `/down` always 500, `/hang` does not answer within the test's webhook
/// timeout, anything else 200.
func withReceiver(_ body: @escaping @Sendable (_ port: Int, _ inbox: Inbox) async throws -> Void) async throws {
    let inbox = Inbox()
    let router = Router()
    router.post("/{kind}") { request, context -> Response in
        let text = String(buffer: try await request.body.collect(upTo: 1 << 20))
        await inbox.record(text)
        switch context.parameters.get("kind") ?? "" {
        case "down":
            return Response(status: .internalServerError)
        case "hang":
            try await Task.sleep(for: .milliseconds(1500))
            return Response(status: .ok)
        case "flaky" where text.contains("\"call.started\""):
            return Response(status: await inbox.shouldFail() ? .internalServerError : .ok)
        default:
            return Response(status: .ok)
        }
    }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in try await body(client.port!, inbox) }
}

/// The delivery engine end to end: a real receiver, Ringyo's documented retry schedule, order,
/// and `clock/advance` returning only after the due deliveries.
@Suite struct WebhookDeliveryTests {
    static func world(_ url: String) -> String {
        """
        telesim: 1
        name: webhooks
        providers:
          ringyo:
            accounts:
              - id: acme
                api_keys: [KEY]
                credits: 100.00
                numbers: ["+18005551234"]
                webhook_url: "\(url)"
                agents: [{id: agent_abc123}]
        """
    }

    static let body = #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#
    static let auth = ["Authorization": "Bearer KEY"]

    /// Attempts of the delivery of `event`, as (simulated instant, status).
    static func attempts(_ sim: TestSimulator, event: String) async throws -> (String, [(String, JSON)]) {
        let log = try await sim.send(.get, "/_telesim/webhooks")
        let d = try #require(log.json["webhooks"]?.arrayValue?.first { $0["event"] == .string(event) })
        let attempts = (d["attempts"]?.arrayValue ?? []).map { ($0["simulated_at"]?.stringValue ?? "", $0["status"] ?? .null) }
        return (d["status"]?.stringValue ?? "", attempts)
    }

    @Test func aReceiverFailingTwiceGetsThreeAttemptsAtTheBackoffInstants() async throws {
        try await withReceiver { port, _ in try await TestSimulator.run(scenario: Self.world("http://127.0.0.1:\(port)/flaky"), mode: .live) { sim in
            _ = try await sim.send(.post, "/v1/calls", headers: Self.auth, json: Self.body)
            try await sim.advance("1m")
            let (status, attempts) = try await Self.attempts(sim, event: "call.started")
            #expect(status == "delivered")
            // First at creation; then 1 s after the first failure, 5 s after the second.
            #expect(attempts.map(\.0) == ["2026-04-10T06:25:00.000Z", "2026-04-10T06:25:01.000Z", "2026-04-10T06:25:06.000Z"])
            #expect(attempts.map(\.1) == [500, 500, 200])
        } }
    }

    @Test func aReceiverThatAlwaysFailsGetsSixAttemptsThenFailed() async throws {
        try await withReceiver { port, _ in try await TestSimulator.run(scenario: Self.world("http://127.0.0.1:\(port)/down"), mode: .live) { sim in
            _ = try await sim.send(.post, "/v1/calls", headers: Self.auth, json: Self.body)
            try await sim.advance("5m")
            let (during, _) = try await Self.attempts(sim, event: "call.started")
            #expect(during == "retrying")
            try await sim.advance("10m")
            let (status, attempts) = try await Self.attempts(sim, event: "call.started")
            #expect(status == "failed")
            #expect(attempts.map(\.0) == ["2026-04-10T06:25:00.000Z", "2026-04-10T06:25:01.000Z", "2026-04-10T06:25:06.000Z",
                                          "2026-04-10T06:25:36.000Z", "2026-04-10T06:27:36.000Z", "2026-04-10T06:37:36.000Z"])
            let failed = try await sim.send(.get, "/_telesim/webhooks?status=failed")
            #expect(failed.json["total"] == 4)
        } }
    }

    @Test func aReceiverThatNeverAnswersIsGivenUpOn() async throws {
        var args = AppArguments(port: 0)
        args.webhookTimeout = 100
        let arguments = args
        try await withReceiver { port, _ in try await TestSimulator.run(scenario: Self.world("http://127.0.0.1:\(port)/hang"), mode: .live, arguments: arguments) { sim in
            _ = try await sim.send(.post, "/v1/calls", headers: Self.auth, json: Self.body)
            try await sim.advance("15m")
            let (status, attempts) = try await Self.attempts(sim, event: "call.started")
            #expect(status == "failed")
            #expect(attempts.count == 6)
            let log = try await sim.send(.get, "/_telesim/webhooks")
            let first = log.json["webhooks"]?.arrayValue?.last?["attempts"]?.arrayValue?.first
            #expect(first?["status"] == .null)
            #expect(first?["error"]?.stringValue?.contains("timed out") == true)
        } }
    }

    @Test func eventsOfOneCallArriveInOrderAndAdvanceReturnsAfterThem() async throws {
        try await withReceiver { port, inbox in try await TestSimulator.run(scenario: Self.world("http://127.0.0.1:\(port)/ok"), mode: .live) { sim in
            for _ in 0..<5 { _ = try await sim.send(.post, "/v1/calls", headers: Self.auth, json: Self.body) }
            try await sim.advance("45s")
            // No sleep: the advance answered only after every due delivery finished.
            let bodies = await inbox.bodies.compactMap { try? JSON.parse($0) }
            #expect(bodies.count == 20)
            var perCall: [String: [String]] = [:]
            for b in bodies { perCall[b["data"]?["id"]?.stringValue ?? "", default: []].append(b["event"]?.stringValue ?? "") }
            #expect(perCall.count == 5)
            #expect(perCall.values.allSatisfy { $0 == ["call.started", "call.ringing", "call.answered", "call.completed"] })
        } }
    }

    /// An advance runs many quiet entries (no webhook) per hold of the world's lock; an instant that
    /// makes an attempt due still sends it at that instant, after every earlier entry.
    @Test func attemptsBehindHundredsOfQuietEntriesKeepTheirInstants() async throws {
        try await withReceiver { port, _ in
            let world = Self.world("http://127.0.0.1:\(port)/down") + """

                  - id: quiet
                    api_keys: [QUIET]
                    credits: 100000.00
                    numbers: ["+18005550000"]
                    agents: [{id: agent_abc123}]
            """
            try await TestSimulator.run(scenario: world, mode: .live) { sim in
                var quiet: [String] = []
                for _ in 0..<300 {
                    let r = try await sim.send(.post, "/v1/calls", headers: ["Authorization": "Bearer QUIET"], json: Self.body)
                    quiet.append(try #require(r.json["id"]?.stringValue))
                }
                _ = try await sim.send(.post, "/v1/calls", headers: Self.auth, json: Self.body)
                try await sim.advance("1m")
                // 300 calls' entries fall due at the same instants as the retries (1 s: every dial).
                let (_, attempts) = try await Self.attempts(sim, event: "call.started")
                #expect(attempts.map(\.0) == ["2026-04-10T06:25:00.000Z", "2026-04-10T06:25:01.000Z", "2026-04-10T06:25:06.000Z",
                                              "2026-04-10T06:25:36.000Z"])
                for id in [quiet[0], quiet[299]] {
                    let call = try await sim.send(.get, "/v1/calls/\(id)", headers: ["Authorization": "Bearer QUIET"])
                    #expect(call.json["status"] == "completed")
                }
            }
        }
    }

    @Test func withAnAdminTokenWebhooksStillReachTheOwnSink() async throws {
        var args = AppArguments(port: 0)
        args.adminToken = "tok-123456789"
        try await TestSimulator.run(mode: .live, arguments: args) { sim in
            let admin = ["Authorization": "Bearer tok-123456789"]
            _ = try await sim.send(.post, "/v1/calls", headers: ["Authorization": "Bearer YOUR_API_KEY"], json: Self.body)
            _ = try await sim.send(.post, "/_telesim/clock/advance", headers: admin, json: #"{"by":"45s"}"#)
            let sink = try await sim.send(.get, "/_telesim/sink/ringyo", headers: admin)
            #expect(sink.json["total"] == 4)
        }
    }
}
