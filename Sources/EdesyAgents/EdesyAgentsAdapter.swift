import ProviderKit
import TelesimCore

/// Edesy's voice-agent Calls API (voice-agent.edesy.in): `POST /api/v1/calls` triggers an outbound
/// AI-agent call, `GET /api/v1/calls` lists the workspace's calls, `GET /api/v1/calls/{conversationId}`
/// shows one. The workspace is identified by its `vp_live_…` / `vp_test_…` key.
public struct EdesyAgentsAdapter: ProviderAdapter {
    public let name = "edesy-agents"
    /// The scenario key of the Edesy world (shared with masking: one workspace has both).
    static let key = "edesy"
    /// The documented key prefixes: production and testing.
    static let livePrefix = "vp_live_"
    static let testPrefix = "vp_test_"

    public var prefixes: [String] { ["/api/v1"] }

    public init() {}

    public var routes: [ProviderRoute] {
        [
            ProviderRoute("POST", "/api/v1/calls", createCall),
            ProviderRoute("GET", "/api/v1/calls", listCalls),
            ProviderRoute("GET", "/api/v1/calls/{conversationId}", getCall),
        ]
    }

    public func credential(of request: ProviderRequest) -> String? { request.bearerToken }

    public var observer: (any CallObserver)? { EdesyAgentsWebhooks() }

    public func render(_ error: EdgeError, for request: ProviderRequest) -> ProviderResponse {
        let e: EdesyAgentsError = switch error {
        case .notFound: .notFound(path: request.path)
        case .methodNotAllowed(let allowed): .methodNotAllowed(allowed)
        case .payloadTooLarge(let limit): .payloadTooLarge(limit)
        case .fault(.unauthorized): .invalidAPIKey
        case .fault(.rateLimited): .rateLimited
        case .fault(.internal): .internalError
        case .fault(.unavailable): .unavailable
        }
        return e.response
    }

    /// Whether a key has the documented shape: `vp_live_` or `vp_test_` and at least one more
    /// character from `[A-Za-z0-9_-]` (INFERRED). `YOUR_API_KEY` and masking's `vp_YOUR_API_KEY` fail it.
    static func hasKeyFormat(_ key: String) -> Bool {
        guard key.hasPrefix(livePrefix) || key.hasPrefix(testPrefix) else { return false }
        let rest = key.utf8.dropFirst(livePrefix.utf8.count)
        return !rest.isEmpty && rest.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 45
        }
    }

    /// Authenticates in the documented order: no bearer key (MISSING_API_KEY), a key of the wrong
    /// shape (INVALID_KEY_FORMAT), a well-formed key no workspace owns (INVALID_API_KEY).
    static func authenticate(_ key: String?, _ state: WorldState) throws(EdesyAgentsError) -> AccountRef {
        guard let key, !key.isEmpty else { throw .missingAPIKey }
        guard hasKeyFormat(key) else { throw .invalidKeyFormat }
        guard let account = state.account(Self.key, credential: key) else { throw .invalidAPIKey }
        return account
    }
}
