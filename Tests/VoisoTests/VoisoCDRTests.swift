import TelesimCore
import TelesimTestSupport
import Testing

/// `GET /api/v4/reporting/cdrs`: scope, paging, filters and their errors.
@Suite struct VoisoCDRTests {
    /// Three ended calls (answered, busy, no-answer) and one still running, a minute apart.
    static func threeCalls(_ sim: TestSimulator) async throws -> [String] {
        var ids: [String] = []
        for number in ["18885658889", "14155550001", "14155550002"] {
            ids.append(try await sim.startCall(#"{"user_id":1234,"phone_number":"\#(number)"}"#).json["call"]?["id"]?.stringValue ?? "")
            try await sim.advance("1m")
        }
        _ = try await sim.startCall(#"{"user_id":1234,"phone_number":"14155550004"}"#)
        return ids
    }

    static func ids(_ r: Reply) -> [String] { r.json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [] }

    @Test func scopeAndKeyAreChecked() async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let forbidden = try await sim.cdrs(key: "calls_only_key")
            #expect(forbidden.status == 403)
            #expect(forbidden.text == #"{"error":"Forbidden"}"#)
            let unauthorized = try await sim.cdrs(key: "nope")
            #expect(unauthorized.status == 401)
            #expect(unauthorized.text == #"{"error":"Unauthorized"}"#)
            let empty = try await sim.cdrs(key: "reporting_only_key")
            #expect(empty.status == 200)
            #expect(empty.text == #"{"items":[],"metadata":{"total":0}}"#)
        }
    }

    @Test func newestFirstWithCursorPaging() async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let ids = try await Self.threeCalls(sim)
            let all = try await sim.cdrs()
            #expect(Self.ids(all) == ids.reversed())
            #expect(all.json["metadata"] == .obj(["total": 3]))

            let first = try await sim.cdrs("limit=2")
            #expect(Self.ids(first) == [ids[2], ids[1]])
            let cursor = first.json["metadata"]?["next_cursor"]?.stringValue ?? ""
            #expect(!cursor.isEmpty)
            let second = try await sim.cdrs("limit=2&cursor=\(cursor)&offset=0")
            #expect(Self.ids(second) == [ids[0]])
            #expect(second.json["metadata"] == .obj(["total": 3]))

            #expect(Self.ids(try await sim.cdrs("offset=1&limit=1")) == [ids[1]])
            // An invalid cursor falls back to the offset.
            #expect(Self.ids(try await sim.cdrs("cursor=garbage&offset=2")) == [ids[0]])
            #expect(Self.ids(try await sim.cdrs("limit=0")) == [])
        }
    }

    @Test(arguments: ["offset=-1", "offset=x", "cursor=garbage&offset=-5", "limit=1001", "limit=-1", "limit=ten"])
    func invalidPagingIsBadRequest(_ query: String) async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let r = try await sim.cdrs(query)
            #expect(r.status == 400)
            #expect(r.text == #"{"error":"Bad Request"}"#)
        }
    }

    @Test func filters() async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let t0 = Timestamp.parse(try await sim.send(.get, "/_telesim/clock").json["now"]?.stringValue ?? "") ?? 0
            let ids = try await Self.threeCalls(sim)
            let at = { (s: Int64) in Timestamp.iso(t0 + s * 1000, fractional: false) }
            #expect(Self.ids(try await sim.cdrs("disposition=busy")) == [ids[1]])
            #expect(Self.ids(try await sim.cdrs("disposition[]=busy&disposition[]=answered")) == [ids[1], ids[0]])
            #expect(Self.ids(try await sim.cdrs("disposition=no_answer,answered")) == [ids[2], ids[0]])
            #expect(Self.ids(try await sim.cdrs("user_id=1234")).count == 3)
            #expect(Self.ids(try await sim.cdrs("user_id=2005")) == [])
            #expect(Self.ids(try await sim.cdrs("type=call&subtype=click_to_call")).count == 3)
            #expect(Self.ids(try await sim.cdrs("type=sms")) == [])
            #expect(Self.ids(try await sim.cdrs("started_at[gte]=\(at(60))")) == [ids[2], ids[1]])
            #expect(Self.ids(try await sim.cdrs("started_at%5Bgte%5D=\(at(60))&started_at%5Blt%5D=\(at(120))")) == [ids[1]])
            #expect(Self.ids(try await sim.cdrs("ended_at[lt]=\(at(60))")) == [ids[0]])
            #expect(Self.ids(try await sim.cdrs("to_phone_number=14155550001")) == [ids[1]])
            #expect(Self.ids(try await sim.cdrs("to_phone_number=%2B14155550001")) == [ids[1]])
            #expect(Self.ids(try await sim.cdrs("to_phone_number_like=1415555*")) == [ids[2], ids[1]])
            #expect(Self.ids(try await sim.cdrs("from_phone_number=18885658889")).count == 3)
            #expect(Self.ids(try await sim.cdrs("queue_id=5")) == [])
        }
    }

    @Test(arguments: [
        ("type=voice", #"{"errors":{"type":["must be one of: call, conversation, hlr_lookup, sms"]}}"#),
        ("user_id=abc", #"{"errors":{"user_id":["must be an integer"]}}"#),
        ("started_at[gte]=yesterday", #"{"errors":{"started_at":{"gte":["must be a date time"]}}}"#),
        ("to_phone_number=1&to_phone_number_like=1*", #"{"errors":{"to_phone_number":["cannot be used with to_phone_number_like"]}}"#),
        ("disposition=hung_up&user_id=x", #"{"errors":{"disposition":["must be one of: answered, failed, busy, no_answer, rejected, abandoned, missed, dialer_abandoned, system_abandoned, answered_by_VM, system_reject, machine_answered"],"user_id":["must be an integer"]}}"#),
    ])
    func invalidFiltersAre422(_ query: String, _ expected: String) async throws {
        try await TestSimulator.run(scenario: Voiso.scenario) { sim in
            let r = try await sim.cdrs(query)
            #expect(r.status == 422)
            #expect(r.text == expected)
        }
    }
}
