import Yams

/// Small readings of a Yams node that every part of the reader needs: its position, its type as
/// users call it, and the scalar's resolved YAML type.
extension Node {
    /// Line and column (from 1) where the node starts; 1:1 when Yams gave no mark.
    var position: (line: Int, column: Int) {
        guard let mark else { return (1, 1) }
        return (max(1, mark.line), max(1, mark.column))
    }

    /// The resolved tag of a scalar (`str`, `int`, `float`, `bool`, `null`, `timestamp`).
    var scalarTag: Tag.Name? {
        guard case .scalar(let scalar) = self else { return nil }
        return Tag.Name(rawValue: Node.scalar(scalar).tag.rawValue)
    }

    /// True for an empty value (`key:` with nothing after it, `~`, `null`).
    var isNull: Bool { scalarTag == .null }

    /// True for a scalar written without quotes (so YAML gave it a type from its text).
    var isPlainScalar: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return scalar.style == .plain || scalar.style == .any
    }

    /// The node's type as a message names it: "a mapping", "a list", "a number", "a string", ….
    var typeName: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch scalarTag {
            case .int?, .float?: return "a number"
            case .bool?: return "a boolean"
            case .null?: return "null"
            default: return "a string"
            }
        }
    }

    /// The scalar's text as written (without quotes); nil for mappings and lists.
    var scalarText: String? {
        guard case .scalar(let scalar) = self else { return nil }
        return scalar.string
    }

    /// The text a message quotes when a value is wrong: strings in quotes, other scalars as written.
    var quoted: String {
        guard case .scalar(let scalar) = self else { return typeName }
        switch scalarTag {
        case .str?, .timestamp?: return "\"\(scalar.string)\""
        case .null?: return "null"
        default: return scalar.string
        }
    }

    /// The value of a mapping member by its key text, without going through YAML tag resolution.
    func member(_ key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        return mapping.first { $0.key.scalarText == key }?.value
    }
}
