import Foundation
import Testing
import TelesimCore
import TelesimTestSupport

/// `POST /v2/accounts/{sid}/calls` as the seed page documents it, and every error in its table.
@Suite struct ExotelCreateTests {
    /// The envelope the page documents, with this world's ids and the default clock's instant.
    static func documented(_ requestID: String, _ callSid: String) -> String {
        #"{"request_id":"\#(requestID)","method":"POST","http_code":200,"response":{"call_sid":"\#(callSid)","call_state":"active","call_status":null,"#
            + #""assigned_agent_details":{"user_id":"agent-uuid","contact_uri":"sip:agent@exotel.com"},"customer_details":{"number":"+919876543210"},"#
            + #""virtual_number":"+911234567890","recording":true,"created_time":"2026-04-10T06:25:00.000Z"}}"#
    }

    /// The page's three examples as their clients put them on the wire (placeholders replaced by the
    /// default world's api_key, api_token and account_sid): curl's `-d` text, requests' `json.dumps`,
    /// axios' compact JSON with its own Accept header.
    static let examples: [(String, [String: String], String)] = [
        ("curl", ["Content-Type": "application/json"], """
            {
            "from": {"user_contact_uri": "sip:agent@exotel.com"},
            "to": {"number": "+919876543210"},
            "virtual_number": "+911234567890",
            "recording": true,
            "status_callback": [{"event": "terminal", "url": "https://your-server.com/webhook"}]
            }
            """),
        ("python", ["Content-Type": "application/json", "Accept": "*/*", "User-Agent": "python-requests/2.32.3"],
         #"{"from": {"user_contact_uri": "sip:agent@exotel.com"}, "to": {"number": "+919876543210"}, "virtual_number": "+911234567890", "recording": true, "status_callback": [{"event": "terminal", "url": "https://your-server.com/webhook"}]}"#),
        ("node", ["Content-Type": "application/json", "Accept": "application/json, text/plain, */*", "User-Agent": "axios/1.7.9"],
         #"{"from":{"user_contact_uri":"sip:agent@exotel.com"},"to":{"number":"+919876543210"},"virtual_number":"+911234567890","recording":true,"status_callback":[{"event":"terminal","url":"https://your-server.com/webhook"}]}"#),
    ]

    @Test(arguments: examples)
    func theSeedPagesExamplesGetTheDocumentedEnvelope(client: String, headers: [String: String], body: String) async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.post, Exo.calls, headers: headers.merging(Exo.auth) { $1 }, json: body)
            #expect(r.status == 200, "\(client): \(r.text)")
            let requestID = try #require(r.json["request_id"]?.stringValue)
            let callSid = try #require(r.json["response"]?["call_sid"]?.stringValue)
            #expect(Exo.isHex(requestID) && Exo.isHex(callSid), "\(client)")
            #expect(r.text == Self.documented(requestID, callSid), "\(client)")
            let admin = try await sim.send(.get, "/_telesim/calls/\(callSid)")
            #expect(admin.json["provider"] == "exotel")
            #expect(admin.json["account"] == "account_sid")
            #expect(admin.json["legs"]?.arrayValue?.map { $0["number"] } == ["sip:agent@exotel.com", "+919876543210"])
        }
    }

    /// Each row: name, path, headers, body, HTTP status, Exotel code. None changes the world.
    static let errors: [(String, String, [String: String], String, Int, Int64)] = [
        ("no credentials", Exo.calls, [:], Exo.body(), 401, 1010),
        ("wrong token", Exo.calls, Exo.basic("api_key", "nope"), Exo.body(), 401, 1010),
        ("unknown key", Exo.calls, Exo.basic("nope", "api_token"), Exo.body(), 401, 1010),
        ("bearer instead of basic", Exo.calls, ["Authorization": "Bearer api_key"], Exo.body(), 401, 1010),
        ("basic without a colon", Exo.calls, ["Authorization": "Basic " + Data("api_key".utf8).base64EncodedString()], Exo.body(), 401, 1010),
        ("another account's sid", "/v2/accounts/someone_else/calls", Exo.auth, Exo.body(), 401, 1010),
        ("user_id not found", Exo.calls, Exo.auth, Exo.body(from: #"{"user_id":"nobody"}"#), 404, 10731),
        ("contact uri not found", Exo.calls, Exo.auth, Exo.body(from: #"{"user_contact_uri":"sip:nobody@exotel.com"}"#), 404, 10731),
        ("virtual number not found", Exo.calls, Exo.auth,
         #"{"from":{"user_id":"agent-uuid"},"to":{"number":"+919876543210"},"virtual_number":"+919999999990"}"#, 404, 10716),
        ("missing from", Exo.calls, Exo.auth, #"{"to":{"number":"+919876543210"},"virtual_number":"+911234567890"}"#, 400, 1001),
        ("from without a user", Exo.calls, Exo.auth, Exo.body(from: "{}"), 400, 1001),
        ("missing to", Exo.calls, Exo.auth, #"{"from":{"user_id":"agent-uuid"},"virtual_number":"+911234567890"}"#, 400, 1001),
        ("missing virtual_number", Exo.calls, Exo.auth, #"{"from":{"user_id":"agent-uuid"},"to":{"number":"+919876543210"}}"#, 400, 1001),
        ("callback without url", Exo.calls, Exo.auth, Exo.body(extra: #","status_callback":[{"event":"terminal"}]"#), 400, 1001),
        ("to number not a phone number", Exo.calls, Exo.auth, Exo.body(to: "call me"), 400, 1002),
        ("recording_channels stereo", Exo.calls, Exo.auth, Exo.body(extra: #","recording_channels":"stereo""#), 400, 1002),
        ("callback event unknown", Exo.calls, Exo.auth,
         Exo.body(extra: #","status_callback":[{"event":"ringing","url":"https://example.com/h"}]"#), 400, 1002),
        ("callback url not a URL", Exo.calls, Exo.auth, Exo.body(extra: #","status_callback":[{"event":"terminal","url":"example"}]"#), 400, 1002),
        ("attempt_time_out zero", Exo.calls, Exo.auth, Exo.body(extra: #","attempt_time_out":0"#), 400, 1002),
        ("malformed JSON", Exo.calls, Exo.auth, #"{"from":"#, 400, 1007),
        ("body not an object", Exo.calls, Exo.auth, "[1,2]", 400, 1007),
        ("from not an object", Exo.calls, Exo.auth, Exo.body(from: #""agent-uuid""#), 400, 1007),
        ("virtual_number a number", Exo.calls, Exo.auth,
         #"{"from":{"user_id":"agent-uuid"},"to":{"number":"+919876543210"},"virtual_number":911234567890}"#, 400, 1007),
        ("recording a string", Exo.calls, Exo.auth, Exo.body(extra: #","recording":"true""#), 400, 1007),
        ("max_time_limit a fraction", Exo.calls, Exo.auth, Exo.body(extra: #","max_time_limit":1.5"#), 400, 1007),
        ("status_callback an object", Exo.calls, Exo.auth, Exo.body(extra: #","status_callback":{"event":"terminal"}"#), 400, 1007),
        ("form-encoded body", Exo.calls, Exo.auth.merging(["Content-Type": "application/x-www-form-urlencoded"]) { $1 }, Exo.body(), 415, 1011),
    ]

    @Test(arguments: errors)
    func documentedAndInferredErrors(name: String, path: String, headers: [String: String], body: String, status: Int, code: Int64) async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.post, path, headers: headers, json: body)
            #expect(r.status == status, "\(name): \(r.text)")
            #expect(r.json["method"] == "POST")
            #expect(r.json["http_code"] == .int(Int64(status)))
            #expect(Exo.isHex(r.json["request_id"]?.stringValue), "\(name)")
            let response = r.json["response"]
            #expect(response?["code"] == .int(Int64(status)))
            #expect(response?["status"] == "failure")
            #expect(response?["data"] == .null)
            #expect(response?["error_data"]?["code"] == .int(code), "\(name): \(r.text)")
            #expect(response?["error_data"]?["description"]?.stringValue?.isEmpty == false, "\(name)")
            #expect(try await sim.send(.get, "/_telesim/calls").json["total"] == 0)
        }
    }

    @Test func theErrorEnvelopeIsExotelsV2Shape() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.post, Exo.calls, headers: Exo.auth, json: #"{"to":{"number":"+919876543210"},"virtual_number":"+911234567890"}"#)
            let id = try #require(r.json["request_id"]?.stringValue)
            #expect(r.text == #"{"request_id":"\#(id)","method":"POST","http_code":400,"response":{"code":400,"error_data":{"code":1001,"message":"Mandatory Parameter missing","description":"from is mandatory"},"status":"failure","data":null}}"#)
        }
    }

    /// The device states of the table's 409 rows, set through the admin API as a test would.
    @Test(arguments: [("off", 1012), ("unverified", 10705), ("busy", 10706)] as [(String, Int64)])
    func deviceStatesRefuseTheCall(device: String, code: Int64) async throws {
        try await TestSimulator.run { sim in
            let patched = try await sim.send(.patch, "/_telesim/state", json: #"{"exotel/account_sid/users/agent-uuid/device":"\#(device)"}"#)
            #expect(patched.status == 200, "\(patched.text)")
            let r = try await sim.send(.post, Exo.calls, headers: Exo.auth, json: Exo.body())
            #expect(r.status == 409)
            #expect(r.json["response"]?["error_data"]?["code"] == .int(code))
            #expect(try await sim.send(.get, "/_telesim/calls").json["total"] == 0)
            _ = try await sim.send(.patch, "/_telesim/state", json: #"{"exotel/account_sid/users/agent-uuid/device":"on"}"#)
            #expect(try await sim.send(.post, Exo.calls, headers: Exo.auth, json: Exo.body()).status == 200)
        }
    }

    /// Users are found through an index of the world's users (`WorldState.firstElement`): by
    /// contact in any format of the same number, and still after the admin API changes a contact.
    @Test func usersAreFoundByContactAfterTheirContactChanges() async throws {
        try await TestSimulator.run { sim in
            let newContact = #"{"user_contact_uri":"09845000001"}"#
            let before = try await sim.send(.post, Exo.calls, headers: Exo.auth, json: Exo.body(from: newContact))
            #expect(before.json["response"]?["error_data"]?["code"] == 10731)
            let patched = try await sim.send(.patch, "/_telesim/state", json: #"{"exotel/account_sid/users/agent-uuid/contact_uri":"+91 98450 00001"}"#)
            #expect(patched.status == 200, "\(patched.text)")
            let old = try await sim.send(.post, Exo.calls, headers: Exo.auth, json: Exo.body())
            #expect(old.json["response"]?["error_data"]?["code"] == 10731)
            let after = try await sim.send(.post, Exo.calls, headers: Exo.auth, json: Exo.body(from: newContact))
            #expect(after.status == 200, "\(after.text)")
            #expect(after.json["response"]?["assigned_agent_details"]?["user_id"] == "agent-uuid")
        }
    }

    @Test func anAgentOnACallIsBusyUntilItEnds() async throws {
        try await TestSimulator.run { sim in
            _ = try await Exo.create(sim)
            let second = try await sim.send(.post, Exo.calls, headers: Exo.auth, json: Exo.body(to: "+919876543211"))
            #expect(second.status == 409)
            #expect(second.json["response"]?["error_data"]?["code"] == 10706)
            try await sim.advance("1m")
            _ = try await Exo.create(sim, to: "+919876543211")
        }
    }

    @Test func theAgentIsFoundByUserIDOrPhoneNumberAndTheCustomerByCustomerContactURI() async throws {
        let world = """
        telesim: 1
        name: exotel-users
        providers:
          exotel:
            accounts:
              - sid: acme
                api_key: exo_key_acme
                api_token: exo_token_acme
                virtual_numbers: ["+911234567890"]
                users:
                  - {id: first, name: Ravi, contact_uri: "+919999999999"}
                  - {id: second, name: Asha, contact_uri: "+919999999999"}
                  - {id: third, name: Meera, contact_uri: "sip:meera@exotel.com"}
        """
        try await TestSimulator.run(scenario: world) { sim in
            let path = "/v2/accounts/acme/calls"
            let auth = Exo.basic("exo_key_acme", "exo_token_acme")
            // A phone number written nationally matches; of two matching users, the first is chosen.
            let byPhone = try await sim.send(.post, path, headers: auth, json: #"{"from":{"user_contact_uri":"09999999999"},"to":{"customer_contact_uri":"+919876543210"},"virtual_number":"01234567890"}"#)
            #expect(byPhone.status == 200, "\(byPhone.text)")
            #expect(byPhone.json["response"]?["assigned_agent_details"] == .obj(["user_id": "first", "contact_uri": "+919999999999"]))
            #expect(byPhone.json["response"]?["customer_details"]?["number"] == "+919876543210")
            #expect(byPhone.json["response"]?["virtual_number"] == "+911234567890")
            let byID = try await sim.send(.post, path, headers: auth, json: #"{"from":{"user_id":"third"},"to":{"number":"9876543212"},"virtual_number":"+911234567890","recording":false}"#)
            #expect(byID.status == 200, "\(byID.text)")
            #expect(byID.json["response"]?["assigned_agent_details"] == .obj(["user_id": "third", "contact_uri": "sip:meera@exotel.com"]))
            #expect(byID.json["response"]?["customer_details"]?["number"] == "+919876543212")
            #expect(byID.json["response"]?["recording"] == false)
            // The default world's credentials do not open this world's account.
            #expect(try await sim.send(.post, path, headers: Exo.auth, json: Exo.body()).status == 401)
        }
    }

    @Test func aValidKeyForAnotherAccountsSidIs401() async throws {
        let world = """
        telesim: 1
        name: exotel-two-accounts
        providers:
          exotel:
            accounts:
              - {sid: acme, api_key: key_acme, api_token: token_acme, virtual_numbers: ["+911234567890"], users: [{id: a, contact_uri: "sip:a@exotel.com"}]}
              - {sid: beta, api_key: key_beta, api_token: token_beta, virtual_numbers: ["+911234567891"], users: [{id: b, contact_uri: "sip:b@exotel.com"}]}
        """
        try await TestSimulator.run(scenario: world) { sim in
            let body = #"{"from":{"user_id":"b"},"to":{"number":"+919876543210"},"virtual_number":"+911234567891"}"#
            let crossed = try await sim.send(.post, "/v2/accounts/beta/calls", headers: Exo.basic("key_acme", "token_acme"), json: body)
            #expect(crossed.status == 401)
            #expect(crossed.json["response"]?["error_data"]?["code"] == 1010)
            #expect(try await sim.send(.post, "/v2/accounts/beta/calls", headers: Exo.basic("key_beta", "token_beta"), json: body).status == 200)
        }
    }

    @Test func theAccountsRateLimitCountsSimulatedTime() async throws {
        let world = """
        telesim: 1
        name: exotel-rate
        providers:
          exotel:
            accounts:
              - sid: acme
                api_key: exo_key_acme
                api_token: exo_token_acme
                virtual_numbers: ["+911234567890"]
                rate_limit: 2/min
                users: [{id: agent-uuid, contact_uri: "sip:agent@exotel.com"}]
        """
        try await TestSimulator.run(scenario: world) { sim in
            let path = "/v2/accounts/acme/calls"
            let auth = Exo.basic("exo_key_acme", "exo_token_acme")
            let first = try await sim.send(.post, path, headers: auth, json: Exo.body())
            #expect(first.status == 200)
            let sid = try #require(first.json["response"]?["call_sid"]?.stringValue)
            #expect(try await sim.send(.get, "\(path)/\(sid)", headers: auth).status == 200)
            let limited = try await sim.send(.get, "\(path)/\(sid)", headers: auth)
            #expect(limited.status == 429)
            #expect(limited.json["response"]?["error_data"]?["code"] == 1009)
            #expect(limited.header("Retry-After") == "60")
            try await sim.advance("61s")
            #expect(try await sim.send(.get, "\(path)/\(sid)", headers: auth).status == 200)
        }
    }

    @Test func injectedFaultsAnswerInExotelsEnvelope() async throws {
        try await TestSimulator.run { sim in
            let added = try await sim.send(.post, "/_telesim/faults",
                                           json: #"{"match":{"provider":"exotel","method":"POST","path":"/v2/accounts/*/calls"},"times":1,"respond":{"error":"internal"}}"#)
            #expect(added.status == 201, "\(added.text)")
            let r = try await sim.send(.post, Exo.calls, headers: Exo.auth, json: Exo.body())
            #expect(r.status == 500)
            #expect(r.json["http_code"] == 500)
            #expect(r.json["response"]?["error_data"]?["code"] == 1100)
            #expect(Exo.isHex(r.json["request_id"]?.stringValue))
            #expect(try await sim.send(.post, Exo.calls, headers: Exo.auth, json: Exo.body()).status == 200)
        }
    }

    @Test func unknownRoutesMethodsAndCallsGetExotelsEnvelope() async throws {
        try await TestSimulator.run { sim in
            let route = try await sim.send(.get, "/v2/accounts/account_sid/nothing", headers: Exo.auth)
            #expect(route.status == 404)
            #expect(route.json["response"]?["error_data"]?["code"] == 1000)
            let method = try await sim.send(.delete, Exo.calls, headers: Exo.auth)
            #expect(method.status == 405)
            #expect(method.header("Allow") == "POST")
            #expect(method.json["response"]?["error_data"]?["code"] == 1004)
            let call = try await sim.send(.get, "\(Exo.calls)/0123456789abcdef0123456789abcdef", headers: Exo.auth)
            #expect(call.status == 404)
            #expect(call.json["method"] == "GET")
            #expect(call.json["response"]?["error_data"]?["code"] == 1000)
            let big = Exo.body(extra: #","custom_field":""# + String(repeating: "a", count: 2 << 20) + #"""#)
            let tooLarge = try await sim.send(.post, Exo.calls, headers: Exo.auth, json: big)
            #expect(tooLarge.status == 413)
            #expect(tooLarge.json["response"]?["error_data"]?["code"] == 1007)
        }
    }

    @Test func theOpenAPIDocumentDescribesBothOperations() async throws {
        try await TestSimulator.run { sim in
            let doc = try await sim.send(.get, "/_telesim/openapi/exotel.json")
            #expect(doc.status == 200)
            #expect(doc.json["openapi"] == "3.1.0")
            #expect(doc.json["paths"]?["/v2/accounts/{account_sid}/calls"]?["post"] != nil)
            #expect(doc.json["paths"]?["/v2/accounts/{account_sid}/calls/{call_sid}"]?["get"] != nil)
            #expect(doc.json["components"]?["securitySchemes"]?["basicAuth"]?["scheme"] == "basic")
        }
    }
}
