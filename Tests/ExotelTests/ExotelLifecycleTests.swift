import Foundation
import Testing
import TelesimCore
import TelesimTestSupport

/// Calls through every outcome on the virtual clock, in the default world (its agent answers after
/// 2 s; the agent leg rings 1 s after creation, the customer leg 1 s after the agent answers):
/// call details, `call_state`/`call_status`, status callbacks, and the agent's availability.
@Suite struct ExotelLifecycleTests {
    @Test func aCompletedCallItsDetailsAndBothCallbacks() async throws {
        try await TestSimulator.run(mode: .live) { sim in
            let sid = try await Exo.create(sim, extra: #","recording":true,"custom_field":"ticket_12345""# + Exo.callbacks(sim, "done"))
            let active = try await Exo.details(sim, sid)
            #expect(active["state"] == "active")
            #expect(active["status"] == .null)
            #expect(active["total_talk_time"] == .null)
            #expect(active["recording"] == .obj(["available": false, "url": nil]))

            // Agent rings at 1 s and answers at 3 s; the customer rings at 4 s and answers at 7 s.
            try await sim.advance("10s")
            #expect(try await Exo.details(sim, sid)["state"] == "active")
            let answered = try await Exo.received(sim, "done-answered")
            #expect(answered.count == 1)
            #expect(answered.first == .obj([
                "event_details": .obj(["event_type": "answered"]),
                "call_details": .obj([
                    "call_sid": .string(sid), "direction": "outbound", "virtual_number": "+911234567890",
                    "call_state": "active", "call_status": nil,
                    "assigned_agent_details": .obj(["user_id": "agent-uuid", "user_name": try await Self.agentName(sim)]),
                    "customer_details": .obj(["contact_uri": "+919876543210", "status": "in-progress"]),
                    "total_talk_time": nil, "total_duration": nil, "recordings": [], "custom_field": "ticket_12345",
                ]),
            ]))
            #expect(try await Exo.received(sim, "done-terminal").isEmpty)

