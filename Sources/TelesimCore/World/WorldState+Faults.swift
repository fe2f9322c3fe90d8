/// What a matching fault does to a request.
public struct FaultDecision: Sendable, Equatable {
    public var index: Int
    /// Wall-clock milliseconds to wait first.
    public var delay: Int64?
    public var respond: FaultRule.Response?
}

extension WorldState {
    /// The scenario's rules, then those added through the admin API, in the order they are tried.
    public var faultRules: [FaultRule] { definition.faults + addedFaults }

    /// Finds the first rule matching a request and counts it as fired. `times` spends a rule;
    /// `probability` is drawn from the scenario's seed, so a run repeats exactly.
    public mutating func fault(provider: String, method: String, path: String) -> FaultDecision? {
        let rules = faultRules
        for (index, rule) in rules.enumerated() {
            let m = rule.match
            if let p = m.provider, p != provider { continue }
            if let me = m.method, me.uppercased() != method.uppercased() { continue }
            if let pattern = m.path, !Self.pathMatches(pattern, path) { continue }
            if let times = rule.times, faultsFired[index] >= times { continue }
            if let probability = rule.probability, faultRandom.unit() >= probability { continue }
            faultsFired[index] += 1
            changes.meta = true
            return FaultDecision(index: index, delay: rule.delay, respond: rule.respond)
        }
        return nil
    }

    /// Adds a rule after the others.
    public mutating func addFault(_ rule: FaultRule) {
        addedFaults.append(rule)
        faultsFired.append(0)
        changes.meta = true
    }

    /// Removes the rules added through the admin API and resets every count.
    public mutating func clearFaults() {
        addedFaults.removeAll()
        faultsFired = Array(repeating: 0, count: definition.faults.count)
        changes.meta = true
    }

    /// `*` matches one path segment, a trailing `**` any rest; other segments match exactly.
    public static func pathMatches(_ pattern: String, _ path: String) -> Bool {
        // Split as routing splits (at the `/` bytes), so a rule and a route read a path alike.
        let p = URLPath.segments(pattern)
        let s = URLPath.segments(path)
        for (i, part) in p.enumerated() {
            if part == "**" { return true }
            guard i < s.count else { return false }
            if part != "*", part != s[i] { return false }
        }
        return p.count == s.count
    }
}
