import Foundation
import HTTPTypes
import Testing
import TelesimCore
import TelesimTestSupport

/// `POST /v1/calls` as the page documents it, and every error in its catalogue.
@Suite struct RingyoCreateTests {
    static let auth = ["Authorization": "Bearer YOUR_API_KEY"]

    /// The page's curl example, unchanged but for the base URL.
    @Test func thePagesExampleGetsTheDocumentedBody() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.post, "/v1/calls", headers: Self.auth, json: """
                {"phone_number": "+14155551234", "agent_id": "agent_abc123", "metadata": {"customer_id": "cust_456", "campaign": "follow_up"}}
                """)
            #expect(r.status == 201)
            let id = try #require(r.json["id"]?.stringValue)
            #expect(id.hasPrefix("call_") && id.count == 29)
            #expect(r.text == """
                {"id":"\(id)","status":"queued","phone_number":"+14155551234","from_number":"+18005551234","agent_id":"agent_abc123",\
                "metadata":{"customer_id":"cust_456","campaign":"follow_up"},"record":true,"created_at":"2026-04-10T06:25:00Z"}
                """)
        }
    }

    /// Each row: body, headers, expected status and code. The same request changes nothing in the world.
    static let errors: [(String, String, [String: String], Int, String)] = [
        ("no key", #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#, [:], 401, "unauthorized"),
        ("unknown key", #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#, ["Authorization": "Bearer nope"], 401, "unauthorized"),
        ("not E.164", #"{"phone_number":"4155551234","agent_id":"agent_abc123"}"#, auth, 400, "invalid_phone_number"),
        ("unknown agent", #"{"phone_number":"+14155551234","agent_id":"agent_nobody"}"#, auth, 404, "agent_not_found"),
        ("unowned from", #"{"phone_number":"+14155551234","agent_id":"agent_abc123","from_number":"+18009999999"}"#, auth, 400, "invalid_from_number"),
        ("missing phone", #"{"agent_id":"agent_abc123"}"#, auth, 400, "invalid_request"),
        ("phone not a string", #"{"phone_number":14155551234,"agent_id":"agent_abc123"}"#, auth, 400, "invalid_request"),
        ("max_duration out of range", #"{"phone_number":"+14155551234","agent_id":"agent_abc123","max_duration":3601}"#, auth, 400, "invalid_request"),
        ("record not a boolean", #"{"phone_number":"+14155551234","agent_id":"agent_abc123","record":"yes"}"#, auth, 400, "invalid_request"),
        ("malformed JSON", #"{"phone_number":"#, auth, 400, "invalid_request"),
        ("not an object", #"[1,2]"#, auth, 400, "invalid_request"),
    ]

    @Test(arguments: errors)
    func documentedErrors(name: String, body: String, headers: [String: String], status: Int, code: String) async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.post, "/v1/calls", headers: headers, json: body)
            #expect(r.status == status, "\(name)")
            #expect(r.json["error"]?["code"] == .string(code), "\(name): \(r.text)")
            #expect(r.json["error"]?["message"]?.stringValue?.isEmpty == false)
            #expect(r.json["meta"]?["request_id"]?.stringValue?.hasPrefix("req_") == true)
            #expect(try await sim.send(.get, "/_telesim/calls").json["total"] == 0)
        }
    }

    @Test func insufficientCreditsIs402() async throws {
        try await TestSimulator.run { sim in
            _ = try await sim.send(.patch, "/_telesim/state", json: #"{"ringyo/default/credits":0.05}"#)
            let r = try await sim.send(.post, "/v1/calls", headers: Self.auth, json: #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#)
            #expect(r.status == 402)
            #expect(r.json["error"]?["code"] == "insufficient_credits")
        }
    }

    @Test func wrongContentTypeIsRefusedInRingyosFormat() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.post, "/v1/calls", headers: Self.auth.merging(["Content-Type": "text/plain"]) { $1 },
                                       json: #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#)
            #expect(r.status == 400)
            #expect(r.json["error"]?["code"] == "invalid_request")
        }
    }

    @Test func unknownRoutesAndMethodsGetRingyosEnvelope() async throws {
        try await TestSimulator.run { sim in
            let missing = try await sim.send(.get, "/v1/nothing", headers: Self.auth)
            #expect(missing.status == 404)
            #expect(missing.json["error"]?["code"] == "not_found")
            let method = try await sim.send(.delete, "/v1/calls", headers: Self.auth)
            #expect(method.status == 405)
            #expect(method.header("Allow") == "POST, GET")
        }
    }

    @Test func anOversizedBodyIs413InRingyosFormat() async throws {
        try await TestSimulator.run { sim in
            let big = #"{"phone_number":"+14155551234","agent_id":"agent_abc123","metadata":{"x":""# + String(repeating: "a", count: 2 << 20) + #""}}"#
            let r = try await sim.send(.post, "/v1/calls", headers: Self.auth, json: big)
            #expect(r.status == 413)
            #expect(r.json["error"]?["code"] == "payload_too_large")
        }
    }

    @Test func concurrencyCapAndPerMinuteRateLimit() async throws {
        let world = """
        telesim: 1
        name: limits
        providers:
          ringyo:
            accounts:
              - id: acme
                api_keys: [KEY]
                credits: 100.00
                numbers: ["+18005551234"]
                max_concurrent_calls: 1
                rate_limit: 3/min
                agents: [{id: agent_abc123}]
        """
        try await TestSimulator.run(scenario: world) { sim in
            let h = ["Authorization": "Bearer KEY"]
            let body = #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#
            let first = try await sim.send(.post, "/v1/calls", headers: h, json: body)
            #expect(first.status == 201)
            #expect(first.header("X-RateLimit-Limit") == "3")
            #expect(first.header("X-RateLimit-Remaining") == "2")
            let second = try await sim.send(.post, "/v1/calls", headers: h, json: body)
            #expect(second.status == 429)
            #expect(second.json["error"]?["message"] == "Too many concurrent calls")
            _ = try await sim.send(.get, "/v1/calls", headers: h)
            let limited = try await sim.send(.get, "/v1/calls", headers: h)
            #expect(limited.status == 429)
            #expect(limited.header("X-RateLimit-Remaining") == "0")
            // A minute of simulated time later the window is open again (and the first call is over).
            try await sim.advance("61s")
            #expect(try await sim.send(.post, "/v1/calls", headers: h, json: body).status == 201)
        }
    }

    @Test func idempotencyKeyReplaysAndRefusesAnotherBody() async throws {
        try await TestSimulator.run { sim in
            let h = Self.auth.merging(["Idempotency-Key": "abc-1"]) { $1 }
            let body = #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#
            let a = try await sim.send(.post, "/v1/calls", headers: h, json: body)
            let b = try await sim.send(.post, "/v1/calls", headers: h, json: body)
            #expect(a.status == 201 && b.status == 201)
            #expect(a.json["id"] == b.json["id"])
            #expect(try await sim.send(.get, "/_telesim/calls").json["total"] == 1)
            let c = try await sim.send(.post, "/v1/calls", headers: h, json: #"{"phone_number":"+14155550000","agent_id":"agent_abc123"}"#)
            #expect(c.status == 409)
            #expect(c.json["error"]?["code"] == "idempotency_conflict")
        }
    }

    /// Answers given outside the world (unknown route, wrong method, too large) carry a request id
    /// of Ringyo's shape, the same for the same request and another for another.
    @Test func edgeErrorsCarryARequestIdOfRingyosShape() async throws {
        try await TestSimulator.run { sim in
            func requestID(_ method: HTTPRequest.Method, _ path: String, _ body: String? = nil) async throws -> String {
                let r = try await sim.send(method, path, headers: Self.auth, json: body)
                #expect([404, 405, 413].contains(r.status), "\(path) \(r.status)")
                return r.json["meta"]?["request_id"]?.stringValue ?? ""
            }
            let notFound = try await requestID(.get, "/v1/nothing")
            let again = try await requestID(.get, "/v1/nothing")
            let methodNotAllowed = try await requestID(.delete, "/v1/calls")
            let tooLarge = try await requestID(.post, "/v1/calls", "{\"pad\":\"" + String(repeating: "x", count: 1 << 20) + "\"}")
            for id in [notFound, methodNotAllowed, tooLarge] {
                #expect(id.hasPrefix("req_") && id.count == 16 && id.dropFirst(4).allSatisfy { $0.isHexDigit && !$0.isUppercase }, "\(id)")
            }
            #expect(notFound == again)
            #expect(Set([notFound, methodNotAllowed, tooLarge]).count == 3)
        }
    }
}
