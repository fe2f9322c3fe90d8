import Testing
import TelesimCore
@testable import TelesimScenario

/// Each kind of mistake is reported at the exact line and column, with a message that names the
/// field and what was expected. A `»` in a case's text marks where the problem must be reported
/// (it is removed before loading).
@Suite struct MistakeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let yaml: String
        let message: String
        var testDescription: String { name }
    }

    /// A world with one account per provider, for cases that need something to point at.
    static let world = """
    telesim: 1
    name: mistakes
    providers:
      edesy:
        workspaces:
          - id: acme
            api_keys: [vp_live_acme]
            agents:
              - id: 123
      exotel:
        accounts:
          - sid: acme
            api_key: k
            api_token: t
            users:
              - id: agent-uuid
                contact_uri: "sip:agent@exotel.com"

    """

    static let cases: [Case] = [
        Case(name: "unknown top-level key", yaml: "telesim: 1\nname: t\n»nmae: x\n",
             message: "unknown key \"nmae\" (did you mean \"name\"?); expected one of telesim, name, description, seed, clock, network, providers, timeline, faults, steps (or an x- key for YAML anchors)"),
        Case(name: "unknown format version", yaml: "telesim: »2\nname: t\n",
             message: "telesim: unknown format version 2; this telesim reads format 1"),
        Case(name: "missing required field, at the mapping", yaml: "»telesim: 1\ndescription: no name\n",
             message: "missing required field \"name\""),
        Case(name: "value outside its set", yaml: """
            telesim: 1
            name: t
            providers:
              exotel:
                accounts:
                  - sid: acme
                    api_key: k
                    api_token: t
                    users:
                      - id: agent-uuid
                        contact_uri: "sip:agent@exotel.com"
                        device: »of
            """,
             message: "providers.exotel.accounts[0].users[0].device: expected one of on, off, unverified, busy, got \"of\""),
        Case(name: "missing field in an entity, at the entity", yaml: """
            telesim: 1
            name: t
            providers:
              exotel:
                accounts:
                  - »sid: acme
                    api_key: k
            """,
             message: "providers.exotel.accounts[0]: missing required field \"api_token\""),
        Case(name: "duplicate id within a collection", yaml: """
            telesim: 1
            name: t
            providers:
              edesy:
                workspaces:
                  - id: acme
                    api_keys: [k]
                    agents:
                      - id: 123
                      - id: »123
            """,
             message: "providers.edesy.workspaces[0].agents[1].id: duplicate id 123; it is already used by providers.edesy.workspaces[0].agents[0], and ids must be unique within agents"),
        Case(name: "two accounts sharing a credential", yaml: """
            telesim: 1
            name: t
            providers:
              ringyo:
                accounts:
                  - id: acme
                    api_keys: [k1, shared]
                  - id: zeta
                    api_keys: »[shared]
            """,
             message: "providers.ringyo.accounts[1]: credential \"shared\" is already used by providers.ringyo.accounts[0]; each credential must belong to one account, since it is what picks the account"),
        Case(name: "two Exotel accounts sharing an api_key", yaml: """
            telesim: 1
            name: t
            providers:
              exotel:
                accounts:
                  - { sid: a, api_key: k, api_token: t1 }
                  - { sid: b, api_key: »k, api_token: t2 }
            """,
             message: "providers.exotel.accounts[1]: credential \"k\" is already used by providers.exotel.accounts[0]; each credential must belong to one account, since it is what picks the account"),
        Case(name: "an infinite duration", yaml: """
            telesim: 1
            name: t
            network:
              default: { ring: ».inf }
            """,
             message: "network.default.ring: expected a duration such as 500ms, 3s, 2m, 1h or 1m30s, got \".inf\""),
        Case(name: "a duration too long to count in milliseconds", yaml: """
            telesim: 1
            name: t
            network:
              default: { talk: »1e30 }
            """,
             message: "network.default.talk: expected a non-negative duration under 1000000000000 seconds, got 1e+30"),
        Case(name: "a realtime speed beyond the fastest clock", yaml: """
            telesim: 1
            name: t
            clock: { mode: realtime, speed: »1e300 }
            """,
             message: "clock.speed: expected a number greater than 0 and at most 1000000, got 1e300"),
        Case(name: "wrong type", yaml: """
            telesim: 1
            name: t
            providers:
              ringyo:
                accounts:
                  - id: acme
                    api_keys: »YOUR_API_KEY
            """,
             message: "providers.ringyo.accounts[0].api_keys: expected a list, got a string"),
        Case(name: "money with three decimals", yaml: """
            telesim: 1
            name: t
            providers:
              ringyo:
                accounts:
                  - id: acme
                    api_keys: [k]
                    credits: »1.234
            """,
             message: "providers.ringyo.accounts[0].credits: expected an amount of money with at most two decimals, got 1.234"),
        Case(name: "bad rate", yaml: """
            telesim: 1
            name: t
            providers:
              ringyo:
                accounts:
                  - id: acme
                    api_keys: [k]
                    rate_limit: »100/week
            """,
             message: "providers.ringyo.accounts[0].rate_limit: expected a rate such as 100/min, got \"100/week\""),
        Case(name: "bad URL", yaml: """
            telesim: 1
            name: t
            providers:
              ringyo:
                accounts:
                  - id: acme
                    api_keys: [k]
                    webhook_url: »ftp://example.com/hook
            """,
             message: "providers.ringyo.accounts[0].webhook_url: expected an http:// or https:// URL, got \"ftp://example.com/hook\""),
        Case(name: "bad duration", yaml: world + """
            timeline:
              - at: »3 seconds
                set: { edesy/acme/credits: 0 }
            """,
             message: "timeline[0].at: expected a duration such as 500ms, 3s, 2m, 1h or 1m30s, got \"3 seconds\""),
        Case(name: "timeline address names nothing", yaml: world + """
            timeline:
              - at: 30s
                set:
                  »exotel/acme/users/nobody/device: busy
            """,
             message: "timeline[0].set[\"exotel/acme/users/nobody/device\"]: the address names nothing in this world: exotel/acme/users has no entry \"nobody\""),
        Case(name: "timeline value of the wrong type", yaml: world + """
            timeline:
              - at: 30s
                set:
                  edesy/acme/agents/123/active: »sometimes
            """,
             message: "timeline[0].set[\"edesy/acme/agents/123/active\"]: expected true or false, got a string"),
        Case(name: "unknown fault provider", yaml: "telesim: 1\nname: t\nfaults:\n  - match: { provider: »edesy }\n    respond: { error: internal }\n",
             message: "faults[0].match.provider: expected one of edesy-agents, edesy-masking, voiso, exotel, ringyo, got \"edesy\""),
        Case(name: "unknown neutral error", yaml: "telesim: 1\nname: t\nfaults:\n  - match: { provider: voiso }\n    respond: { error: »teapot }\n",
             message: "faults[0].respond.error: expected one of unauthorized, rate_limited, internal, unavailable, got \"teapot\""),
        Case(name: "probability above 1", yaml: "telesim: 1\nname: t\nfaults:\n  - match: { provider: ringyo }\n    probability: »1.5\n    delay: 1s\n",
             message: "faults[0].probability: expected a probability from 0 to 1, got 1.5"),
        Case(name: "unknown outcome", yaml: "telesim: 1\nname: t\nnetwork:\n  numbers:\n    - match: \"+14155550001\"\n      outcome: »engaged\n",
             message: "network.numbers[0].outcome: expected one of answered, busy, no-answer, failed, got \"engaged\""),
        Case(name: "bad number pattern", yaml: "telesim: 1\nname: t\nnetwork:\n  numbers:\n    - match: »call-me\n",
             message: "network.numbers[0].match: expected a phone number in E.164 (+14155550001) or written nationally for IN, optionally ending in * to match any rest, got \"call-me\""),
        Case(name: "unknown transcript speaker", yaml: "telesim: 1\nname: t\nnetwork:\n  default:\n    transcript:\n      - »bot: hello\n",
             message: "network.default.transcript[0]: expected the speaker agent or user, got \"bot\""),
        Case(name: "bad clock start", yaml: "telesim: 1\nname: t\nclock:\n  start: »yesterday\n",
             message: "clock.start: expected an ISO 8601 instant such as 2026-04-10T06:25:00Z, got \"yesterday\""),
        Case(name: "empty step", yaml: "telesim: 1\nname: t\nsteps:\n  - »name: nothing to do\n",
             message: "steps[0]: a step needs at least one of send, advance or expect"),
        Case(name: "unknown key in a step's send", yaml: "telesim: 1\nname: t\nsteps:\n  - send: { method: GET, path: /v1/calls, »header: {} }\n",
             message: "steps[0].send: unknown key \"header\" (did you mean \"headers\"?); expected one of method, path, headers, json, body"),
        Case(name: "text where a number is expected", yaml: "telesim: 1\nname: t\nsteps:\n  - send: { method: GET, path: /v1/calls }\n    expect: { status: »ok }\n",
             message: "steps[0].expect.status: expected an integer, got a string"),
        Case(name: "YAML syntax error", yaml: "telesim: 1\nname: t\nclock: { mode: virtual\n»",
             message: "YAML syntax error"),
        Case(name: "tab indentation", yaml: "telesim: 1\nname: t\nclock:\n»\tmode: virtual\n",
             message: "YAML syntax error: found character that cannot start any token"),
        Case(name: "duplicate key", yaml: "telesim: 1\n»name: a\nname: b\n",
             message: "duplicate key \"name\" in a mapping; each key may appear once"),
    ]

    @Test(arguments: cases)
    func reportedAtItsPosition(_ c: Case) throws {
        let (text, line, column) = Self.locate(c.yaml)
        let problems = ScenarioLoader.problems(in: text)
        try #require(problems.count == 1, "\(problems)")
        let problem = problems[0]
        #expect(problem.line == line, "\(problem)")
        #expect(problem.column == column, "\(problem)")
        #expect(problem.message.hasPrefix(c.message), "\(problem.message)")
    }

    /// Removes the `»` marker and returns its line and column (both from 1, columns in Unicode scalars).
    static func locate(_ marked: String) -> (String, Int, Int) {
        var line = 1
        var column = 1
        var text = ""
        var found = (1, 1)
        for scalar in marked.unicodeScalars {
            if scalar == "»" { found = (line, column); continue }
            text.unicodeScalars.append(scalar)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (text, found.0, found.1)
    }
}
