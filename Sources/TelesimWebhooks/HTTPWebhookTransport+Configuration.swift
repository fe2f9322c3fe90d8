extension HTTPWebhookTransport {
    /// Limits on one attempt. The defaults suit receivers on the same machine or network, which is
    /// what a simulator talks to: a receiver slower than this is reported, not waited for, because
    /// the world's retries (on the simulated clock) are the place to be patient.
    public struct Configuration: Sendable {
        /// How long opening the TCP (and TLS) connection may take. Default 2 s. Kept shorter than
        /// `timeout` so that an unreachable host says "connect timed out" rather than just "timed out".
        public var connectTimeout: Duration
        /// How long the whole attempt may take: connect, send, wait for the answer and read its body.
        /// Default 5 s. Also the longest the receiver may stay silent between two reads.
        public var timeout: Duration
        /// How much of the response body is read before the connection is dropped. Default 64 KiB.
        /// Only the first 512 bytes are kept; the rest is read so the connection can be reused, up to
        /// this cap, so a receiver streaming without end cannot hold the attempt or fill memory.
        public var maxResponseBytes: Int
        /// Sent as `User-Agent` unless the webhook names its own.
        public var userAgent: String

        /// - Parameters: see the properties; every one has the documented default.
        public init(connectTimeout: Duration = .seconds(2), timeout: Duration = .seconds(5),
                    maxResponseBytes: Int = 64 * 1024, userAgent: String = "telesim-webhooks/1.0") {
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.maxResponseBytes = maxResponseBytes
            self.userAgent = userAgent
        }
    }
}

extension Duration {
    /// Whole milliseconds, at least 1, as NIO and the delivery log want them.
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
