/// An HTTP header as sent or received, in order.
public struct Header: Sendable, Codable, Equatable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// How a provider signs its webhooks: HMAC-SHA256 with `secret`, hex-encoded, in `header`.
public struct SignatureSpec: Sendable, Codable, Equatable {
    public enum Scheme: String, Sendable, Codable {
        /// `hex(HMAC(secret, body))`.
        case hex
        /// `sha256=` + `hex(HMAC(secret, body))`.
        case prefixedHex
        /// `t=<unix seconds>,v1=hex(HMAC(secret, "<t>.<body>"))`, the time being the simulated instant.
        case timestamped
    }

    public var header: String
    public var secret: String
    public var scheme: Scheme

    public init(header: String, secret: String, scheme: Scheme) {
        self.header = header
        self.secret = secret
        self.scheme = scheme
    }
}

/// A webhook a provider adapter asks the world to deliver for a call event.
public struct OutgoingWebhook: Sendable {
    public var url: String
    public var event: String
    public var headers: [Header]
    /// The JSON body exactly as it will be sent.
    public var body: String
    public var signature: SignatureSpec?
    /// Milliseconds to wait after each failed attempt; attempts in all = `backoff.count + 1`.
    public var backoff: [Int64]

    public init(url: String, event: String, headers: [Header] = [Header("Content-Type", "application/json")], body: String,
                signature: SignatureSpec? = nil, backoff: [Int64]) {
        self.url = url
        self.event = event
        self.headers = headers
        self.body = body
        self.signature = signature
        self.backoff = backoff
    }
}

public enum DeliveryStatus: String, Sendable, Codable, Equatable {
    /// Its first attempt has not been made yet.
    case pending
    /// An attempt failed and another is scheduled.
    case retrying
    case delivered
    /// Every attempt failed.
    case failed
}

/// One try at delivering a webhook.
public struct DeliveryAttempt: Sendable, Codable, Equatable {
    /// Wall-clock instant (ms since the epoch).
    public var at: Int64
    public var simulatedAt: Int64
    /// The receiver's HTTP status, if it answered.
    public var status: Int?
    public var error: String?
    public var durationMs: Int64
    /// The first bytes of the receiver's answer.
    public var responseExcerpt: String?

    public init(at: Int64, simulatedAt: Int64, status: Int?, error: String?, durationMs: Int64, responseExcerpt: String?) {
        self.at = at
        self.simulatedAt = simulatedAt
        self.status = status
        self.error = error
        self.durationMs = durationMs
        self.responseExcerpt = responseExcerpt
    }

    public var succeeded: Bool { status.map { (200..<300).contains($0) } ?? false }
}

/// A webhook delivery with every attempt made at it.
public struct Delivery: Sendable, Codable, Equatable {
    public var id: String
    public var callID: String
    public var provider: String
    public var event: String
    public var url: String
    /// The headers the provider asked for; every attempt starts from these.
    public var headers: [Header]
    /// The headers the last attempt actually sent (Host, signature and Content-Length included).
    public var sentHeaders: [Header]?
    public var body: String
    public var signature: SignatureSpec?
    public var backoff: [Int64]
    public var status: DeliveryStatus
    public var attempts: [DeliveryAttempt]
    /// The simulated instant the delivery was created.
    public var createdAt: Int64
    /// Its attempt waiting on the scheduler.
    public var pending: Scheduler.Entry?
}

/// What the transport is asked to send.
public struct WebhookRequest: Sendable {
    public var url: String
    public var headers: [Header]
    public var body: String
    public var signature: SignatureSpec?
    public var simulatedAt: Int64

    public init(url: String, headers: [Header], body: String, signature: SignatureSpec?, simulatedAt: Int64) {
        self.url = url
        self.headers = headers
        self.body = body
        self.signature = signature
        self.simulatedAt = simulatedAt
    }
}

/// What came of one attempt.
public struct WebhookResult: Sendable {
    public var status: Int?
    public var error: String?
    public var durationMs: Int64
    /// The headers actually sent, signature included.
    public var sentHeaders: [Header]
    public var responseExcerpt: String?
    /// Wall-clock instant the attempt started (ms since the epoch).
    public var startedAt: Int64

    public init(status: Int?, error: String?, durationMs: Int64, sentHeaders: [Header], responseExcerpt: String?, startedAt: Int64) {
        self.status = status
        self.error = error
        self.durationMs = durationMs
        self.sentHeaders = sentHeaders
        self.responseExcerpt = responseExcerpt
        self.startedAt = startedAt
    }
}
