/// The store's shared mutable state, always used under its mutex: what waits to be written, who
/// waits for it, and whether a writer is draining.
///
/// Every transition is a short critical section (an append, a swap), so `save()`, called under the
/// world's lock (often on an event loop), never waits behind a database write.
struct WriteQueue: Sendable {
    /// Writes not yet taken by the writer, oldest first.
    var writes: [PendingWrite] = []
    /// `flush()` callers waiting for everything queued before them to commit.
    var waiters: [CheckedContinuation<Void, Never>] = []
    /// A writer task exists and will look at the queue again before it ends.
    var draining = false
    /// `close()` was called: later writes are dropped.
    var closed = false
    /// The first write failure since the store opened.
    var failure: StoreWriteError?

    /// Queues a write; true when the caller must start a writer (none is draining).
    mutating func append(_ write: PendingWrite) -> Bool {
        guard !closed else { return false }
        writes.append(write)
        guard !draining else { return false }
        draining = true
        return true
    }

    /// Registers a flush waiter; false when there is nothing to wait for (the caller resumes it at once).
    mutating func wait(_ waiter: CheckedContinuation<Void, Never>) -> Bool {
        guard draining else { return false }
        waiters.append(waiter)
        return true
    }

    /// Someone waits in `flush()`: the writer should not let writes gather.
    var hasWaiters: Bool { !waiters.isEmpty }

    /// Hands the writer everything queued and the waiters it satisfies; nil (and the writer ends)
    /// when there is nothing left, in the same critical section, so no write is ever stranded.
    mutating func take() -> (writes: [PendingWrite], waiters: [CheckedContinuation<Void, Never>])? {
        guard !writes.isEmpty || !waiters.isEmpty else {
            draining = false
            return nil
        }
        defer {
            writes = []
            waiters = []
        }
        return (writes, waiters)
    }
}
