import Foundation
import GRDB
import TelesimCore
import Testing
@testable import TelesimStore

@Suite struct SQLiteWorldStoreTests {
    typealias F = Fixtures

    func count(_ table: String, in store: SQLiteWorldStore) throws -> Int {
        try store.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    @Test func aWorldRoundTripsThroughAFile() async throws {
        let path = F.temporaryPath()
        let snapshot = F.snapshot(calls: 3, journal: 4)
        let store = try SQLiteWorldStore(path: path)
        store.replace(with: snapshot)
        try await store.close()

        let reopened = try SQLiteWorldStore(path: path)
        let loaded = try reopened.load()
        #expect(F.fingerprint(loaded) == F.fingerprint(snapshot))
        #expect(loaded?.providers.serialized == F.providers.serialized)
        let mode = try await reopened.database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        // The projections are written with their entities.
        #expect(try count("world_account", in: reopened) == 3)
        #expect(try count("call_leg", in: reopened) == 6)
        #expect(try count("call_event", in: reopened) == 6)
        #expect(try count("webhook_attempt", in: reopened) == 1 + 2 + 3)
        #expect(try count("request_journal", in: reopened) == 4)
        try await reopened.close()
    }

    @Test func savedChangesAreLoadedAfterAReopen() async throws {
        let path = F.temporaryPath()
        let store = try SQLiteWorldStore(path: path)
        store.replace(with: F.snapshot(calls: 1, journal: 0))
        var ended = F.call("call_0")
        _ = ended.machine.handle(.cancel, at: 5_000)
        ended.pending = nil
        var changes = StoreChanges(meta: F.meta(now: 5_000, nextJournalID: 1))
        changes.calls = [ended, F.call("call_new", at: 4_000)]
        changes.deliveries = [F.delivery("whd_0", callID: "call_0", status: .delivered, attempts: 2)]
        changes.journal = [F.journal(0)]
        store.save(changes)
        try await store.close()

        let loaded = try #require(try SQLiteWorldStore(path: path).load())
        #expect(loaded.meta.now == 5_000)
        #expect(loaded.calls.map(\.id) == ["call_0", "call_new"])
        #expect(loaded.calls[0].status == .canceled)
        #expect(loaded.deliveries.map(\.status) == [.delivered])
        #expect(loaded.deliveries[0].attempts.count == 2)
        #expect(loaded.journal.map(\.id) == [0])
    }

    @Test func theLatestVersionOfACallWins() async throws {
        let store = try SQLiteWorldStore(path: nil)
        store.replace(with: F.snapshot(calls: 0, journal: 0))
        var call = F.call("call_a")
        for at in stride(from: Int64(2_000), through: 9_000, by: 1_000) {
            call.machine.createdAt = 1_000
            call.attributes["at"] = .int(at)
            var changes = StoreChanges(meta: F.meta(now: at))
            changes.calls = [call]
            store.save(changes)
        }
        await store.flush()
        let loaded = try #require(try store.load())
        #expect(loaded.calls.count == 1)
        #expect(loaded.calls[0].attributes["at"] == .int(9_000))
        #expect(loaded.meta.now == 9_000)
    }

    /// A call saved again and again (in separate batches) keeps one row per leg and per event, and
    /// the projections follow the latest version: a leg's new status, an appended event.
    @Test func projectionsFollowACallAcrossBatches() async throws {
        let store = try SQLiteWorldStore(path: nil)
        store.replace(with: F.snapshot(calls: 0, journal: 0))
        var call = F.call("call_p")
        var changes = StoreChanges(meta: F.meta())
        changes.calls = [call]
        store.save(changes)
        await store.flush()

        call.machine.legs[0].status = .answered
        call.machine.legs[0].answeredAt = 4_000
        call.timeline.append(F.convert(F.EventMirror(seq: 2, at: 4_000, kind: .answered, leg: 0, status: .answered)))
        changes.calls = [call]
        store.save(changes)
        await store.flush()
        store.save(changes)
        await store.flush()

        #expect(try count("call_leg", in: store) == 2)
        #expect(try count("call_event", in: store) == 3)
        let leg = try store.database.read { db in
            try Row.fetchOne(db, sql: "SELECT status, answered_at FROM call_leg WHERE call_id = 'call_p' AND idx = 0")
        }
        #expect(leg?["status"] == "answered")
        #expect(leg?["answered_at"] == 4_000)
        let kinds = try await store.database.read { db in
            try String.fetchAll(db, sql: "SELECT kind FROM call_event WHERE call_id = 'call_p' ORDER BY seq")
        }
        #expect(kinds == ["call.created", "leg.ringing", "leg.answered"])
    }

    /// A file written before v2 had projection tables; opening it turns them into views over the
    /// JSON, which stays the one source (a stale projection row does not survive), and drops the
    /// secondary indexes (v3).
    @Test func aV1DatabaseGetsItsProjectionsAsViews() async throws {
        let path = F.temporaryPath()
        let v1 = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(v1, upTo: "v1")
        let call = F.call("call_old")
        try await v1.write { db in
            try db.execute(sql: "INSERT INTO call (id, provider, account, status, created_at, position, data) VALUES (?, ?, ?, ?, ?, 0, ?)",
                           arguments: [call.id, call.provider, call.account, call.status.rawValue, call.createdAt, RowEncoder.encode(call)])
            try db.execute(sql: "INSERT INTO call_leg (call_id, idx, role, number, status) VALUES ('call_old', 0, 'stale', '+1', 'queued')")
        }
        try v1.close()

        let store = try SQLiteWorldStore(path: path)
        let (views, indexes, legs, events) = try store.database.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name"),
             // v3: no secondary index is left (primary keys' own indexes are `sqlite_autoindex_…`).
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex_%'"),
             try Row.fetchAll(db, sql: "SELECT idx, role, number, status, ringing_at FROM call_leg WHERE call_id = 'call_old' ORDER BY idx"),
             try String.fetchAll(db, sql: "SELECT kind FROM call_event WHERE call_id = 'call_old' ORDER BY seq"))
        }
        #expect(views == ["call_event", "call_leg", "webhook_attempt"])
        #expect(indexes == [])
        #expect(legs.map { $0["idx"] as Int? } == Array(call.legs.indices))
        #expect(legs.map { [$0["role"], $0["number"], $0["status"]] as [String?] }
            == call.legs.map { [$0.role, $0.number, $0.status.rawValue] })
        #expect(legs.first?["ringing_at"] == call.legs[0].ringingAt)
        #expect(events == call.timeline.map(\.kind.rawValue))
        try await store.close()
    }

    @Test func aJournalFloorDeletesOlderEntries() async throws {
        let store = try SQLiteWorldStore(path: nil)
        store.replace(with: F.snapshot(calls: 0, journal: 10))
        await store.flush()
        var changes = StoreChanges(meta: F.meta(nextJournalID: 11))
        changes.journal = [F.journal(10)]
        changes.journalFloor = 6
        store.save(changes)
        await store.flush()
        #expect(try store.load()?.journal.map(\.id) == [6, 7, 8, 9, 10])

        var cleared = StoreChanges(meta: F.meta(nextJournalID: 11))
        cleared.journalFloor = 11
        store.save(cleared)
        await store.flush()
        #expect(try store.load()?.journal.isEmpty == true)
    }

    @Test func removedDeliveriesAreDeletedWithTheirAttempts() async throws {
        let store = try SQLiteWorldStore(path: nil)
        store.replace(with: F.snapshot(calls: 3, journal: 0))
        var changes = StoreChanges(meta: F.meta())
        changes.removedDeliveries = ["whd_0", "whd_2"]
        store.save(changes)
        await store.flush()
        #expect(try store.load()?.deliveries.map(\.id) == ["whd_1"])
        #expect(try count("webhook_attempt", in: store) == 2)
    }

    @Test func replaceClearsWhatWasStored() async throws {
        let store = try SQLiteWorldStore(path: nil)
        store.replace(with: F.snapshot(calls: 3, journal: 5))
        await store.flush()
        let fresh = WorldSnapshot(meta: F.meta(now: 0), providers: .obj(["exotel": .obj(["accounts": .array([.obj(["sid": "ex1"])])])]),
                                  calls: [], deliveries: [], journal: [])
        store.replace(with: fresh)
        await store.flush()
        #expect(F.fingerprint(try store.load()) == F.fingerprint(fresh))
        for table in ["call", "call_leg", "call_event", "webhook_delivery", "webhook_attempt", "request_journal"] {
            #expect(try count(table, in: store) == 0, "\(table)")
        }
        #expect(try count("world_account", in: store) == 1)
    }

    @Test func savesQueuedAroundAReplaceKeepTheirOrder() async throws {
        let store = try SQLiteWorldStore(path: nil)
        var before = StoreChanges(meta: F.meta())
        before.calls = [F.call("call_old")]
        store.save(before)
        store.replace(with: F.snapshot(calls: 1, journal: 0))
        var after = StoreChanges(meta: F.meta(now: 7_000))
        after.calls = [F.call("call_after", at: 6_000)]
        store.save(after)
        await store.flush()
        let loaded = try #require(try store.load())
        #expect(loaded.calls.map(\.id) == ["call_0", "call_after"])
        #expect(loaded.meta.now == 7_000)
    }

    @Test func newCallsOfOneSaveAreStoredInCreationOrder() async throws {
        let store = try SQLiteWorldStore(path: nil)
        store.replace(with: F.snapshot(calls: 0, journal: 0))
        var changes = StoreChanges(meta: F.meta())
        // The world hands changed calls over in set order.
        changes.calls = [F.call("c3", at: 3_000), F.call("c1", at: 1_000), F.call("c2b", at: 2_000, seq: 21), F.call("c2a", at: 2_000, seq: 20)]
        store.save(changes)
        await store.flush()
        #expect(try store.load()?.calls.map(\.id) == ["c1", "c2a", "c2b", "c3"])
    }

    /// The writer numbers new rows from its own memory after one read of the file, across batches,
    /// across a reopen (which reads the file again) and after a replace (which starts again at 0).
    @Test func positionsContinueAcrossBatchesReopensAndReplaces() async throws {
        func ids(_ store: SQLiteWorldStore) throws -> [String] {
            try store.database.read { db in try String.fetchAll(db, sql: "SELECT id FROM call ORDER BY position") }
        }
        func save(_ store: SQLiteWorldStore, _ id: String, at createdAt: Int64) async {
            var changes = StoreChanges(meta: F.meta(now: createdAt))
            changes.calls = [F.call(id, at: createdAt)]
            changes.deliveries = [F.delivery("whd_\(id)", callID: id, at: createdAt)]
            store.save(changes)
            await store.flush()
        }
        let path = F.temporaryPath()
        let store = try SQLiteWorldStore(path: path)
        store.replace(with: F.snapshot(calls: 2, journal: 0))
        await save(store, "call_a", at: 5_000)
        await save(store, "call_b", at: 6_000)
        #expect(store.positions.withLock { $0.call } == 4)
        try await store.close()

        let reopened = try SQLiteWorldStore(path: path)
        #expect(reopened.positions.withLock { $0.call } == nil)
        await save(reopened, "call_c", at: 7_000)
        #expect(try ids(reopened) == ["call_0", "call_1", "call_a", "call_b", "call_c"])
        #expect(try reopened.load()?.deliveries.map(\.id).suffix(3) == ["whd_call_a", "whd_call_b", "whd_call_c"])
        let positions = try await reopened.database.read { db in try Int64.fetchAll(db, sql: "SELECT position FROM call ORDER BY position") }
        #expect(positions == [0, 1, 2, 3, 4])

        reopened.replace(with: F.snapshot(calls: 0, journal: 0))
        await save(reopened, "call_d", at: 8_000)
        let afterReplace = try await reopened.database.read { db in try Int64.fetchAll(db, sql: "SELECT position FROM call") }
        #expect(afterReplace == [0])
        try await reopened.close()
    }

    @Test func anEmptyDatabaseHoldsNoWorld() async throws {
        #expect(try SQLiteWorldStore(path: nil).load() == nil)
        #expect(try SQLiteWorldStore(path: ":memory:").load() == nil)
        let path = F.temporaryPath()
        #expect(try SQLiteWorldStore(path: path).load() == nil)
        // Reopening runs no migration twice.
        #expect(try SQLiteWorldStore(path: path).load() == nil)
    }

    @Test func anInMemoryStoreRoundTrips() async throws {
        let store = try SQLiteWorldStore(path: ":memory:")
        let snapshot = F.snapshot()
        store.replace(with: snapshot)
        await store.flush()
        #expect(F.fingerprint(try store.load()) == F.fingerprint(snapshot))
        #expect(store.writeFailure == nil)
    }

    @Test func flushReturnsOnAnIdleStore() async throws {
        let store = try SQLiteWorldStore(path: nil)
        await store.flush()
        await store.flush()
    }

    @Test func aBadPathThrows() {
        #expect(throws: (any Error).self) { try SQLiteWorldStore(path: "/nonexistent-telesim-dir/x/world.sqlite") }
    }

    @Test func savesAfterCloseAreDropped() async throws {
        let path = F.temporaryPath()
        let store = try SQLiteWorldStore(path: path)
        store.replace(with: F.snapshot(calls: 1, journal: 0))
        try await store.close()
        store.save(StoreChanges(meta: F.meta(now: 99_000)))
        await store.flush()
        #expect(try SQLiteWorldStore(path: path).load()?.meta.now == 1_000)
    }

    @Test func runClosesTheStoreWhenCancelled() async throws {
        let path = F.temporaryPath()
        let store = try SQLiteWorldStore(path: path)
        let service = Task { try await store.run() }
        store.replace(with: F.snapshot(calls: 2, journal: 1))
        service.cancel()
        try await service.value
        #expect(F.fingerprint(try SQLiteWorldStore(path: path).load()) == F.fingerprint(F.snapshot(calls: 2, journal: 1)))
    }
}
