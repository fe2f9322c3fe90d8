/// A batch the background writer could not commit.
///
/// `save()` cannot throw (it returns before anything is written), so the first failure is kept
/// for the app to report (`SQLiteWorldStore.writeFailure`). The failed batch is dropped, not
/// retried: a poisoned batch would otherwise block every later one. Calls, deliveries and the meta
/// are written whole, so the next save of each repairs it; journal entries in the batch are lost.
public struct StoreWriteError: Error, Sendable, CustomStringConvertible {
    /// What SQLite or the encoder said.
    public var description: String
    /// How many batches have failed since the store opened.
    public var failedBatches: Int
}
