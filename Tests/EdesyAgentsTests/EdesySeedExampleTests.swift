import Foundation
import Testing
import TelesimCore
import TelesimTestSupport

/// The seed page's own examples, bodies and headers exactly as printed (key `vp_live_your_api_key_here`),
/// against the default world.
@Suite struct EdesySeedExampleTests {
    /// `"a1b2c3d4-e5f6-7890-abcd-ef1234567890"`'s shape: a lower-case version-4 UUID.
    static func isUUID(_ s: String?) -> Bool {
        guard let s, let u = UUID(uuidString: s) else { return false }
        return u.uuidString.lowercased() == s && Array(s)[14] == "4"
    }

    static func isEdesySipSid(_ s: String?) -> Bool {
        guard let s, s.hasPrefix("edesy-sip-") else { return false }
        let rest = s.dropFirst(10)
        return rest.count == 8 && rest.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    /// The documented success: 200 `{"success":true,"data":{"conversationId","callSid","status":"initiated"}}`.
    static func expectInitiated(_ r: Reply) {
        #expect(r.status == 200)
        #expect(r.json["success"] == true)
        #expect(r.json["data"]?.objectValue?.map(\.0) == ["conversationId", "callSid", "status"])
        #expect(isUUID(r.json["data"]?["conversationId"]?.stringValue))
        #expect(isEdesySipSid(r.json["data"]?["callSid"]?.stringValue))
        #expect(r.json["data"]?["status"] == "initiated")
    }

    @Test func quickStartWithThePlaceholderKeyIsAnInvalidKeyFormat() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.post, "/api/v1/calls",
                                       headers: ["Content-Type": "application/json", "Authorization": "Bearer YOUR_API_KEY"], json: Edesy.basic)
            #expect(r.status == 401)
            #expect(r.text == #"{"success":false,"error":"Invalid API key format","code":"INVALID_KEY_FORMAT"}"#)
            #expect(try await Edesy.callCount(sim) == 0)
        }
    }

    @Test func basicCall() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.post, "/api/v1/calls", headers: Edesy.sampleHeaders, json: Edesy.basic)
            Self.expectInitiated(r)
            let id = try #require(r.json["data"]?["conversationId"]?.stringValue)
            let admin = try await sim.send(.get, "/_telesim/calls/\(id)")
            #expect(admin.json["provider"] == "edesy-agents")
            #expect(admin.json["account"] == "default")
            #expect(admin.json["legs"]?[0]?["number"] == "+919876543210")
        }
    }

    @Test func callWithVariables() async throws {
        try await TestSimulator.run { sim in
            let body = """
            {
            "agentId": 123,
            "phoneNumber": "9876543210",
            "variables": {
            "customer_name": "Rahul",
            "order_id": "ORD-12345",
            "amount_due": "2500"
            }
            }
            """
            let r = try await sim.send(.post, "/api/v1/calls", headers: Edesy.sampleHeaders, json: body)
            Self.expectInitiated(r)
            let id = try #require(r.json["data"]?["conversationId"]?.stringValue)
            try await sim.advance("5s")
            let d = try await Edesy.details(sim, id)
            #expect(d["variables"] == .obj(["customer_name": "Rahul", "order_id": "ORD-12345", "amount_due": "2500"]))
            #expect(d["transcript"]?[0]?["text"] == "Hi Rahul, this is Sales Agent calling about order ORD-12345.")
            #expect(d["unresolvedVariables"] == [])
        }
    }

    @Test func callWithSpecificFromNumber() async throws {
        try await TestSimulator.run { sim in
            let body = """
            {
            "agentId": 123,
            "phoneNumber": "9876543210",
            "fromNumber": "8065934975",
            "provider": "edesy-sip"
            }
            """
            let r = try await sim.send(.post, "/api/v1/calls", headers: Edesy.sampleHeaders, json: body)
            Self.expectInitiated(r)
            let d = try await Edesy.details(sim, try #require(r.json["data"]?["conversationId"]?.stringValue))
            #expect(d["fromNumber"] == "8065934975")
            #expect(d["provider"] == "edesy-sip")
        }
    }

    @Test func callWithWebhookCallback() async throws {
        try await TestSimulator.run { sim in
            let body = """
            {
            "agentId": 123,
            "phoneNumber": "9876543210",
            "callbackUrl": "https://your-server.com/call-webhook",
            "variables": {
            "customer_name": "Priya"
            }
            }
            """
            let r = try await sim.send(.post, "/api/v1/calls", headers: Edesy.sampleHeaders, json: body)
            Self.expectInitiated(r)
        }
    }

    /// Python's `requests.post(json=…)`: `json.dumps` with its default separators.
    @Test func pythonExample() async throws {
        try await TestSimulator.run { sim in
            let body = #"{"agentId": 123, "phoneNumber": "9876543210", "variables": {"customer_name": "Rahul", "order_id": "ORD-12345"}}"#
            let r = try await sim.send(.post, "/api/v1/calls", headers: Edesy.sampleHeaders, json: body)
            Self.expectInitiated(r)
            // `print(f"Call initiated: {data['data']['conversationId']}")` reads these.
            #expect(r.json["success"]?.boolValue == true)
        }
    }

    /// Node's `fetch` with `JSON.stringify`: compact.
    @Test func nodeExample() async throws {
        try await TestSimulator.run { sim in
            let body = #"{"agentId":123,"phoneNumber":"9876543210","variables":{"customer_name":"Rahul","order_id":"ORD-12345"}}"#
            let r = try await sim.send(.post, "/api/v1/calls", headers: Edesy.sampleHeaders, json: body)
            Self.expectInitiated(r)
        }
    }

    /// PHP's `json_encode`: compact, the same bytes as Node's here.
    @Test func phpExample() async throws {
        try await TestSimulator.run { sim in
            let body = #"{"agentId":123,"phoneNumber":"9876543210","variables":{"customer_name":"Rahul","order_id":"ORD-12345"}}"#
            let r = try await sim.send(.post, "/api/v1/calls", headers: ["Content-Type": "application/json",
                                                                           "Authorization": "Bearer vp_live_your_api_key_here"], json: body)
            Self.expectInitiated(r)
        }
    }

    /// The bulk example: three calls, one per contact, each answered with success.
    @Test func bulkCallsExample() async throws {
        try await TestSimulator.run { sim in
            for (phone, name, order) in [("9876543210", "Rahul", "ORD-001"), ("9876543211", "Priya", "ORD-002"), ("9876543212", "Amit", "ORD-003")] {
                let body = #"{"agentId": 123, "phoneNumber": "\#(phone)", "variables": {"customer_name": "\#(name)", "order_id": "\#(order)"}}"#
                Self.expectInitiated(try await sim.send(.post, "/api/v1/calls", headers: Edesy.sampleHeaders, json: body))
                try await sim.advance("1s")
            }
            let list = try await sim.send(.get, "/api/v1/calls", headers: Edesy.live)
            #expect(list.json["data"]?["total"] == 3)
        }
    }

    @Test func listCallsAndRecentCallsForAnAgent() async throws {
        try await TestSimulator.run { sim in
            let id = try await Edesy.create(sim, Edesy.basic)
            try await sim.advance("2m")
            let all = try await sim.send(.get, "/api/v1/calls", headers: ["Authorization": "Bearer vp_live_your_api_key_here"])
            #expect(all.status == 200)
            #expect(all.json["data"]?["limit"] == 50)
            let r = try await sim.send(.get, "/api/v1/calls?agentId=123&limit=10", headers: ["Authorization": "Bearer vp_live_your_api_key_here"])
            #expect(r.status == 200)
            let sid = try #require(r.json["data"]?["calls"]?[0]?["callSid"]?.stringValue)
            // The page's response, field for field: ring 1 s setup + 3 s, then 30 s of talk.
            #expect(r.text == #"{"success":true,"data":{"calls":[{"conversationId":"\#(id)","callSid":"\#(sid)","agentId":123,"agentName":"Sales Agent","phoneNumber":"9876543210","status":"completed","duration":30,"source":"api","startTime":"2026-04-10T06:25:00.000Z","endTime":"2026-04-10T06:25:34.000Z"}],"total":1,"limit":10,"offset":0}}"#)
        }
    }
}
