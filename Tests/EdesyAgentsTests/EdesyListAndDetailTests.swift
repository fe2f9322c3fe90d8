import Testing
import TelesimCore
import TelesimTestSupport

/// Listing, filtering and reading calls; workspaces kept apart; provider-shaped call sids.
@Suite struct EdesyListAndDetailTests {
    /// Two workspaces, a twilio agent, an inactive agent, two numbers.
    static let scenario = """
    telesim: 1
    name: edesy-two-workspaces
    seed: 7
    network:
      country: IN
      default: { ring: 2s, outcome: answered, talk: 65s }
    providers:
      edesy:
        workspaces:
          - id: acme
            api_keys: [vp_live_acme0000000000000000, vp_test_acme0000000000000000]
            credits: 100
            credits_per_minute: 2
            numbers: ["8065934975", "+918065934976"]
            agents:
              - id: 7
                name: Collections
                provider: twilio
                greeting: "Namaste {{customer_name}}, I am {{agentName}}. {{unknown}}"
              - id: 8
                name: Support
                provider: plivo
          - id: other
            api_keys: [vp_live_other000000000000000]
            credits: 10
            numbers: ["8000000000"]
            agents:
              - id: 9
                name: Other
    """
    static let acme = ["Authorization": "Bearer vp_live_acme0000000000000000"]
    static let acmeTest = ["Authorization": "Bearer vp_test_acme0000000000000000"]
    static let other = ["Authorization": "Bearer vp_live_other000000000000000"]

    static func isHex(_ s: Substring) -> Bool { s.allSatisfy { $0.isHexDigit && !$0.isUppercase } }

