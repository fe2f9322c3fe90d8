import GRDB

extension SQLiteWorldStore {
    /// Queues a write and starts a writer if none is draining.
    func enqueue(_ write: PendingWrite) {
        guard queue.withLock({ $0.append(write) }) else { return }
        // Detached: the writer must not inherit the caller's task (its priority or its cancellation).
        Task.detached { await self.drain() }
    }

    /// The writer: commits batches until the queue is empty, resuming each batch's flush waiters
    /// after its commit. Only one runs at a time (`WriteQueue.draining`), so batches commit in order.
    ///
    /// Before taking a batch it lets writes gather for `gatherInterval` (unless someone waits in
    /// `flush()`): a batch pays for the meta row, the providers tree and a commit once, so under
    /// load a few milliseconds' worth of requests share them instead of each request paying alone.
    func drain() async {
        while true {
            if !queue.withLock({ $0.hasWaiters }) { try? await Task.sleep(for: Self.gatherInterval) }
            guard let work = queue.withLock({ $0.take() }) else { return }
            let batch = WriteBatch(work.writes)
            if !batch.isEmpty { await commit(batch) }
            for waiter in work.waiters { waiter.resume() }
        }
    }

    /// How long the writer lets writes gather before a batch (see `drain()`): at most this much
    /// of the newest state is lost if the process is killed, as with any write-behind.
    static let gatherInterval = Duration.milliseconds(5)

    /// Encodes a batch (off the database's queue) and writes it in one transaction.
    private func commit(_ batch: WriteBatch) async {
        do {
            let encoded = try EncodedBatch(batch)
            try await database.write { db in
                // Kept once the batch is written: a batch that throws leaves them as they were (one whose
                // commit fails after this leaves a gap, which orders the same).
                var next = positions.withLock { $0 }
                try encoded.write(to: db, positions: &next)
                positions.withLock { $0 = next }
            }
        } catch {
            queue.withLock { q in
                let failed = (q.failure?.failedBatches ?? 0) + 1
                q.failure = StoreWriteError(description: q.failure?.description ?? String(describing: error), failedBatches: failed)
            }
        }
    }
}
