import Testing
import TelesimCore
@testable import TelesimScenario

/// The examples of scenario-format.md, assembled into one file, load with the expected stored values.
@Suite struct FormatExampleTests {
    static let example = #"""
    telesim: 1                     # format version, required
    name: exotel-agent-busy        # required; shown in logs and reports
    description: The only agent's device goes busy after the first call.
    seed: 42
    clock:
      mode: virtual
      start: 2026-04-10T06:25:00Z
      speed: 1
    network:
      country: IN
      default: { ring: 3s, outcome: answered, talk: 30s }
      numbers:
        - match: "+919876543210"
          ring: 5s
          talk: 45s
        - match: "+9191234*"
          outcome: busy
        - match: "+14155550002"
          outcome: no-answer
        - match: "+14155550003"
          outcome: failed
          cause: unreachable
        - match: "+14155550004"
          ring: 1s
          talk: 10s
          transcript:
            - agent: "Hi {{customer_name}}, about order {{order_id}}."
            - user: "Yes, go ahead."
    providers:
      edesy:
        workspaces:
          - id: acme
            api_keys: [vp_live_acme0000000000000000, vp_test_acme0000000000000000]
            credits: 100
            credits_per_minute: 1
            numbers: ["8065934975"]
            agents:
              - id: 123
                name: Sales Agent
                active: true
                provider: edesy-sip
                greeting: "Hi {{customer_name}}, this is Acme about order {{order_id}}."
            masking:
              balance: 500.00
              price_per_minute: 1.20
              masked_number: "917969002802"
              webhook_url: http://127.0.0.1:9000/masking
              webhook_secret: whsec_acme
              rate_limit: 100/min
      voiso:
        contact_centers:
          - cluster: acme
            api_keys:
              - key: 5b1c0e9a7d
                scopes: [voice.call.manage, reporting.cdrs.read]
            caller_ids: ["18885658889"]
            rate_limit: 60/min
            webhook_url: http://127.0.0.1:9000/voiso
            agents:
              - user_id: 1234
                name: Asha
                extension: "101"
                click_to_call: true
                signed_in: true
                status: available
                answer_after: 2s
      exotel:
        accounts:
          - sid: acme
            api_key: exo_key_acme
            api_token: exo_token_acme
            virtual_numbers: ["+911234567890"]
            rate_limit: 200/min
            users:
              - id: agent-uuid
                name: Ravi
                contact_uri: "sip:agent@exotel.com"
                device: on
                answer_after: 2s
      ringyo:
        accounts:
          - id: acme
            api_keys: [YOUR_API_KEY]
            credits: 25.00
            price_per_minute: 0.10
            numbers: ["+18005551234"]
            max_concurrent_calls: 5
            rate_limit: 300/min
            webhook_url: http://127.0.0.1:9000/ringyo
            agents:
              - id: agent_abc123
                name: Follow-up agent
    timeline:
      - at: 30s
        set:
          exotel/acme/users/agent-uuid/device: busy
          edesy/acme/credits: 0
      - at: 2m
        set:
          voiso/acme/agents/1234/status: unavailable
    faults:
      - match: { provider: exotel, method: POST, path: "/v2/accounts/*/calls" }
        times: 2
        respond: { error: internal }
      - match: { provider: voiso }
        delay: 1500ms
      - match: { provider: ringyo }
        probability: 0.1
        respond: { error: rate_limited }
      - match: { provider: edesy-masking }
        respond: { drop: true }
    steps:
      - name: place a call
        send:
          method: POST
          path: /v1/calls
          headers: { Authorization: Bearer YOUR_API_KEY }
          json: { phone_number: "+14155551234", agent_id: agent_abc123, webhook_url: "${telesim}/_telesim/sink/ringyo" }
        expect:
          status: 201
          json: { status: queued }
        save: { call: id }
      - advance: 45s
      - send: { method: GET, path: "/v1/calls/${call}", headers: { Authorization: Bearer YOUR_API_KEY } }
        expect: { status: 200, json: { status: completed } }
      - expect:
          webhooks: { sink: ringyo, events: [call.started, call.ringing, call.answered, call.completed] }

