import ProviderKit
import TelesimCore

/// Edesy's number masking API (`https://voice-api.edesy.in/v1`): initiate a masked click-to-call
/// between two Indian mobiles, read its status, list call logs, read the wallet and usage stats.
public struct EdesyMaskingAdapter: ProviderAdapter {
    /// The provider name in fault matches, filters and `telesim openapi`.
    public let name = "edesy-masking"
    /// The scenario key of Edesy's world: one workspace holds voice agents and masking.
    static let worldKey = "edesy"
    /// Everything under `/v1/masking` is this provider's (Ringyo owns the rest of `/v1`), so
    /// unknown paths there get Edesy's own 404.
    public var prefixes: [String] { ["/v1/masking"] }

    /// The adapter is stateless: the world holds everything.
    public init() {}

    /// The five documented (or, for the status endpoint, inferred) routes.
    public var routes: [ProviderRoute] {
        [
            ProviderRoute("POST", "/v1/masking/calls", createCall),
            ProviderRoute("GET", "/v1/masking/calls/{call_sid}", getCall),
            ProviderRoute("GET", "/v1/masking/call-logs", listCallLogs),
            ProviderRoute("GET", "/v1/masking/billing", billing),
            ProviderRoute("GET", "/v1/masking/stats", stats),
        ]
    }

    /// The bearer key, which picks the sandbox that owns it.
    public func credential(of request: ProviderRequest) -> String? { request.bearerToken }

    /// Renders the masking webhooks for call events.
    public var observer: (any CallObserver)? { EdesyMaskingWebhooks() }

    /// Edge failures in Edesy's error shape; injected faults render as their catalogue rows.
    public func render(_ error: EdgeError, for request: ProviderRequest) -> ProviderResponse {
        let e: EdesyMaskingError = switch error {
        case .notFound: .routeNotFound
        case .methodNotAllowed(let allowed): .methodNotAllowed(allowed)
        case .payloadTooLarge(let limit): .payloadTooLarge(limit)
        case .fault(.unauthorized): .unauthorized
        case .fault(.rateLimited): .rateLimited(retryAfter: 60)
        case .fault(.internal): .internalError
        case .fault(.unavailable): .unavailable
        }
        return e.response
    }

    /// Finds the workspace of a `vp_…` key listed in its `api_keys`, then counts the request
    /// against the workspace's masking `rate_limit`, per API key (as documented), in simulated time.
    static func authenticate(_ key: String?, _ state: inout WorldState) throws(EdesyMaskingError) -> AccountRef {
        guard let key, key.hasPrefix("vp_"), let account = state.account(worldKey, credential: key) else { throw .unauthorized }
        if let text = state.field(account, "masking", "rate_limit")?.stringValue, let limit = RateLimit(text) {
            let decision = state.rateCheck("edesy-masking/\(account.id)/\(key)", limit: limit)
            guard decision.allowed else { throw .rateLimited(retryAfter: (decision.resetAt - state.now + 999) / 1000) }
        }
        return account
    }

    /// The workspace's wallet: `edesy/<workspace>/masking/balance`.
    static func balance(_ account: AccountRef) -> Address { account.address("masking", "balance") }

    /// A field of the workspace's `masking` section, or the schema's default when the scenario
    /// leaves it (or the whole section) out, so a workspace without a masking section still has a
    /// price and is refused for its empty wallet rather than calling for free.
    static func masking(_ state: WorldState, _ account: AccountRef, _ field: String) -> JSON? {
        if let value = state.field(account, "masking", field), !value.isNull { return value }
        guard let section = WorldSchema.edesy.fields.first(where: { $0.name == "masking" }), case .section(let fields) = section.kind else {
            return nil
        }
        return fields.first { $0.name == field }?.defaultValue
    }
}
