import TelesimCore
import TelesimTestSupport
import Testing

/// Shared requests and worlds of the Voiso tests.
enum Voiso {
    static let key = "contact_center_api_key"
    static let calls = "/api/v4/voice/calls"
    static let cdrs = "/api/v4/reporting/cdrs"

    /// The headers of the seed page's curl examples, with the cluster host of the default world.
    static func headers(key: String? = Voiso.key, host: String = "demo.voiso.com") -> [String: String] {
        var h = ["Host": host]
        if let key { h["Authorization"] = "Bearer \(key)" }
        return h
    }

    /// A world with one contact centre per error path: keys with one scope each, agents in every
    /// state the start-call page's prerequisites name, a rate-limited centre and another cluster.
    static let scenario = """
    telesim: 1
    name: voiso-tests
    seed: 7
    network:
      country: US
      default: { ring: 3s, outcome: answered, talk: 30s }
      numbers:
        - match: "+14155550001"
          outcome: busy
        - match: "+14155550002"
          outcome: no-answer
        - match: "+14155550003"
          outcome: failed
        - match: "+14155550004"
          talk: 10m
    timeline:
      - at: 10m
        set:
          voiso/demo/agents/1234/status: unavailable
    providers:
      voiso:
        contact_centers:
          - cluster: demo
            api_keys:
              - key: contact_center_api_key
                scopes: [voice.call.manage, reporting.cdrs.read]
              - key: reporting_only_key
                scopes: [reporting.cdrs.read]
              - key: calls_only_key
                scopes: [voice.call.manage]
            caller_ids: ["18885658889", "+442071234567"]
            webhook_url: "${telesim}/_telesim/sink/voiso"
            webhook_secret: whsec_demo
            ring_timeout: 30s
            agents:
              - user_id: 1234
                name: Asha
                email: asha@demo.example
                extension: "101"
                answer_after: 2s
              - user_id: 2001
                name: No Click
                extension: "102"
                click_to_call: false
              - user_id: 2002
                name: Offline
                extension: "103"
                signed_in: false
              - user_id: 2003
                name: Away
                extension: "104"
                status: unavailable
              - user_id: 2004
                name: Nobody
              - user_id: 2005
                name: Sleepy
                extension: "105"
                answer_after: 45s
              - user_id: 2006
                name: Talking
                extension: "106"
                status: outbound
              - user_id: 2007
                name: Email Only
                email: only@demo.example
          - cluster: limited
            api_keys:
              - key: limited_key
            rate_limit: 2/min
            agents:
              - user_id: 1
                extension: "201"
          - cluster: other
            api_keys:
              - key: other_cluster_key
            agents:
              - user_id: 1234
                extension: "301"
    """

    /// Whether a string is a lower-case v4 UUID.
    static func isUUID(_ s: String?) -> Bool {
        guard let s else { return false }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        return parts == [8, 4, 4, 4, 12] && s.allSatisfy { $0 == "-" || $0.isHexDigit && !$0.isUppercase } && Array(s)[14] == "4"
    }
}

extension TestSimulator {
    /// Starts a call with a JSON body; returns the reply.
    @discardableResult
    func startCall(_ body: String, key: String? = Voiso.key, host: String = "demo.voiso.com") async throws -> Reply {
        try await send(.post, Voiso.calls, headers: Voiso.headers(key: key, host: host), json: body)
    }

    /// Reads a world value by address.
    func state(_ address: String) async throws -> JSON {
        try await send(.get, "/_telesim/state/\(address)").json["value"] ?? .null
    }

    /// The CDR list for a query string.
    func cdrs(_ query: String = "", key: String = Voiso.key) async throws -> Reply {
        try await send(.get, Voiso.cdrs + (query.isEmpty ? "" : "?" + query), headers: Voiso.headers(key: key))
    }

    /// The webhook deliveries of a call, oldest first, as `(event, parsed body)`.
    func webhooks(call id: String) async throws -> [(String, JSON)] {
        let list = try await send(.get, "/_telesim/webhooks?limit=1000").json["webhooks"]?.arrayValue ?? []
        return list.reversed().filter { $0["call_id"]?.stringValue == id }.map { d in
            (d["event"]?.stringValue ?? "", (try? JSON.parse(d["body"]?.stringValue ?? "")) ?? .null)
        }
    }
}
