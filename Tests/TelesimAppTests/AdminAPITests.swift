import Foundation
import Testing
import TelesimCore
import TelesimTestSupport
import TelesimApp

/// The admin API core against the default world.
@Suite struct AdminAPITests {
    static let ringyoCall = #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#
    static let ringyoAuth = ["Authorization": "Bearer YOUR_API_KEY"]

    @Test func healthSaysOK() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.get, "/_telesim/health")
            #expect(r.status == 200)
            #expect(r.json["status"] == "ok")
            #expect(r.json["clock"] == "virtual")
        }
    }

    @Test func theClockIsVirtualAndMovesOnlyWhenTold() async throws {
        try await TestSimulator.run { sim in
            let before = try await sim.send(.get, "/_telesim/clock")
            #expect(before.text == #"{"mode":"virtual","now":"2026-04-10T06:25:00.000Z","speed":1}"#)
            let a = try await sim.send(.post, "/_telesim/clock/advance", json: #"{"by":"1m30s"}"#)
            #expect(a.json["now"] == "2026-04-10T06:26:30.000Z")
            let b = try await sim.send(.post, "/_telesim/clock/advance", json: #"{"by":90}"#)
            #expect(b.json["now"] == "2026-04-10T06:28:00.000Z")
            let bad = try await sim.send(.post, "/_telesim/clock/advance", json: #"{"by":"soon"}"#)
            #expect(bad.status == 400)
            #expect(bad.json["error"]?.stringValue?.contains("duration") == true)
        }
    }

    @Test func advancingRunsACallFromCreationToCompletion() async throws {
        try await TestSimulator.run { sim in
            let created = try await sim.send(.post, "/v1/calls", headers: Self.ringyoAuth, json: Self.ringyoCall)
            #expect(created.status == 201)
            let id = try #require(created.json["id"]?.stringValue)
            try await sim.advance("45s")
            let call = try await sim.send(.get, "/_telesim/calls/\(id)")
            #expect(call.json["status"] == "completed")
            let events = call.json["timeline"]?.arrayValue?.compactMap { $0["event"]?.stringValue }
            #expect(events == ["call.created", "leg.ringing", "leg.answered", "call.connected", "call.ended"])
            let times = call.json["timeline"]?.arrayValue?.compactMap { $0["at"]?.stringValue }
            #expect(times == ["2026-04-10T06:25:00.000Z", "2026-04-10T06:25:01.000Z", "2026-04-10T06:25:04.000Z",
                              "2026-04-10T06:25:04.000Z", "2026-04-10T06:25:34.000Z"])
            #expect(call.json["legs"]?.arrayValue?.first?["status"] == "completed")
            // 30 s of talk: one started minute at 0.10.
            let credits = try await sim.send(.get, "/_telesim/state/ringyo/default/credits")
            #expect(credits.text == #"{"address":"ringyo/default/credits","value":999.90}"#)
            let list = try await sim.send(.get, "/_telesim/calls?provider=ringyo&status=completed")
            #expect(list.json["total"] == 1)
        }
    }

    @Test func stateReadsAndPatchesByAddressAllOrNothing() async throws {
        try await TestSimulator.run { sim in
            let patched = try await sim.send(.patch, "/_telesim/state",
                                             json: #"{"exotel/account_sid/users/agent-uuid/device":"busy","ringyo/default/credits":12.5}"#)
            #expect(patched.status == 200)
            #expect(patched.text == #"{"changed":[{"address":"exotel/account_sid/users/agent-uuid/device","value":"busy"},{"address":"ringyo/default/credits","value":12.50}]}"#)
            let device = try await sim.send(.get, "/_telesim/state/exotel/account_sid/users/agent-uuid/device")
            #expect(device.json["value"] == "busy")

            // One bad value: nothing changes.
            let refused = try await sim.send(.patch, "/_telesim/state",
                                             json: #"{"exotel/account_sid/users/agent-uuid/device":"on","ringyo/default/credits":"lots"}"#)
            #expect(refused.status == 422)
            let still = try await sim.send(.get, "/_telesim/state/exotel/account_sid/users/agent-uuid/device")
            #expect(still.json["value"] == "busy")

            let missing = try await sim.send(.get, "/_telesim/state/ringyo/nobody/credits")
            #expect(missing.status == 404)
            let unknownField = try await sim.send(.patch, "/_telesim/state", json: #"{"ringyo/default/colour":"red"}"#)
            #expect(unknownField.status == 422)
            #expect(unknownField.json["error"]?.stringValue?.contains("colour") == true)

            // A number no duration can hold is refused, not converted (it used to trap the process).
            let huge = try await sim.send(.patch, "/_telesim/state", json: #"{"ringyo/default/ring_timeout":1e30}"#)
            #expect(huge.status == 422)
            #expect(huge.json["error"]?.stringValue?.contains("under 1000000000000 seconds") == true)
            #expect(try await sim.send(.get, "/_telesim/health").status == 200)
        }
    }

    @Test func aBadScenarioIsRefusedWithLineAndColumn() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.put, "/_telesim/scenario", body: "telesim: 1\nname: x\nclock:\n  mode: sometimes\n")
            #expect(r.status == 422)
            #expect(r.json["error"] == "invalid scenario")
            let problem = try #require(r.json["problems"]?.arrayValue?.first)
            #expect(problem["line"] == 4)
            #expect(problem["column"] == 9)
        }
    }

    @Test func resetStartsTheScenarioAgain() async throws {
        try await TestSimulator.run { sim in
            _ = try await sim.send(.post, "/v1/calls", headers: Self.ringyoAuth, json: Self.ringyoCall)
            try await sim.advance("10m")
            #expect(try await sim.send(.get, "/_telesim/calls").json["total"] == 1)
            let r = try await sim.send(.post, "/_telesim/reset")
            #expect(r.status == 200)
            #expect(try await sim.send(.get, "/_telesim/calls").json["total"] == 0)
            #expect(try await sim.send(.get, "/_telesim/clock").json["now"] == "2026-04-10T06:25:00.000Z")
            #expect(try await sim.send(.get, "/_telesim/state/ringyo/default/credits").json["value"] == .decimal("1000.00"))
        }
    }

    @Test func unknownAdminRoutesAnswerJSON404() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.get, "/_telesim/nothing-here")
            #expect(r.status == 404)
            #expect(r.json["error"]?.stringValue?.contains("/_telesim/nothing-here") == true)
            let p = try await sim.send(.get, "/not/a/provider")
            #expect(p.status == 404)
        }
    }

    @Test func theJournalRedactsCredentials() async throws {
        try await TestSimulator.run { sim in
            _ = try await sim.send(.post, "/v1/calls", headers: ["Authorization": "Bearer YOUR_API_KEY"], json: Self.ringyoCall)
            let journal = try await sim.send(.get, "/_telesim/requests")
            #expect(!journal.text.contains("YOUR_API_KEY"))
            let entry = try #require(journal.json["requests"]?.arrayValue?.first)
            #expect(entry["headers"]?["authorization"] ?? entry["headers"]?["Authorization"] == "Bearer YOUR…_KEY")
            #expect(entry["status"] == 201)
            #expect(entry["account"] == "default")
        }
    }
}

