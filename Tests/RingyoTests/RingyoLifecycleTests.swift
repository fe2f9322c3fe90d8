import Foundation
import Testing
import TelesimCore
import TelesimTestSupport

/// Calls through every outcome on the virtual clock: statuses, details, webhooks, balance.
@Suite struct RingyoLifecycleTests {
    static let auth = ["Authorization": "Bearer YOUR_API_KEY"]

    static func create(_ sim: TestSimulator, _ number: String, extra: String = "") async throws -> String {
        let r = try await sim.send(.post, "/v1/calls", headers: auth, json: #"{"phone_number":"\#(number)","agent_id":"agent_abc123"\#(extra)}"#)
        #expect(r.status == 201, "\(r.text)")
        return try #require(r.json["id"]?.stringValue)
    }

    static func status(_ sim: TestSimulator, _ id: String) async throws -> String? {
        try await sim.send(.get, "/v1/calls/\(id)", headers: auth).json["status"]?.stringValue
    }

    @Test func answeredCallMovesQueuedRingingInProgressCompleted() async throws {
        try await TestSimulator.run { sim in
            let id = try await Self.create(sim, "+14155551234")
            #expect(try await Self.status(sim, id) == "queued")
            try await sim.advance("1s")
            #expect(try await Self.status(sim, id) == "ringing")
            try await sim.advance("3s")
            #expect(try await Self.status(sim, id) == "in_progress")
            try await sim.advance("30s")
            let done = try await sim.send(.get, "/v1/calls/\(id)?include=transcript,recording,analysis", headers: Self.auth)
            #expect(done.json["status"] == "completed")
            #expect(done.json["duration"] == 30)
            #expect(done.json["ended_at"] == "2026-04-10T06:25:34Z")
            #expect(done.json["recording_url"] == .string("https://api.ringyo.ai/v1/recordings/\(id).mp3"))
            #expect(done.json["transcript"]?.arrayValue?.count == 2)
            #expect(try await sim.send(.get, "/_telesim/state/ringyo/default/credits").json["value"] == .decimal("999.90"))
        }
    }

    @Test(arguments: [("+14155550001", "busy"), ("+14155550002", "no_answer"), ("+14155550003", "failed")])
    func callsThatDoNotConnect(number: String, status: String) async throws {
        try await TestSimulator.run { sim in
            let id = try await Self.create(sim, number)
            try await sim.advance("2m")
            let r = try await sim.send(.get, "/v1/calls/\(id)", headers: Self.auth)
            #expect(r.json["status"] == .string(status))
            #expect(r.json["duration"] == nil)
            #expect(try await sim.send(.get, "/_telesim/state/ringyo/default/credits").json["value"] == .decimal("1000.00"))
        }
    }

    @Test func maxDurationCutsALongCall() async throws {
        try await TestSimulator.run { sim in
            let id = try await Self.create(sim, "+14155550004", extra: #","max_duration":90"#)
            try await sim.advance("15m")
            let r = try await sim.send(.get, "/v1/calls/\(id)?include=analysis", headers: Self.auth)
            #expect(r.json["status"] == "completed")
            #expect(r.json["duration"] == 90)
            #expect(r.json["analysis"]?["outcome"] == "max_duration_reached")
            // 90 s: two started minutes.
            #expect(try await sim.send(.get, "/_telesim/state/ringyo/default/credits").json["value"] == .decimal("999.80"))
        }
    }

    @Test func listFiltersPagesWithCursorsAndValidatesDates() async throws {
        try await TestSimulator.run { sim in
            var ids: [String] = []
            for n in ["+14155551234", "+14155550001", "+14155551235"] { ids.append(try await Self.create(sim, n)) }
            try await sim.advance("2m")
            let page1 = try await sim.send(.get, "/v1/calls?limit=2", headers: Self.auth)
            #expect(page1.json["data"]?.arrayValue?.map { $0["id"] } == [.string(ids[2]), .string(ids[1])])
            #expect(page1.json["has_more"] == true)
            #expect(page1.json["total"] == 3)
            let cursor = try #require(page1.json["next_cursor"]?.stringValue)
            let page2 = try await sim.send(.get, "/v1/calls?limit=2&cursor=\(cursor)", headers: Self.auth)
            #expect(page2.json["data"]?.arrayValue?.map { $0["id"] } == [.string(ids[0])])
            #expect(page2.json["next_cursor"] == .null)
            let busy = try await sim.send(.get, "/v1/calls?status=busy", headers: Self.auth)
            #expect(busy.json["total"] == 1)
            #expect(try await sim.send(.get, "/v1/calls?cursor=bogus", headers: Self.auth).json["error"]?["code"] == "invalid_cursor")
            #expect(try await sim.send(.get, "/v1/calls?from_date=yesterday", headers: Self.auth).json["error"]?["code"] == "invalid_date_format")
            #expect(try await sim.send(.get, "/v1/calls/call_nope", headers: Self.auth).status == 404)
        }
    }

    @Test func webhooksArriveInOrderAtTheSink() async throws {
        try await TestSimulator.run(mode: .live) { sim in
            let id = try await Self.create(sim, "+14155551234")
            try await sim.advance("45s")
            let sink = try await sim.send(.get, "/_telesim/sink/ringyo")
            let bodies = sink.json["requests"]?.arrayValue?.compactMap { $0["json"] } ?? []
            #expect(bodies.map { $0["event"] } == ["call.started", "call.ringing", "call.answered", "call.completed"])
            #expect(bodies.allSatisfy { $0["data"]?["id"] == .string(id) })
            #expect(bodies.last?["data"]?["status"] == "completed")
            #expect(bodies.last?["timestamp"] == "2026-04-10T06:25:34Z")
            let log = try await sim.send(.get, "/_telesim/webhooks?call=\(id)")
            #expect(log.json["total"] == 4)
            #expect(log.json["webhooks"]?.arrayValue?.allSatisfy { $0["status"] == "delivered" } == true)
        }
    }

    @Test func aBusyCallSendsCallFailed() async throws {
        try await TestSimulator.run(mode: .live) { sim in
            _ = try await Self.create(sim, "+14155550001")
            try await sim.advance("1m")
            let events = try await sim.send(.get, "/_telesim/sink/ringyo").json["requests"]?.arrayValue?.compactMap { $0["json"]?["event"]?.stringValue }
            #expect(events == ["call.started", "call.ringing", "call.failed"])
        }
    }
}