            // The customer talks for 30 s and hangs up at 37 s.
            try await sim.advance("40s")
            let recording = "https://s3-ap-southeast-1.amazonaws.com/exotelrecordings/account_sid/\(sid).mp3"
            let r = try await sim.send(.get, "\(Exo.calls)/\(sid)", headers: Exo.auth)
            #expect(r.json["method"] == "GET")
            #expect(r.json["http_code"] == 200)
            #expect(r.json["response"]?["call_details"] == .obj([
                "sid": .string(sid), "direction": "outbound-api", "virtual_number": "+911234567890",
                "state": "terminal", "status": "completed",
                "assigned_agent_details": .obj(["user_id": "agent-uuid", "contact_uri": "sip:agent@exotel.com"]),
                "customer_details": .obj(["number": "+919876543210"]),
                "created_time": "2026-04-10T06:25:00.000Z", "updated_time": "2026-04-10T06:25:37.000Z",
                "start_time": "2026-04-10T06:25:01.000Z", "end_time": "2026-04-10T06:25:37.000Z",
                "total_duration": 36, "total_talk_time": 30,
                "recording": .obj(["available": true, "url": .string(recording)]),
                "custom_field": "ticket_12345",
                "legs": .string("/v2/accounts/account_sid/calls/\(sid)/legs"),
            ]))
            let terminal = try #require(try await Exo.received(sim, "done-terminal").first)
            #expect(terminal["event_details"]?["event_type"] == "terminal")
            #expect(terminal["call_details"]?["call_state"] == "terminal")
            #expect(terminal["call_details"]?["call_status"] == "completed")
            #expect(terminal["call_details"]?["customer_details"]?["status"] == "completed")
            #expect(terminal["call_details"]?["total_talk_time"] == 30)
            #expect(terminal["call_details"]?["total_duration"] == 36)
            #expect(terminal["call_details"]?["recordings"] == [.obj(["url": .string(recording)])])
            let log = try await sim.send(.get, "/_telesim/webhooks?call=\(sid)")
            #expect(log.json["webhooks"]?.arrayValue?.map { $0["event"] } == ["terminal", "answered"])
            #expect(log.json["webhooks"]?.arrayValue?.allSatisfy { $0["status"] == "delivered" } == true)
        }
    }

    static func agentName(_ sim: TestSimulator) async throws -> JSON {
        try await sim.send(.get, "/_telesim/state/exotel/account_sid/users/agent-uuid/name").json["value"] ?? .null
    }

    /// Calls that never connect: the status derived from the leg that decided it, each with a single
    /// `terminal` callback and no `answered` one.
    static let outcomes: [(String, String, String, String, JSON, Int64)] = [
        // name, customer, extra body, call_status, customer leg status, total_duration
        ("agent unanswered", "+919876543210", #","attempt_time_out":2"#, "agent_unanswered", .null, 2),
        ("customer busy", "+919000000001", "", "customer_unanswered", "busy", 6),
        ("customer no answer", "+919000000002", "", "customer_unanswered", "no-answer", 33),
        ("customer unreachable", "+919000000003", "", "customer_no_dial", "failed", 6),
    ]

    @Test(arguments: outcomes)
    func callsThatDoNotConnect(name: String, customer: String, extra: String, status: String, legStatus: JSON, duration: Int64) async throws {
        try await TestSimulator.run(mode: .live) { sim in
            let sid = try await Exo.create(sim, to: customer, extra: #","recording":true"# + extra + Exo.callbacks(sim, "out"))
            try await sim.advance("2m")
            let d = try await Exo.details(sim, sid)
            #expect(d["state"] == "terminal", "\(name)")
            #expect(d["status"] == .string(status), "\(name)")
            #expect(d["total_talk_time"] == 0, "\(name)")
            #expect(d["total_duration"] == .int(duration), "\(name)")
            #expect(d["recording"] == .obj(["available": false, "url": nil]), "\(name)")
            #expect(try await Exo.received(sim, "out-answered").isEmpty, "\(name)")
            let terminal = try await Exo.received(sim, "out-terminal")
            #expect(terminal.count == 1, "\(name)")
            #expect(terminal.first?["call_details"]?["call_status"] == .string(status), "\(name)")
            #expect(terminal.first?["call_details"]?["customer_details"] == .obj(["contact_uri": .string(customer), "status": legStatus]), "\(name)")
            #expect(terminal.first?["call_details"]?["recordings"] == [], "\(name)")
            // The agent is free again.
            _ = try await Exo.create(sim)
        }
    }

    @Test func anAgentWhoseAnswerAfterReachesTheTimeoutIsUnanswered() async throws {
        let world = """
        telesim: 1
        name: exotel-slow-agent
        providers:
          exotel:
            accounts:
              - sid: acme
                api_key: exo_key_acme
                api_token: exo_token_acme
                virtual_numbers: ["+911234567890"]
                users: [{id: slow, contact_uri: "sip:slow@exotel.com", answer_after: 45s}]
        """
        try await TestSimulator.run(scenario: world) { sim in
            let auth = Exo.basic("exo_key_acme", "exo_token_acme")
            let r = try await sim.send(.post, "/v2/accounts/acme/calls", headers: auth,
                                       json: #"{"from":{"user_id":"slow"},"to":{"number":"+919876543210"},"virtual_number":"+911234567890"}"#)
            let sid = try #require(r.json["response"]?["call_sid"]?.stringValue)
            try await sim.advance("1m")
            let d = try await sim.send(.get, "/v2/accounts/acme/calls/\(sid)", headers: auth).json["response"]?["call_details"]
            #expect(d?["status"] == "agent_unanswered")
            // The default attempt_time_out (30 s) ended the agent leg: it rang from 1 s to 31 s.
            #expect(d?["end_time"] == "2026-04-10T06:25:31.000Z")
            #expect(d?["total_duration"] == 30)
        }
    }

    @Test func maxTimeLimitCutsTheCall() async throws {
        try await TestSimulator.run { sim in
            let sid = try await Exo.create(sim, to: "+919000000004", extra: #","max_time_limit":90"#)
            try await sim.advance("15m")
            let d = try await Exo.details(sim, sid)
            #expect(d["status"] == "completed")
            #expect(d["total_talk_time"] == 90)
        }
    }

    /// The agent goes busy mid-scenario by a timeline entry, comes back by PATCH, then goes off.
    @Test func anAgentGoingBusyMidScenario() async throws {
        let world = """
        telesim: 1
        name: exotel-agent-busy
        providers:
          exotel:
            accounts:
              - sid: acme
                api_key: exo_key_acme
                api_token: exo_token_acme
                virtual_numbers: ["+911234567890"]
                users: [{id: agent-uuid, name: Ravi, contact_uri: "sip:agent@exotel.com", device: "on", answer_after: 2s}]
        timeline:
          - at: 2m
            set:
              exotel/acme/users/agent-uuid/device: busy
        """
        try await TestSimulator.run(scenario: world) { sim in
            let path = "/v2/accounts/acme/calls"
            let auth = Exo.basic("exo_key_acme", "exo_token_acme")
            let body = #"{"from":{"user_contact_uri":"sip:agent@exotel.com"},"to":{"number":"+919876543210"},"virtual_number":"+911234567890"}"#
            func code(_ r: Reply) -> JSON? { r.json["response"]?["error_data"]?["code"] }

            #expect(try await sim.send(.post, path, headers: auth, json: body).status == 200)
            let onCall = try await sim.send(.post, path, headers: auth, json: body)
            #expect(onCall.status == 409)
            #expect(code(onCall) == 10706)

            try await sim.advance("1m")
            #expect(try await sim.send(.post, path, headers: auth, json: body).status == 200)

            try await sim.advance("2m")
            #expect(try await sim.send(.get, "/_telesim/state/exotel/acme/users/agent-uuid/device").json["value"] == "busy")
            let busy = try await sim.send(.post, path, headers: auth, json: body)
            #expect(busy.status == 409)
            #expect(code(busy) == 10706)

            _ = try await sim.send(.patch, "/_telesim/state", json: #"{"exotel/acme/users/agent-uuid/device":"on"}"#)
            #expect(try await sim.send(.post, path, headers: auth, json: body).status == 200)
            try await sim.advance("1m")

            _ = try await sim.send(.patch, "/_telesim/state", json: #"{"exotel/acme/users/agent-uuid/device":"off"}"#)
            let off = try await sim.send(.post, path, headers: auth, json: body)
            #expect(off.status == 409)
            #expect(code(off) == 1012)
        }
    }
}
