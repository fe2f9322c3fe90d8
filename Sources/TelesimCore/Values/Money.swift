/// Money in integer minor units (paise, cents, hundredths of a credit): every balance, hold and
/// price is exact, so "billing reflects it to the paisa" holds by construction.
public enum Money {
    /// Minor units per major unit. Every currency telesim simulates (INR, USD, credits) has two decimals.
    public static let scale: Int64 = 100

    /// Minor units from a decimal written in a scenario or a PATCH (`500`, `1.2`, `487.32`); nil for
    /// anything that is not a number, has more than two decimals, or is too large.
    public static func parse(_ text: String) -> Int64? {
        var s = Substring(text.trimmingSpaces)
        var negative = false
        if s.first == "-" { negative = true; s.removeFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit),
              whole.count <= 13 else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy(\.isASCIIDigit), fraction.count <= 2, parts.count == 1 || !fraction.isEmpty else { return nil }
        while fraction.count < 2 { fraction += "0" }
        guard let major = Int64(whole), let minor = Int64(fraction) else { return nil }
        let value = major * scale + minor
        return negative ? -value : value
    }

    /// Minor units from a JSON number, exactly where it has at most two decimals.
    public static func from(_ json: JSON) -> Int64? {
        switch json {
        case .int(let i) where abs(i) < 10_000_000_000_000: return i * scale
        case .double(let d):
            guard d.isFinite, abs(d) < 1e13 else { return nil }
            let minor = (d * Double(scale)).rounded()
            guard abs(minor - d * Double(scale)) < 1e-6 else { return nil }
            return Int64(minor)
        case .decimal(let s): return parse(s)
        case .string(let s): return parse(s)
        default: return nil
        }
    }

    /// The decimal text with two places: `487.32`, `-3.00`.
    public static func format(_ minor: Int64) -> String {
        let sign = minor < 0 ? "-" : ""
        let magnitude = minor.magnitude
        let fraction = magnitude % UInt64(scale)
        return "\(sign)\(magnitude / UInt64(scale)).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// The amount as a JSON number with two decimals.
    public static func json(_ minor: Int64) -> JSON { .decimal(format(minor)) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
