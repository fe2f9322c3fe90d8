import Logging
import TelesimCore

/// Everything `telesim serve` can be told, from flags or environment variables.
public struct AppArguments: Sendable {
    public var host: String
    public var port: Int
    /// Scenario files: the first is the root world, each further one a sandbox of its own.
    public var scenarios: [String]
    /// Scenario texts loaded after the files (for embedding and `telesim run`): same rules as files.
    public var scenarioTexts: [String] = []
    /// SQLite file; nil keeps everything in memory.
    public var db: String?
    /// Overrides the scenario's clock mode.
    public var clock: ClockMode?
    /// Overrides the scenario's realtime speed.
    public var speed: Double?
    public var adminToken: String?
    public var logLevel: Logger.Level
    public var limits: WorldLimits
    /// How long one webhook attempt may take in all (connect, send, answer), in milliseconds.
    public var webhookTimeout: Int64 = 5000
    /// How long connecting to a webhook receiver may take, in milliseconds.
    public var webhookConnectTimeout: Int64 = 2000

    public init(host: String = "127.0.0.1", port: Int = 8080, scenarios: [String] = [], db: String? = nil, clock: ClockMode? = nil,
                speed: Double? = nil, adminToken: String? = nil, logLevel: Logger.Level = .info, limits: WorldLimits = WorldLimits()) {
        self.host = host
        self.port = port
        self.scenarios = scenarios
        self.db = db
        self.clock = clock
        self.speed = speed
        self.adminToken = adminToken
        self.logLevel = logLevel
        self.limits = limits
    }

    /// Whether `host` is a loopback address, where an admin token is optional.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}

/// Why the application could not be built.
public struct AppError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
