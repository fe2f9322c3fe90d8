import GRDB

extension EncodedBatch {
    /// The tables a reset clears (`call_leg`, `call_event` and `webhook_attempt` are views over them).
    static let tables = ["webhook_delivery", "call", "request_journal", "world_account", "world_meta"]

    /// Writes the batch. Call inside one write transaction: a batch is one invariant (its calls,
    /// deliveries and journal entries, and the meta that counts them all). `positions` is the
    /// writer's memory of the next free positions; it is advanced past the rows written.
    func write(to db: Database, positions: inout NextPositions) throws {
        if reset {
            for table in Self.tables { try db.execute(sql: "DELETE FROM \(table)") }
            positions = NextPositions()
        }
        if let meta { try putMeta(MetaKey.meta, meta, db) }
        if let providers { try writeProviders(providers.skeleton, providers.accounts, db) }
        if !calls.isEmpty { try writeCalls(db, &positions.call) }
        if !removedDeliveries.isEmpty {
            let delete = try db.cachedStatement(sql: "DELETE FROM webhook_delivery WHERE id = ?")
            for id in removedDeliveries { try delete.execute(arguments: [id]) }
        }
        if !deliveries.isEmpty { try writeDeliveries(db, &positions.delivery) }
        if let journalFloor {
            try db.execute(sql: "DELETE FROM request_journal WHERE id < ?", arguments: [journalFloor])
        }
        if !journal.isEmpty { try writeJournal(db) }
    }

    private func putMeta(_ key: String, _ value: String, _ db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO world_meta (key, value) VALUES (?, ?)").execute(arguments: [key, value])
    }

    /// The tree arrives whole, so its accounts are rewritten whole (a world has a handful).
    private func writeProviders(_ skeleton: String, _ accounts: [AccountRow], _ db: Database) throws {
        try putMeta(MetaKey.providers, skeleton, db)
        try db.execute(sql: "DELETE FROM world_account")
        let insert = try db.cachedStatement(sql: "INSERT INTO world_account (provider, account, position, data) VALUES (?, ?, ?, ?)")
        for (position, row) in accounts.enumerated() {
            try insert.execute(arguments: [row.provider, row.account, position, row.data])
        }
    }

    /// Upserts calls; a call seen for the first time takes the next position, an existing one keeps its own.
    private func writeCalls(_ db: Database, _ next: inout Int64?) throws {
        var position = try next ?? NextPositions.read("call", db)
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO call (id, provider, account, status, created_at, position, data) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET provider = excluded.provider, account = excluded.account, status = excluded.status,
                created_at = excluded.created_at, data = excluded.data
            """)
        for call in calls {
            try upsert.execute(arguments: [call.id, call.provider, call.account, call.status, call.createdAt, position, call.data])
            position += 1
        }
        next = position
    }

    /// Upserts deliveries like calls.
    private func writeDeliveries(_ db: Database, _ next: inout Int64?) throws {
        var position = try next ?? NextPositions.read("webhook_delivery", db)
        let upsert = try db.cachedStatement(sql: """
            INSERT INTO webhook_delivery (id, call_id, provider, event, status, position, data) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET call_id = excluded.call_id, provider = excluded.provider, event = excluded.event,
                status = excluded.status, data = excluded.data
            """)
        for delivery in deliveries {
            try upsert.execute(arguments: [delivery.id, delivery.callID, delivery.provider, delivery.event, delivery.status, position, delivery.data])
            position += 1
        }
        next = position
    }

    /// Appends entries (replacing one with the same id, so a retried batch stays idempotent).
    private func writeJournal(_ db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO request_journal (id, provider, account, method, path, query, status, simulated_at, wall_at, data)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for row in journal {
            let e = row.entry
            try insert.execute(arguments: [e.id, e.provider, e.account, e.method, e.path, e.query, e.status, e.simulatedAt, e.wallAt, row.data])
        }
    }
}

/// The next free `position` of the `call` and `webhook_delivery` tables, as the writer left them.
///
/// Read from the file once (nil until then, and again after a reset) and then kept by the writer,
/// which alone writes the file: since v3 no index covers `position`, so `MAX(position)` scans the
/// whole table. Asked on every batch, that read the file end to end every few milliseconds under
/// load (~36 KB a create after 150,000 creates) and the writer fell further behind as it grew.
struct NextPositions: Sendable {
    var call: Int64?
    var delivery: Int64?

    static func read(_ table: String, _ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM \(table)") ?? 0
    }
}

/// The keys of the `world_meta` rows.
enum MetaKey {
    /// `WorldMeta` as JSON; its presence is what makes a database hold a world.
    static let meta = "meta"
    /// The providers tree without its keyed account lists (see `ProvidersLayout`).
    static let providers = "providers"
}