/// The admin token: required when set, except for health checks and the sink.
@Suite struct AdminTokenTests {
    @Test func tokenIsRequiredExceptForHealthAndSink() async throws {
        var args = TelesimApp.AppArguments(port: 0)
        args.adminToken = "s3cret-token"
        try await TestSimulator.run(arguments: args) { sim in
            #expect(try await sim.send(.get, "/_telesim/clock").status == 401)
            #expect(try await sim.send(.get, "/_telesim/clock", headers: ["Authorization": "Bearer wrong"]).status == 401)
            #expect(try await sim.send(.get, "/_telesim/clock", headers: ["Authorization": "Bearer s3cret-token"]).status == 200)
            #expect(try await sim.send(.get, "/_telesim/health").status == 200)
            #expect(try await sim.send(.post, "/_telesim/sink/hooks", json: #"{"event":"x"}"#).status == 200)
            #expect(try await sim.send(.get, "/_telesim/sink/hooks").status == 401)
            // Provider routes never need it.
            let call = try await sim.send(.post, "/v1/calls", headers: ["Authorization": "Bearer YOUR_API_KEY"],
                                          json: #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#)
            #expect(call.status == 201)
        }
    }

    @Test func aNonLoopbackBindNeedsAToken() async throws {
        await #expect(throws: TelesimApp.AppError.self) {
            _ = try await TelesimApp.buildApplication(TelesimApp.AppArguments(host: "0.0.0.0", port: 0))
        }
    }
}
