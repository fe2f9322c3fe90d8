import Foundation
import Testing
import TelesimApp
import TelesimCore
import TelesimTestSupport

/// Realtime mode: the clock follows the wall clock times its speed, and `wait` answers when a call
/// reaches a status (or 408 at its timeout).
@Suite struct RealtimeTests {
    static let world = """
    telesim: 1
    name: realtime
    clock: { mode: realtime, speed: 120 }
    providers:
      ringyo:
        accounts:
          - id: rt
            api_keys: [RT_KEY]
            credits: 10.00
            numbers: ["+18005551234"]
            agents: [{id: agent_abc123}]
    """

    @Test func waitAnswersWhenTheCallCompletes() async throws {
        try await TestSimulator.run(scenario: Self.world, mode: .live) { sim in
            let created = try await sim.send(.post, "/v1/calls", headers: ["Authorization": "Bearer RT_KEY"],
                                             json: #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#)
            let id = try #require(created.json["id"]?.stringValue)
            // 34 s of simulated time at speed 120 is under 0.3 s of wall time.
            let done = try await sim.send(.get, "/_telesim/calls/\(id)/wait?status=completed&timeout=10s")
            #expect(done.status == 200)
            #expect(done.json["status"] == "completed")
            let timedOut = try await sim.send(.get, "/_telesim/calls/\(id)/wait?status=ringing&timeout=100ms")
            #expect(timedOut.status == 409)
            let clock = try await sim.send(.get, "/_telesim/clock")
            #expect(clock.json["mode"] == "realtime")
            #expect(try await sim.send(.post, "/_telesim/clock/advance", json: #"{"by":"1s"}"#).status == 409)
        }
    }
}
