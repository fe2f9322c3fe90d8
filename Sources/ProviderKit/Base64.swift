/// Strict standard base64 (RFC 4648 section 4: `+` and `/`, padded to a multiple of four), decoded
/// from bytes. Foundation's `Data(base64Encoded:)` took ~4 µs for a Basic credential read on every
/// Exotel request; callers fall back to it for anything this does not accept, so what they accept
/// is unchanged.
public enum Base64 {
    /// The bytes `text` encodes; nil unless it is padded standard base64 with no other characters.
    /// Inlinable so that callers in other modules get it specialized to their collection (generic,
    /// it went through protocol witnesses for every byte: ~3 µs a credential).
    @inlinable
    public static func decode(_ text: some Collection<UInt8>) -> [UInt8]? {
        guard !text.isEmpty, text.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 4 * 3)
        var quad: UInt32 = 0
        var filled = 0
        var padding = 0
        for byte in text {
            let v: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): v = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): v = 62
            case UInt8(ascii: "/"): v = 63
            case UInt8(ascii: "="): padding += 1; v = 0
            default: return nil
            }
            // Padding only ends the text: nothing but more padding may follow it.
            if padding > 0, byte != UInt8(ascii: "=") { return nil }
            quad = quad << 6 | UInt32(v)
            filled += 1
            if filled == 4 {
                out.append(UInt8(truncatingIfNeeded: quad >> 16))
                out.append(UInt8(truncatingIfNeeded: quad >> 8))
                out.append(UInt8(truncatingIfNeeded: quad))
                quad = 0
                filled = 0
            }
        }
        guard padding <= 2 else { return nil }
        out.removeLast(padding)
        return out
    }
}
