/// Simulated instants: whole milliseconds since 1970-01-01T00:00:00Z.
///
/// Formatting is done here by hand (days-from-civil arithmetic) instead of through a `DateFormatter`,
/// because it sits on every response's hot path and must not depend on the machine's locale.
public enum Timestamp {
    /// ISO 8601 in UTC with milliseconds: `2026-04-10T06:25:00.000Z`.
    public static func iso(_ ms: Int64, fractional: Bool = true) -> String {
        let (days, msOfDay) = ms.floorDivMod(86_400_000)
        let (y, m, d) = civil(fromDays: days)
        let seconds = msOfDay / 1000
        let millis = msOfDay % 1000
        // Written into bytes (a response carries several timestamps; ~2.5 µs each as strings).
        var b: [UInt8] = []
        b.reserveCapacity(24)
        func digits(_ value: Int64, _ width: Int) {
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                b.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        // A year outside 0-9999 has no four-digit form: written as `pad` writes it.
        if (0...9999).contains(y) { digits(y, 4) } else { b.append(contentsOf: pad(y, 4).utf8) }
        b.append(UInt8(ascii: "-")); digits(m, 2); b.append(UInt8(ascii: "-")); digits(d, 2)
        b.append(UInt8(ascii: "T")); digits(seconds / 3600, 2); b.append(UInt8(ascii: ":"))
        digits(seconds / 60 % 60, 2); b.append(UInt8(ascii: ":")); digits(seconds % 60, 2)
        if fractional { b.append(UInt8(ascii: ".")); digits(millis, 3) }
        b.append(UInt8(ascii: "Z"))
        return String(decoding: b, as: UTF8.self)
    }

    /// Parses ISO 8601 / RFC 3339 date-times (`2026-04-10T06:25:00Z`, with optional fraction and
    /// `+05:30` offsets) and plain dates (`2026-04-10`, midnight UTC). Nil for anything else.
    public static func parse(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= b.count else { return nil }
            var v: Int64 = 0
            for i in from..<(from + count) {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int64(b[i] - 48)
            }
            return v
        }
        guard let y = num(0, 4), b.count >= 10, b[4] == 45, let mo = num(5, 2), b[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        let dayStart = days(fromCivil: y, mo, d) * 86_400_000
        if b.count == 10 { return dayStart }
        guard b.count >= 20, b[10] == 84 || b[10] == 116 || b[10] == 32, let h = num(11, 2), b[13] == 58,
              let mi = num(14, 2), b[16] == 58, let s = num(17, 2), h < 24, mi < 60, s < 61 else { return nil }
        var i = 19
        var millis: Int64 = 0
        if i < b.count, b[i] == 46 {
            i += 1
            var digits = 0
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 3 { millis = millis * 10 + Int64(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { millis *= 10 }
        }
        guard i < b.count else { return nil }
        var offset: Int64 = 0
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            guard let oh = num(i + 1, 2), i + 3 < b.count, b[i + 3] == 58, let om = num(i + 4, 2) else { return nil }
            offset = (oh * 60 + om) * 60_000 * (b[i] == 45 ? -1 : 1)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        return dayStart + ((h * 60 + mi) * 60 + s) * 1000 + millis - offset
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Howard Hinnant's days_from_civil.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

extension Int64 {
    func floorDivMod(_ divisor: Int64) -> (Int64, Int64) {
        let q = self / divisor
        let r = self % divisor
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }
}
