import TelesimCore

/// Keeps secrets out of the journal and logs: a credential shows as its first 4 and last 4
/// characters (`vp_l…here`), and one too short to show that much without revealing most of it
/// (under 12 characters) shows as `…` alone.
public enum Redaction {
    public static func secret(_ value: String) -> String {
        guard value.count >= 12 else { return "…" }
        return String(value.prefix(4)) + "…" + String(value.suffix(4))
    }

    /// An `Authorization` header value with its credential redacted, the scheme kept.
    public static func authorization(_ value: String) -> String {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return secret(value) }
        return parts[0] + " " + secret(String(parts[1]))
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
