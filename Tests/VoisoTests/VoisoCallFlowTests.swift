import TelesimCore
import TelesimTestSupport
import Testing

/// Calls driven through every outcome on the virtual clock: the two legs, the CDR each leaves and
/// the webhooks each sends, in order, with exact payloads.
@Suite struct VoisoCallFlowTests {
    /// The simulated instant now, in ms.
    static func now(_ sim: TestSimulator) async throws -> Int64 {
        Timestamp.parse(try await sim.send(.get, "/_telesim/clock").json["now"]?.stringValue ?? "") ?? 0
    }

    static func time(_ ms: Int64) -> JSON { .string(Timestamp.iso(ms, fractional: false)) }

    static let asha: JSON = .obj(["id": 1234, "name": "Asha", "email": "asha@demo.example", "extension": "101"])

    @Test func completedCallSendsAnsweredHangupEndedAndLeavesAnAnsweredCDR() async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let t0 = try await Self.now(sim)
            let r = try await sim.startCall(#"{"user_id":1234,"phone_number":"18885658889","source":{"account_id":"00Q5e00000NslwPEAR","system":"salesforce"}}"#)
            let id = r.json["call"]?["id"]?.stringValue ?? ""
            try await sim.advance("1m")

            // Agent rings 1 s after the request, answers 2 s later; the customer rings 1 s after
            // that for 3 s and talks 30 s.
            let call = try await sim.send(.get, "/_telesim/calls/\(id)").json
            #expect(call["status"] == "completed")
            let legs = call["legs"]?.arrayValue ?? []
            #expect(legs.map { $0["role"] } == ["agent", "customer"])
            #expect(legs.first?["number"] == "sip:101@demo.voiso.com")
            #expect(legs.last?["number"] == "+18885658889")

            let hooks = try await sim.webhooks(call: id)
            #expect(hooks.map(\.0) == ["outbound.call.answered", "outbound.call.hangup", "outbound.call.ended"])
            let centre = hooks.first?.1["contact_center_id"]?.stringValue
            #expect(Voiso.isUUID(centre))
            let data: (Int64, Int64, String?) -> JSON = { total, dialing, disposition in
                var d: JSON = .obj([
                    "id": .string(id), "type": "outbound", "start_time": Self.time(t0),
                    "duration": .obj(["total": .int(total), "dialing_time": .int(dialing)]),
                    "calling_number": "18885658889", "called_number": "18885658889", "ext_user_id": "00Q5e00000NslwPEAR",
                    "cdr_url": .string("https://demo.voiso.com/cdr/\(id)"), "agent": Self.asha,
                ])
                if let disposition { d["disposition"] = .string(disposition) }
                return d
            }
            let envelope: (String, Int64, JSON) -> JSON = { event, at, data in
                .obj(["event": .string(event), "object": "call", "timestamp": Self.time(at), "secret": "whsec_demo",
                      "contact_center_id": .string(centre ?? ""), "data": data])
            }
            #expect(hooks.first?.1 == envelope("outbound.call.answered", t0 + 7000, data(7, 7, nil)))
            #expect(hooks.dropFirst().first?.1 == envelope("outbound.call.hangup", t0 + 37_000, data(37, 7, "answered")))
            #expect(hooks.last?.1 == envelope("outbound.call.ended", t0 + 37_000, data(37, 7, "answered")))

            let cdrs = try await sim.cdrs().json
            #expect(cdrs["metadata"] == .obj(["total": 1]))
            #expect(cdrs["items"]?.arrayValue?.first == .obj([
                "id": .string(id), "type": "call", "started_at": Self.time(t0), "ended_at": Self.time(t0 + 37_000),
                "data": .obj([
                    "direction": "outbound", "subtype": "click_to_call", "disposition": "answered",
                    "calling_number": "18885658889", "called_number": "18885658889", "user_id": 1234, "agent": Self.asha,
                    "duration": 37, "dialing_time": 7, "talk_time": 30, "external_account_id": "00Q5e00000NslwPEAR",
                    "source": .obj(["account_id": "00Q5e00000NslwPEAR", "system": "salesforce"]),
                ]),
            ]))
        }
    }

    /// `(number, disposition, seconds until the end, customer leg status)` with the agent answering.
    static let outcomes: [(String, String, Int64, String)] = [
        ("14155550001", "busy", 7, "busy"),
        ("+14155550002", "no_answer", 34, "no-answer"),
        ("14155550003", "failed", 7, "failed"),
    ]

    @Test(arguments: 0..<3)
    func customerOutcome(_ index: Int) async throws {
        let (number, disposition, end, legStatus) = Self.outcomes[index]
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let t0 = try await Self.now(sim)
            let id = try await sim.startCall(#"{"user_id":1234,"phone_number":"\#(number)"}"#).json["call"]?["id"]?.stringValue ?? ""
            try await sim.advance("2m")
            let call = try await sim.send(.get, "/_telesim/calls/\(id)").json
            #expect(call["legs"]?.arrayValue?.map { $0["status"] } == ["completed", .string(legStatus)])

            let hooks = try await sim.webhooks(call: id)
            #expect(hooks.map(\.0) == ["outbound.call.hangup", "outbound.call.ended"])
            #expect(hooks.first?.1["data"]?["disposition"] == .string(disposition))
            #expect(hooks.first?.1["data"]?["duration"] == .obj(["total": .int(end), "dialing_time": .int(end)]))

            let record = try await sim.cdrs().json["items"]?.arrayValue?.first
            #expect(record?["ended_at"] == Self.time(t0 + end * 1000))
            #expect(record?["data"]?["disposition"] == .string(disposition))
            #expect(record?["data"]?["talk_time"] == 0)
            #expect(record?["data"]?["called_number"] == .string(number.hasPrefix("+") ? String(number.dropFirst()) : number))
        }
    }

    @Test func agentWhoDoesNotAnswerEndsTheCallBeforeTheCustomerIsDialled() async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let id = try await sim.startCall(#"{"user_id":2005,"phone_number":"18885658889"}"#).json["call"]?["id"]?.stringValue ?? ""
            try await sim.advance("2m")
            let call = try await sim.send(.get, "/_telesim/calls/\(id)").json
            #expect(call["status"] == "no-answer")
            #expect(call["legs"]?.arrayValue?.map { $0["status"] } == ["no-answer", "canceled"])
            let hooks = try await sim.webhooks(call: id)
            #expect(hooks.map(\.0) == ["outbound.call.hangup", "outbound.call.ended"])
            #expect(hooks.first?.1["data"]?["duration"] == .obj(["total": 31, "dialing_time": 31]))
            let record = try await sim.cdrs().json["items"]?.arrayValue?.first
            #expect(record?["data"]?["disposition"] == "no_answer")
            #expect(record?["data"]?["user_id"] == 2005)
        }
    }

    @Test func agentGoingUnavailableMidCallKeepsTheCallAndRefusesTheNext() async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            // A 10-minute call; the scenario's timeline makes the agent unavailable at 10m.
            let id = try await sim.startCall(#"{"user_id":1234,"phone_number":"14155550004"}"#).json["call"]?["id"]?.stringValue ?? ""
            try await sim.advance("9m")
            #expect(try await sim.state("voiso/demo/agents/1234/status") == "available")
            #expect(try await sim.send(.get, "/_telesim/calls/\(id)").json["status"] == "answered")
            try await sim.advance("1m5s")
            #expect(try await sim.state("voiso/demo/agents/1234/status") == "unavailable")
            #expect(try await sim.send(.get, "/_telesim/calls/\(id)").json["status"] == "answered")
            try await sim.advance("10s")
            #expect(try await sim.send(.get, "/_telesim/calls/\(id)").json["status"] == "completed")
            let refused = try await sim.startCall(#"{"user_id":1234,"phone_number":"18885658889"}"#)
            #expect(refused.status == 422)
            #expect(refused.text == #"{"errors":{"user":["is not available"]}}"#)

            let record = try await sim.cdrs().json["items"]?.arrayValue?.first
            #expect(record?["data"]?["talk_time"] == 600)

            // The admin API changes the agent back, and out again, mid-run.
            let patched = try await sim.send(.patch, "/_telesim/state", json: #"{"voiso/demo/agents/1234/status":"available"}"#)
            #expect(patched.status == 200, "\(patched.text)")
            #expect(try await sim.startCall(#"{"user_id":1234,"phone_number":"18885658889"}"#).status == 201)
            try await sim.advance("1m")
            _ = try await sim.send(.patch, "/_telesim/state", json: #"{"voiso/demo/agents/1234/signed_in":false}"#)
            #expect(try await sim.startCall(#"{"user_id":1234,"phone_number":"18885658889"}"#).text == #"{"errors":{"user":["is not signed in"]}}"#)
            _ = try await sim.send(.patch, "/_telesim/state", json: #"{"voiso/demo/agents/1234/signed_in":true,"voiso/demo/agents/1234/click_to_call":false}"#)
            #expect(try await sim.startCall(#"{"user_id":1234,"phone_number":"18885658889"}"#).status == 403)
        }
    }

    @Test func indianMagicNumbersWork() async throws {
        try await TestSimulator.run { sim in
            let id = try await sim.startCall(#"{"user_id":"1234","phone_number":"919000000001"}"#).json["call"]?["id"]?.stringValue ?? ""
            try await sim.advance("1m")
            let record = try await sim.cdrs().json["items"]?.arrayValue?.first
            #expect(record?["id"]?.stringValue == id)
            #expect(record?["data"]?["disposition"] == "busy")
            #expect(record?["data"]?["called_number"] == "919000000001")
        }
    }

    /// The default world points Voiso's webhooks at the built-in sink; they arrive over HTTP.
    @Test func webhooksReachTheSink() async throws {
        try await TestSimulator.run(mode: .live) { sim in
            let id = try await sim.startCall(VoisoSeedExampleTests.withSource).json["call"]?["id"]?.stringValue ?? ""
            try await sim.advance("1m")
            let received = try await sim.send(.get, "/_telesim/sink/voiso").json["requests"]?.arrayValue ?? []
            #expect(received.map { $0["json"]?["event"] } == ["outbound.call.answered", "outbound.call.hangup", "outbound.call.ended"])
            #expect(received.allSatisfy { $0["json"]?["data"]?["id"]?.stringValue == id })
            #expect(received.first?["json"]?["data"]?["ext_user_id"] == "123321")
            #expect(received.first?["json"]?["secret"] == .null)
        }
    }
}
