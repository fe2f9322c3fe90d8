/// Where `${telesim}` in a webhook URL points: the running server's own base URL.
///
/// An actor rather than a `let` because the server only learns its port after binding (`--port 0`),
/// after the transport and the worlds using it already exist. The composition root sets it once the
/// listener is up (Hummingbird's `onServerRunning`), and every later attempt sees the new value.
public actor WebhookBaseURL {
    /// The base URL without a trailing slash, e.g. `http://127.0.0.1:51234`; `nil` until known.
    public private(set) var value: String?

    /// - Parameter value: the base URL if it is already known (a fixed port), else `nil`.
    public init(_ value: String? = nil) {
        self.value = value.map(Self.trimmed)
    }

    /// Records the base URL, e.g. once the server has bound its port.
    public func set(_ value: String?) {
        self.value = value.map(Self.trimmed)
    }

    /// `${telesim}/x` must not become `http://h:1//x`.
    private static func trimmed(_ value: String) -> String {
        var value = value
        while value.hasSuffix("/") { value.removeLast() }
        return value
    }
}
