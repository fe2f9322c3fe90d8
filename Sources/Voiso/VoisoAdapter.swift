import ProviderKit
import TelesimCore

/// Voiso's v4 contact-centre API as far as outbound calls go: `POST /api/v4/voice/calls` (start a
/// click-to-call for an agent) and `GET /api/v4/reporting/cdrs` (the calls' detail records).
public struct VoisoAdapter: ProviderAdapter {
    public let name = "voiso"
    /// The scenario key of Voiso's world.
    static let key = "voiso"
    /// The scope `POST /api/v4/voice/calls` needs (seed page).
    static let callScope = "voice.call.manage"
    /// The scope `GET /api/v4/reporting/cdrs` needs (List CDRs page).
    static let cdrScope = "reporting.cdrs.read"

    public var prefixes: [String] { ["/api/v4"] }

    public init() {}

    public var routes: [ProviderRoute] {
        [
            ProviderRoute("POST", "/api/v4/voice/calls", startCall),
            ProviderRoute("GET", "/api/v4/reporting/cdrs", listCDRs),
        ]
    }

    public func credential(of request: ProviderRequest) -> String? { request.bearerToken }

    public var observer: (any CallObserver)? { VoisoWebhooks() }

    public func render(_ error: EdgeError, for request: ProviderRequest) -> ProviderResponse {
        let e: VoisoError = switch error {
        case .notFound: .notFound
        case .methodNotAllowed(let allowed): .methodNotAllowed(allowed)
        case .payloadTooLarge: .payloadTooLarge
        case .fault(.unauthorized): .unauthorized
        case .fault(.rateLimited): .tooManyRequests(retryAfter: 60)
        case .fault(.internal): .internalError
        case .fault(.unavailable): .unavailable
        }
        return e.response
    }

    /// The cluster a Host header names: the first label of `<cluster>.voiso.com` (or of any dotted
    /// host name), nil for IP literals and single-label hosts such as `localhost`.
    static func cluster(fromHost host: String?) -> String? {
        guard let host else { return nil }
        // Bytes, not Characters (this runs inside the world's lock on every request): an ASCII host
        // is a name unless it is all digits and dots; a bracketed host is an IPv6 literal.
        let bytes = host.utf8
        guard bytes.first != UInt8(ascii: "["), bytes.contains(UInt8(ascii: ".")) else { return nil }
        if bytes.allSatisfy({ $0 < 0x80 }) {
            if bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".") }) { return nil }
        } else if host.allSatisfy({ $0.isNumber || $0 == "." }) {
            return nil
        }
        return host.lowercased().split(separator: ".").first.map(String.init)
    }

    /// Authenticates the key, counts the request against the contact centre's rate limit, then
    /// checks the key's scope: 401, 429, 403, in that order.
    ///
    /// Where the Host names a cluster the world knows (`demo.voiso.com`), the key must be one of that
    /// cluster's keys, as the real per-cluster service would; any other host lets the key alone
    /// choose the contact centre.
    static func authorize(_ key: String?, host: String?, scope: String, _ state: inout WorldState) throws(VoisoError) -> AccountRef {
        guard let key, !key.isEmpty else { throw .unauthorized }
        let account: AccountRef
        if let cluster = cluster(fromHost: host), let named = state.account(Self.key, id: cluster) {
            guard keyEntry(key, in: named, state) != nil else { throw .unauthorized }
            account = named
        } else {
            guard let found = state.account(Self.key, credential: key) else { throw .unauthorized }
            account = found
        }
        if let rate = state.field(account, "rate_limit")?.stringValue, let limit = RateLimit(rate) {
            let decision = state.rateCheck("voiso/\(account.id)", limit: limit)
            guard decision.allowed else { throw .tooManyRequests(retryAfter: (decision.resetAt - state.now + 999) / 1000) }
        }
        let scopes = (keyEntry(key, in: account, state)?["scopes"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard scopes.contains(scope) else { throw .forbidden }
        return account
    }

    /// The `api_keys` entry of a contact centre with this key.
    static func keyEntry(_ key: String, in account: AccountRef, _ state: WorldState) -> JSON? {
        state.field(account, "api_keys")?.arrayValue?.first { $0["key"]?.stringValue == key }
    }
}
