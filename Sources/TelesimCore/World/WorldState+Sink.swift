/// A request received by the built-in webhook sink.
public struct SinkRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    public var headers: [Header]
    public var body: String
    /// Wall-clock instant (ms since the epoch).
    public var receivedAt: Int64
    public var simulatedAt: Int64

    public init(method: String, path: String, headers: [Header], body: String, receivedAt: Int64, simulatedAt: Int64 = 0) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
        self.simulatedAt = simulatedAt
    }
}

extension WorldState {
    /// Stores a request the sink `name` received, stamped with the simulated instant; drops the
    /// oldest past the bound. Sinks live in memory only: they are a test's receiver, not world state.
    public mutating func receive(_ request: SinkRequest, sink name: String) {
        var request = request
        request.simulatedAt = now
        sinks[name, default: []].append(request)
        if sinks[name]!.count > limits.sinkRequests + max(1, limits.sinkRequests / 10) {
            sinks[name]!.removeFirst(sinks[name]!.count - limits.sinkRequests)
        }
    }

    /// What sink `name` received, oldest first.
    public func sinkRequests(_ name: String) -> [SinkRequest] { Array((sinks[name] ?? []).suffix(limits.sinkRequests)) }

    public mutating func clearSink(_ name: String) { sinks[name] = nil }
}
