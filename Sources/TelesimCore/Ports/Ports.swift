/// Sends one webhook attempt. TelesimWebhooks implements it over HTTP; tests use a recording one.
public protocol WebhookTransport: Sendable {
    func send(_ request: WebhookRequest) async -> WebhookResult
}

/// Renders a provider's webhooks for a call event. Each adapter implements it; the world calls it
/// whenever a call records an event.
public protocol CallObserver: Sendable {
    func webhooks(for call: Call, event: CallEvent, in state: WorldState) -> [OutgoingWebhook]
}

/// Persists a world. TelesimStore implements it over SQLite; writes are taken off the request path
/// (the world hands over what changed; the store batches it into transactions).
public protocol WorldStore: Sendable {
    /// The world saved before, if any.
    func load() throws -> WorldSnapshot?
    /// Records what changed. Must not block for long: implementations queue and batch.
    func save(_ changes: StoreChanges)
    /// Replaces everything stored with a fresh world (scenario load, reset).
    func replace(with snapshot: WorldSnapshot)
    /// Returns once everything saved so far is written.
    func flush() async
    /// Whether the store keeps nothing (`save` and `replace` do nothing): the world then does not
    /// collect its changes at all.
    var keepsNothing: Bool { get }
}

extension WorldStore {
    public var keepsNothing: Bool { false }
}

/// A request recorded in the journal.
public struct JournalEntry: Sendable, Codable, Equatable {
    public var id: Int64
    /// The provider name, e.g. `ringyo`.
    public var provider: String
    public var account: String?
    public var method: String
    public var path: String
    public var query: String
    /// Request headers, credentials redacted.
    public var headers: [Header]
    public var body: String
    public var status: Int
    public var responseBody: String
    public var simulatedAt: Int64
    /// Wall-clock instant (ms since the epoch).
    public var wallAt: Int64
    public var durationMs: Double

    public init(id: Int64 = 0, provider: String, account: String?, method: String, path: String, query: String, headers: [Header],
                body: String, status: Int, responseBody: String, simulatedAt: Int64 = 0, wallAt: Int64, durationMs: Double) {
        self.id = id
        self.provider = provider
        self.account = account
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.status = status
        self.responseBody = responseBody
        self.simulatedAt = simulatedAt
        self.wallAt = wallAt
        self.durationMs = durationMs
    }
}

/// The scalar state of a world that is not an entity: clock, generators, counters.
public struct WorldMeta: Sendable, Codable, Equatable {
    /// The scenario text the world was built from, so a restart can rebuild its definition.
    public var scenarioSource: String
    public var now: Int64
    public var random: SeededRandom
    public var faultRandom: SeededRandom
    public var nextSeq: UInt64
    /// Timeline entries not yet applied, with their scheduler entries.
    public var pendingTimeline: [Scheduler.Entry]
    public var nextJournalID: Int64
    /// How often each fault rule has fired, in rule order.
    public var faultsFired: [Int]
    /// Provider adapters' small keyed memory (idempotency keys…).
    public var memo: JSON
}

/// A whole world as stored.
public struct WorldSnapshot: Sendable {
    public var meta: WorldMeta
    public var providers: JSON
    public var calls: [Call]
    public var deliveries: [Delivery]
    public var journal: [JournalEntry]

    public init(meta: WorldMeta, providers: JSON, calls: [Call], deliveries: [Delivery], journal: [JournalEntry]) {
        self.meta = meta
        self.providers = providers
        self.calls = calls
        self.deliveries = deliveries
        self.journal = journal
    }
}

/// What changed in a world since the last save.
public struct StoreChanges: Sendable {
    public var meta: WorldMeta
    /// The whole providers tree, when an entity changed.
    public var providers: JSON?
    public var calls: [Call] = []
    public var deliveries: [Delivery] = []
    public var removedDeliveries: [String] = []
    public var journal: [JournalEntry] = []
    /// Journal entries with ids below this were dropped (the bound) or cleared.
    public var journalFloor: Int64?

    public init(meta: WorldMeta) { self.meta = meta }

    public var isEmpty: Bool {
        providers == nil && calls.isEmpty && deliveries.isEmpty && removedDeliveries.isEmpty && journal.isEmpty && journalFloor == nil
    }
}

/// Sends one HTTP request and returns the whole answer: the scenario runner's port to the network.
/// TelesimWebhooks implements it over AsyncHTTPClient; the runner itself stays free of HTTP libraries.
public protocol RunnerHTTPClient: Sendable {
    func exchange(method: String, url: String, headers: [Header], body: [UInt8]?) async throws -> RunnerHTTPResponse
}

public struct RunnerHTTPResponse: Sendable {
    public var status: Int
    public var headers: [Header]
    public var body: String

    public init(status: Int, headers: [Header], body: String) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

