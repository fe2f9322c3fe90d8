import TelesimCore

/// A coalesced batch turned into column values, ready for one write transaction.
///
/// Encoding (the costly part: JSON of every call, delivery and entry) happens here, in the writer
/// task, before the transaction starts, so that the database's writer queue is held only for the
/// inserts themselves and never on the world's request path.
struct EncodedBatch: Sendable {
    /// Clear every table before writing (the batch holds a replace).
    var reset: Bool
    /// `WorldMeta` as JSON.
    var meta: String?
    /// The providers skeleton and its accounts, when the tree changed.
    var providers: (skeleton: String, accounts: [AccountRow])?
    /// Calls in the order new ones take positions.
    var calls: [CallRow]
    /// Deliveries in the order new ones take positions.
    var deliveries: [DeliveryRow]
    /// Delivery ids to delete (their attempts go with them).
    var removedDeliveries: [String]
    /// Journal rows below this id are deleted before `journal` is appended.
    var journalFloor: Int64?
    var journal: [JournalRow]

    /// Encodes a coalesced batch; throws only if a value cannot be encoded as JSON.
    init(_ batch: WriteBatch) throws {
        func json(_ value: some Encodable) throws -> String { try RowEncoder.encode(value) }

        reset = batch.reset
        meta = try batch.meta.map(json)
        providers = batch.providers.map { tree in
            let (skeleton, accounts) = ProvidersLayout.split(tree)
            return (skeleton.serialized, accounts.map { AccountRow(provider: $0.provider, account: $0.account, data: $0.data.serialized) })
        }
        // Calls and journal entries, one or more per request, have hand-written writers (RowWriters.swift).
        calls = batch.callOrder.compactMap { batch.calls[$0] }.map { CallRow($0, data: RowEncoder.encode($0)) }
        deliveries = try batch.deliveryOrder.compactMap { batch.deliveries[$0] }.map { try DeliveryRow($0, data: json($0)) }
        removedDeliveries = batch.removedDeliveries.sorted()
        journalFloor = batch.journalFloor
        journal = batch.journal.map { JournalRow($0, data: RowEncoder.encode($0)) }
    }
}

/// A `world_account` row (its position is its index in the batch's list).
struct AccountRow: Sendable {
    var provider: String
    var account: String
    var data: String
}

/// A `call` row (its legs and events are the `call_leg` and `call_event` views over `data`).
struct CallRow: Sendable {
    var id: String
    var provider: String
    var account: String
    /// `CallStatus.rawValue`, so SQL filters read like the API.
    var status: String
    var createdAt: Int64
    /// The whole `Call` as JSON: what `load()` reads back.
    var data: String

    /// Takes the projected columns from the call.
    init(_ call: Call, data: String) {
        id = call.id
        provider = call.provider
        account = call.account
        status = call.status.rawValue
        createdAt = call.createdAt
        self.data = data
    }
}

/// A `webhook_delivery` row (its attempts are the `webhook_attempt` view over `data`).
struct DeliveryRow: Sendable {
    var id: String
    var callID: String
    var provider: String
    var event: String
    /// `DeliveryStatus.rawValue`.
    var status: String
    /// The whole `Delivery` as JSON: what `load()` reads back.
    var data: String

    /// Takes the projected columns from the delivery.
    init(_ delivery: Delivery, data: String) {
        id = delivery.id
        callID = delivery.callID
        provider = delivery.provider
        event = delivery.event
        status = delivery.status.rawValue
        self.data = data
    }
}

/// A `request_journal` row.
struct JournalRow: Sendable {
    /// The entry, for its projected columns.
    var entry: JournalEntry
    /// The whole entry as JSON: what `load()` reads back.
    var data: String

    /// Pairs an entry with its JSON.
    init(_ entry: JournalEntry, data: String) {
        self.entry = entry
        self.data = data
    }
}
