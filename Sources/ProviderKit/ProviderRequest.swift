import HTTPTypes
import Hummingbird
import TelesimCore

/// A provider request as an adapter sees it: already routed, body collected, world chosen.
public struct ProviderRequest: Sendable {
    public let method: String
    public let path: String
    /// The raw query string, without `?`.
    public let query: String
    /// The header fields, without the first `Host` (that is `authority`), as Hummingbird gives them.
    public let headers: HTTPFields
    /// The first `Host` header's value.
    public let authority: String?
    public let body: [UInt8]
    /// Values captured by `{name}` segments of the route pattern.
    public let parameters: [String: String]
    /// The world that owns the request's credential (or the root world); set by the dispatcher
    /// once the adapter has read the credential.
    public internal(set) var world: World
    /// The journal entry this request records once (set by the dispatcher; nil in adapter tests
    /// that build requests by hand, which then journal nothing).
    var ticket: JournalTicket?

    public init(method: String, path: String, query: String, headers: HTTPFields, authority: String? = nil, body: [UInt8],
                parameters: [String: String], world: World) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.authority = authority
        self.body = body
        self.parameters = parameters
        self.world = world
    }

    /// A header's value (first occurrence), by case-insensitive name.
    public func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        return header(field)
    }

    /// A header's value (first occurrence). A scan: `HTTPFields`' own subscript joins every field
    /// of the name through a lazy sequence, which cost ~1.8 µs a lookup on every request.
    public func header(_ name: HTTPField.Name) -> String? {
        for field in headers where field.name == name { return field.value }
        return nil
    }

    /// The bearer token of `Authorization: Bearer …`, if any (scheme compared case-insensitively).
    ///
    /// Read on every request (the credential picks the world), so it avoids Foundation: a scan
    /// of the value's bytes, no lowercased copies.
    public var bearerToken: String? {
        header(.authorization).flatMap(Self.bearerToken(of:))
    }

    /// The token of an `Authorization` value with the Bearer scheme; nil for another scheme or none.
    public static func bearerToken(of value: String) -> String? {
        guard let rest = credentials(of: value, scheme: "bearer") else { return nil }
        let token = Self.trimmed(rest)
        return token.isEmpty ? nil : String(Substring(token))
    }

    /// What follows an `Authorization` value's scheme and the space after it, read from the bytes:
    /// leading spaces skipped, the scheme (given in lower case) compared case-insensitively. Nil
    /// for another scheme or none.
    package static func credentials(of value: String, scheme: String) -> Substring.UTF8View? {
        let bytes = Substring(value).utf8
        var i = bytes.startIndex
        while i != bytes.endIndex, bytes[i] == UInt8(ascii: " ") { i = bytes.index(after: i) }
        for letter in scheme.utf8 {
            guard i != bytes.endIndex, bytes[i] | 0x20 == letter else { return nil }
            i = bytes.index(after: i)
        }
        guard i != bytes.endIndex, bytes[i] == UInt8(ascii: " ") else { return nil }
        return bytes[bytes.index(after: i)...]
    }

    /// Bytes without leading and trailing spaces and tabs.
    static func trimmed(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        func blank(_ b: UInt8) -> Bool { b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
        var start = bytes.startIndex, end = bytes.endIndex
        while start != end, blank(bytes[start]) { start = bytes.index(after: start) }
        while end != start, blank(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return bytes[start..<end]
    }

    /// Decoded query parameters in order (`+` as space, percent-escapes decoded).
    public var queryItems: [(String, String)] {
        query.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(kv[0]), kv.count > 1 ? Self.decode(kv[1]) : "")
        }
    }

    /// The first value of a query parameter.
    public func query(_ name: String) -> String? { queryItems.first { $0.0 == name }?.1 }

    /// Each query parameter's first value, by name (for handlers that read several).
    public var firstQueryValues: [String: String] {
        Dictionary(queryItems, uniquingKeysWith: { first, _ in first })
    }

    /// The body as JSON, or why it is not.
    public func json() -> Result<JSON, JSONParseError> {
        Result { () throws(JSONParseError) in try JSON.parse(body) }
    }

    /// Whether the Content-Type names JSON (`application/json`, `…+json`), ignoring parameters.
    public var hasJSONContentType: Bool {
        header(.contentType).map(Self.namesJSON) ?? false
    }

    /// Whether a Content-Type value names JSON, ignoring parameters and case.
    public static func namesJSON(_ value: String) -> Bool {
        let type = Self.trimmed(Substring(value).utf8.prefix { $0 != UInt8(ascii: ";") })
        let bytes = type.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        return bytes.elementsEqual("application/json".utf8) || bytes.reversed().starts(with: "nosj+".utf8)
    }

    /// Hex digits derived from the request (method, path and the body's first 256 bytes): the
    /// request id of an answer given outside the world (edge errors, faults), where no seeded
    /// generator is at hand. The same request always gets the same digits.
    public func edgeID(hexDigits: Int) -> String {
        Self.edgeID(method: method, path: path, body: body, hexDigits: hexDigits)
    }

    /// `edgeID` of a request with this method, path and body (FNV-1a, 16 digits per seed).
    public static func edgeID(method: String, path: String, body: [UInt8], hexDigits: Int) -> String {
        let bytes = Array((method + " " + path).utf8) + body.prefix(256)
        func fnv(_ seed: UInt64) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        }
        var digits = ""
        var seed: UInt64 = 0
        while digits.count < hexDigits {
            let block = String(fnv(seed), radix: 16)
            digits += String(repeating: "0", count: 16 - block.count) + block
            seed = seed &+ 0x9E37_79B9
        }
        return String(digits.prefix(hexDigits))
    }

    /// The Host header without its port: the request's authority, unless a second `Host` field
    /// says otherwise (HummingbirdTesting's clients send their own `Host` first, then the test's).
    public var host: String? {
        guard let host = header(Self.hostField) ?? authority else { return nil }
        if host.hasPrefix("[") { return host }
        return host.split(separator: ":").first.map(String.init)
    }

    /// `Host` as a field name, made once (a name made from a string is validated and lower-cased).
    static let hostField = HTTPField.Name("Host")!

    /// A query string's name or value: `+` is a space, then percent-decoded.
    static func decode(_ s: Substring) -> String {
        guard s.utf8.contains(UInt8(ascii: "+")) else { return percentDecoded(s) }
        return percentDecoded(Substring(s.replacingOccurrences(of: "+", with: " ")))
    }

    /// `s` percent-decoded; as written when its escapes are not valid UTF-8. Text without a `%` (a
    /// path segment or query value almost always) is returned as it is, without Foundation's
    /// decoding (~5 µs, on every request whose route captures a path parameter).
    static func percentDecoded(_ s: Substring) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return String(s) }
        return s.removingPercentEncoding ?? String(s)
    }
}

/// A provider's answer.
public struct ProviderResponse: Sendable {
    public var status: Int
    public var headers: [Header]
    public var body: String
    /// The account the request was made for, when known (shown in the journal; never sent).
    public var account: String?

    public init(status: Int, headers: [Header] = [], body: String, account: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.account = account
    }

    /// A JSON answer.
    public static func json(_ status: Int, _ body: JSON, headers: [Header] = [], account: String? = nil) -> ProviderResponse {
        ProviderResponse(status: status, headers: [Header("Content-Type", "application/json; charset=utf-8")] + headers, body: body.serialized, account: account)
    }
}
