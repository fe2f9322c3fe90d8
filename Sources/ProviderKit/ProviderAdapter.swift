import TelesimCore

/// Failures that happen at the edge, before or instead of a route handler, and that every provider
/// renders in its own error format.
public enum EdgeError: Sendable, Equatable {
    /// No route of this provider matches the path.
    case notFound
    /// The path exists but not for this method.
    case methodNotAllowed(allowed: [String])
    /// The body is larger than the limit.
    case payloadTooLarge(limit: Int)
    /// An injected fault's neutral error.
    case fault(FaultRule.NeutralError)
}

/// One route of a provider: a method, a path pattern with `{name}` captures, and its handler.
///
/// Handlers are synchronous: one transaction on the world, never a suspension, so that the
/// server answers a request on the thread that read it (see `ProviderChannelHandler`).
public struct ProviderRoute: Sendable {
    public var method: String
    public var pattern: String
    public var handler: @Sendable (ProviderRequest) -> ProviderResponse
    let segments: [Substring]
    /// The capture's name for each `{name}` segment, nil for a literal one (worked out once, not per request).
    let captureNames: [String?]

    public init(_ method: String, _ pattern: String, _ handler: @escaping @Sendable (ProviderRequest) -> ProviderResponse) {
        self.method = method
        self.pattern = pattern
        self.handler = handler
        segments = URLPath.segments(pattern)
        captureNames = segments.map { $0.first == "{" && $0.last == "}" ? String($0.dropFirst().dropLast()) : nil }
    }

    /// The captures if `path` matches the pattern.
    func match(_ pathSegments: [Substring]) -> [String: String]? {
        guard pathSegments.count == segments.count else { return nil }
        for i in segments.indices where captureNames[i] == nil && segments[i] != pathSegments[i] { return nil }
        var captures: [String: String] = [:]
        for i in segments.indices {
            if let name = captureNames[i] { captures[name] = ProviderRequest.percentDecoded(pathSegments[i]) }
        }
        return captures
    }
}

/// A provider adapter: one provider's routes, auth, wire types, error catalogue, status mapping and
/// webhooks over the shared core. Adding a provider is one type conforming to this, and one line
/// in the app's list of adapters.
public protocol ProviderAdapter: Sendable {
    /// The provider's name in fault matches, filters and reports (`edesy-agents`, `ringyo`, …).
    var name: String { get }
    /// Path prefixes this provider owns: unknown paths under them get its own 404.
    var prefixes: [String] { get }
    var routes: [ProviderRoute] { get }
    /// The credential a request carries, for choosing the sandbox that owns it.
    func credential(of request: ProviderRequest) -> String?
    /// The provider's own answer to an edge failure.
    func render(_ error: EdgeError, for request: ProviderRequest) -> ProviderResponse
    /// Renders webhooks for call events; nil if the provider sends none.
    var observer: (any CallObserver)? { get }
    /// The OpenAPI 3.1 document of what this adapter serves.
    var openAPI: JSON { get }
}
