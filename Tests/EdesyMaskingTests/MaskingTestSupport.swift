import Foundation
import TelesimCore
import TelesimTestSupport
import Testing

/// The seed's key, listed in the default world's Edesy workspace.
let seedKey = "vp_YOUR_API_KEY"
let auth = ["Authorization": "Bearer \(seedKey)"]

extension TestSimulator {
    /// `POST /v1/masking/calls` with the seed's key.
    func initiate(_ a: String, _ b: String, maxDurationSec: Int? = nil, key: String = seedKey) async throws -> Reply {
        let extra = maxDurationSec.map { ",\"max_duration_sec\":\($0)" } ?? ""
        return try await send(.post, "/v1/masking/calls", headers: ["Authorization": "Bearer \(key)"],
                              json: "{\"party_a\":\"\(a)\",\"party_b\":\"\(b)\"\(extra)}")
    }

    /// A call's `data` from the status endpoint.
    func maskingCall(_ sid: String) async throws -> JSON {
        let r = try await send(.get, "/v1/masking/calls/\(sid)", headers: auth)
        #expect(r.status == 200, "\(r.text)")
        return r.json["data"] ?? .null
    }

    /// A world value through the admin API (`GET /_telesim/state/<address>`).
    func stateValue(_ address: String) async throws -> JSON {
        try await send(.get, "/_telesim/state/\(address)").json["value"] ?? .null
    }

    /// Sets world values (`PATCH /_telesim/state`).
    func patch(_ json: String) async throws {
        let r = try await send(.patch, "/_telesim/state", json: json)
        #expect(r.status == 200, "\(r.text)")
    }

    /// The wallet as `GET /v1/masking/billing` shows it.
    func billingBalance() async throws -> JSON {
        try await send(.get, "/v1/masking/billing", headers: auth).json["data"]?["balance"] ?? .null
    }

    /// Requests the default world's masking sink received, oldest first.
    func sinkRequests() async throws -> [JSON] {
        try await send(.get, "/_telesim/sink/edesy-masking").json["requests"]?.arrayValue ?? []
    }

    /// The simulated now, in ms.
    func now() async throws -> Int64 {
        let text = try await send(.get, "/_telesim/clock").json["now"]?.stringValue ?? ""
        return try #require(Timestamp.parse(text))
    }

    /// How many masking calls the world holds.
    func maskingCallCount() async throws -> Int64 {
        try await send(.get, "/_telesim/calls?provider=edesy-masking").json["total"]?.intValue ?? -1
    }
}

/// A header of a sink request, by case-insensitive name.
func header(_ request: JSON, _ name: String) -> String? {
    request["headers"]?.objectValue?.first { $0.0.lowercased() == name.lowercased() }?.1.stringValue
}

/// Edesy's times: ISO 8601 UTC to the second.
func iso(_ ms: Int64) -> String { Timestamp.iso(ms, fractional: false) }

/// A lower-case RFC 4122 UUID.
func isUUID(_ s: String) -> Bool {
    s.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/) != nil
}
