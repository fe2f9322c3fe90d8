import HTTPTypes
import TelesimCore
import TelesimTestSupport
import Testing

/// Every row of the documented error catalogue, and every kind of bad input, answered in Edesy's
/// `{"error":{"code","message"}}` and changing nothing in the world.
@Suite struct ErrorCatalogueTests {
    /// What a row needs from the world before its request.
    enum Setup: Sendable {
        case none
        /// `PATCH edesy/default/masking/balance`.
        case balance(String)
        /// A rate limit of 2/min, already used up by two requests of the same key.
        case rateLimitSpent
        /// An injected `internal` fault on every masking request.
        case internalFault
        case unavailableFault
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var setup: Setup = .none
        var method: HTTPRequest.Method = .post
        var path = "/v1/masking/calls"
        var headers = auth
        var json: String? = #"{"party_a":"9876543210","party_b":"9123456789"}"#
        var body: String?
        var status: Int
        var code: String
        var message: String?
        var testDescription: String { "\(status) \(code): \(name)" }
    }

    static let sameMessage = "Party A and Party B cannot be the same number."
    static let balanceMessage = "Insufficient balance. Please add funds to continue making calls."
    static let durationMessage = "max_duration_sec must be an integer between 10 and 7200."

    static let rows: [Row] = [
        // 401 unauthorized
        Row(name: "no Authorization header", headers: [:], status: 401, code: "unauthorized", message: "Missing or invalid API key."),
        Row(name: "Basic instead of Bearer", headers: ["Authorization": "Basic dnBfWU9VUl9BUElfS0VZOg=="], status: 401, code: "unauthorized"),
        Row(name: "unknown vp_ key", headers: ["Authorization": "Bearer vp_not_a_real_key"], status: 401, code: "unauthorized"),
        Row(name: "a key without the vp_ prefix", headers: ["Authorization": "Bearer YOUR_API_KEY"], status: 401, code: "unauthorized"),
        Row(name: "empty bearer", headers: ["Authorization": "Bearer "], status: 401, code: "unauthorized"),
        Row(name: "bad key wins over a bad body", headers: ["Authorization": "Bearer vp_nope"], json: "{", status: 401, code: "unauthorized"),
        Row(name: "billing without a key", method: .get, path: "/v1/masking/billing", headers: [:], json: nil, status: 401, code: "unauthorized"),
        Row(name: "status without a key", method: .get, path: "/v1/masking/calls/x", headers: [:], json: nil, status: 401, code: "unauthorized"),
        Row(name: "call logs without a key", method: .get, path: "/v1/masking/call-logs", headers: [:], json: nil, status: 401, code: "unauthorized"),
        Row(name: "stats without a key", method: .get, path: "/v1/masking/stats", headers: [:], json: nil, status: 401, code: "unauthorized"),
        // 400 invalid_request
        Row(name: "malformed JSON", json: #"{"party_a": "9876543210","#, status: 400, code: "invalid_request", message: "Request body could not be parsed."),
        Row(name: "a JSON array", json: "[]", status: 400, code: "invalid_request"),
        Row(name: "a JSON string", json: #""9876543210""#, status: 400, code: "invalid_request"),
        Row(name: "an empty body", json: "", status: 400, code: "invalid_request"),
        Row(name: "a form body", headers: auth.merging(["Content-Type": "application/x-www-form-urlencoded"]) { $1 },
            json: "party_a=9876543210&party_b=9123456789", status: 400, code: "invalid_request"),
        Row(name: "JSON declared as text/plain", headers: auth.merging(["Content-Type": "text/plain"]) { $1 },
            status: 400, code: "invalid_request"),
        // 400 validation_error
        Row(name: "party_a missing", json: #"{"party_b":"9123456789"}"#, status: 400, code: "validation_error", message: "party_a is required."),
        Row(name: "party_b missing", json: #"{"party_a":"9876543210"}"#, status: 400, code: "validation_error", message: "party_b is required."),
        Row(name: "party_a null", json: #"{"party_a":null,"party_b":"9123456789"}"#, status: 400, code: "validation_error", message: "party_a is required."),
        Row(name: "party_a empty", json: #"{"party_a":"","party_b":"9123456789"}"#, status: 400, code: "validation_error", message: "party_a is required."),
        Row(name: "party_a a number", json: #"{"party_a":9876543210,"party_b":"9123456789"}"#, status: 400, code: "validation_error",
            message: "party_a must be a string."),
        Row(name: "party_b an object", json: #"{"party_a":"9876543210","party_b":{}}"#, status: 400, code: "validation_error",
            message: "party_b must be a string."),
        Row(name: "max_duration_sec 9", json: #"{"party_a":"9876543210","party_b":"9123456789","max_duration_sec":9}"#,
            status: 400, code: "validation_error", message: durationMessage),
        Row(name: "max_duration_sec 7201", json: #"{"party_a":"9876543210","party_b":"9123456789","max_duration_sec":7201}"#,
            status: 400, code: "validation_error", message: durationMessage),
        Row(name: "max_duration_sec a string", json: #"{"party_a":"9876543210","party_b":"9123456789","max_duration_sec":"60"}"#,
            status: 400, code: "validation_error", message: durationMessage),
        Row(name: "max_duration_sec a fraction", json: #"{"party_a":"9876543210","party_b":"9123456789","max_duration_sec":10.5}"#,
            status: 400, code: "validation_error", message: durationMessage),
        Row(name: "max_duration_sec huge", json: #"{"party_a":"9876543210","party_b":"9123456789","max_duration_sec":1e300}"#,
            status: 400, code: "validation_error", message: durationMessage),
        Row(name: "call logs per_page 101", method: .get, path: "/v1/masking/call-logs?per_page=101", json: nil,
            status: 400, code: "validation_error", message: "per_page must be an integer between 1 and 100."),
        Row(name: "call logs page 0", method: .get, path: "/v1/masking/call-logs?page=0", json: nil,
            status: 400, code: "validation_error", message: "page must be a positive integer."),
        Row(name: "call logs unknown status", method: .get, path: "/v1/masking/call-logs?status=busy", json: nil,
            status: 400, code: "validation_error"),
        Row(name: "call logs bad start_date", method: .get, path: "/v1/masking/call-logs?start_date=yesterday", json: nil,
            status: 400, code: "validation_error", message: "start_date must be an RFC3339 date-time."),
        Row(name: "stats bad end_date", method: .get, path: "/v1/masking/stats?end_date=2026-13-01T00:00:00Z", json: nil,
            status: 400, code: "validation_error", message: "end_date must be an RFC3339 date-time."),
        Row(name: "stats start after end", method: .get, path: "/v1/masking/stats?start_date=2026-05-02T00:00:00Z&end_date=2026-05-01T00:00:00Z",
            json: nil, status: 400, code: "validation_error", message: "start_date must not be after end_date."),
        // 400 invalid_numbers
        Row(name: "the same number twice", json: #"{"party_a":"9876543210","party_b":"9876543210"}"#,
            status: 400, code: "invalid_numbers", message: sameMessage),
        Row(name: "party_a too short", json: #"{"party_a":"12345","party_b":"9123456789"}"#,
            status: 400, code: "invalid_numbers", message: "Party A must be a valid 10-digit Indian mobile number."),
        Row(name: "party_a not a mobile (starts with 5)", json: #"{"party_a":"5876543210","party_b":"9123456789"}"#,
            status: 400, code: "invalid_numbers", message: "Party A must be a valid 10-digit Indian mobile number."),
        Row(name: "party_b with +91", json: #"{"party_a":"9876543210","party_b":"+919123456789"}"#,
            status: 400, code: "invalid_numbers", message: "Party B must be a valid 10-digit Indian mobile number."),
        Row(name: "party_b with letters", json: #"{"party_a":"9876543210","party_b":"91234abcde"}"#,
            status: 400, code: "invalid_numbers", message: "Party B must be a valid 10-digit Indian mobile number."),
        // 402 insufficient_balance
        Row(name: "balance below a 1-minute call", setup: .balance("1.49"), status: 402, code: "insufficient_balance", message: balanceMessage),
        Row(name: "empty wallet", setup: .balance("0"), status: 402, code: "insufficient_balance", message: balanceMessage),
        // 404 not_found
        Row(name: "unknown call_sid", method: .get, path: "/v1/masking/calls/d28be7cd-9840-4b23-9627-199f1ef81fc6", json: nil,
            status: 404, code: "not_found", message: "The call_sid does not exist for your tenant."),
        Row(name: "unknown path", method: .get, path: "/v1/masking/recordings/x", json: nil, status: 404, code: "not_found"),
        // 405 (edge, INFERRED)
        Row(name: "DELETE a call", method: .delete, path: "/v1/masking/calls", json: nil, status: 405, code: "method_not_allowed"),
        // 429 rate_limited
        Row(name: "past the workspace's rate limit", setup: .rateLimitSpent, status: 429, code: "rate_limited"),
        // 500 internal_error, 503 (fault)
        Row(name: "injected internal fault", setup: .internalFault, status: 500, code: "internal_error"),
        Row(name: "injected unavailable fault", setup: .unavailableFault, status: 503, code: "service_unavailable"),
    ]

    @Test(arguments: rows)
    func rowAnswersInEdesyFormatAndChangesNothing(_ row: Row) async throws {
        try await TestSimulator.run { sim in
            switch row.setup {
            case .none: break
            case .balance(let b): try await sim.patch(#"{"edesy/default/masking/balance": \#(b)}"#)
            case .rateLimitSpent:
                try await sim.patch(#"{"edesy/default/masking/rate_limit": "2/min"}"#)
                for _ in 0..<2 {
                    let r = try await sim.send(.get, "/v1/masking/billing", headers: auth)
                    #expect(r.status == 200)
                }
            case .internalFault, .unavailableFault:
                let error = if case .internalFault = row.setup { "internal" } else { "unavailable" }
                let r = try await sim.send(.post, "/_telesim/faults", json: #"{"match":{"provider":"edesy-masking"},"respond":{"error":"\#(error)"}}"#)
                #expect((200..<300).contains(r.status), "\(r.text)")
            }
            let balanceBefore = try await sim.stateValue("edesy/default/masking/balance")
            let r = try await sim.send(row.method, row.path, headers: row.headers, json: row.json, body: row.body)
            #expect(r.status == row.status, "\(r.text)")
            #expect(r.header("Content-Type")?.hasPrefix("application/json") == true)
            let error = try #require(r.json["error"])
            #expect(error["code"]?.stringValue == row.code)
            #expect(error.objectValue?.map(\.0) == ["code", "message"])
            #expect(r.json.objectValue?.count == 1)
            if let message = row.message { #expect(error["message"]?.stringValue == message) }
            if row.status == 429 { #expect(r.header("Retry-After") != nil) }
            if row.status == 405 { #expect(r.header("Allow") == "POST") }
            #expect(try await sim.maskingCallCount() == 0)
            #expect(try await sim.stateValue("edesy/default/masking/balance") == balanceBefore)
        }
    }

    /// A balance of exactly one minute's price is enough; its hold then refuses a second call.
    @Test func oneMinuteExactlyIsEnoughAndItsHoldRefusesTheNext() async throws {
        try await TestSimulator.run { sim in
            try await sim.patch(#"{"edesy/default/masking/balance": 1.50}"#)
            #expect(try await sim.initiate("9876543210", "9123456789").status == 201)
            #expect(try await sim.billingBalance() == .decimal("0.00"))
            let second = try await sim.initiate("9876543210", "9123456789")
            #expect(second.status == 402)
            #expect(second.json["error"]?["code"] == "insufficient_balance")
        }
    }

    /// The limit counts simulated time and each API key separately.
    @Test func rateLimitIsPerKeyAndWindowsInSimulatedTime() async throws {
        try await TestSimulator.run { sim in
            try await sim.patch(#"{"edesy/default/masking/rate_limit": "2/min"}"#)
            #expect(try await sim.initiate("9876543210", "9123456789").status == 201)
            #expect(try await sim.initiate("9876543210", "9123456789").status == 201)
            let limited = try await sim.initiate("9876543210", "9123456789")
            #expect(limited.status == 429)
            #expect(limited.json["error"]?["code"] == "rate_limited")
            #expect(limited.header("Retry-After") == "60")
            #expect(try await sim.initiate("9876543210", "9123456789", key: "vp_test_your_api_key_here").status == 201)
            try await sim.advance("60s")
            #expect(try await sim.initiate("9876543210", "9123456789").status == 201)
            #expect(try await sim.maskingCallCount() == 4)
        }
    }

    /// A call of another workspace is not found, as the errors page says ("for your tenant").
    @Test func anotherWorkspacesCallIsNotFound() async throws {
        let scenario = """
        telesim: 1
        name: two-workspaces
        providers:
          edesy:
            workspaces:
              - id: one
                api_keys: [vp_one]
                masking: { balance: 10 }
              - id: two
                api_keys: [vp_two]
                masking: { balance: 10 }
        """
        try await TestSimulator.run(scenario: scenario) { sim in
            let created = try await sim.initiate("9876543210", "9123456789", key: "vp_one")
            #expect(created.status == 201, "\(created.text)")
            let sid = try #require(created.json["data"]?["call_sid"]?.stringValue)
            #expect(try await sim.send(.get, "/v1/masking/calls/\(sid)", headers: ["Authorization": "Bearer vp_one"]).status == 200)
            let other = try await sim.send(.get, "/v1/masking/calls/\(sid)", headers: ["Authorization": "Bearer vp_two"])
            #expect(other.status == 404)
            #expect(other.json["error"]?["code"] == "not_found")
        }
    }
}
