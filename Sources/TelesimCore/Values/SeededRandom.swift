/// SplitMix64: a small, fast generator whose whole state is one integer, so a world persists it and
/// replays the same ids and draws after a restart. Seeded from the scenario's `seed`.
public struct SeededRandom: RandomNumberGenerator, Sendable, Codable, Equatable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random RFC 4122 version-4 UUID in lower case.
    public mutating func uuid() -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(16)
        for _ in 0..<2 { withUnsafeBytes(of: next().bigEndian) { bytes.append(contentsOf: $0) } }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        // 8-4-4-4-12 hex digits, written as bytes (building it from Characters cost ~5 µs).
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, b) in bytes.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            Self.appendHex(b, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `count` random lower-case hex digits.
    public mutating func hex(_ count: Int) -> String {
        // The digits of each draw's bytes in memory order, written straight out (one buffer).
        var out = [UInt8]()
        out.reserveCapacity(count + 15)
        while out.count < count {
            withUnsafeBytes(of: next()) { for b in $0 { Self.appendHex(b, to: &out) } }
        }
        out.removeLast(out.count - count)
        return String(decoding: out, as: UTF8.self)
    }

    /// `count` random characters from [a-zA-Z0-9].
    public mutating func alphanumeric(_ count: Int) -> String {
        var out = [UInt8]()
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(Self.alphabet[Int(next() % UInt64(Self.alphabet.count))]) }
        return String(decoding: out, as: UTF8.self)
    }

    static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// A draw in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Appends a byte's two lower-case hex digits.
    static func appendHex(_ b: UInt8, to out: inout [UInt8]) {
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0x0F)])
    }

    static let hexDigits = Array("0123456789abcdef".utf8)
}
