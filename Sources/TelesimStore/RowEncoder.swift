import Foundation
import TelesimCore

/// Encodes a row's `data` column: JSON written straight into one byte buffer.
///
/// Foundation's `JSONEncoder` builds a tree of boxed values (one dictionary per object) and then
/// serialises it; under load that was the store's main cost (a fifth of the server's CPU while
/// creating calls). This encoder streams instead, which is possible because `Encodable`
/// conformances use their containers in order: a container is closed as soon as anything is
/// written at its parent's level, or when the value that opened it returns.
///
/// Its output is what `JSONDecoder` (the loader) reads back into the same values; the tests compare
/// round trips against `JSONEncoder` for every stored type. It refuses what it does not need and
/// would encode differently from `JSONEncoder`: `Data`, `Date`, `URL`, `Decimal`, non-finite numbers.
enum RowEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let sink = RowSink()
        try sink.value(value, level: 0)
        return String(decoding: sink.bytes, as: UTF8.self)
    }
}

/// The buffer and the stack of open containers.
final class RowSink {
    // Unchecked: a sink is used by one encode call on one thread, and the checks on every access
    // showed up in profiles.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    /// For each open container: its closing byte and how many members it has.
    @exclusivity(unchecked) var open: [(closer: UInt8, members: Int)] = []

    init() { bytes.reserveCapacity(1024) }

    /// Closes every container deeper than `level` (those opened by values that have returned).
    @inline(__always)
    func close(deeperThan level: Int) {
        while open.count > level { bytes.append(open.removeLast().closer) }
    }

    /// Starts a member of the container at `level` (1-based): closes deeper ones, writes a comma.
    @inline(__always)
    func member(of level: Int) {
        close(deeperThan: level)
        if open[level - 1].members > 0 { bytes.append(UInt8(ascii: ",")) }
        open[level - 1].members += 1
    }

    func push(_ opener: UInt8, _ closer: UInt8) {
        bytes.append(opener)
        open.append((closer, 0))
    }

    func key(_ key: some CodingKey) {
        string(key.stringValue)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Writes a nested value whose own containers open at `level + 1`.
    func value<T: Encodable>(_ value: T, level: Int) throws {
        // Metadata comparisons, not dynamic casts: this runs for every nested value.
        if T.self == String.self { return string(value as! String) }
        if T.self == Int.self { return integer(value as! Int) }
        if T.self == Int64.self { return integer(value as! Int64) }
        if T.self == Bool.self { return bool(value as! Bool) }
        if T.self == Double.self { return try double(value as! Double) }
        if T.self == Data.self || T.self == Date.self || T.self == URL.self || T.self == Decimal.self {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "RowEncoder does not encode \(T.self)"))
        }
        let before = bytes.count
        try value.encode(to: RowValueEncoder(sink: self, level: level))
        close(deeperThan: level)
        // A value that opened no container encodes as an empty object, as with JSONEncoder.
        if bytes.count == before { bytes.append(contentsOf: Self.emptyObject) }
    }

    static let `true` = Array("true".utf8), `false` = Array("false".utf8), null = Array("null".utf8)
    static let emptyObject = Array("{}".utf8)

    func null() { bytes.append(contentsOf: Self.null) }

    func bool(_ value: Bool) { bytes.append(contentsOf: value ? Self.true : Self.false) }

    func integer(_ value: some BinaryInteger) {
        bytes.append(contentsOf: String(value).utf8)
    }

    func double(_ value: Double) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "a non-finite number has no JSON form"))
        }
        bytes.append(contentsOf: value.description.utf8)
    }

    /// Writes a JSON string, with the serialiser's own escaper.
    func string(_ value: String) {
        JSON.writeString(value, to: &bytes)
    }
}

/// The `Encoder` a value sees; its containers open at `level + 1`.
struct RowValueEncoder: Encoder {
    let sink: RowSink
    let level: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        sink.close(deeperThan: level)
        sink.push(UInt8(ascii: "{"), UInt8(ascii: "}"))
        return KeyedEncodingContainer(RowKeyedContainer(sink: sink, level: level + 1))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.close(deeperThan: level)
        sink.push(UInt8(ascii: "["), UInt8(ascii: "]"))
        return RowUnkeyedContainer(sink: sink, level: level + 1)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        RowSingleValueContainer(sink: sink, level: level)
    }
}

