import TelesimCore

/// A write waiting in the store's queue, in the order the world asked for it.
enum PendingWrite: Sendable {
    /// A `save(_:)`.
    case changes(StoreChanges)
    /// Everything stored is replaced by this world.
    case replace(WorldSnapshot)
}

/// Queued writes coalesced into what one transaction has to do.
///
/// Saves arrive far more often than a transaction is worth (one per request), and most of them
/// rewrite the same few rows: the meta row, and the calls and deliveries the request touched. A
/// batch keeps only the latest version of each, appends journal entries, and folds in deletions,
/// so that one commit writes each row at most once.
struct WriteBatch {
    /// Every table is cleared first: a replace is in the batch (and everything before it is void).
    var reset = false
    /// The latest meta (every save carries one).
    var meta: WorldMeta?
    /// The latest providers tree, if any save in the batch changed it.
    var providers: JSON?
    /// The latest version of each call, and the order in which calls first appeared.
    var calls: [String: Call] = [:]
    var callOrder: [String] = []
    /// The latest version of each delivery, and the order in which deliveries first appeared.
    var deliveries: [String: Delivery] = [:]
    var deliveryOrder: [String] = []
    /// Deliveries to delete; never also in `deliveries`.
    var removedDeliveries: Set<String> = []
    /// Entries to append, ascending by id, none below `journalFloor`.
    var journal: [JournalEntry] = []
    /// The highest floor seen: stored entries below it are deleted.
    var journalFloor: Int64?

    /// Coalesces writes, oldest first.
    init(_ writes: [PendingWrite]) {
        for write in writes { add(write) }
    }

    /// Nothing to write (a batch of flush waiters only).
    var isEmpty: Bool {
        !reset && meta == nil && providers == nil && calls.isEmpty && deliveries.isEmpty && removedDeliveries.isEmpty
            && journal.isEmpty && journalFloor == nil
    }

    /// Folds one write into the batch.
    mutating func add(_ write: PendingWrite) {
        switch write {
        case .replace(let snapshot):
            self = WriteBatch([])
            reset = true
            meta = snapshot.meta
            providers = snapshot.providers
            // A snapshot's lists are already in creation order: keep it as given.
            for call in snapshot.calls { put(call) }
            for delivery in snapshot.deliveries { put(delivery) }
            journal = snapshot.journal
        case .changes(let changes):
            meta = changes.meta
            if let tree = changes.providers { providers = tree }
            // The world hands over changed ids as a set, so calls created by the same request
            // arrive in no particular order: put the new ones in creation order.
            for call in changes.calls.filter({ calls[$0.id] != nil }) { put(call) }
            for call in changes.calls.filter({ calls[$0.id] == nil }).sorted(by: Self.created) { put(call) }
            for delivery in changes.deliveries.filter({ deliveries[$0.id] != nil }) { put(delivery) }
            for delivery in changes.deliveries.filter({ deliveries[$0.id] == nil }).sorted(by: Self.created) { put(delivery) }
            if !changes.removedDeliveries.isEmpty {
                let removed = Set(changes.removedDeliveries)
                for id in removed { deliveries[id] = nil }
                deliveryOrder.removeAll { removed.contains($0) }
                removedDeliveries.formUnion(removed)
            }
            journal += changes.journal
            if let floor = changes.journalFloor {
                journal.removeAll { $0.id < floor }
                journalFloor = max(journalFloor ?? floor, floor)
            }
        }
    }

    private mutating func put(_ call: Call) {
        if calls.updateValue(call, forKey: call.id) == nil { callOrder.append(call.id) }
    }

    private mutating func put(_ delivery: Delivery) {
        removedDeliveries.remove(delivery.id)
        if deliveries.updateValue(delivery, forKey: delivery.id) == nil { deliveryOrder.append(delivery.id) }
    }

    /// Creation order for entities first seen in one save: by simulated instant, then by the
    /// scheduler sequence of their pending entry (assigned at creation, monotonic world-wide).
    private static func created(_ a: Call, _ b: Call) -> Bool {
        (a.createdAt, a.pending?.seq ?? .max) < (b.createdAt, b.pending?.seq ?? .max)
    }

    private static func created(_ a: Delivery, _ b: Delivery) -> Bool {
        (a.createdAt, a.pending?.seq ?? .max) < (b.createdAt, b.pending?.seq ?? .max)
    }
}
