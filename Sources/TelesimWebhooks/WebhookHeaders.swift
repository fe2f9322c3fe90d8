import TelesimCore

/// Builds the header list one attempt sends, in wire order.
///
/// The world stores an attempt's `sentHeaders` as the delivery's headers and hands them back for the
/// next attempt, so this must be idempotent over its own output: the headers the transport owns
/// (`Host`, `Content-Length`, `Transfer-Encoding` and the signature header) are dropped from the
/// input and computed afresh each time, so that a retry re-signs (the `.timestamped` scheme changes
/// with the instant) and never sends a stale `Host` or a second signature.
enum WebhookHeaders {
    /// - Parameters:
    ///   - request: what the world asked to send.
    ///   - hostHeader: the `Host` value for the target, or `nil` when the URL could not be parsed
    ///     (the list is still returned, so a failed attempt keeps the delivery's headers).
    ///   - userAgent: added unless the request already names a `User-Agent`.
    static func assemble(for request: WebhookRequest, hostHeader: String?, userAgent: String) -> [Header] {
        var owned: Set<String> = ["host", "content-length", "transfer-encoding"]
        if let spec = request.signature { owned.insert(spec.header.lowercased()) }

        var headers: [Header] = []
        if let hostHeader { headers.append(Header("Host", hostHeader)) }
        headers += request.headers.filter { !owned.contains($0.name.lowercased()) }
        if !headers.contains(where: { $0.name.lowercased() == "user-agent" }) {
            headers.append(Header("User-Agent", userAgent))
        }
        if let spec = request.signature {
            headers.append(WebhookSignature.header(for: spec, body: request.body, simulatedAt: request.simulatedAt))
        }
        // Last, where AsyncHTTPClient puts it when it validates the request's framing.
        headers.append(Header("Content-Length", String(request.body.utf8.count)))
        return headers
    }
}
