/// A rate limit such as `100/min`: at most `count` requests in any window of `window` milliseconds
/// of simulated time.
public struct RateLimit: Sendable, Equatable {
    public var count: Int
    public var window: Int64

    public init(count: Int, window: Int64) {
        self.count = count
        self.window = window
    }

    public init?(_ text: String) {
        let parts = text.trimmingSpaces.split(separator: "/")
        guard parts.count == 2, let count = Int(parts[0].trimmingSpaces), count >= 0 else { return nil }
        switch parts[1].trimmingSpaces {
        case "s", "sec", "second": window = 1000
        case "m", "min", "minute": window = 60_000
        case "h", "hour": window = 3_600_000
        default: return nil
        }
        self.count = count
    }
}

/// The outcome of counting one request against a limit.
public struct RateDecision: Sendable, Equatable {
    public var allowed: Bool
    public var limit: Int
    public var remaining: Int
    /// The simulated instant (ms) at which the oldest counted request leaves the window.
    public var resetAt: Int64

    public init(allowed: Bool, limit: Int, remaining: Int, resetAt: Int64) {
        self.allowed = allowed
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
    }
}

/// A sliding window of request instants per key, in simulated time: a test exhausts a limit,
/// advances the clock past the window, and is served again.
public struct RateLimiter: Sendable {
    private var windows: [String: [Int64]] = [:]

    public init() {}

    /// Counts a request at `now` against `limit` for `key`; a refused request is not counted.
    public mutating func check(_ key: String, limit: RateLimit, now: Int64) -> RateDecision {
        var instants = windows[key, default: []]
        instants.removeAll { $0 <= now - limit.window }
        let allowed = instants.count < limit.count
        if allowed { instants.append(now) }
        windows[key] = instants
        let reset = (instants.first ?? now) + limit.window
        return RateDecision(allowed: allowed, limit: limit.count, remaining: max(0, limit.count - instants.count), resetAt: reset)
    }

    public mutating func removeAll() { windows.removeAll() }
}
