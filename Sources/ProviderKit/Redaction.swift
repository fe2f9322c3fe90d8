import TelesimCore

/// Keeps secrets out of the journal and logs: a credential shows as its first 4 and last 4
/// characters (`vp_l…here`), and one too short to show that much without revealing most of it
/// (under 12 characters) shows as `…` alone.
public enum Redaction {
    /// A credential as the journal and logs show it (see above).
    ///
    /// Every request's journal entry redacts its credential headers. Text of printable ASCII (what
    /// header values are) has one character per byte, so it is measured and cut by its bytes:
    /// counting characters cost ~0.4 µs a value. Other text goes by characters.
    public static func secret(_ value: String) -> String {
        guard isPrintableASCII(value) else { return secretByCharacters(value) }
        var out: [UInt8] = []
        appendSecret(Substring(value).utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `secret` of printable ASCII, appended as bytes.
    static func appendSecret(_ utf8: Substring.UTF8View, to out: inout [UInt8]) {
        guard utf8.count >= 12 else { return out.append(contentsOf: "…".utf8) }
        out.append(contentsOf: utf8.prefix(4))
        out.append(contentsOf: "…".utf8)
        out.append(contentsOf: utf8.suffix(4))
    }

    /// `secret` for any text, by characters.
    static func secretByCharacters(_ value: String) -> String {
        guard value.count >= 12 else { return "…" }
        return String(value.prefix(4)) + "…" + String(value.suffix(4))
    }

    /// An `Authorization` header value with its credential redacted, the scheme kept.
    ///
    /// Printable ASCII that does not start with a space is split at its first space by bytes; the
    /// answer is the one `authorizationByCharacters` gives.
    public static func authorization(_ value: String) -> String {
        let utf8 = value.utf8
        guard let first = utf8.first, first != UInt8(ascii: " "), isPrintableASCII(value) else { return authorizationByCharacters(value) }
        guard let space = utf8.firstIndex(of: UInt8(ascii: " ")), utf8.index(after: space) != utf8.endIndex else { return secret(value) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.distance(from: utf8.startIndex, to: space) + 12)
        out.append(contentsOf: utf8[...space])
        appendSecret(value[utf8.index(after: space)...].utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `authorization` for any text, by characters.
    static func authorizationByCharacters(_ value: String) -> String {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return secret(value) }
        return parts[0] + " " + secret(String(parts[1]))
    }

    /// Whether every byte is printable ASCII (space to tilde): then each is one character.
    static func isPrintableASCII(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// Header names whose values are credentials.
    public static let secretHeaders: Set<String> = ["authorization", "proxy-authorization", "x-api-key", "api-key", "cookie"]

    /// Query parameter names whose values are credentials.
    public static let secretQueryNames: Set<String> = ["key", "api_key", "apikey", "token", "api_token", "access_token"]

    /// A query string with credential parameters redacted.
    public static func query(_ query: String) -> String {
        guard !query.isEmpty else { return query }
        return query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2, secretQueryNames.contains(kv[0].lowercased()) else { return String(pair) }
            return kv[0] + "=" + secret(String(kv[1]))
        }.joined(separator: "&")
    }
}
