import TelesimCore
import TelesimTestSupport
import Testing

/// The seed page's curl examples, unchanged but for the base URL, against the default world.
@Suite struct VoisoSeedExampleTests {
    static let minimal = #"{"user_id": "1234", "phone_number": "18885658889"}"#
    static let withSource = """
    {
    "user_id": "1234",
    "phone_number": "18885658889",
    "caller_id": "18885658889",
    "source": {
    "account_id": "123321",
    "system": "zoho"
    }
    }
    """

    @Test(arguments: [minimal, withSource])
    func seedExampleStartsACall(body: String) async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.startCall(body)
            #expect(r.status == 201)
            let id = r.json["call"]?["id"]?.stringValue
            #expect(Voiso.isUUID(id), "\(r.text)")
            #expect(r.json == .obj(["call": .obj(["id": .string(id ?? "")])]))

            let call = try await sim.send(.get, "/_telesim/calls/\(id ?? "")").json
            #expect(call["provider"] == "voiso")
            #expect(call["account"] == "demo")
            #expect(call["legs"]?.arrayValue?.count == 2)
        }
    }

    @Test func seedExampleOnLoopbackHostUsesTheKeyAlone() async throws {
        try await TestSimulator.run { sim in
            for host in ["127.0.0.1", "localhost", "127.0.0.1:8080"] {
                let r = try await sim.startCall(Self.minimal, host: host)
                #expect(r.status == 201, "\(host): \(r.text)")
                try await sim.advance("2m")
            }
        }
    }

    @Test func sourceMetadataAndCallerIDReachTheCDR() async throws {
        try await TestSimulator.run { sim in
            let id = try await sim.startCall(Self.withSource).json["call"]?["id"]?.stringValue ?? ""
            try await sim.advance("1m")
            let cdrs = try await sim.cdrs()
            #expect(cdrs.status == 200)
            let record = cdrs.json["items"]?.arrayValue?.first
            #expect(record?["id"]?.stringValue == id)
            #expect(record?["data"]?["calling_number"] == "18885658889")
            #expect(record?["data"]?["called_number"] == "18885658889")
            #expect(record?["data"]?["external_account_id"] == "123321")
            #expect(record?["data"]?["source"] == .obj(["account_id": "123321", "system": "zoho"]))
        }
    }
}

/// The OpenAPI document is served and names both paths.
@Suite struct VoisoOpenAPITests {
    @Test func documentIsServed() async throws {
        try await TestSimulator.run { sim in
            let r = try await sim.send(.get, "/_telesim/openapi/voiso.json")
            #expect(r.status == 200)
            #expect(r.json["openapi"] == "3.1.0")
            #expect(r.json["paths"]?["/api/v4/voice/calls"]?["post"]?["responses"]?["201"] != nil)
            #expect(r.json["paths"]?["/api/v4/reporting/cdrs"]?["get"] != nil)
        }
    }
}
