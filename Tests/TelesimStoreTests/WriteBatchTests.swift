import TelesimCore
import Testing
@testable import TelesimStore

@Suite struct WriteBatchTests {
    typealias F = Fixtures

    @Test func aBatchKeepsTheLatestVersionOfEachEntity() {
        var first = StoreChanges(meta: F.meta(now: 1_000))
        first.calls = [F.call("a"), F.call("b")]
        first.deliveries = [F.delivery("d1", callID: "a", attempts: 1)]
        first.journal = [F.journal(0)]
        var second = StoreChanges(meta: F.meta(now: 2_000))
        var a2 = F.call("a")
        a2.attributes["v"] = 2
        second.calls = [a2]
        second.deliveries = [F.delivery("d1", callID: "a", status: .delivered, attempts: 2)]
        second.journal = [F.journal(1)]

        let batch = WriteBatch([.changes(first), .changes(second)])
        #expect(batch.meta?.now == 2_000)
        #expect(batch.callOrder == ["a", "b"])
        #expect(batch.calls["a"]?.attributes["v"] == 2)
        #expect(batch.deliveries["d1"]?.status == .delivered)
        #expect(batch.journal.map(\.id) == [0, 1])
    }

    @Test func aReplaceVoidsWhatCameBeforeIt() {
        var before = StoreChanges(meta: F.meta())
        before.calls = [F.call("old")]
        before.journalFloor = 3
        let batch = WriteBatch([.changes(before), .replace(F.snapshot(calls: 1, journal: 2))])
        #expect(batch.reset)
        #expect(batch.callOrder == ["call_0"])
        #expect(batch.journalFloor == nil)
        #expect(batch.journal.map(\.id) == [0, 1])
    }

    @Test func aFloorDropsQueuedEntriesBelowIt() {
        var first = StoreChanges(meta: F.meta())
        first.journal = (0..<5).map { F.journal($0) }
        var second = StoreChanges(meta: F.meta())
        second.journal = [F.journal(5)]
        second.journalFloor = 3
        let batch = WriteBatch([.changes(first), .changes(second)])
        #expect(batch.journal.map(\.id) == [3, 4, 5])
        #expect(batch.journalFloor == 3)
    }

    @Test func aRemovedDeliveryLeavesTheBatch() {
        var first = StoreChanges(meta: F.meta())
        first.deliveries = [F.delivery("d1", callID: "a"), F.delivery("d2", callID: "a")]
        var second = StoreChanges(meta: F.meta())
        second.removedDeliveries = ["d1"]
        let batch = WriteBatch([.changes(first), .changes(second)])
        #expect(batch.deliveryOrder == ["d2"])
        #expect(batch.deliveries["d1"] == nil)
        #expect(batch.removedDeliveries == ["d1"])
    }
}
