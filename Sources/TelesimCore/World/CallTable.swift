/// The world's calls by id: a dictionary's interface over storage that grows without moving what
/// it holds.
///
/// A `[String: Call]` moves every call (272 bytes each) into new storage each time it doubles,
/// under the world's lock: with 100,000 calls held that stalled every request for tens of
/// milliseconds (bench/README.md, p99). Here calls sit in fixed-size chunks that never move; only
/// the index (id to slot) grows, a shard at a time (`ShardedIndex`).
///
/// A value type like the dictionary it replaces: a copy shares the chunks, and a chunk is copied
/// (1,024 calls) the first time either side changes a call in it.
public struct CallTable: Sendable {
    final class Chunk: @unchecked Sendable {
        // Mutated only while uniquely referenced (see `uniqueChunk`), so sharing it is safe.
        var items: [Call?]

        init(_ items: [Call?]) {
            self.items = items
        }
    }

    private static let shift = 10
    private static let chunkSize = 1 << shift
    private static let mask = chunkSize - 1

    private var index = ShardedIndex<Int>()
    private var chunks: [Chunk] = []

    public init() {}

    public var count: Int { index.count }
    public var isEmpty: Bool { index.count == 0 }

    /// The call with this id; setting a call appends it (a new id) or replaces it. Removing is not
    /// supported: a world keeps every call.
    public subscript(id: String) -> Call? {
        // A borrow, not a copy: `calls[id]?.status` copies no call.
        _read {
            guard let slot = index[id] else { yield nil; return }
            yield chunks[slot >> Self.shift].items[slot & Self.mask]
        }
        set {
            guard let newValue else { preconditionFailure("calls are never removed from a world") }
            if let slot = index[id] {
                let chunk = uniqueChunk(slot >> Self.shift)
                chunk.items[slot & Self.mask] = newValue
            } else {
                add(id, newValue)
            }
        }
        _modify {
            guard let slot = index[id] else {
                var added: Call?
                yield &added
                if let added { add(id, added) }
                return
            }
            // Moved out and back, so the call's own arrays are changed in place, not copied.
            let chunk = uniqueChunk(slot >> Self.shift)
            var call = chunk.items[slot & Self.mask].take()
            defer {
                precondition(call != nil, "calls are never removed from a world")
                chunk.items[slot & Self.mask] = call
            }
            yield &call
        }
    }

    /// Where a call sits. Stable for the table's life (calls are never removed or moved), so a
    /// caller touching one call many times (`subscript(slot:)`) hashes its id once.
    public func slot(of id: String) -> Int? { index[id] }

    /// The call at a slot `slot(of:)` gave.
    public subscript(slot slot: Int) -> Call {
        _read { yield chunks[slot >> Self.shift].items[slot & Self.mask]! }
        _modify {
            let chunk = uniqueChunk(slot >> Self.shift)
            var call = chunk.items[slot & Self.mask].take()!
            defer { chunk.items[slot & Self.mask] = call }
            yield &call
        }
    }

    /// Adds a call under an id the table does not hold (the caller has checked, with `slot(of:)`);
    /// returns its slot.
    @discardableResult
    public mutating func add(_ id: String, _ call: Call) -> Int {
        let slot = index.count
        if slot & Self.mask == 0 {
            var items: [Call?] = []
            items.reserveCapacity(Self.chunkSize)
            chunks.append(Chunk(items))
        }
        uniqueChunk(slot >> Self.shift).items.append(call)
        index[id] = slot
        return slot
    }

    /// The chunk, copied first if another table shares it.
    @discardableResult
    private mutating func uniqueChunk(_ c: Int) -> Chunk {
        if !isKnownUniquelyReferenced(&chunks[c]) {
            var items = chunks[c].items
            items.reserveCapacity(Self.chunkSize)
            chunks[c] = Chunk(items)
        }
        return chunks[c]
    }
}
