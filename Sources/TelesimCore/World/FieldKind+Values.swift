/// Converting between a field's stored form and what users write and read.
extension FieldKind {
    /// The stored form of a value a user wrote (scenario or PATCH), or why it does not fit.
    /// Sections and collections are checked field by field by their callers; here they pass as objects/arrays.
    public func normalize(_ value: JSON) -> Result<JSON, FieldError> {
        switch self {
        case .string:
            if case .string = value { return .success(value) }
            return .failure(.init("expected a string, got \(value.typeName)"))
        case .digits:
            switch value {
            case .string: return .success(value)
            case .int(let i): return .success(.string(String(i)))
            default: return .failure(.init("expected a string of digits, got \(value.typeName)"))
            }
        case .url:
            guard case .string(let s) = value else { return .failure(.init("expected a URL string, got \(value.typeName)")) }
            guard s.hasPrefix("http://") || s.hasPrefix("https://") || s.hasPrefix("${telesim}") else {
                return .failure(.init("expected an http:// or https:// URL, got \"\(s)\""))
            }
            return .success(value)
        case .integer(let min, let max):
            guard let i = value.intValue, !(value.doubleValue.map { $0 != $0.rounded() } ?? false) else {
                return .failure(.init("expected an integer, got \(value.typeName)"))
            }
            if let min, i < min { return .failure(.init("expected an integer of at least \(min), got \(i)")) }
            if let max, i > max { return .failure(.init("expected an integer of at most \(max), got \(i)")) }
            return .success(.int(i))
        case .bool:
            if case .bool = value { return .success(value) }
            return .failure(.init("expected true or false, got \(value.typeName)"))
        case .money:
            guard let minor = Money.from(value) else {
                return .failure(.init("expected an amount of money with at most two decimals, got \(value.typeName == "a string" ? "\"\(value.stringValue!)\"" : value.serialized)"))
            }
            guard minor >= 0 else { return .failure(.init("expected a non-negative amount")) }
            return .success(.int(minor))
        case .decimal:
            guard let d = value.doubleValue, d.isFinite, d >= 0 else { return .failure(.init("expected a non-negative number, got \(value.serializedOrType)")) }
            return .success(.double(d))
        case .duration:
            switch value {
            case .int, .double:
                // The same bound as written durations (`SimDuration.parse`): under 10^12 seconds.
                guard let d = value.doubleValue, d.isFinite, d >= 0, d < 1e12 else {
                    return .failure(.init("expected a non-negative duration under 1000000000000 seconds, got \(value.serializedOrType)"))
                }
                return .success(.int(Int64((d * 1000).rounded())))
            case .string(let s):
                guard let ms = SimDuration.parse(s) else {
                    return .failure(.init("expected a duration such as 500ms, 3s, 2m, 1h or 1m30s, got \"\(s)\""))
                }
                return .success(.int(ms))
            default: return .failure(.init("expected a duration such as 3s, got \(value.typeName)"))
            }
        case .rate:
            guard case .string(let s) = value, RateLimit(s) != nil else {
                return .failure(.init("expected a rate such as 100/min, got \(value.typeName == "a string" ? "\"\(value.stringValue!)\"" : value.typeName)"))
            }
            return .success(value)
        case .enumeration(let options):
            guard case .string(let s) = value, options.contains(s) else {
                return .failure(.init("expected one of \(options.joined(separator: ", ")), got \(value.stringValue.map { "\"\($0)\"" } ?? value.typeName)"))
            }
            return .success(value)
        case .switchState(let options):
            if case .bool(let b) = value { return .success(.string(b ? "on" : "off")) }
            return FieldKind.enumeration(options).normalize(value)
        case .list(let element):
            guard case .array(let items) = value else { return .failure(.init("expected a list, got \(value.typeName)")) }
            var out: [JSON] = []
            for item in items {
                switch element.normalize(item) {
                case .success(let v): out.append(v)
                case .failure(let e): return .failure(e)
                }
            }
            return .success(.array(out))
        case .section:
            guard case .object = value else { return .failure(.init("expected a mapping, got \(value.typeName)")) }
            return .success(value)
        case .collection:
            guard case .array = value else { return .failure(.init("expected a list of entries, got \(value.typeName)")) }
            return .success(value)
        case .any:
            return .success(value)
        }
    }

    /// The value as the admin API shows it: money as a decimal number, durations as text.
    public func render(_ stored: JSON) -> JSON {
        switch self {
        case .money: return stored.intValue.map(Money.json) ?? stored
        case .duration: return stored.intValue.map { .string(SimDuration.format($0)) } ?? stored
        case .section(let fields):
            guard case .object(let members) = stored else { return stored }
            return .object(members.map { key, value in (key, fields.first { $0.name == key }?.kind.render(value) ?? value) })
        case .collection(_, let fields):
            guard case .array(let items) = stored else { return stored }
            return .array(items.map { FieldKind.section(fields).render($0) })
        default: return stored
        }
    }

    /// A short description for messages and the JSON Schema.
    public var expectation: String {
        switch self {
        case .string: return "a string"
        case .digits: return "a string of digits"
        case .integer: return "an integer"
        case .bool: return "true or false"
        case .money: return "an amount with at most two decimals"
        case .decimal: return "a number"
        case .duration: return "a duration such as 3s"
        case .rate: return "a rate such as 100/min"
        case .url: return "a URL"
        case .enumeration(let o), .switchState(let o): return "one of \(o.joined(separator: ", "))"
        case .list: return "a list"
        case .section: return "a mapping"
        case .collection: return "a list of entries"
        case .any: return "any value"
        }
    }
}

/// Why a value does not fit its field.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension JSON {
    /// How a problem message shows a value: a number as written, anything else by its type.
    var serializedOrType: String {
        switch self {
        case .double(let d) where !d.isFinite: return d.isNaN ? "not a number" : "an infinite number"
        case .int, .double, .decimal: return serialized
        default: return typeName
        }
    }
}
