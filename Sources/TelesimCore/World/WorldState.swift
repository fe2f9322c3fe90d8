/// A provider account found by credential or id.
public struct AccountRef: Sendable, Equatable {
    /// The scenario's provider key (`edesy`, `voiso`, `exotel`, `ringyo`).
    public var provider: String
    public var id: String
    /// Its index in the provider's account list.
    public var index: Int

    /// The address of a field or entity under this account.
    public func address(_ rest: String...) -> Address { Address(segments: [provider, id] + rest) }
}

/// Limits on what a world keeps in memory and in its store.
public struct WorldLimits: Sendable {
    public var journal: Int
    public var deliveries: Int
    public var sinkRequests: Int

    public init(journal: Int = 10_000, deliveries: Int = 10_000, sinkRequests: Int = 10_000) {
        self.journal = journal
        self.deliveries = deliveries
        self.sinkRequests = sinkRequests
    }
}

/// All of one world's mutable state, as a value. A `World` owns one behind its lock; provider adapters
/// read and change it synchronously inside `World.transact`, so every check-then-act (balance,
/// agent availability, rate limit) is atomic.
public struct WorldState: Sendable {
    public let definition: WorldDefinition
    public let scenarioSource: String
    public let limits: WorldLimits
    let observers: [String: any CallObserver]

    public internal(set) var providers: JSON {
        didSet { providersVersion &+= 1 }
    }
    /// Counts changes of `providers`, so that `elementIndexes` know when they are stale.
    var providersVersion: UInt64 = 0
    var elementIndexes: [String: (version: UInt64, positions: [String: Int])] = [:]
    public var network: Network
    public internal(set) var now: Int64
    /// Ids and random choices; persisted, so a restarted world continues the same sequence.
    public var random: SeededRandom
    var faultRandom: SeededRandom
    var scheduler: Scheduler
    public internal(set) var calls = CallTable()
    /// Call ids in creation order.
    public internal(set) var callOrder: [String] = []
    /// Call ids by alias (`Call.aliases`): derived from the calls, never stored on its own.
    var callAliases = ShardedIndex<String>()
    var rateLimiter = RateLimiter()
    var holds: [String: Int64] = [:]
    var activeCount: [String: Int] = [:]
    /// The call keeping each busy agent busy, by agent address. Sharded: in a world with many
    /// agents it grows with every call, and one dictionary's doubling stalled requests (p99).
    var occupied = ShardedIndex<String>()
    public internal(set) var deliveries: [String: Delivery] = [:]
    public internal(set) var deliveryOrder: [String] = []
    public internal(set) var journal: [JournalEntry] = []
    var nextJournalID: Int64 = 1
    public internal(set) var faultsFired: [Int]
    public internal(set) var addedFaults: [FaultRule] = []
    /// Provider adapters' keyed memory (e.g. Ringyo idempotency keys), persisted with the world.
    public var memo: JSON = .object([])
    var credentialIndex: [String: [String: Int]] = [:]
    var changes = ChangeTracker()
    /// Whether `changes` is kept for a store; off when the world's store keeps nothing, so requests
    /// skip collecting what no one reads (the hot paths check it; `World.save` drops the rest).
    var tracksChanges = true
    /// Requests received by the built-in webhook sinks, by name.
    public internal(set) var sinks: [String: [SinkRequest]] = [:]
    /// Timeline entries already applied.
    var timelineDone: Set<Int> = []

    /// A new world at the start of its definition.
    public init(definition: WorldDefinition, scenarioSource: String, observers: [String: any CallObserver], limits: WorldLimits = WorldLimits()) {
        self.definition = definition
        self.scenarioSource = scenarioSource
        self.observers = observers
        self.limits = limits
        providers = definition.providers
        network = definition.network
        now = definition.clock.start
        random = SeededRandom(seed: definition.seed)
        faultRandom = SeededRandom(seed: definition.seed ^ 0x5EED_FA17)
        scheduler = Scheduler()
        faultsFired = Array(repeating: 0, count: definition.faults.count)
        for (index, entry) in definition.timeline.enumerated() {
            scheduler.schedule(.timeline(index: index), at: definition.clock.start + entry.at)
        }
        rebuildCredentialIndex()
        changes.providers = true
    }

    // MARK: Accounts

    /// The account of `provider` (a scenario key) that owns `credential`.
    public func account(_ provider: String, credential: String) -> AccountRef? {
        guard let index = credentialIndex[provider]?[credential], let schema = WorldSchema.provider(provider),
              let id = WorldSchema.idText(accountNode(provider, index)?[schema.accountID]) else { return nil }
        return AccountRef(provider: provider, id: id, index: index)
    }

    /// The account of `provider` with id `id`.
    public func account(_ provider: String, id: String) -> AccountRef? {
        guard let schema = WorldSchema.provider(provider),
              let list = providers[provider]?[schema.accounts]?.arrayValue,
              let index = list.firstIndex(where: { WorldSchema.idText($0[schema.accountID]) == id }) else { return nil }
        return AccountRef(provider: provider, id: id, index: index)
    }

