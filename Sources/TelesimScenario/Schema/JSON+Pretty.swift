import TelesimCore

/// Indented JSON for files people read and diff (the committed JSON Schema); the core's
/// serialiser stays compact for the wire.
extension JSON {
    /// Two-space indentation, keys in stored order; short lists of plain values stay on one line.
    var prettyPrinted: String {
        var out = ""
        writePretty(to: &out, indent: 0)
        return out
    }

    private func writePretty(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch self {
        case .array(let items) where items.isEmpty:
            out += "[]"
        case .array(let items):
            let inline = "[" + items.map(\.serialized).joined(separator: ", ") + "]"
            if items.allSatisfy(\.isScalar), inline.count + indent * 2 <= 100 {
                out += inline
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.writePretty(to: &out, indent: indent + 1)
                out += i < items.count - 1 ? ",\n" : "\n"
            }
            out += closing + "]"
        case .object(let members) where members.isEmpty:
            out += "{}"
        case .object(let members):
            out += "{\n"
            for (i, (key, value)) in members.enumerated() {
                out += pad + JSON.string(key).serialized + ": "
                value.writePretty(to: &out, indent: indent + 1)
                out += i < members.count - 1 ? ",\n" : "\n"
            }
            out += closing + "}"
        default:
            out += serialized
        }
    }

    /// Not an array or an object.
    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }
}
