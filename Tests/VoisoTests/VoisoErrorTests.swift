import TelesimCore
import TelesimTestSupport
import Testing

/// One row of the start-call error table: a request and the exact answer.
struct StartCallCase: Sendable, CustomStringConvertible {
    var description: String
    var key: String? = Voiso.key
    var host = "demo.voiso.com"
    var method = "POST"
    var path = Voiso.calls
    var body: String
    var status: Int
    var expected: String

    init(_ description: String, key: String? = Voiso.key, host: String = "demo.voiso.com", method: String = "POST",
         path: String = Voiso.calls, body: String, _ status: Int, _ expected: String) {
        self.description = description
        self.key = key
        self.host = host
        self.method = method
        self.path = path
        self.body = body
        self.status = status
        self.expected = expected
    }
}

/// Every documented error of the start-call page and error-codes page, and the inferred agent
/// errors: exact status and body, and nothing created.
@Suite struct VoisoErrorTests {
    static let unauthorized = #"{"error":"Unauthorized"}"#
    static let forbidden = #"{"error":"Forbidden"}"#
    static let phone = #""phone_number":"18885658889""#

    static let cases: [StartCallCase] = [
        .init("no Authorization header", key: nil, body: #"{"user_id":1234,\#(phone)}"#, 401, unauthorized),
        .init("unknown key", key: "wrong_key", body: #"{"user_id":1234,\#(phone)}"#, 401, unauthorized),
        .init("key of another cluster than the host", key: "other_cluster_key", body: #"{"user_id":1234,\#(phone)}"#, 401, unauthorized),
        .init("host of another cluster than the key", host: "other.voiso.com", body: #"{"user_id":1234,\#(phone)}"#, 401, unauthorized),
        .init("key without voice.call.manage", key: "reporting_only_key", body: #"{"user_id":1234,\#(phone)}"#, 403, forbidden),
        .init("agent without click-to-call", body: #"{"user_id":2001,\#(phone)}"#, 403, forbidden),
        .init("user_id missing", body: #"{\#(phone)}"#, 422, #"{"errors":{"user_id":["is missing"]}}"#),
        .init("user_id null", body: #"{"user_id":null,\#(phone)}"#, 422, #"{"errors":{"user_id":["must be filled"]}}"#),
        .init("user_id not numeric", body: #"{"user_id":"abc",\#(phone)}"#, 422, #"{"errors":{"user_id":["must be an integer"]}}"#),
        .init("user_id a fraction", body: #"{"user_id":12.5,\#(phone)}"#, 422, #"{"errors":{"user_id":["must be an integer"]}}"#),
        .init("user_id a boolean", body: #"{"user_id":true,\#(phone)}"#, 422, #"{"errors":{"user_id":["must be an integer"]}}"#),
        .init("user_id of no agent", body: #"{"user_id":9999,\#(phone)}"#, 422, #"{"errors":{"user_id":["does not match an existing agent"]}}"#),
        .init("phone_number missing", body: #"{"user_id":1234}"#, 422, #"{"errors":{"phone_number":["is missing"]}}"#),
        .init("phone_number empty", body: #"{"user_id":1234,"phone_number":""}"#, 422, #"{"errors":{"phone_number":["must be filled"]}}"#),
        .init("phone_number not a string", body: #"{"user_id":1234,"phone_number":18885658889}"#, 422,
              #"{"errors":{"phone_number":["must be a string"]}}"#),
        .init("phone_number bad format", body: #"{"user_id":1234,"phone_number":"555-CALL"}"#, 422,
              #"{"errors":{"phone_number":["is in invalid format"]}}"#),
        .init("phone_number too short", body: #"{"user_id":1234,"phone_number":"12345"}"#, 422,
              #"{"errors":{"phone_number":["is in invalid format"]}}"#),
        .init("every field at once", body: #"{"user_id":"x","phone_number":7,"caller_id":1,"source":{"account_id":5,"system":[]}}"#, 422,
              #"{"errors":{"user_id":["must be an integer"],"phone_number":["must be a string"],"caller_id":["must be a string"],"source":{"account_id":["must be a string"],"system":["must be a string"]}}}"#),
        .init("empty body", body: "", 422, #"{"errors":{"user_id":["is missing"],"phone_number":["is missing"]}}"#),
        .init("unknown agent with a bad number", body: #"{"user_id":9999,"phone_number":"abc"}"#, 422,
              #"{"errors":{"phone_number":["is in invalid format"],"user_id":["does not match an existing agent"]}}"#),
        .init("caller_id not of the contact centre", body: #"{"user_id":1234,\#(phone),"caller_id":"15550001111"}"#, 422,
              #"{"errors":{"caller_id":["is not an allowed caller ID"]}}"#),
        .init("caller_id empty", body: #"{"user_id":1234,\#(phone),"caller_id":""}"#, 422, #"{"errors":{"caller_id":["must be filled"]}}"#),
        .init("source not an object", body: #"{"user_id":1234,\#(phone),"source":"zoho"}"#, 422, #"{"errors":{"source":["must be a hash"]}}"#),
        .init("agent not signed in", body: #"{"user_id":2002,\#(phone)}"#, 422, #"{"errors":{"user":["is not signed in"]}}"#),
        .init("agent unavailable", body: #"{"user_id":2003,\#(phone)}"#, 422, #"{"errors":{"user":["is not available"]}}"#),
        .init("agent without extension or sign-in identity", body: #"{"user_id":2004,\#(phone)}"#, 422,
              #"{"errors":{"user":["has no extension or sign-in identity"]}}"#),
        .init("agent already outbound", body: #"{"user_id":2006,\#(phone)}"#, 422, #"{"errors":{"user":["is busy"]}}"#),
        .init("malformed JSON", body: #"{"user_id":1234,"#, 400, #"{"error":"Bad Request"}"#),
        .init("JSON that is not an object", body: #"[1234]"#, 400, #"{"error":"Bad Request"}"#),
        .init("malformed JSON with a bad key", key: "wrong_key", body: "{", 401, unauthorized),
        .init("unknown route", method: "GET", path: "/api/v4/voice/unknown", body: "", 404, #"{"error":"Not found"}"#),
        .init("wrong method", method: "GET", path: Voiso.calls, body: "", 405, #"{"error":"Method Not Allowed"}"#),
    ]

    @Test(arguments: cases)
    func startCallError(_ c: StartCallCase) async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let r = try await sim.send(c.method == "GET" ? .get : .post, c.path, headers: Voiso.headers(key: c.key, host: c.host),
                                       json: c.method == "POST" ? c.body : nil)
            #expect(r.status == c.status, "\(r.text)")
            #expect(r.json == (try JSON.parse(c.expected)), "\(r.text)")
            #expect(r.header("Content-Type")?.hasPrefix("application/json") == true)
            let calls = try await sim.send(.get, "/_telesim/calls?provider=voiso").json
            #expect(calls["total"] == 0)
        }
    }

    /// Requests the page accepts although they look unusual.
    @Test(arguments: [
        #"{"user_id":2007,"phone_number":"18885658889"}"#,             // email sign-in identity, no extension
        #"{"user_id":1234,"phone_number":"+18885658889","caller_id":"+18885658889"}"#,  // with +
        #"{"user_id":1234,"phone_number":"442071234567","caller_id":"442071234567"}"#,  // caller id listed with +
        #"{"user_id":1234,"phone_number":"18885658889","source":{"system":"zoho"}}"#,
    ])
    func accepted(body: String) async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let r = try await sim.startCall(body)
            #expect(r.status == 201, "\(r.text)")
        }
    }

    @Test func rateLimitCountsSimulatedTime() async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let body = #"{"user_id":1,"phone_number":"14155550001"}"#
            #expect(try await sim.startCall(body, key: "limited_key", host: "limited.voiso.com").status == 201)
            try await sim.advance("10s")
            #expect(try await sim.startCall(body, key: "limited_key", host: "limited.voiso.com").status == 201)
            let refused = try await sim.startCall(body, key: "limited_key", host: "limited.voiso.com")
            #expect(refused.status == 429)
            #expect(refused.text == #"{"error":"Too many requests"}"#)
            #expect(refused.header("Retry-After") == "50")
            try await sim.advance("1m")
            #expect(try await sim.startCall(body, key: "limited_key", host: "limited.voiso.com").status == 201)
        }
    }

    @Test func agentOnACallIsBusyUntilItEnds() async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let body = #"{"user_id":1234,"phone_number":"18885658889"}"#
            #expect(try await sim.startCall(body).status == 201)
            let busy = try await sim.startCall(body)
            #expect(busy.status == 422)
            #expect(busy.text == #"{"errors":{"user":["is busy"]}}"#)
            try await sim.advance("10s")
            #expect(try await sim.startCall(body).status == 422)
            try await sim.advance("1m")
            #expect(try await sim.startCall(body).status == 201)
        }
    }

    @Test func injectedFaultsUseVoisoErrors() async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let add = try await sim.send(.post, "/_telesim/faults",
                                         json: #"{"match":{"provider":"voiso"},"times":1,"respond":{"error":"internal"}}"#)
            #expect(add.status == 201 || add.status == 200, "\(add.text)")
            let r = try await sim.startCall(#"{"user_id":1234,"phone_number":"18885658889"}"#)
            #expect(r.status == 500)
            #expect(r.text == #"{"error":"Internal Server Error"}"#)
            #expect(try await sim.startCall(#"{"user_id":1234,"phone_number":"18885658889"}"#).status == 201)
        }
    }
}
