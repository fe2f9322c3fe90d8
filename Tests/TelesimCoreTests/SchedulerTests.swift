import Testing
@testable import TelesimCore

@Suite struct SchedulerTests {
    @Test func equalInstantsKeepInsertionOrder() {
        var s = Scheduler()
        for i in 0..<100 { s.schedule(.timeline(index: i), at: 5000) }
        s.schedule(.timeline(index: 1000), at: 1000)
        var order: [Int] = []
        while let e = s.popDue(notAfter: 10_000) { if case .timeline(let i) = e.item { order.append(i) } }
        #expect(order == [1000] + Array(0..<100))
    }

    @Test func popsOnlyWhatIsDue() {
        var s = Scheduler()
        s.schedule(.timeline(index: 1), at: 3000)
        s.schedule(.timeline(index: 2), at: 1000)
        #expect(s.popDue(notAfter: 999) == nil)
        #expect(s.popDue(notAfter: 1000)?.item == .timeline(index: 2))
        #expect(s.popDue(notAfter: 2999) == nil)
        #expect(s.popDue(notAfter: 3000)?.item == .timeline(index: 1))
        #expect(s.isEmpty)
    }

    @Test func restoredEntriesKeepTheirOrderAndTheCounterMovesPastThem() {
        var s = Scheduler()
        s.restore(.init(due: 10, seq: 7, item: .timeline(index: 7)))
        s.restore(.init(due: 10, seq: 3, item: .timeline(index: 3)))
        let next = s.schedule(.timeline(index: 9), at: 10)
        #expect(next.seq == 8)
        #expect(s.popDue(notAfter: 10)?.seq == 3)
        #expect(s.popDue(notAfter: 10)?.seq == 7)
        #expect(s.popDue(notAfter: 10)?.seq == 8)
    }

    @Test func manyRandomEntriesComeOutSorted() {
        var s = Scheduler()
        var rng = SeededRandom(seed: 7)
        for i in 0..<2000 { s.schedule(.timeline(index: i), at: Int64(rng.next() % 50)) }
        var last: (Int64, UInt64) = (-1, 0)
        while let e = s.popDue(notAfter: .max) {
            #expect(e.due > last.0 || (e.due == last.0 && e.seq > last.1))
            last = (e.due, e.seq)
        }
    }
}
