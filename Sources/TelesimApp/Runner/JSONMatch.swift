import TelesimCore

/// Subset matching for step expectations: every member the expectation names must be present
/// with a matching value; arrays match element by element and must have the same length; numbers
/// compare by value.
enum JSONMatch {
    /// nil if `actual` contains `expected`, else the path of the first difference and why.
    static func mismatch(expected: JSON, actual: JSON, path: String = "$") -> String? {
        switch (expected, actual) {
        case (.object(let members), .object):
            for (key, value) in members {
                guard let other = actual[key] else { return "\(path).\(key): missing (expected \(value.serialized))" }
                if let m = mismatch(expected: value, actual: other, path: "\(path).\(key)") { return m }
            }
            return nil
        case (.array(let a), .array(let b)):
            guard a.count == b.count else { return "\(path): expected \(a.count) items, got \(b.count)" }
            for (i, (x, y)) in zip(a, b).enumerated() {
                if let m = mismatch(expected: x, actual: y, path: "\(path)[\(i)]") { return m }
            }
            return nil
        default:
            if expected == actual { return nil }
            if let x = expected.doubleValue, let y = actual.doubleValue, x == y { return nil }
            return "\(path): expected \(expected.serialized), got \(actual.serialized)"
        }
    }

    /// A value by a simple path: `id`, `data.conversationId`, `calls[0].id`, `$.response.call_sid`.
    static func value(at path: String, in json: JSON) -> JSON? {
        var current: JSON? = json
        var rest = Substring(path.hasPrefix("$.") ? String(path.dropFirst(2)) : path)
        while !rest.isEmpty, let node = current {
            if rest.first == "." { rest.removeFirst(); continue }
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"), let i = Int(rest[rest.index(after: rest.startIndex)..<close]),
                      let items = node.arrayValue, items.indices.contains(i) else { return nil }
                current = items[i]
                rest = rest[rest.index(after: close)...]
                continue
            }
            let key = rest.prefix { $0 != "." && $0 != "[" }
            rest = rest.dropFirst(key.count)
            current = node[String(key)]
        }
        return current
    }

    /// Pretty lines of a JSON value, for diffs.
    static func lines(_ json: JSON, indent: String = "") -> [String] {
        switch json {
        case .object(let members) where !members.isEmpty:
            var out = ["{"]
            for (i, (k, v)) in members.enumerated() {
                var sub = lines(v, indent: indent + "  ")
                sub[0] = indent + "  " + JSON.string(k).serialized + ": " + sub[0].trimmingLeadingSpaces
                if i < members.count - 1 { sub[sub.count - 1] += "," }
                out += sub
            }
            return out + [indent + "}"]
        case .array(let items) where !items.isEmpty:
            var out = ["["]
            for (i, v) in items.enumerated() {
                var sub = lines(v, indent: indent + "  ")
                if i < items.count - 1 { sub[sub.count - 1] += "," }
                out += sub
            }
            return out + [indent + "]"]
        default:
            return [indent + json.serialized]
        }
    }

    /// A unified-style diff of two JSON values (lines only in expected are `-`, only in actual `+`).
    static func diff(expected: JSON, actual: JSON) -> String {
        let a = lines(expected), b = lines(actual)
        // Longest common subsequence on lines: bodies are small.
        var lcs = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] { out.append("  " + a[i]); i += 1; j += 1 }
            else if j < b.count, i == a.count || lcs[i][j + 1] >= lcs[i + 1][j] { out.append("+ " + b[j]); j += 1 }
            else { out.append("- " + a[i]); i += 1 }
        }
        return out.joined(separator: "\n")
    }
}

extension String {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
