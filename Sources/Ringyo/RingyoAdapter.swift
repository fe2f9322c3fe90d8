import ProviderKit
import TelesimCore

/// Ringyo's outbound AI-agent call API: `POST /v1/calls`, `GET /v1/calls/{id}`, `GET /v1/calls`.
public struct RingyoAdapter: ProviderAdapter {
    public let name = "ringyo"
    /// The scenario key of Ringyo's world.
    static let key = "ringyo"
    public var prefixes: [String] { ["/v1"] }

    public init() {}

    public var routes: [ProviderRoute] {
        [
            ProviderRoute("POST", "/v1/calls", createCall),
            ProviderRoute("GET", "/v1/calls", listCalls),
            ProviderRoute("GET", "/v1/calls/{id}", getCall),
        ]
    }

    public func credential(of request: ProviderRequest) -> String? { request.bearerToken }

    public var observer: (any CallObserver)? { RingyoWebhooks() }

    public func render(_ error: EdgeError, for request: ProviderRequest) -> ProviderResponse {
        let e: RingyoError = switch error {
        case .notFound: .notFound(path: request.path)
        case .methodNotAllowed(let allowed): .methodNotAllowed(allowed)
        case .payloadTooLarge(let limit): .payloadTooLarge(limit)
        case .fault(.unauthorized): .unauthorized
        // An injected 429 counts nothing: its window ends a minute of simulated time from now (INFERRED).
        case .fault(.rateLimited): .rateLimited(RateDecision(allowed: false, limit: 0, remaining: 0, resetAt: request.world.read { $0.now } + 60_000))
        case .fault(.internal): .internalError
        case .fault(.unavailable): .unavailable
        }
        // Answered outside the world, so the id is derived from the request, not drawn from the seed.
        return e.response(requestID: "req_" + request.edgeID(hexDigits: 12))
    }

    /// `X-RateLimit-Limit`, `-Remaining` and `-Reset` (unix seconds of simulated time), as Ringyo documents.
    static func rateHeaders(_ d: RateDecision) -> [Header] {
        [Header("X-RateLimit-Limit", String(d.limit)), Header("X-RateLimit-Remaining", String(d.remaining)),
         Header("X-RateLimit-Reset", String((d.resetAt + 999) / 1000))]
    }

    /// Authenticates and counts the request against the account's rate limit.
    /// Returns the account and the rate-limit headers every answer carries.
    static func authenticate(_ key: String?, _ state: inout WorldState) throws(RingyoError) -> (AccountRef, [Header]) {
        guard let key, let account = state.account(Self.key, credential: key) else { throw .unauthorized }
        guard let rate = state.field(account, "rate_limit")?.stringValue, let limit = RateLimit(rate) else { return (account, []) }
        let decision = state.rateCheck("ringyo/\(account.id)", limit: limit)
        guard decision.allowed else { throw .rateLimited(decision) }
        return (account, rateHeaders(decision))
    }
}
