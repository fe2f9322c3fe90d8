import Testing
import TelesimCore

/// `CallTable` must behave as the `[String: Call]` it replaced: a value, read and written by id.
@Suite struct CallTableTests {
    static func call(_ id: String) -> Call {
        let machine = CallMachine(legs: [Leg(role: "customer", number: "+14155550100", behaviour: Behaviour())],
                                  ringTimeout: 30_000, maxDuration: nil, createdAt: 0)
        return Call(id: id, provider: "ringyo", account: "acme", machine: machine)
    }

    @Test func callsAreFoundByIdAcrossChunks() {
        var table = CallTable()
        let ids = (0..<2_500).map { "call_\($0)" }
        for id in ids { table[id] = Self.call(id) }
        #expect(table.count == 2_500)
        #expect(ids.allSatisfy { table[$0]?.id == $0 })
        #expect(table["call_2500"] == nil)
        table["call_1500"] = Self.call("call_1500")  // replacing keeps the count
        #expect(table.count == 2_500)
    }

    @Test func changesInPlaceReachTheStoredCall() {
        var table = CallTable()
        table["a"] = Self.call("a")
        table["a"]!.aliases = ["x"]
        table["a"]!.aliases!.append("y")
        table["a"]!.attributes = .obj(["k": 1])
        #expect(table["a"]?.aliases == ["x", "y"])
        #expect(table["a"]?.attributes["k"] == 1)
    }

    /// A copy (a reader's snapshot of the world) keeps what it saw while the original changes.
    @Test func aCopyIsAValue() {
        var table = CallTable()
        for i in 0..<1_030 { table["c\(i)"] = Self.call("c\(i)") }
        let copy = table
        table["c3"]!.attributes = .obj(["changed": true])
        table["c1029"]!.aliases = ["x"]
        table["new"] = Self.call("new")
        #expect(copy["c3"]?.attributes == .object([]))
        #expect(copy["c1029"]?.aliases == nil)
        #expect(copy["new"] == nil && copy.count == 1_030)
        #expect(table["c3"]?.attributes["changed"] == true && table.count == 1_031)

        var other = copy
        other["c4"]!.attributes = .obj(["other": true])
        #expect(table["c4"]?.attributes == .object([]))
        #expect(copy["c4"]?.attributes == .object([]))
    }

    /// The sharded index behaves as one dictionary: every key found, counted once, removable,
    /// whatever its length (keys shorter than the four bytes the shard is chosen by, the empty key).
    @Test func theShardedIndexIsOneDictionary() {
        var index = ShardedIndex<Int>()
        let keys = ["", "a", "ab", "abc"] + (0..<5_000).map { "call_\($0)" } + (0..<300).map { _ in "x" + String(UInt64.random(in: 0...UInt64.max), radix: 36) }
        var expected: [String: Int] = [:]
        for (i, key) in keys.enumerated() {
            index[key] = i
            expected[key] = i
        }
        let distinct = Set(keys)
        #expect(index.count == distinct.count)
        #expect(distinct.allSatisfy { index[$0] == expected[$0] })
        index["call_7"] = -1
        #expect(index["call_7"] == -1 && index.count == distinct.count)
        index["call_7"] = nil
        index["never"] = nil
        #expect(index["call_7"] == nil && index.count == distinct.count - 1)
        #expect(index["call_70"] == expected["call_70"])
    }
}
