import TelesimApp
import TelesimCore
import TelesimTestSupport
import Testing

/// Call logs, usage stats and the OpenAPI document.
@Suite struct ReadEndpointTests {
    /// Three calls, one second apart: completed, B busy, A no-answer; all over after a minute.
    static func threeCalls(_ sim: TestSimulator) async throws -> [String] {
        var sids: [String] = []
        for (a, b) in [("9876543210", "9123456789"), ("9876543210", "9000000001"), ("9000000002", "9123456789")] {
            let r = try await sim.initiate(a, b)
            sids.append(try #require(r.json["data"]?["call_sid"]?.stringValue))
            try await sim.advance("1s")
        }
        try await sim.advance("60s")
        return sids
    }

    @Test func callLogsListNewestFirstWithPagesAndFilters() async throws {
        try await TestSimulator.run { sim in
            let t0 = try await sim.now()
            let sids = try await Self.threeCalls(sim)
            let all = try await sim.send(.get, "/v1/masking/call-logs", headers: auth)
            #expect(all.status == 200)
            #expect(all.json["meta"] == .obj(["total": 3, "page": 1, "per_page": 20, "total_pages": 1]))
            let entries = all.json["data"]?.arrayValue ?? []
            #expect(entries.compactMap { $0["id"]?.stringValue } == sids.reversed())
            #expect(entries.last == .obj([
                "id": .string(sids[0]), "caller_number": "9876543210", "target_number": "9123456789", "masked_number": "917969002802",
                "direction": "click_to_call", "status": "completed", "started_at": .string(iso(t0)), "duration_sec": 30, "price": .decimal("1.50"),
            ]))
            #expect(entries.compactMap { $0["status"]?.stringValue } == ["no-answer", "failed", "completed"])

            let page2 = try await sim.send(.get, "/v1/masking/call-logs?page=2&per_page=2", headers: auth)
            #expect(page2.json["meta"] == .obj(["total": 3, "page": 2, "per_page": 2, "total_pages": 2]))
            #expect(page2.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [sids[0]])

            let failed = try await sim.send(.get, "/v1/masking/call-logs?status=failed", headers: auth)
            #expect(failed.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [sids[1]])

            let since = iso(t0 + 1000)
            let later = try await sim.send(.get, "/v1/masking/call-logs?start_date=\(since)&end_date=\(iso(t0 + 1000))", headers: auth)
            #expect(later.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [sids[1]])

            let beyond = try await sim.send(.get, "/v1/masking/call-logs?page=9", headers: auth)
            #expect(beyond.json["data"] == .array([]))
            #expect(beyond.json["meta"]?["total"] == 3)
        }
    }

    @Test func statsSumTheLast30Days() async throws {
        try await TestSimulator.run { sim in
            let t0 = try await sim.now()
            _ = try await Self.threeCalls(sim)
            let stats = try await sim.send(.get, "/v1/masking/stats", headers: auth)
            #expect(stats.status == 200)
            #expect(stats.json == .obj(["data": .obj([
                "total_sessions": 0, "active_sessions": 0, "total_mappings": 0, "total_calls": 3, "total_minutes": 1,
                "total_cost": .decimal("1.50"), "answered_calls": 1, "failed_calls": 2,
            ])]))
            let empty = try await sim.send(.get, "/v1/masking/stats?end_date=\(iso(t0 - 1000))", headers: auth)
            #expect(empty.json["data"]?["total_calls"] == 0)
            #expect(empty.json["data"]?["total_cost"] == .decimal("0.00"))
            // Thirty-one days on, the default range no longer includes them.
            try await sim.advance("744h")
            #expect(try await sim.send(.get, "/v1/masking/stats", headers: auth).json["data"]?["total_calls"] == 0)
        }
    }

    @Test func openAPIDocumentIsServedAndPrinted() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.get, "/_telesim/openapi/edesy-masking.json")
            #expect(r.status == 200)
            #expect(r.json["openapi"] == "3.1.0")
            let paths = r.json["paths"]?.objectValue?.map(\.0) ?? []
            #expect(paths == ["/v1/masking/calls", "/v1/masking/calls/{call_sid}", "/v1/masking/call-logs", "/v1/masking/billing", "/v1/masking/stats"])
            #expect(r.json == (try JSON.parse(openAPIDocument(for: "edesy-masking") ?? "")))
            #expect(providerNames.contains("edesy-masking"))
        }
    }
}