    """#

    @Test func loadsWithStoredValues() throws {
        let scenario = try ScenarioLoader.load(Self.example)
        let world = scenario.definition
        #expect(scenario.name == "exotel-agent-busy")
        #expect(scenario.description == "The only agent's device goes busy after the first call.")
        #expect(world.seed == 42)
        #expect(world.clock == ClockSettings(mode: .virtual, start: 1_775_802_300_000, speed: 1))

        // Network: patterns in E.164, durations in ms, transcript lines.
        #expect(world.network.rules.map(\.match) == ["+919876543210", "+9191234*", "+14155550002", "+14155550003", "+14155550004"])
        #expect(world.network.rules[0] == NumberRule(match: "+919876543210", ring: 5000, talk: 45_000))
        #expect(world.network.behaviour(of: "+919123456789").outcome == .busy)
        #expect(world.network.rules[4].transcript == [
            TranscriptLine(speaker: "agent", text: "Hi {{customer_name}}, about order {{order_id}}."),
            TranscriptLine(speaker: "user", text: "Yes, go ahead."),
        ])

        // Providers: money in minor units, durations in ms, defaults filled, ids as written.
        let edesy = try #require(world.providers["edesy"]?["workspaces"]?.arrayValue?.first)
        #expect(edesy["credits"] == .int(10_000))
        #expect(edesy["credits_per_minute"] == .int(100))
        #expect(edesy["ring_timeout"] == .int(30_000))
        #expect(edesy["masking"]?["balance"] == .int(50_000))
        #expect(edesy["masking"]?["price_per_minute"] == .int(120))
        #expect(edesy["masking"]?["rate_limit"] == "100/min")
        #expect(edesy["masking"]?["ring_timeout"] == .int(30_000))
        #expect(edesy["agents"]?.arrayValue?.first?["id"] == .int(123))
        #expect(edesy.objectValue?.map(\.0) == ["id", "api_keys", "credits", "credits_per_minute", "numbers", "ring_timeout", "agents", "masking"])
        let voisoAgent = try #require(world.providers.value(at: [.key("voiso"), .key("contact_centers"), .index(0), .key("agents"), .index(0)]))
        #expect(voisoAgent["answer_after"] == .int(2000))
        #expect(voisoAgent["extension"] == "101")
        let exotelUser = try #require(world.providers.value(at: [.key("exotel"), .key("accounts"), .index(0), .key("users"), .index(0)]))
        #expect(exotelUser["device"] == "on")
        let ringyo = try #require(world.providers["ringyo"]?["accounts"]?.arrayValue?.first)
        #expect(ringyo["credits"] == .int(2500))
        #expect(ringyo["price_per_minute"] == .int(10))
        #expect(ringyo["max_concurrent_calls"] == .int(5))

        // Timeline: stored values, addresses as written.
        #expect(world.timeline.count == 2)
        #expect(world.timeline[0].at == 30_000)
        #expect(world.timeline[0].set.map(\.0.description) == ["exotel/acme/users/agent-uuid/device", "edesy/acme/credits"])
        #expect(world.timeline[0].set.map(\.1) == ["busy", .int(0)])
        #expect(world.timeline[1].at == 120_000)

        // Faults.
        #expect(world.faults == [
            FaultRule(match: .init(provider: "exotel", method: "POST", path: "/v2/accounts/*/calls"), times: 2, respond: .error(.internal)),
            FaultRule(match: .init(provider: "voiso"), delay: 1500),
            FaultRule(match: .init(provider: "ringyo"), probability: 0.1, respond: .error(.rateLimited)),
            FaultRule(match: .init(provider: "edesy-masking"), respond: .drop),
        ])

        // Steps: variables kept as written.
        #expect(scenario.steps.count == 4)
        let first = scenario.steps[0]
        #expect(first.name == "place a call")
        #expect(first.send?.method == "POST")
        #expect(first.send?.headers.map(\.0) == ["Authorization"])
        #expect(first.send?.headers.map(\.1) == ["Bearer YOUR_API_KEY"])
        #expect(first.send?.json?["webhook_url"] == "${telesim}/_telesim/sink/ringyo")
        #expect(first.expect?.status == 201)
        #expect(first.expect?.json == .obj(["status": "queued"]))
        #expect(first.save.map(\.0) == ["call"])
        #expect(first.save.map(\.1) == ["id"])
        #expect(scenario.steps[1].advance == 45_000)
        #expect(scenario.steps[2].send?.path == "/v1/calls/${call}")
        #expect(scenario.steps[3].expect?.webhooks?.events == ["call.started", "call.ringing", "call.answered", "call.completed"])
        #expect(scenario.steps.map(\.line) == [113, 123, 124, 126])
        #expect(scenario.source == Self.example)
    }

    @Test func everyProblemIsReported() {
        let text = """
        telesim: 1
        name: many
        seed: -1
        clock: { mode: fast }
        providers:
          ringyo:
            accounts:
              - id: acme
                api_keys: [k]
                credits: lots
        faults:
          - match: { provider: ringyo }
            times: 0
            delay: 1s
        """
        let problems = ScenarioLoader.problems(in: text)
        #expect(problems.map(\.line) == [3, 4, 10, 13])
        #expect(problems.map(\.path) == ["seed", "clock.mode", "providers.ringyo.accounts[0].credits", "faults[0].times"])
    }

    @Test func jsonInputLoadsTheSameWay() throws {
        let json = """
        {
          "telesim": 1,
          "name": "json",
          "providers": {"ringyo": {"accounts": [{"id": "acme", "api_keys": ["k"], "credits": 12.5}]}},
          "timeline": [{"at": "1m", "set": {"ringyo/acme/credits": 0.5}}]
        }
        """
        let scenario = try ScenarioLoader.load(json)
        #expect(scenario.definition.providers.value(at: [.key("ringyo"), .key("accounts"), .index(0), .key("credits")]) == .int(1250))
        #expect(scenario.definition.timeline.first?.set.first?.1 == .int(50))

        let bad = #"{"telesim": 1, "name": "json", "clock": {"speed": -1}}"#
        let problems = ScenarioLoader.problems(in: bad)
        #expect(problems == [ScenarioProblem(line: 1, column: 51, path: "clock.speed", message: "clock.speed: expected a number greater than 0 and at most 1000000, got -1")])
    }

    @Test func anchorsLiveUnderExtensionKeys() throws {
        let text = """
        telesim: 1
        name: anchors
        x-agent: &agent { user_id: 7, name: Agent, answer_after: 1s }
        providers:
          voiso:
            contact_centers:
              - cluster: a
                api_keys: [{ key: k1 }]
                agents:
                  - { user_id: 1, name: One, answer_after: 3s }
              - cluster: b
                api_keys: [{ key: k2 }]
                agents: [*agent]
        """
        let scenario = try ScenarioLoader.load(text)
        let agent = scenario.definition.providers.value(at: [.key("voiso"), .key("contact_centers"), .index(1), .key("agents"), .index(0)])
        #expect(agent?["answer_after"] == .int(1000))
    }

    @Test func problemsTextUsesFileLineColumn() {
        let problems = [ScenarioProblem(line: 3, column: 7, path: "seed", message: "seed: expected a whole number")]
        #expect(ScenarioLoader.problemsText(file: "a.yaml", problems: problems) == "a.yaml:3:7: seed: expected a whole number")
    }

    @Test func hostileInputIsRefusedNotCrashed() {
        let deep = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(!ScenarioLoader.problems(in: deep).isEmpty)
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 { bomb += "b\(i): &b\(i) [" + Array(repeating: i == 1 ? "*a" : "*b\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        #expect(ScenarioLoader.problems(in: bomb).first?.message == "the file expands to more than 200000 values (aliases count each time they are used)")
        #expect(ScenarioLoader.problems(in: "").first?.message.contains("empty") == true)
        #expect(ScenarioLoader.problems(in: "- just\n- a list\n").first?.message == "expected a mapping, got a list")
    }

    /// The bound on values is for aliases: a large file written out (a world with a hundred thousand
    /// agents) loads, however many values it holds.
    @Test func aLargeFileWithoutAliasesLoads() throws {
        let values = 250_000
        let text = "telesim: 1\nname: large\nx-data: [" + Array(repeating: "0", count: values).joined(separator: ",") + "]\n"
        #expect(ScenarioLoader.problems(in: text).isEmpty)
        // The same values reached through aliases from a few lines are refused.
        let aliased = "telesim: 1\nname: large\nx-a: &a [" + Array(repeating: "0", count: 500).joined(separator: ",") + "]\n"
            + "x-b: [" + Array(repeating: "*a", count: 500).joined(separator: ",") + "]\n"
        #expect(ScenarioLoader.problems(in: aliased).first?.message.hasPrefix("the file expands to more than 200000 values") == true)
    }
}