    @Test func callSidsAreShapedByTheProvider() async throws {
        try await TestSimulator.run(scenario: Self.scenario) { sim in
            let twilio = try await sim.send(.post, "/api/v1/calls", headers: Self.acme, json: #"{"agentId":7,"phoneNumber":"+919876543210"}"#)
            let t = try #require(twilio.json["data"]?["callSid"]?.stringValue)
            #expect(t.hasPrefix("CA") && t.count == 34 && Self.isHex(t.dropFirst(2)))
            let plivo = try await sim.send(.post, "/api/v1/calls", headers: Self.acme, json: #"{"agentId":8,"phoneNumber":"919876543210"}"#)
            let p = try #require(plivo.json["data"]?["callSid"]?.stringValue)
            #expect(p.count == 36 && p.split(separator: "-").count == 5)
            let sip = try await sim.send(.post, "/api/v1/calls", headers: Self.acme, json: #"{"agentId":7,"phoneNumber":"09876543210","provider":"edesy-sip"}"#)
            let s = try #require(sip.json["data"]?["callSid"]?.stringValue)
            #expect(s.hasPrefix("edesy-sip-") && s.count == 18 && Self.isHex(s.dropFirst(10)))
            let d = try await sim.send(.get, "/api/v1/calls/\(try #require(sip.json["data"]?["conversationId"]?.stringValue))", headers: Self.acme)
            #expect(d.json["data"]?["provider"] == "edesy-sip")
            #expect(d.json["data"]?["phoneNumber"] == "09876543210")
        }
    }

    @Test func fromNumberMatchesInE164AndDefaultsToTheFirst() async throws {
        try await TestSimulator.run(scenario: Self.scenario) { sim in
            let a = try await sim.send(.post, "/api/v1/calls", headers: Self.acme, json: #"{"agentId":7,"phoneNumber":"9876543210","fromNumber":"+918065934975"}"#)
            #expect(a.status == 200)
            let b = try await sim.send(.post, "/api/v1/calls", headers: Self.acme, json: #"{"agentId":7,"phoneNumber":"9876543210","fromNumber":"8065934976"}"#)
            #expect(b.status == 200)
            let c = try await sim.send(.post, "/api/v1/calls", headers: Self.acme, json: #"{"agentId":7,"phoneNumber":"9876543210"}"#)
            let id = try #require(c.json["data"]?["conversationId"]?.stringValue)
            #expect(try await sim.send(.get, "/api/v1/calls/\(id)", headers: Self.acme).json["data"]?["fromNumber"] == "8065934975")
            let bId = try #require(b.json["data"]?["conversationId"]?.stringValue)
            #expect(try await sim.send(.get, "/api/v1/calls/\(bId)", headers: Self.acme).json["data"]?["fromNumber"] == "+918065934976")
        }
    }

    @Test func aWorkspaceSeesNeitherTheOthersCallsNorItsAgents() async throws {
        try await TestSimulator.run(scenario: Self.scenario) { sim in
            let mine = try await sim.send(.post, "/api/v1/calls", headers: Self.acme, json: #"{"agentId":7,"phoneNumber":"9876543210"}"#)
            let id = try #require(mine.json["data"]?["conversationId"]?.stringValue)
            let theirs = try await sim.send(.get, "/api/v1/calls/\(id)", headers: Self.other)
            #expect(theirs.status == 404)
            #expect(theirs.text == #"{"success":false,"error":"Call not found","code":"CALL_NOT_FOUND"}"#)
            #expect(try await sim.send(.get, "/api/v1/calls", headers: Self.other).json["data"]?["total"] == 0)
            let agent = try await sim.send(.post, "/api/v1/calls", headers: Self.other, json: #"{"agentId":7,"phoneNumber":"9876543210"}"#)
            #expect(agent.json["code"] == "AGENT_NOT_FOUND")
            let from = try await sim.send(.post, "/api/v1/calls", headers: Self.other, json: #"{"agentId":9,"phoneNumber":"9876543210","fromNumber":"8065934975"}"#)
            #expect(from.json["code"] == "INVALID_FROM_NUMBER")
            // The test key reaches the same workspace.
            #expect(try await sim.send(.get, "/api/v1/calls/\(id)", headers: Self.acmeTest).status == 200)
        }
    }

    /// With a vp_test_ key a plain-http callbackUrl is accepted; a live key accepts it only on loopback.
    @Test func theHTTPSRuleAppliesToLiveKeysOnly() async throws {
        try await TestSimulator.run(scenario: Self.scenario) { sim in
            let body = #"{"agentId":7,"phoneNumber":"9876543210","callbackUrl":"http://example.com/hook"}"#
            #expect(try await sim.send(.post, "/api/v1/calls", headers: Self.acmeTest, json: body).status == 200)
            #expect(try await sim.send(.post, "/api/v1/calls", headers: Self.acme, json: body).json["code"] == "INVALID_CALLBACK_URL")
            for url in ["http://127.0.0.1:9000/hook", "http://localhost/hook", "http://[::1]:8080/x", "https://example.com/hook"] {
                let r = try await sim.send(.post, "/api/v1/calls", headers: Self.acme, json: #"{"agentId":7,"phoneNumber":"9876543210","callbackUrl":"\#(url)"}"#)
                #expect(r.status == 200, "\(url): \(r.text)")
            }
        }
    }

    @Test func variablesIncludingSystemOnesAreSubstitutedAndTheRestReported() async throws {
        try await TestSimulator.run(scenario: Self.scenario) { sim in
            let r = try await sim.send(.post, "/api/v1/calls", headers: Self.acme,
                                       json: #"{"agentId":7,"phoneNumber":"9876543210","variables":{"customer_name":"Priya","amount":2500}}"#)
            let id = try #require(r.json["data"]?["conversationId"]?.stringValue)
            try await sim.advance("5s")
            let d = try #require(try await sim.send(.get, "/api/v1/calls/\(id)", headers: Self.acme).json["data"])
            #expect(d["transcript"]?[0]?["text"] == "Namaste Priya, I am Collections. {{unknown}}")
            #expect(d["unresolvedVariables"] == ["unknown"])
            #expect(d["variables"] == .obj(["customer_name": "Priya", "amount": 2500]))
        }
    }

    /// 65 s of talk is two started minutes at 2 credits each.
    @Test func creditsAreDebitedPerStartedMinute() async throws {
        try await TestSimulator.run(scenario: Self.scenario) { sim in
            _ = try await sim.send(.post, "/api/v1/calls", headers: Self.acme, json: #"{"agentId":7,"phoneNumber":"9876543210"}"#)
            try await sim.advance("2m")
            #expect(try await Edesy.credits(sim, workspace: "acme") == "96.00")
            #expect(try await Edesy.credits(sim, workspace: "other") == "10.00")
        }
    }

    @Test func listFiltersAndPages() async throws {
        try await TestSimulator.run(scenario: Self.scenario) { sim in
            var ids: [String] = []
            for (agent, phone) in [(7, "9876543210"), (8, "9876543211"), (7, "9876543212")] {
                let r = try await sim.send(.post, "/api/v1/calls", headers: Self.acme, json: #"{"agentId":\#(agent),"phoneNumber":"\#(phone)"}"#)
                ids.append(try #require(r.json["data"]?["conversationId"]?.stringValue))
                try await sim.advance("1m")
            }
            // Created at 06:25, 06:26, 06:27; each rings 1+2 s and talks 65 s.
            func list(_ query: String) async throws -> [String] {
                let r = try await sim.send(.get, "/api/v1/calls\(query)", headers: Self.acme)
                #expect(r.status == 200, "\(query): \(r.text)")
                return r.json["data"]?["calls"]?.arrayValue?.compactMap { $0["conversationId"]?.stringValue } ?? []
            }
            #expect(try await list("") == ids.reversed())
            #expect(try await list("?agentId=7") == [ids[2], ids[0]])
            #expect(try await list("?phoneNumber=%2B919876543211") == [ids[1]])
            #expect(try await list("?phoneNumber=9876543211") == [ids[1]])
            #expect(try await list("?status=completed") == [ids[1], ids[0]])
            #expect(try await list("?status=in-progress") == [ids[2]])
            #expect(try await list("?status=initiated") == [])
            #expect(try await list("?status=failed") == [])
            #expect(try await list("?startDate=2026-04-10T06:26:00Z") == [ids[2], ids[1]])
            #expect(try await list("?endDate=2026-04-10T06:26:00.000Z") == [ids[1], ids[0]])
            #expect(try await list("?startDate=2026-04-10&endDate=2026-04-10") == ids.reversed())
            #expect(try await list("?endDate=2026-04-09") == [])
            #expect(try await list("?startDate=2026-04-10T11:56:00%2B05:30") == [ids[2], ids[1]])
            #expect(try await list("?limit=1&offset=1") == [ids[1]])
            #expect(try await list("?offset=5") == [])
            let page = try await sim.send(.get, "/api/v1/calls?limit=2&offset=1", headers: Self.acme)
            #expect(page.json["data"]?["total"] == 3)
            #expect(page.json["data"]?["limit"] == 2)
            #expect(page.json["data"]?["offset"] == 1)
        }
    }

    @Test func theOpenAPIDocumentDescribesTheServedPaths() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.get, "/_telesim/openapi/edesy-agents.json")
            #expect(r.status == 200)
            #expect(r.json["openapi"] == "3.1.0")
            let paths = r.json["paths"]?.objectValue?.map(\.0)
            #expect(paths == ["/api/v1/calls", "/api/v1/calls/{conversationId}"])
            let post = r.json["paths"]?["/api/v1/calls"]?["post"]
            #expect(post?["requestBody"]?["content"]?["application/json"]?["schema"]?["required"] == ["agentId", "phoneNumber"])
            #expect(post?["responses"]?["402"] != nil)
        }
    }
}
