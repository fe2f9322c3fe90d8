import Foundation
import Testing
import TelesimCore
import TelesimTestSupport

/// Helpers for talking to the Exotel adapter as its documented clients do.
enum Exo {
    /// The default world's make-call path (`<account_sid>` replaced by the default world's sid).
    static let calls = "/v2/accounts/account_sid/calls"

    /// `Authorization: Basic`, what curl sends for `https://key:token@host/…` and requests/axios for `auth`.
    static func basic(_ key: String = "api_key", _ token: String = "api_token") -> [String: String] {
        ["Authorization": "Basic " + Data("\(key):\(token)".utf8).base64EncodedString()]
    }

    static let auth = basic()

    /// A make-call body for the default world's agent, with extra members appended.
    static func body(to: String = "+919876543210", from: String = #"{"user_contact_uri":"sip:agent@exotel.com"}"#, extra: String = "") -> String {
        #"{"from":\#(from),"to":{"number":"\#(to)"},"virtual_number":"+911234567890"\#(extra)}"#
    }

    /// A sink URL on the live test server.
    static func sink(_ sim: TestSimulator, _ name: String) -> String {
        "http://127.0.0.1:\(sim.client.port ?? 0)/_telesim/sink/\(name)"
    }

    /// `status_callback` for both events, to the sinks `<name>-answered` and `<name>-terminal`.
    static func callbacks(_ sim: TestSimulator, _ name: String) -> String {
        #","status_callback":[{"event":"answered","url":"\#(sink(sim, name + "-answered"))"},{"event":"terminal","url":"\#(sink(sim, name + "-terminal"))"}]"#
    }

    /// Makes a call and returns its sid.
    static func create(_ sim: TestSimulator, to: String = "+919876543210", extra: String = "",
                       sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let r = try await sim.send(.post, calls, headers: auth, json: body(to: to, extra: extra))
        #expect(r.status == 200, "\(r.text)", sourceLocation: sourceLocation)
        return try #require(r.json["response"]?["call_sid"]?.stringValue, sourceLocation: sourceLocation)
    }

    /// The `call_details` of a call.
    static func details(_ sim: TestSimulator, _ sid: String) async throws -> JSON {
        let r = try await sim.send(.get, "\(calls)/\(sid)", headers: auth)
        #expect(r.status == 200, "\(r.text)")
        return r.json["response"]?["call_details"] ?? .null
    }

    /// The JSON bodies a sink received, oldest first.
    static func received(_ sim: TestSimulator, _ name: String) async throws -> [JSON] {
        try await sim.send(.get, "/_telesim/sink/\(name)").json["requests"]?.arrayValue?.compactMap { $0["json"] } ?? []
    }

    /// Whether a string is `count` lower-case hex digits.
    static func isHex(_ s: String?, _ count: Int = 32) -> Bool {
        guard let s else { return false }
        return s.count == count && s.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}
