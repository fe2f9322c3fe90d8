import Testing
import TelesimCore
import TelesimTestSupport

/// Calls driven through every outcome on the virtual clock, with the callbackUrl payload and the
/// final credits. The default world: 1000 credits, 1 credit a started minute; numbers ring 3 s
/// after a 1 s setup and talk 30 s; 9000000001 busy, …02 no answer (30 s ring timeout), …03 fails,
/// …04 talks 10 minutes.
@Suite struct EdesyOutcomeTests {
    struct Outcome: Sendable, CustomTestStringConvertible {
        var number: String
        var advance: String
        var status: String
        var disposition: JSON
        var outcome: String
        var endReason: String
        var endedBy: String
        var duration: Int64
        var endTime: String
        var credits: String
        var testDescription: String { "\(number) -> \(outcome)" }
    }

    static let outcomes: [Outcome] = [
        Outcome(number: "9876543210", advance: "40s", status: "completed", disposition: .null, outcome: "completed", endReason: "USER_HANGUP",
                endedBy: "user", duration: 30, endTime: "2026-04-10T06:25:34.000Z", credits: "999.00"),
        Outcome(number: "9000000001", advance: "40s", status: "failed", disposition: "BUSY", outcome: "busy", endReason: "BUSY",
                endedBy: "system", duration: 0, endTime: "2026-04-10T06:25:04.000Z", credits: "1000.00"),
        Outcome(number: "9000000002", advance: "40s", status: "failed", disposition: "NO_ANSWER", outcome: "no-answer", endReason: "NO_ANSWER",
                endedBy: "system", duration: 0, endTime: "2026-04-10T06:25:31.000Z", credits: "1000.00"),
        Outcome(number: "9000000003", advance: "40s", status: "failed", disposition: "FAILED", outcome: "failed", endReason: "FAILED",
                endedBy: "system", duration: 0, endTime: "2026-04-10T06:25:04.000Z", credits: "1000.00"),
        Outcome(number: "9000000004", advance: "11m", status: "completed", disposition: .null, outcome: "completed", endReason: "USER_HANGUP",
                endedBy: "user", duration: 600, endTime: "2026-04-10T06:35:04.000Z", credits: "990.00"),
    ]