    /// Every account of a provider key.
    public func accounts(_ provider: String) -> [AccountRef] {
        guard let schema = WorldSchema.provider(provider), let list = providers[provider]?[schema.accounts]?.arrayValue else { return [] }
        return list.enumerated().compactMap { index, node in
            WorldSchema.idText(node[schema.accountID]).map { AccountRef(provider: provider, id: $0, index: index) }
        }
    }

    /// The account's stored tree (money in minor units, durations in ms).
    public func node(_ ref: AccountRef) -> JSON { accountNode(ref.provider, ref.index) ?? .object([]) }

    func accountNode(_ provider: String, _ index: Int) -> JSON? {
        guard let schema = WorldSchema.provider(provider), let list = providers[provider]?[schema.accounts]?.arrayValue,
              list.indices.contains(index) else { return nil }
        return list[index]
    }

    mutating func rebuildCredentialIndex() {
        credentialIndex = [:]
        for schema in WorldSchema.providers {
            for (index, node) in (providers[schema.key]?[schema.accounts]?.arrayValue ?? []).enumerated() {
                for key in Self.credentials(schema.key, node) where credentialIndex[schema.key]?[key] == nil {
                    credentialIndex[schema.key, default: [:]][key] = index
                }
            }
        }
    }

    /// The credentials an account is found by: API keys, or Exotel's api_key.
    public static func credentials(_ provider: String, _ node: JSON) -> [String] {
        switch provider {
        case "voiso": return (node["api_keys"]?.arrayValue ?? []).compactMap { $0["key"]?.stringValue }
        case "exotel": return [node["api_key"]?.stringValue].compactMap { $0 }
        default: return (node["api_keys"]?.arrayValue ?? []).compactMap(\.stringValue)
        }
    }

    /// Every credential the world defines, for routing requests between sandboxes.
    public var allCredentials: [String] { credentialIndex.values.flatMap(\.keys) }

    // MARK: Reading and writing by address

    /// The stored value at an address, with its kind.
    public func value(at address: Address) throws(AddressError) -> (JSON, FieldKind) {
        let resolved = try WorldSchema.resolve(address, in: providers)
        return (providers.value(at: resolved.path) ?? .null, resolved.kind)
    }

    /// Sets a leaf at an address from a user-written value (checked and converted to stored form).
    /// Returns the stored value.
    @discardableResult
    public mutating func set(_ address: Address, to value: JSON) throws(AddressError) -> JSON {
        let resolved = try WorldSchema.resolve(address, in: providers)
        switch resolved.kind {
        case .section, .collection: throw AddressError("\(address) is not a single value")
        default: break
        }
        let stored: JSON
        switch resolved.kind.normalize(value) {
        case .success(let v): stored = v
        case .failure(let e): throw AddressError("\(address): \(e.message)")
        }
        setProvidersValue(stored, at: resolved.path)
        if address.segments.count >= 3, ["api_keys", "api_key"].contains(address.segments[2]) { rebuildCredentialIndex() }
        return stored
    }

    /// A stored leaf as a typed value, for adapters.
    public func field(_ ref: AccountRef, _ path: String...) -> JSON? {
        var node: JSON? = node(ref)
        for key in path { node = node?[key] }
        return node
    }

    // MARK: Money, capacity, agents

    /// What a balance can still spend: the balance less what running calls hold.
    public func available(_ balance: Address) -> Int64 {
        available(balance, key: balance.description)
    }

    /// `available`, with the balance's holds key (its description) already made.
    func available(_ balance: Address, key: String) -> Int64 {
        let stored = (try? value(at: balance).0.intValue) ?? nil
        return (stored ?? 0) - holds[key, default: 0]
    }

    /// Calls of an account that have not ended.
    public func activeCalls(provider: String, account: String) -> Int { activeCount[provider + "/" + account, default: 0] }

    /// The call an agent entity is on, if any.
    public func occupant(of agent: String) -> String? { occupied[agent] }

    /// Counts a request against a rate limit in simulated time.
    public mutating func rateCheck(_ key: String, limit: RateLimit) -> RateDecision {
        rateLimiter.check(key, limit: limit, now: now)
    }
}

/// What changed since the last save; the world turns it into `StoreChanges`.
struct ChangeTracker: Sendable {
    var providers = false
    /// Changed call ids in the order they first changed (so new calls reach the store in creation order).
    var calls = OrderedIDs()
    var deliveries = OrderedIDs()
    var removedDeliveries: [String] = []
    var journal: [JournalEntry] = []
    var journalFloor: Int64?
    var meta = false
}

/// A set of ids that remembers the order of first insertion.
struct OrderedIDs: Sendable, Sequence {
    private(set) var order: [String] = []
    private var members: Set<String> = []

    mutating func insert(_ id: String) {
        if members.insert(id).inserted { order.append(id) }
    }

    mutating func remove(_ id: String) {
        if members.remove(id) != nil { order.removeAll { $0 == id } }
    }

    var isEmpty: Bool { order.isEmpty }
    func makeIterator() -> IndexingIterator<[String]> { order.makeIterator() }
}
