/// What is waiting to happen in a world at a simulated instant.
public enum ScheduledItem: Sendable, Equatable, Codable {
    /// The next event of a call's state machine.
    case call(id: String, CallInput)
    /// The scenario timeline's entry at this index.
    case timeline(index: Int)
    /// An attempt of a webhook delivery.
    case webhook(deliveryID: String)
}

/// A timer queue ordered by (due instant, insertion order): events at equal instants run in the
/// order they were scheduled, so a scenario replays identically.
///
/// A binary min-heap; cancelled entries are skipped lazily by their owner (a call knows its one
/// pending event's sequence number).
public struct Scheduler: Sendable {
    public struct Entry: Sendable, Equatable, Codable {
        public var due: Int64
        public var seq: UInt64
        public var item: ScheduledItem
    }

    private var heap: [Entry] = []
    /// The next insertion number; persisted so that a restarted world keeps its order.
    public private(set) var nextSeq: UInt64 = 0

    public init(nextSeq: UInt64 = 0) { self.nextSeq = nextSeq }

    public var count: Int { heap.count }
    public var isEmpty: Bool { heap.isEmpty }
    public var next: Entry? { heap.first }

    /// Schedules an item; returns its entry (with its sequence number).
    @discardableResult
    public mutating func schedule(_ item: ScheduledItem, at due: Int64) -> Entry {
        let entry = Entry(due: due, seq: nextSeq, item: item)
        nextSeq += 1
        insert(entry)
        return entry
    }

    /// Re-inserts an entry exactly as it was (for a world restored from its store).
    public mutating func restore(_ entry: Entry) {
        nextSeq = max(nextSeq, entry.seq + 1)
        insert(entry)
    }

    /// Removes and returns the earliest entry due at or before `instant`.
    public mutating func popDue(notAfter instant: Int64) -> Entry? {
        guard let first = heap.first, first.due <= instant else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return first
    }

    public mutating func removeAll() { heap.removeAll() }

    private static func before(_ a: Entry, _ b: Entry) -> Bool {
        a.due != b.due ? a.due < b.due : a.seq < b.seq
    }

    private mutating func insert(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, Self.before(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.before(heap[right], heap[smallest]) { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