    @Test(arguments: outcomes)
    func aCallEndsWithItsOutcomeCallbackAndCost(_ o: Outcome) async throws {
        try await TestSimulator.run(mode: .live) { sim in
            let sink = "edesy-\(o.number)"
            let id = try await Edesy.create(sim, Edesy.call(o.number, #","callbackUrl":"\#(Edesy.sink(sim, sink))","variables":{"customer_name":"Rahul","order_id":"ORD-12345"},"metadata":{"crm":"lead-7"}"#))
            // While it is set up and rings: initiated, and one minute held.
            try await sim.advance("2s")
            #expect(try await Edesy.details(sim, id)["status"] == "initiated")
            #expect(try await sim.send(.get, "/_telesim/sink/\(sink)").json["requests"] == [])

            try await sim.advance(o.advance)
            let d = try await Edesy.details(sim, id)
            #expect(d["status"] == .string(o.status))
            #expect(d["disposition"] == o.disposition)
            #expect(d["duration"] == .int(o.duration))
            #expect(d["endTime"] == .string(o.endTime))
            #expect(try await Edesy.credits(sim) == o.credits)

            let received = try await sim.send(.get, "/_telesim/sink/\(sink)").json["requests"]?.arrayValue ?? []
            #expect(received.count == 1)
            let hook = try #require(received.first)
            #expect(hook["method"] == "POST")
            #expect(hook["headers"]?["user-agent"] == "VoiceAgent-Webhook/1.0" || hook["headers"]?["User-Agent"] == "VoiceAgent-Webhook/1.0")
            let p = try #require(hook["json"])
            #expect(p["event"] == "call.ended")
            #expect(p["timestamp"] == .string(o.endTime))
            #expect(p["call"]?["id"] == .string(id))
            #expect(p["call"]?["direction"] == "outbound")
            #expect(p["call"]?["from"] == "+918065934975")
            #expect(p["call"]?["to"] == .string("+91" + o.number))
            #expect(p["call"]?["duration"] == .int(o.duration))
            #expect(p["call"]?["provider"] == "edesy-sip")
            #expect(p["agent"] == .obj(["id": 123]))
            #expect(p["outcome"] == .obj(["status": .string(o.outcome), "disposition": o.disposition,
                                          "endReason": .string(o.endReason), "endedBy": .string(o.endedBy)]))
            #expect(p["data"] == .obj(["variables": .obj(["customer_name": "Rahul", "order_id": "ORD-12345"]), "metadata": .obj(["crm": "lead-7"])]))
            let turns = p["transcript"]?.arrayValue?.count ?? -1
            #expect(turns == (o.duration > 0 ? 2 : 0))
            #expect(p["call"]?["turnCount"] == .int(Int64(turns)))
        }
    }

    /// The answered call's callback, byte for byte.
    @Test func theAnsweredCallbackPayloadExactly() async throws {
        try await TestSimulator.run(mode: .live) { sim in
            let body = Edesy.call("9876543210", #","callbackUrl":"\#(Edesy.sink(sim, "exact"))","variables":{"customer_name":"Rahul","order_id":"ORD-12345"}"#)
            let created = try await sim.send(.post, "/api/v1/calls", headers: Edesy.live, json: body)
            let id = try #require(created.json["data"]?["conversationId"]?.stringValue)
            let sid = try #require(created.json["data"]?["callSid"]?.stringValue)
            try await sim.advance("40s")
            let hook = try await sim.send(.get, "/_telesim/sink/exact").json["requests"]?[0]
            #expect(hook?["body"]?.stringValue == #"{"event":"call.ended","timestamp":"2026-04-10T06:25:34.000Z","call":{"id":"\#(id)","callSid":"\#(sid)","direction":"outbound","from":"+918065934975","to":"+919876543210","duration":30,"turnCount":2,"provider":"edesy-sip"},"agent":{"id":123},"outcome":{"status":"completed","disposition":null,"endReason":"USER_HANGUP","endedBy":"user"},"data":{"variables":{"customer_name":"Rahul","order_id":"ORD-12345"},"metadata":{}},"transcript":[{"speaker":"agent","text":"Hi Rahul, this is Sales Agent calling about order ORD-12345.","timestamp":"2026-04-10T06:25:04.000Z"},{"speaker":"user","text":"Yes, go ahead.","timestamp":"2026-04-10T06:25:19.000Z"}]}"#)
        }
    }

    /// initiated (queued, ringing) -> in-progress (answered, the transcript growing) -> completed.
    @Test func statusesFollowTheClock() async throws {
        try await TestSimulator.run { sim in
            let id = try await Edesy.create(sim, Edesy.basic)
            var d = try await Edesy.details(sim, id)
            #expect(d["status"] == "initiated")
            #expect(d["endTime"] == .null)
            #expect(d["transcript"] == [])
            // One minute is held while the call runs.
            #expect(try await sim.send(.get, "/_telesim/calls/\(id)").json["status"] == "queued")
            try await sim.advance("2s")
            #expect(try await Edesy.details(sim, id)["status"] == "initiated")  // ringing
            try await sim.advance("3s")  // answered at +4 s
            d = try await Edesy.details(sim, id)
            #expect(d["status"] == "in-progress")
            #expect(d["duration"] == 1)
            #expect(d["transcript"]?.arrayValue?.count == 1)
            #expect(d["recordingUrl"] == .null)
            let listed = try await sim.send(.get, "/api/v1/calls?status=in-progress", headers: Edesy.live)
            #expect(listed.json["data"]?["total"] == 1)
            try await sim.advance("15s")
            #expect(try await Edesy.details(sim, id)["transcript"]?.arrayValue?.count == 2)
            try await sim.advance("15s")
            d = try await Edesy.details(sim, id)
            #expect(d["status"] == "completed")
            #expect(d["duration"] == 30)
            #expect(d["recordingUrl"] == .string("https://voice-agent.edesy.in/api/v1/calls/\(id)/recording.mp3"))
            #expect(d["transcript"] == [
                .obj(["role": "agent", "text": "Hi {{customer_name}}, this is Sales Agent calling about order {{order_id}}.", "timestamp": "2026-04-10T06:25:04.000Z"]),
                .obj(["role": "user", "text": "Yes, go ahead.", "timestamp": "2026-04-10T06:25:19.000Z"]),
            ])
            // Unresolved variables stay visible and are reported.
            #expect(d["unresolvedVariables"] == ["customer_name", "order_id"])
            #expect(try await Edesy.credits(sim) == "999.00")
        }
    }

    /// A receiver that never answers: the first attempt and 3 retries after 1 s, 2 s and 4 s.
    @Test func aFailingCallbackIsRetriedThreeTimesWithExponentialBackoff() async throws {
        try await TestSimulator.run(mode: .live) { sim in
            let id = try await Edesy.create(sim, Edesy.call("9000000001", #","callbackUrl":"http://127.0.0.1:9/refused""#))
            try await sim.advance("30s")
            let log = try await sim.send(.get, "/_telesim/webhooks").json["webhooks"]?.arrayValue ?? []
            let delivery = try #require(log.first { $0["call_id"]?.stringValue == id })
            #expect(delivery["event"] == "call.ended")
            #expect(delivery["status"] == "failed")
            let times = delivery["attempts"]?.arrayValue?.compactMap { $0["simulated_at"]?.stringValue }
            #expect(times == ["2026-04-10T06:25:04.000Z", "2026-04-10T06:25:05.000Z", "2026-04-10T06:25:07.000Z", "2026-04-10T06:25:11.000Z"])
        }
    }

    /// Credits are held a minute per running call: 2.50 credits cover two calls at once, not three.
    @Test func runningCallsHoldAMinuteEach() async throws {
        try await TestSimulator.run { sim in
            _ = try await sim.send(.patch, "/_telesim/state", json: #"{"edesy/default/credits":2.5}"#)
            _ = try await Edesy.create(sim, Edesy.call("9876543210"))
            _ = try await Edesy.create(sim, Edesy.call("9876543211"))
            let third = try await sim.send(.post, "/api/v1/calls", headers: Edesy.live, json: Edesy.call("9876543212"))
            #expect(third.status == 402)
            #expect(third.json["code"] == "CALL_FAILED")
            try await sim.advance("40s")
            #expect(try await Edesy.credits(sim) == "0.50")
            // Now 0.50 does not cover a minute.
            #expect(try await sim.send(.post, "/api/v1/calls", headers: Edesy.live, json: Edesy.basic).status == 402)
        }
    }
}
