/// Phone numbers in E.164 (`+919876543210`), and each provider's way of writing them.
public enum PhoneNumber {
    /// Calling codes for the countries a scenario's `network.country` may name.
    public static let callingCodes: [String: String] = [
        "IN": "91", "US": "1", "CA": "1", "GB": "44", "AU": "61", "SG": "65", "AE": "971", "DE": "49",
        "FR": "33", "ES": "34", "IT": "39", "NL": "31", "BR": "55", "MX": "52", "ZA": "27", "NG": "234",
        "KE": "254", "PH": "63", "ID": "62", "MY": "60", "JP": "81", "CN": "86", "HK": "852", "IE": "353",
        "PK": "92", "BD": "880", "LK": "94", "NP": "977", "SA": "966", "IL": "972", "TR": "90", "PL": "48",
        "SE": "46", "NZ": "64", "CY": "357", "UA": "380", "RU": "7",
    ]

    /// Strict E.164: `+`, a non-zero first digit, 7 to 15 digits (Ringyo, Exotel).
    public static func strictE164(_ text: String) -> String? {
        isStrictE164(text) ? text : nil
    }

    /// Whether `text` is strict E.164, read in place: no copy of its bytes (the number checks run
    /// inside the world's transaction, several a create; each copy was a heap allocation).
    static func isStrictE164(_ text: String) -> Bool {
        let u = text.utf8
        guard u.count >= 8, u.count <= 16 else { return false }
        var bytes = u.makeIterator()
        guard bytes.next() == UInt8(ascii: "+"), let first = bytes.next(), first >= UInt8(ascii: "1"), first <= UInt8(ascii: "9") else {
            return false
        }
        while let b = bytes.next() {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return false }
        }
        return true
    }

    /// An international number with or without `+` (Voiso: examples omit the plus).
    public static func international(_ text: String) -> String? {
        let digits = text.hasPrefix("+") ? String(text.dropFirst()) : text
        return strictE164("+" + digits)
    }

    /// A number written nationally (10 digits, or with a leading 0) or with its country code, with
    /// or without `+` (Edesy: "with or without country code"). Spaces and dashes are ignored.
    public static func lenient(_ text: String, country: String) -> String? {
        // Already E.164 (what most clients and scenarios write): nothing to strip or add.
        if isStrictE164(text) { return text }
        // Read as bytes (~3 µs less than Characters a create). A number with any non-ASCII
        // character is none: only ASCII digits and `+` make one (see `strictE164`).
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let bytes = text.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: ")") }[...]
        func string(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        if bytes.first == UInt8(ascii: "+") { return strictE164(string(bytes)) }
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        let code = callingCodes[country] ?? "91"
        var t = bytes
        if t.starts(with: "00".utf8) { return strictE164("+" + string(t.dropFirst(2))) }
        if t.first == UInt8(ascii: "0") { t = t.dropFirst() }
        if t.count == 10 { return strictE164("+" + code + string(t)) }
        if t.starts(with: code.utf8), t.count > code.utf8.count + 6 { return strictE164("+" + string(t)) }
        return nil
    }

    /// A valid 10-digit Indian mobile number (Edesy masking): starts with 6, 7, 8 or 9.
    public static func indianMobile(_ text: String) -> String? {
        let u = Array(text.utf8)
        guard u.count == 10, (54...57).contains(u[0]), u.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return "+91" + text
    }

    /// How a scenario writes numbers in `network.numbers[].match`: E.164, or national in the
    /// network's country; a trailing `*` is kept.
    public static func normalizePattern(_ pattern: String, country: String) -> String? {
        let wildcard = pattern.hasSuffix("*")
        let body = wildcard ? String(pattern.dropLast()) : pattern
        if wildcard {
            // A prefix: keep the digits as written, adding the country code to a national prefix.
            if body.hasPrefix("+") {
                guard body.dropFirst().allSatisfy(\.isASCIIDigit) else { return nil }
                return pattern
            }
            guard body.allSatisfy(\.isASCIIDigit) else { return nil }
            return "+" + (callingCodes[country] ?? "") + body + "*"
        }
        return lenient(body, country: country)
    }
}
