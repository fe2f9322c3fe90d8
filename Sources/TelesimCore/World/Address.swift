/// Addresses name one place in a world: `provider/account/field`,
/// `provider/account/collection/id/field`, or a field inside a section (`edesy/acme/masking/balance`).
/// Timeline entries, the admin API's state endpoints and scenario validation all resolve them here.
public struct Address: Sendable, Hashable, CustomStringConvertible {
    public var segments: [String]

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 1, !parts.contains(where: \.isEmpty) else { return nil }
        segments = parts
    }

    public init(segments: [String]) { self.segments = segments }

    public var description: String { segments.joined(separator: "/") }
    public var provider: String { segments[0] }
}

/// One step into the stored JSON tree.
public enum PathStep: Sendable, Hashable {
    case key(String)
    case index(Int)
}

/// Where an address points: the path in the stored tree and the kind of the value there.
public struct ResolvedAddress: Sendable {
    public var path: [PathStep]
    public var kind: FieldKind
}

extension JSON {
    /// The value at a tree path.
    public func value(at path: some Collection<PathStep>) -> JSON? {
        var current = self
        for step in path {
            switch step {
            case .key(let k): guard let next = current[k] else { return nil }; current = next
            case .index(let i): guard case .array(let a) = current, a.indices.contains(i) else { return nil }; current = a[i]
            }
        }
        return current
    }

    /// Replaces the value at a tree path; creates a missing last object member.
    public mutating func setValue(_ value: JSON, at path: ArraySlice<PathStep>) {
        guard let step = path.first else { self = value; return }
        switch step {
        case .key(let k):
            var child = self[k] ?? (path.count > 1 ? .object([]) : .null)
            child.setValue(value, at: path.dropFirst())
            self[k] = child
        case .index(let i):
            guard case .array(var a) = self, a.indices.contains(i) else { return }
            a[i].setValue(value, at: path.dropFirst())
            self = .array(a)
        }
    }
}

/// Why an address names nothing.
public struct AddressError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension WorldSchema {
    /// Resolves an address against a world's `providers` tree (stored form).
    public static func resolve(_ address: Address, in providers: JSON) throws(AddressError) -> ResolvedAddress {
        let s = address.segments
        guard let schema = provider(s[0]) else {
            throw AddressError("unknown provider \"\(s[0])\" (expected one of \(WorldSchema.providers.map(\.key).joined(separator: ", ")))")
        }
        guard s.count >= 2 else {
            return ResolvedAddress(path: [.key(schema.key), .key(schema.accounts)], kind: .collection(idField: schema.accountID, schema.fields))
        }
        let accounts = providers[schema.key]?[schema.accounts]?.arrayValue ?? []
        guard let accountIndex = accounts.firstIndex(where: { idText($0[schema.accountID]) == s[1] }) else {
            throw AddressError("no \(schema.key) account \"\(s[1])\"")
        }
        var path: [PathStep] = [.key(schema.key), .key(schema.accounts), .index(accountIndex)]
        var kind = FieldKind.section(schema.fields)
        var node = accounts[accountIndex]
        var i = 2
        while i < s.count {
            switch kind {
            case .section(let fields):
                guard let field = fields.first(where: { $0.name == s[i] }) else {
                    throw AddressError("\(Address(segments: Array(s[..<i]))) has no field \"\(s[i])\"")
                }
                path.append(.key(field.name))
                kind = field.kind
                node = node[field.name] ?? .null
                i += 1
            case .collection(let idField, let fields):
                let items = node.arrayValue ?? []
                guard let index = items.firstIndex(where: { idText($0[idField]) == s[i] }) else {
                    throw AddressError("\(Address(segments: Array(s[..<i]))) has no entry \"\(s[i])\"")
                }
                path.append(.index(index))
                kind = .section(fields)
                node = items[index]
                i += 1
            default:
                throw AddressError("\(Address(segments: Array(s[..<i]))) is a value, not a section")
            }
        }
        return ResolvedAddress(path: path, kind: kind)
    }

    /// An id as addresses spell it: strings as they are, integers in decimal.
    public static func idText(_ value: JSON?) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        default: return nil
        }
    }
}