struct RowKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: RowSink
    /// This container's level (its index in `sink.open` plus one).
    let level: Int
    var codingPath: [any CodingKey] { [] }

    func encodeNil(forKey key: Key) throws { start(key); sink.null() }
    func encode(_ value: Bool, forKey key: Key) throws { start(key); sink.bool(value) }
    func encode(_ value: String, forKey key: Key) throws { start(key); sink.string(value) }
    func encode(_ value: Double, forKey key: Key) throws { start(key); try sink.double(value) }
    func encode(_ value: Float, forKey key: Key) throws { start(key); try sink.double(Double(value)) }
    func encode(_ value: Int, forKey key: Key) throws { start(key); sink.integer(value) }
    func encode(_ value: Int8, forKey key: Key) throws { start(key); sink.integer(value) }
    func encode(_ value: Int16, forKey key: Key) throws { start(key); sink.integer(value) }
    func encode(_ value: Int32, forKey key: Key) throws { start(key); sink.integer(value) }
    func encode(_ value: Int64, forKey key: Key) throws { start(key); sink.integer(value) }
    func encode(_ value: UInt, forKey key: Key) throws { start(key); sink.integer(value) }
    func encode(_ value: UInt8, forKey key: Key) throws { start(key); sink.integer(value) }
    func encode(_ value: UInt16, forKey key: Key) throws { start(key); sink.integer(value) }
    func encode(_ value: UInt32, forKey key: Key) throws { start(key); sink.integer(value) }
    func encode(_ value: UInt64, forKey key: Key) throws { start(key); sink.integer(value) }
    func encode<T: Encodable>(_ value: T, forKey key: Key) throws { start(key); try sink.value(value, level: level) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        start(key)
        sink.push(UInt8(ascii: "{"), UInt8(ascii: "}"))
        return KeyedEncodingContainer(RowKeyedContainer<NestedKey>(sink: sink, level: level + 1))
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        start(key)
        sink.push(UInt8(ascii: "["), UInt8(ascii: "]"))
        return RowUnkeyedContainer(sink: sink, level: level + 1)
    }

    func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    func superEncoder(forKey key: Key) -> any Encoder {
        start(key)
        return RowValueEncoder(sink: sink, level: level)
    }

    private func start(_ key: Key) {
        sink.member(of: level)
        sink.key(key)
    }
}

struct RowUnkeyedContainer: UnkeyedEncodingContainer {
    let sink: RowSink
    let level: Int
    var codingPath: [any CodingKey] { [] }
    var count: Int { sink.open.count >= level ? sink.open[level - 1].members : 0 }

    func encodeNil() throws { sink.member(of: level); sink.null() }
    func encode(_ value: Bool) throws { sink.member(of: level); sink.bool(value) }
    func encode(_ value: String) throws { sink.member(of: level); sink.string(value) }
    func encode(_ value: Double) throws { sink.member(of: level); try sink.double(value) }
    func encode(_ value: Float) throws { sink.member(of: level); try sink.double(Double(value)) }
    func encode(_ value: Int) throws { sink.member(of: level); sink.integer(value) }
    func encode(_ value: Int8) throws { sink.member(of: level); sink.integer(value) }
    func encode(_ value: Int16) throws { sink.member(of: level); sink.integer(value) }
    func encode(_ value: Int32) throws { sink.member(of: level); sink.integer(value) }
    func encode(_ value: Int64) throws { sink.member(of: level); sink.integer(value) }
    func encode(_ value: UInt) throws { sink.member(of: level); sink.integer(value) }
    func encode(_ value: UInt8) throws { sink.member(of: level); sink.integer(value) }
    func encode(_ value: UInt16) throws { sink.member(of: level); sink.integer(value) }
    func encode(_ value: UInt32) throws { sink.member(of: level); sink.integer(value) }
    func encode(_ value: UInt64) throws { sink.member(of: level); sink.integer(value) }
    func encode<T: Encodable>(_ value: T) throws { sink.member(of: level); try sink.value(value, level: level) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        sink.member(of: level)
        sink.push(UInt8(ascii: "{"), UInt8(ascii: "}"))
        return KeyedEncodingContainer(RowKeyedContainer<NestedKey>(sink: sink, level: level + 1))
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        sink.member(of: level)
        sink.push(UInt8(ascii: "["), UInt8(ascii: "]"))
        return RowUnkeyedContainer(sink: sink, level: level + 1)
    }

    func superEncoder() -> any Encoder {
        sink.member(of: level)
        return RowValueEncoder(sink: sink, level: level)
    }
}

struct RowSingleValueContainer: SingleValueEncodingContainer {
    let sink: RowSink
    let level: Int
    var codingPath: [any CodingKey] { [] }

    func encodeNil() throws { sink.null() }
    func encode(_ value: Bool) throws { sink.bool(value) }
    func encode(_ value: String) throws { sink.string(value) }
    func encode(_ value: Double) throws { try sink.double(value) }
    func encode(_ value: Float) throws { try sink.double(Double(value)) }
    func encode(_ value: Int) throws { sink.integer(value) }
    func encode(_ value: Int8) throws { sink.integer(value) }
    func encode(_ value: Int16) throws { sink.integer(value) }
    func encode(_ value: Int32) throws { sink.integer(value) }
    func encode(_ value: Int64) throws { sink.integer(value) }
    func encode(_ value: UInt) throws { sink.integer(value) }
    func encode(_ value: UInt8) throws { sink.integer(value) }
    func encode(_ value: UInt16) throws { sink.integer(value) }
    func encode(_ value: UInt32) throws { sink.integer(value) }
    func encode(_ value: UInt64) throws { sink.integer(value) }
    func encode<T: Encodable>(_ value: T) throws { try sink.value(value, level: level) }
}
