import Foundation
import GRDB
import TelesimCore

/// Reads a whole world back from its `data` columns (the projections are for queries only).
enum StoreLoader {
    /// The stored world, or nil when no world has been written (no meta row). Call inside one read
    /// transaction so that every table is seen at the same commit.
    static func load(_ db: Database) throws -> WorldSnapshot? {
        guard let metaText = try String.fetchOne(db, sql: "SELECT value FROM world_meta WHERE key = ?", arguments: [MetaKey.meta]) else {
            return nil
        }
        let decoder = JSONDecoder()
        func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try decoder.decode(type, from: Data(text.utf8)) }

        let meta = try decode(WorldMeta.self, metaText)
        let skeletonText = try String.fetchOne(db, sql: "SELECT value FROM world_meta WHERE key = ?", arguments: [MetaKey.providers])
        let skeleton = try skeletonText.map { try JSON.parse($0) } ?? .object([])
        var accounts: [StoredAccount] = []
        let rows = try Row.fetchCursor(db, sql: "SELECT provider, account, data FROM world_account ORDER BY position")
        while let row = try rows.next() {
            accounts.append(StoredAccount(provider: row[0], account: row[1], data: try JSON.parse(row[2] as String)))
        }
        let calls = try String.fetchAll(db, sql: "SELECT data FROM call ORDER BY position").map { try decode(Call.self, $0) }
        let deliveries = try String.fetchAll(db, sql: "SELECT data FROM webhook_delivery ORDER BY position").map { try decode(Delivery.self, $0) }
        let journal = try String.fetchAll(db, sql: "SELECT data FROM request_journal ORDER BY id").map { try decode(JournalEntry.self, $0) }
        return WorldSnapshot(meta: meta, providers: ProvidersLayout.assemble(skeleton: skeleton, accounts: accounts),
                             calls: calls, deliveries: deliveries, journal: journal)
    }
}
