/// A `[String: Value]` split into 256 dictionaries by a cheap mix of the key's last bytes, for the
/// world's indexes that grow with every call (call ids, call aliases).
///
/// One dictionary rehashes every key when it doubles, under the world's lock: with 500,000 calls
/// that stalled every request for ~170 ms (bench/README.md). A shard holds 1/256 of the keys, so a
/// doubling costs 1/256 as much. Ids end in random characters, which spread them evenly.
public struct ShardedIndex<Value: Sendable>: Sendable {
    private static var shardCount: Int { 256 }
    private var shards: [[String: Value]] = Array(repeating: [:], count: shardCount)
    public private(set) var count = 0

    public init() {}

    private static func shard(_ key: String) -> Int {
        var h: UInt32 = 0
        var utf8 = key.utf8.reversed().makeIterator()
        for _ in 0..<4 {
            guard let b = utf8.next() else { break }
            h = h &* 31 &+ UInt32(b)
        }
        return Int(h % UInt32(shardCount))
    }

    public subscript(key: String) -> Value? {
        get { shards[Self.shard(key)][key] }
        set {
            let s = Self.shard(key)
            if let newValue {
                if shards[s].updateValue(newValue, forKey: key) == nil { count += 1 }
            } else if shards[s].removeValue(forKey: key) != nil {
                count -= 1
            }
        }
    }
}
