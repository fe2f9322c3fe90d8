import TelesimCore

/// What is wrong with one body field, before a provider words it in its own catalogue.
public enum FieldProblem: Error, Sendable, Equatable {
    case missing
    /// Present with the wrong JSON type; `expected` is e.g. "a string".
    case wrongType(expected: String, got: String)
    /// The right type but not an accepted value.
    case invalid(String)
}

/// Reads typed fields out of a JSON request body, telling a missing field from a wrong type.
public struct BodyFields: Sendable {
    public let json: JSON

    public init(_ json: JSON) { self.json = json }

    /// The field, treating an explicit null as absent.
    public func raw(_ key: String) -> JSON? {
        guard let v = json[key], !v.isNull else { return nil }
        return v
    }

    public func string(_ key: String) -> Result<String?, FieldProblem> {
        guard let v = raw(key) else { return .success(nil) }
        guard case .string(let s) = v else { return .failure(.wrongType(expected: "a string", got: v.typeName)) }
        return .success(s)
    }

    public func requiredString(_ key: String) -> Result<String, FieldProblem> {
        switch string(key) {
        case .success(let s?): return s.isEmpty ? .failure(.missing) : .success(s)
        case .success(nil): return .failure(.missing)
        case .failure(let p): return .failure(p)
        }
    }

    /// An integer; a JSON number with a fractional part is the wrong type.
    public func integer(_ key: String) -> Result<Int64?, FieldProblem> {
        guard let v = raw(key) else { return .success(nil) }
        switch v {
        case .int(let i): return .success(i)
        case .double(let d) where d.rounded() == d && abs(d) < 9e15: return .success(Int64(d))
        default: return .failure(.wrongType(expected: "an integer", got: v.typeName))
        }
    }

    public func bool(_ key: String) -> Result<Bool?, FieldProblem> {
        guard let v = raw(key) else { return .success(nil) }
        guard case .bool(let b) = v else { return .failure(.wrongType(expected: "a boolean", got: v.typeName)) }
        return .success(b)
    }

    public func object(_ key: String) -> Result<JSON?, FieldProblem> {
        guard let v = raw(key) else { return .success(nil) }
        guard v.isObject else { return .failure(.wrongType(expected: "an object", got: v.typeName)) }
        return .success(v)
    }
}

/// Whether a string is an absolute http(s) URL with a host.
public func isHTTPURL(_ text: String) -> Bool {
    guard let schemeEnd = text.range(of: "://") else { return false }
    let scheme = text[..<schemeEnd.lowerBound].lowercased()
    guard scheme == "http" || scheme == "https" else { return false }
    let rest = text[schemeEnd.upperBound...]
    let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    return !host.isEmpty && !host.contains(" ") && text.count <= 2048
}

/// Whether a URL's host is a loopback address (plain http is then allowed where a page demands HTTPS).
public func isLoopbackURL(_ text: String) -> Bool {
    guard let schemeEnd = text.range(of: "://") else { return false }
    var host = String(text[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    if let at = host.lastIndex(of: "@") { host = String(host[host.index(after: at)...]) }
    if host.hasPrefix("[") { return host.hasPrefix("[::1]") }
    host = String(host.prefix { $0 != ":" })
    return host == "localhost" || host.hasPrefix("127.")
}
