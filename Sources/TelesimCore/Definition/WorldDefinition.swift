/// Everything a world starts from: what a scenario file describes, less its QA steps.
/// `reset` returns a world to exactly this.
public struct WorldDefinition: Sendable {
    public var name: String
    public var seed: UInt64
    public var clock: ClockSettings
    public var network: Network
    /// The `providers` section in stored form (money in minor units, durations in ms, defaults filled in).
    public var providers: JSON
    public var timeline: [TimelineEntry]
    public var faults: [FaultRule]

    public init(name: String, seed: UInt64 = 0, clock: ClockSettings = ClockSettings(), network: Network = Network(),
                providers: JSON = .object([]), timeline: [TimelineEntry] = [], faults: [FaultRule] = []) {
        self.name = name
        self.seed = seed
        self.clock = clock
        self.network = network
        self.providers = providers
        self.timeline = timeline
        self.faults = faults
    }
}

/// Virtual time moves only when told; realtime follows the wall clock times `speed`.
public enum ClockMode: String, Sendable, Codable {
    case virtual
    case realtime
}

public struct ClockSettings: Sendable, Equatable {
    public var mode: ClockMode
    /// The starting instant, ms since the epoch.
    public var start: Int64
    public var speed: Double

    /// The default start, 2026-04-10T06:25:00Z: the instant in Edesy's own list-calls example.
    public static let defaultStart: Int64 = 1_775_802_300_000
    /// The fastest realtime clock: a million simulated seconds per real one (11.5 days a second).
    public static let maxSpeed: Double = 1_000_000

    /// Whether a realtime speed is allowed: greater than 0 and at most `maxSpeed` (NaN is not).
    public static func isValidSpeed(_ speed: Double) -> Bool { speed > 0 && speed <= maxSpeed }

    public init(mode: ClockMode = .virtual, start: Int64 = ClockSettings.defaultStart, speed: Double = 1) {
        self.mode = mode
        self.start = start
        self.speed = speed
    }
}

/// A scripted change: at `at` ms after the start, set each address to its value (stored form).
public struct TimelineEntry: Sendable {
    public var at: Int64
    public var set: [(Address, JSON)]

    public init(at: Int64, set: [(Address, JSON)]) {
        self.at = at
        self.set = set
    }
}

/// An injected failure: which requests it matches and what it does to them.
public struct FaultRule: Sendable, Equatable {
    public struct Match: Sendable, Equatable {
        /// A provider name (`edesy-agents`, `edesy-masking`, `voiso`, `exotel`, `ringyo`).
        public var provider: String?
        public var method: String?
        /// A path pattern in which `*` matches one segment and a trailing `**` any rest.
        public var path: String?
        public init(provider: String? = nil, method: String? = nil, path: String? = nil) {
            self.provider = provider
            self.method = method
            self.path = path
        }
    }

    /// A neutral failure that each provider renders in its own error format.
    public enum NeutralError: String, Sendable, Equatable, CaseIterable {
        case unauthorized
        case rateLimited = "rate_limited"
        case `internal`
        case unavailable
    }

    public enum Response: Sendable, Equatable {
        case error(NeutralError)
        case raw(status: Int, body: String)
        case drop
    }

    public var match: Match
    public var times: Int?
    public var probability: Double?
    /// Wall-clock milliseconds to wait before answering.
    public var delay: Int64?
    public var respond: Response?

    public init(match: Match, times: Int? = nil, probability: Double? = nil, delay: Int64? = nil, respond: Response? = nil) {
        self.match = match
        self.times = times
        self.probability = probability
        self.delay = delay
        self.respond = respond
    }
}
