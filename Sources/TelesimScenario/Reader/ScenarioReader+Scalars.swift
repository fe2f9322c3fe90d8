import TelesimCore
import Yams

/// Typed readings of single values. Each reports a wrong value at the value itself, naming the field
/// and what was expected, and returns nil so the caller moves on.
extension ScenarioReader {
    /// Text. Unquoted numbers and booleans are refused (with a hint to quote them), because YAML has
    /// already turned `0123` or `on` into something else.
    mutating func string(_ node: Node, _ path: ScenarioPath) -> String? {
        switch node.scalarTag {
        case .str?, .timestamp?:
            return node.scalarText
        case .int?, .float?, .bool?:
            report(node, path, "expected a string, got \(node.typeName) (\(node.quoted)); write it in quotes to make it text")
            return nil
        default:
            report(node, path, "expected a string, got \(node.typeName)")
            return nil
        }
    }

    /// Any scalar as written (header values, number patterns), so `+14155550001` keeps its plus.
    mutating func text(_ node: Node, _ path: ScenarioPath) -> String? {
        guard let text = node.scalarText, !node.isNull else {
            report(node, path, "expected a value, got \(node.typeName)")
            return nil
        }
        return text
    }

    /// A whole number within bounds.
    mutating func int(_ node: Node, _ path: ScenarioPath, min: Int64? = nil, max: Int64? = nil) -> Int64? {
        guard node.scalarTag == .int, case .scalar(let scalar) = node, let value = Int64.construct(from: scalar) else {
            report(node, path, "expected an integer, got \(node.typeName == "a number" ? node.quoted : node.typeName)")
            return nil
        }
        if let min, value < min {
            report(node, path, "expected an integer of at least \(min), got \(value)")
            return nil
        }
        if let max, value > max {
            report(node, path, "expected an integer of at most \(max), got \(value)")
            return nil
        }
        return value
    }

    /// An unsigned 64-bit integer (`seed`).
    mutating func uint64(_ node: Node, _ path: ScenarioPath) -> UInt64? {
        guard node.scalarTag == .int, case .scalar(let scalar) = node, let value = UInt64.construct(from: scalar) else {
            report(node, path, "expected a whole number from 0 to \(UInt64.max), got \(node.quoted)")
            return nil
        }
        return value
    }

    /// A finite number (integer or decimal).
    mutating func number(_ node: Node, _ path: ScenarioPath) -> Double? {
        var value: Double?
        if case .scalar(let scalar) = node {
            if node.scalarTag == .int { value = Int64.construct(from: scalar).map(Double.init) ?? Double.construct(from: scalar) }
            if node.scalarTag == .float { value = Double.construct(from: scalar) }
        }
        guard let value, value.isFinite else {
            report(node, path, "expected a number, got \(node.typeName == "a number" ? node.quoted : node.typeName)")
            return nil
        }
        return value
    }

    /// true or false.
    mutating func bool(_ node: Node, _ path: ScenarioPath) -> Bool? {
        guard node.scalarTag == .bool, case .scalar(let scalar) = node, let value = Bool.construct(from: scalar) else {
            report(node, path, "expected true or false, got \(node.quoted)")
            return nil
        }
        return value
    }

    /// A duration (`500ms`, `3s`, `1m30s`, or a number of seconds), in milliseconds.
    mutating func duration(_ node: Node, _ path: ScenarioPath) -> Int64? {
        guard case .scalar = node, !node.isNull else {
            report(node, path, "expected a duration such as 500ms, 3s, 2m, 1h or 1m30s, got \(node.typeName)")
            return nil
        }
        switch FieldKind.duration.normalize(scalarJSON(node)) {
        case .success(let value): return value.intValue
        case .failure(let error):
            report(node, path, error.message)
            return nil
        }
    }

    /// One of a fixed set of words.
    mutating func oneOf(_ node: Node, _ path: ScenarioPath, _ options: [String]) -> String? {
        guard node.scalarTag == .str, let text = node.scalarText, options.contains(text) else {
            report(node, path, "expected one of \(options.joined(separator: ", ")), got \(node.quoted)")
            return nil
        }
        return text
    }

    /// The items of a list.
    mutating func list(_ node: Node, _ path: ScenarioPath) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(node, path, "expected a list, got \(node.typeName)")
            return nil
        }
        return Array(sequence)
    }

    /// Any value as JSON (request bodies, expected subsets). Mapping keys become text.
    mutating func json(_ node: Node, _ path: ScenarioPath) -> JSON? {
        switch node {
        case .scalar:
            return scalarJSON(node)
        case .sequence(let sequence):
            var items: [JSON] = []
            for (i, item) in sequence.enumerated() {
                guard let value = json(item, path.index(i)) else { return nil }
                items.append(value)
            }
            return .array(items)
        case .mapping:
            guard let members = members(node, path) else { return nil }
            var out: [(String, JSON)] = []
            for member in members {
                guard let value = json(member.value, path.key(member.key)) else { return nil }
                out.append((member.key, value))
            }
            return .object(out)
        case .alias:
            report(node, path, "unexpected alias")
            return nil
        }
    }

    /// A scalar as the JSON value YAML reads it as; numbers that do not fit keep their text.
    func scalarJSON(_ node: Node) -> JSON {
        guard case .scalar(let scalar) = node else { return .null }
        switch node.scalarTag {
        case .null?: return .null
        case .bool?: return Bool.construct(from: scalar).map(JSON.bool) ?? .string(scalar.string)
        case .int?:
            if let i = Int64.construct(from: scalar) { return .int(i) }
            if let d = Double.construct(from: scalar), d.isFinite { return .double(d) }
            return .string(scalar.string)
        case .float?:
            if let d = Double.construct(from: scalar), d.isFinite { return .double(d) }
            return .string(scalar.string)
        default: return .string(scalar.string)
        }
    }
}
