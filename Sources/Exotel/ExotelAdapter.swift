import Foundation
import ProviderKit
import TelesimCore

/// Exotel's Voice v2 (CCM) agent-to-customer call API: `POST /v2/accounts/{sid}/calls` and
/// `GET /v2/accounts/{sid}/calls/{call_sid}`, authenticated with HTTP Basic `api_key:api_token`.
public struct ExotelAdapter: ProviderAdapter {
    /// The provider name in fault matches, filters and reports.
    public let name = "exotel"
    /// The scenario key of Exotel's world.
    static let key = "exotel"
    /// Everything under `/v2` is Exotel's: unknown paths there get its 404 envelope.
    public var prefixes: [String] { ["/v2"] }

    /// The adapter has no state: everything lives in the world.
    public init() {}

    /// Make-call and call details.
    public var routes: [ProviderRoute] {
        [
            ProviderRoute("POST", "/v2/accounts/{account_sid}/calls", createCall),
            ProviderRoute("GET", "/v2/accounts/{account_sid}/calls/{call_sid}", getCall),
        ]
    }

    /// The api_key of the Basic credentials: it decides which sandbox owns the request.
    public func credential(of request: ProviderRequest) -> String? { Self.basicCredentials(request)?.key }

    /// Sends the per-call `status_callback` deliveries.
    public var observer: (any CallObserver)? { ExotelWebhooks() }

    /// Edge failures in Exotel's v2 error envelope.
    public func render(_ error: EdgeError, for request: ProviderRequest) -> ProviderResponse {
        let e: ExotelError = switch error {
        case .notFound: .notFound("No route for \(request.method) \(request.path)")
        case .methodNotAllowed(let allowed): .methodNotAllowed(allowed)
        case .payloadTooLarge(let limit): .payloadTooLarge(limit)
        case .fault(.unauthorized): .authenticationFailed
        case .fault(.rateLimited): .rateLimited(limit: 0, retryAfter: 60)
        case .fault(.internal): .internalError
        case .fault(.unavailable): .unavailable
        }
        // Answered outside the world: an id derived from the request (see `ProviderRequest.edgeID`).
        return e.response(requestID: request.edgeID(hexDigits: 32), method: request.method)
    }

    /// The `api_key` and `api_token` of an `Authorization: Basic` header (what curl sends for
    /// `https://key:token@host/…`, and what requests' and axios' `auth` send).
    static func basicCredentials(_ r: ProviderRequest) -> (key: String, token: String)? {
        guard let value = r.header(.authorization) else { return nil }
        return plainBasicCredentials(value) ?? parsedBasicCredentials(value)
    }

    /// The common shape, read from the bytes: `Basic ` (any case, after any spaces), base64 of
    /// ASCII text with a colon, nothing to trim. Nil for anything else, which
    /// `parsedBasicCredentials` reads (the dispatcher and the route each read the credential:
    /// ~3 µs a time that way).
    static func plainBasicCredentials(_ value: String) -> (key: String, token: String)? {
        guard let encoded = ProviderRequest.credentials(of: value, scheme: "basic"),
              isVisibleASCII(encoded.first), isVisibleASCII(encoded.last),
              let bytes = Base64.decode(encoded), bytes.allSatisfy({ $0 < 0x80 }),
              let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        return (String(decoding: bytes[..<colon], as: UTF8.self), String(decoding: bytes[(colon + 1)...], as: UTF8.self))
    }

    /// Any `Authorization: Basic` value: scheme in any case, whitespace trimmed, Foundation's
    /// base64 as the fallback, UTF-8 text split at its first colon.
    static func parsedBasicCredentials(_ value: String) -> (key: String, token: String)? {
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "basic" else { return nil }
        let encoded = Self.trimmingWhitespace(parts[1])
        guard let bytes = Base64.decode(encoded.utf8) ?? Data(base64Encoded: encoded).map({ [UInt8]($0) }),
              let text = String(validating: bytes, as: UTF8.self),
              let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }

    /// The text without the whitespace (`CharacterSet.whitespaces`) at either end. Foundation's
    /// trimming costs ~7 µs a call; a credential that starts and ends with a visible ASCII byte, as
    /// every client's does, has nothing to trim and does not pay it.
    static func trimmingWhitespace(_ text: Substring) -> String {
        guard isVisibleASCII(text.utf8.first), isVisibleASCII(text.utf8.last) else { return text.trimmingCharacters(in: .whitespaces) }
        return String(text)
    }

    /// A printable ASCII byte other than space: text that starts and ends with one has no
    /// whitespace to trim. False for no byte.
    static func isVisibleASCII(_ byte: UInt8?) -> Bool { byte.map { $0 > 0x20 && $0 < 0x7F } ?? false }

    /// Compares two secrets in time that depends only on their lengths, not on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(truncatingIfNeeded: x.count ^ y.count)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }

    /// Authenticates (key, token in constant time, and the path's account sid) and counts the
    /// request against the account's rate limit, if the scenario sets one.
    static func authenticate(_ credentials: (key: String, token: String)?, sid: String, _ state: inout WorldState) throws(ExotelError) -> AccountRef {
        guard let credentials, let account = state.account(Self.key, credential: credentials.key) else { throw .authenticationFailed }
        let token = state.field(account, "api_token")?.stringValue ?? ""
        // Both checks run before deciding, so a wrong sid and a wrong token take the same path.
        let tokenOK = constantTimeEqual(credentials.token, token)
        let sidOK = account.id == sid
        guard tokenOK, sidOK else { throw .authenticationFailed }
        if let rate = state.field(account, "rate_limit")?.stringValue, let limit = RateLimit(rate) {
            let decision = state.rateCheck("exotel/\(account.id)", limit: limit)
            guard decision.allowed else {
                throw .rateLimited(limit: decision.limit, retryAfter: max(1, (decision.resetAt - state.now + 999) / 1000))
            }
        }
        return account
    }
}
