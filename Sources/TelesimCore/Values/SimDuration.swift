/// Durations as scenario files and the admin API write them: `500ms`, `3s`, `2m`, `1h`, combinations
/// such as `1m30s`, or a bare number of seconds (`90`, `1.5`). Held as whole milliseconds.
public enum SimDuration {
    /// Milliseconds for a duration string, or nil if it is not one.
    public static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return nil }
        if let seconds = Double(trimmed), seconds.isFinite, seconds >= 0, seconds < 1e12 {
            return Int64((seconds * 1000).rounded())
        }
        var total: Int64 = 0
        var rest = Substring(trimmed)
        var sawUnit = false
        while !rest.isEmpty {
            let digits = rest.prefix(while: { $0.isNumber || $0 == "." })
            guard !digits.isEmpty, let amount = Double(digits), amount.isFinite, amount >= 0 else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix(while: { $0.isLetter })
            rest = rest.dropFirst(unit.count)
            let scale: Double
            switch unit {
            case "ms": scale = 1
            case "s": scale = 1000
            case "m": scale = 60_000
            case "h": scale = 3_600_000
            default: return nil
            }
            let add = amount * scale
            guard add < 1e15 else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(Int64(add.rounded()))
            guard !overflow else { return nil }
            total = sum
            sawUnit = true
        }
        return sawUnit ? total : nil
    }

    /// The shortest unit form: `1m30s`, `500ms`, `0s`.
    public static func format(_ milliseconds: Int64) -> String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds
        var out = ""
        for (unit, size) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000), ("ms", 1)] {
            let amount = rest / size
            if amount > 0 { out += "\(amount)\(unit)"; rest -= amount * size }
        }
        return out
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
