extension JSON {
    /// The compact serialisation, keys in their stored order.
    public var serialized: String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The serialisation as UTF-8 bytes.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)  // most answers fit: one allocation
        write(to: &out)
        return out
    }

    /// Appends the compact serialisation. Bytes rather than a `String`: appending to a string
    /// re-checks its form on every piece, and a response is built from dozens of pieces.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d):
            if d.isFinite {
                if d.rounded() == d, abs(d) < 1e15 {
                    out.append(contentsOf: String(Int64(d)).utf8)
                    out.append(contentsOf: ".0".utf8)
                } else {
                    out.append(contentsOf: "\(d)".utf8)
                }
            } else {
                out.append(contentsOf: "null".utf8)
            }
        case .decimal(let s): out.append(contentsOf: s.utf8)
        case .string(let s): JSON.writeString(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for i in elements.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                elements[i].write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            // By index: `enumerated()` copied every (key, value) pair out, a retain and release each.
            for i in members.indices {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSON.writeString(members[i].0, to: &out)
                out.append(UInt8(ascii: ":"))
                members[i].1.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Writes `s` as a JSON string literal in UTF-8: runs that need no escape are copied whole.
    /// The one escaper: the serialiser above and the store's row encoder both use it.
    public static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most strings (keys, ids, numbers, times) need no escape: one scan, one copy.
        let plain = s.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !utf8.contains(where: needsEscape) else { return false }
            out.append(contentsOf: utf8)
            return true
        }
        if plain != true { writeEscaped(s, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    /// The body of a string literal whose text has a byte to escape (or is not stored contiguously).
    private static func writeEscaped(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { utf8 in
            var clean = 0  // start of the run not yet copied
            for (i, byte) in utf8.enumerated() where needsEscape(byte) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                clean = i + 1
                out.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    out.append(contentsOf: "u00".utf8)
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension JSON: CustomStringConvertible {
    public var description: String { serialized }
}
