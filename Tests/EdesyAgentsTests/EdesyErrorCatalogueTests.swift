import HTTPTypes
import Testing
import TelesimCore
import TelesimTestSupport

/// One error path: a request (after an optional world change), and the exact answer.
struct EdesyErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var method: HTTPRequest.Method = .post
    var path = "/api/v1/calls"
    var headers: [String: String] = Edesy.live
    /// Sent as JSON (Content-Type application/json unless `headers` sets one).
    var json: String? = Edesy.call("9876543210")
    /// Sent raw, without a Content-Type, instead of `json`.
    var raw: String?
    /// A `PATCH /_telesim/state` body applied first.
    var setup: String?
    var status: Int
    var code: String
    var message: String

    var testDescription: String { "\(name) -> \(status) \(code)" }
}

/// Every error of the catalogue: the six documented rows, then every INFERRED one. Each answers in
/// the documented envelope and changes nothing in the world.
@Suite struct EdesyErrorCatalogueTests {
    static let cases: [EdesyErrorCase] = [
        // DOCUMENTED: the seed page's error table.
        .init(name: "no agentId", json: #"{"phoneNumber":"9876543210"}"#, status: 400, code: "MISSING_AGENT_ID", message: "Missing agentId"),
        .init(name: "no phoneNumber", json: #"{"agentId":123}"#, status: 400, code: "MISSING_PHONE_NUMBER", message: "Missing phoneNumber"),
        .init(name: "no Authorization header", headers: [:], status: 401, code: "MISSING_API_KEY", message: "Missing API key"),
        .init(name: "the Quick Start's bare YOUR_API_KEY", headers: ["Authorization": "Bearer YOUR_API_KEY"],
              status: 401, code: "INVALID_KEY_FORMAT", message: "Invalid API key format"),
        .init(name: "an unknown well-formed key", headers: ["Authorization": "Bearer vp_live_0000000000000000"],
              status: 401, code: "INVALID_API_KEY", message: "Invalid API key"),
        .init(name: "credits below one minute", setup: #"{"edesy/default/credits":0.99}"#,
              status: 402, code: "CALL_FAILED", message: "Insufficient credits"),

        // INFERRED: authentication.
        .init(name: "not a Bearer scheme", headers: ["Authorization": "Basic dnBfbGl2ZV94Og=="], status: 401, code: "MISSING_API_KEY", message: "Missing API key"),
        .init(name: "an empty bearer", headers: ["Authorization": "Bearer "], status: 401, code: "MISSING_API_KEY", message: "Missing API key"),
        .init(name: "masking's vp_YOUR_API_KEY", headers: ["Authorization": "Bearer vp_YOUR_API_KEY"],
              status: 401, code: "INVALID_KEY_FORMAT", message: "Invalid API key format"),
        .init(name: "a bare vp_live_ prefix", headers: ["Authorization": "Bearer vp_live_"], status: 401, code: "INVALID_KEY_FORMAT", message: "Invalid API key format"),
        .init(name: "an unknown test key", headers: ["Authorization": "Bearer vp_test_nobody"], status: 401, code: "INVALID_API_KEY", message: "Invalid API key"),
        .init(name: "auth before the body", headers: [:], json: "{", status: 401, code: "MISSING_API_KEY", message: "Missing API key"),

        // INFERRED: the body.
        .init(name: "malformed JSON", json: #"{"agentId":123,"#, status: 400, code: "INVALID_JSON", message: "Invalid JSON body"),
        .init(name: "an array body", json: "[]", status: 400, code: "INVALID_JSON", message: "Request body must be a JSON object"),
        .init(name: "no Content-Type", json: nil, raw: Edesy.call("9876543210"), status: 415, code: "INVALID_CONTENT_TYPE",
              message: "Content-Type must be application/json"),
        .init(name: "a form Content-Type", headers: Edesy.live.merging(["Content-Type": "application/x-www-form-urlencoded"]) { $1 },
              status: 415, code: "INVALID_CONTENT_TYPE", message: "Content-Type must be application/json"),
        .init(name: "agentId 0 (falsy)", json: #"{"agentId":0,"phoneNumber":"9876543210"}"#, status: 400, code: "MISSING_AGENT_ID", message: "Missing agentId"),
        .init(name: "agentId null", json: #"{"agentId":null,"phoneNumber":"9876543210"}"#, status: 400, code: "MISSING_AGENT_ID", message: "Missing agentId"),
        .init(name: "agentId as a numeric string", json: #"{"agentId":"123","phoneNumber":"9876543210"}"#,
              status: 400, code: "INVALID_AGENT_ID", message: "agentId must be a number, got a string"),
        .init(name: "agentId with a fraction", json: #"{"agentId":12.5,"phoneNumber":"9876543210"}"#,
              status: 400, code: "INVALID_AGENT_ID", message: "agentId must be a number, got a number"),
        .init(name: "empty phoneNumber", json: #"{"agentId":123,"phoneNumber":""}"#, status: 400, code: "MISSING_PHONE_NUMBER", message: "Missing phoneNumber"),
        .init(name: "phoneNumber as a number", json: #"{"agentId":123,"phoneNumber":9876543210}"#,
              status: 400, code: "INVALID_PHONE_NUMBER", message: "phoneNumber must be a string, got a number"),
        .init(name: "an unknown provider", json: Edesy.call("9876543210", #","provider":"vonage""#),
              status: 400, code: "INVALID_PROVIDER", message: #"Invalid provider "vonage": must be one of twilio, plivo, edesy-sip"#),
        .init(name: "variables not an object", json: Edesy.call("9876543210", #","variables":"Rahul""#),
              status: 400, code: "INVALID_VARIABLES", message: "variables must be an object"),
        .init(name: "metadata not an object", json: Edesy.call("9876543210", #","metadata":[1]"#),
              status: 400, code: "INVALID_METADATA", message: "metadata must be an object"),
        .init(name: "callbackUrl not a URL", json: Edesy.call("9876543210", #","callbackUrl":"ftp://example.com/x""#),
              status: 400, code: "INVALID_CALLBACK_URL", message: "callbackUrl must be a valid http(s) URL"),
        .init(name: "plain http callbackUrl with a live key", json: Edesy.call("9876543210", #","callbackUrl":"http://example.com/hook""#),
              status: 400, code: "INVALID_CALLBACK_URL", message: "callbackUrl must use HTTPS"),
        .init(name: "fromNumber as a number", json: Edesy.call("9876543210", #","fromNumber":8065934975"#),
              status: 400, code: "INVALID_FROM_NUMBER", message: "fromNumber must be a string, got a number"),

        // INFERRED: against the workspace.
        .init(name: "an unknown agent", json: #"{"agentId":999,"phoneNumber":"9876543210"}"#, status: 404, code: "AGENT_NOT_FOUND", message: "Agent 999 not found"),
        .init(name: "an inactive agent", setup: #"{"edesy/default/agents/123/active":false}"#,
              status: 400, code: "AGENT_INACTIVE", message: "Agent 123 is not active"),
        .init(name: "an invalid number", json: Edesy.call("12345"), status: 400, code: "INVALID_PHONE_NUMBER", message: "Invalid phone number: 12345"),
        .init(name: "a number with letters", json: Edesy.call("98765abcde"), status: 400, code: "INVALID_PHONE_NUMBER", message: "Invalid phone number: 98765abcde"),
        .init(name: "a fromNumber the workspace does not own", json: Edesy.call("9876543210", #","fromNumber":"8000000000""#),
              status: 400, code: "INVALID_FROM_NUMBER", message: "fromNumber 8000000000 is not configured for this workspace"),

        // INFERRED: reading calls.
        .init(name: "an unknown conversation", method: .get, path: "/api/v1/calls/a1b2c3d4-e5f6-7890-abcd-ef1234567890", json: nil,
              status: 404, code: "CALL_NOT_FOUND", message: "Call not found"),
        .init(name: "get without a key", method: .get, path: "/api/v1/calls/x", headers: [:], json: nil,
              status: 401, code: "MISSING_API_KEY", message: "Missing API key"),
        .init(name: "list with a bad key format", method: .get, headers: ["Authorization": "Bearer YOUR_API_KEY"], json: nil,
              status: 401, code: "INVALID_KEY_FORMAT", message: "Invalid API key format"),
        .init(name: "limit 0", method: .get, path: "/api/v1/calls?limit=0", json: nil, status: 400, code: "INVALID_LIMIT", message: "limit must be an integer from 1 to 100"),
        .init(name: "limit 101", method: .get, path: "/api/v1/calls?limit=101", json: nil, status: 400, code: "INVALID_LIMIT", message: "limit must be an integer from 1 to 100"),
        .init(name: "limit not a number", method: .get, path: "/api/v1/calls?limit=ten", json: nil, status: 400, code: "INVALID_LIMIT", message: "limit must be an integer from 1 to 100"),
        .init(name: "a negative offset", method: .get, path: "/api/v1/calls?offset=-1", json: nil, status: 400, code: "INVALID_OFFSET", message: "offset must be a non-negative integer"),
        .init(name: "an unknown status filter", method: .get, path: "/api/v1/calls?status=ringing", json: nil, status: 400, code: "INVALID_STATUS",
              message: #"Invalid status "ringing": must be one of initiated, in-progress, completed, failed"#),
        .init(name: "a startDate that is not ISO 8601", method: .get, path: "/api/v1/calls?startDate=yesterday", json: nil,
              status: 400, code: "INVALID_DATE", message: "startDate must be an ISO 8601 date"),
        .init(name: "an endDate that is not ISO 8601", method: .get, path: "/api/v1/calls?endDate=10/04/2026", json: nil,
              status: 400, code: "INVALID_DATE", message: "endDate must be an ISO 8601 date"),
        .init(name: "an agentId filter that is not a number", method: .get, path: "/api/v1/calls?agentId=abc", json: nil,
              status: 400, code: "INVALID_AGENT_ID", message: "agentId must be a number"),

        // INFERRED: the edge.
        .init(name: "an unknown route", method: .get, path: "/api/v1/agents", json: nil, status: 404, code: "NOT_FOUND", message: "Not found"),
        .init(name: "an unknown sub-route", method: .post, path: "/api/v1/calls/x/end", status: 404, code: "NOT_FOUND", message: "Not found"),
        .init(name: "a wrong method", method: .delete, json: nil, status: 405, code: "METHOD_NOT_ALLOWED", message: "Method not allowed"),
        .init(name: "a body over 1 MiB", json: Edesy.call("9876543210", #","metadata":{"x":""# + String(repeating: "a", count: 1 << 20) + #""}"#),
              status: 413, code: "PAYLOAD_TOO_LARGE", message: "Request body exceeds 1048576 bytes"),
    ]

    @Test(arguments: cases)
    func answersInTheEdesyEnvelopeAndChangesNothing(_ c: EdesyErrorCase) async throws {
        try await TestSimulator.run { sim in
            if let setup = c.setup {
                let p = try await sim.send(.patch, "/_telesim/state", json: setup)
                #expect(p.status == 200, "setup: \(p.text)")
            }
            let before = try await Edesy.credits(sim)
            let r = try await sim.send(c.method, c.path, headers: c.headers, json: c.json, body: c.raw)
            #expect(r.status == c.status)
            #expect(r.text == #"{"success":false,"error":"\#(c.message.replacingOccurrences(of: "\"", with: "\\\""))","code":"\#(c.code)"}"#)
            #expect(r.header("Content-Type")?.hasPrefix("application/json") == true)
            #expect(try await Edesy.callCount(sim) == 0)
            #expect(try await Edesy.credits(sim) == before)
        }
    }

    @Test func aWrongMethodNamesTheAllowedOnes() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.put, "/api/v1/calls", headers: Edesy.live, json: Edesy.basic)
            #expect(r.status == 405)
            #expect(r.header("Allow") == "POST, GET")
        }
    }

    /// Injected faults render in the Edesy envelope too.
    @Test func anInjectedInternalErrorIsA500InTheEnvelope() async throws {
        try await TestSimulator.run { sim in
            let f = try await sim.send(.post, "/_telesim/faults", json: #"{"match":{"provider":"edesy-agents"},"times":1,"respond":{"error":"internal"}}"#)
            #expect(f.status == 201 || f.status == 200)
            let r = try await sim.send(.post, "/api/v1/calls", headers: Edesy.live, json: Edesy.basic)
            #expect(r.status == 500)
            #expect(r.text == #"{"success":false,"error":"Internal server error","code":"INTERNAL_ERROR"}"#)
            let again = try await sim.send(.post, "/api/v1/calls", headers: Edesy.live, json: Edesy.basic)
            #expect(again.status == 200)
        }
    }
}
