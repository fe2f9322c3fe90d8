import TelesimCore
import TelesimTestSupport
import Testing

/// The seed page's three samples, byte for byte as each client sends them, with only the base URL changed.
@Suite struct SeedExampleTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var client: String
        var headers: [String: String]
        var body: String
        var testDescription: String { client }
    }

    static let samples: [Sample] = [
        Sample(client: "curl", headers: ["Authorization": "Bearer vp_YOUR_API_KEY", "Content-Type": "application/json",
                                         "User-Agent": "curl/8.5.0", "Accept": "*/*"],
               body: "{\n  \"party_a\": \"9876543210\",\n  \"party_b\": \"9123456789\"\n}"),
        Sample(client: "JavaScript fetch", headers: ["Authorization": "Bearer vp_YOUR_API_KEY", "Content-Type": "application/json",
                                                     "Accept": "*/*", "User-Agent": "node"],
               body: "{\"party_a\":\"9876543210\",\"party_b\":\"9123456789\"}"),
        Sample(client: "Python requests", headers: ["Authorization": "Bearer vp_YOUR_API_KEY", "Content-Type": "application/json",
                                                    "User-Agent": "python-requests/2.32.3", "Accept": "*/*",
                                                    "Accept-Encoding": "gzip, deflate", "Connection": "keep-alive"],
               body: "{\"party_a\": \"9876543210\", \"party_b\": \"9123456789\"}"),
    ]

    @Test(arguments: samples)
    func sampleGets201AsDocumented(_ sample: Sample) async throws {
        try await TestSimulator.run { sim in
            let now = try await sim.now()
            let r = try await sim.send(.post, "/v1/masking/calls", headers: sample.headers, json: sample.body)
            #expect(r.status == 201, "\(r.text)")
            #expect(r.header("Content-Type")?.hasPrefix("application/json") == true)
            let data = try #require(r.json["data"])
            let sid = try #require(data["call_sid"]?.stringValue)
            #expect(isUUID(sid))
            #expect(data == .obj([
                "call_sid": .string(sid), "status": "initiated", "party_a": "9876543210", "party_b": "9123456789",
                "masked_number": "917969002802",
            ]))
            #expect(data.objectValue?.map(\.0) == ["call_sid", "status", "party_a", "party_b", "masked_number"])
            #expect(r.json["meta"] == .obj(["timestamp": .string(iso(now))]))
            #expect(try await sim.maskingCallCount() == 1)
        }
    }

    @Test func aBodyWithoutContentTypeIsStillParsed() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.post, "/v1/masking/calls", headers: auth, body: "{\"party_a\":\"9876543210\",\"party_b\":\"9123456789\"}")
            #expect(r.status == 201, "\(r.text)")
        }
    }

    @Test func everyVPKeyOfTheWorkspaceAuthenticates() async throws {
        try await TestSimulator.run { sim in
            for key in ["vp_YOUR_API_KEY", "vp_live_your_api_key_here", "vp_test_your_api_key_here"] {
                let r = try await sim.initiate("9876543210", "9123456789", key: key)
                #expect(r.status == 201, "\(key): \(r.text)")
            }
        }
    }
}
