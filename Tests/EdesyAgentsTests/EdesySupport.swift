import TelesimCore
import TelesimTestSupport

/// What the Edesy tests share: the default world's keys, the seed page's bodies, small readers.
enum Edesy {
    static let live = ["Authorization": "Bearer vp_live_your_api_key_here"]
    static let test = ["Authorization": "Bearer vp_test_your_api_key_here"]
    /// The headers every sample on the seed page sends.
    static let sampleHeaders = ["Content-Type": "application/json", "Authorization": "Bearer vp_live_your_api_key_here"]

    /// The Basic Call body, as the page prints it.
    static let basic = """
    {
    "agentId": 123,
    "phoneNumber": "9876543210"
    }
    """

    /// A body for `phoneNumber`, with extra members spliced in (`, "variables": {…}`).
    static func call(_ phone: String, _ extra: String = "") -> String {
        #"{"agentId":123,"phoneNumber":"\#(phone)"\#(extra)}"#
    }

    /// A loopback sink URL the simulator's own webhook receiver answers.
    static func sink(_ sim: TestSimulator, _ name: String) -> String {
        "http://127.0.0.1:\(sim.client.port ?? 0)/_telesim/sink/\(name)"
    }

    /// The workspace's credit balance as the admin API writes it (`999.00`).
    static func credits(_ sim: TestSimulator, workspace: String = "default") async throws -> String {
        let r = try await sim.send(.get, "/_telesim/state/edesy/\(workspace)/credits")
        // The raw text, so the two decimals the admin API writes are kept.
        guard let range = r.text.range(of: #""value":"#) else { return r.text }
        return String(r.text[range.upperBound...].dropLast())
    }

    /// Every call the simulator holds, of any provider.
    static func callCount(_ sim: TestSimulator) async throws -> Int64 {
        try await sim.send(.get, "/_telesim/calls").json["total"]?.intValue ?? -1
    }

    /// Creates a call and returns its conversation id.
    static func create(_ sim: TestSimulator, _ body: String, headers: [String: String] = live) async throws -> String {
        let r = try await sim.send(.post, "/api/v1/calls", headers: headers, json: body)
        guard r.status == 200, let id = r.json["data"]?["conversationId"]?.stringValue else {
            throw Failure("create failed: \(r.status) \(r.text)")
        }
        return id
    }

    /// `GET /api/v1/calls/{id}`'s data.
    static func details(_ sim: TestSimulator, _ id: String) async throws -> JSON {
        try await sim.send(.get, "/api/v1/calls/\(id)", headers: live).json["data"] ?? .null
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}

extension JSON {
    /// An array element, for reading nested answers in tests (`json["calls"]?[0]`).
    subscript(index: Int) -> JSON? {
        guard let a = arrayValue, a.indices.contains(index) else { return nil }
        return a[index]
    }
}
