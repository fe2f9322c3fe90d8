import TelesimCore
import Yams

/// `clock` and `network`: how time moves and how dialled numbers behave.
extension ScenarioReader {
    /// `clock: {mode, start, speed}`; absent fields keep `ClockSettings`' defaults.
    mutating func readClock(_ node: Node, _ path: ScenarioPath) -> ClockSettings? {
        guard let f = fields(node, path, allowed: ["mode", "start", "speed"]) else { return nil }
        var clock = ClockSettings()
        if let n = f["mode"], let mode = oneOf(n, path.key("mode"), ["virtual", "realtime"]).flatMap(ClockMode.init(rawValue:)) {
            clock.mode = mode
        }
        if let n = f["start"] {
            if let text = n.scalarText, n.scalarTag == .str || n.scalarTag == .timestamp, let ms = Timestamp.parse(text) {
                clock.start = ms
            } else {
                report(n, path.key("start"), "expected an ISO 8601 instant such as 2026-04-10T06:25:00Z, got \(n.quoted)")
            }
        }
        if let n = f["speed"], let speed = number(n, path.key("speed")) {
            if ClockSettings.isValidSpeed(speed) {
                clock.speed = speed
            } else {
                report(n, path.key("speed"), "expected a number greater than 0 and at most \(Int(ClockSettings.maxSpeed)), got \(n.quoted)")
            }
        }
        return clock
    }

    /// `network: {country, default, numbers}`. Number patterns are normalised to E.164 in the
    /// network's country, so `9000000001` in India matches `+919000000001`.
    mutating func readNetwork(_ node: Node, _ path: ScenarioPath) -> Network? {
        guard let f = fields(node, path, allowed: ["country", "default", "numbers"]) else { return nil }
        var network = Network()
        if let n = f["country"] {
            let codes = PhoneNumber.callingCodes.keys.sorted()
            if n.scalarTag == .str, let text = n.scalarText, PhoneNumber.callingCodes[text] != nil {
                network.country = text
            } else {
                report(n, path.key("country"), "expected a country code, one of \(codes.joined(separator: ", ")), got \(n.quoted)")
            }
        }
        if let n = f["default"], let rule = readBehaviour(n, path.key("default"), allowMatch: false) {
            var b = Behaviour()
            if let o = rule.outcome { b.outcome = o }
            if let r = rule.ring { b.ring = r }
            if let t = rule.talk { b.talk = t }
            b.cause = rule.cause
            if let t = rule.transcript { b.transcript = t }
            network.defaultBehaviour = b
        }
        if let n = f["numbers"], let items = list(n, path.key("numbers")) {
            for (i, item) in items.enumerated() {
                let itemPath = path.key("numbers").index(i)
                guard var rule = readBehaviour(item, itemPath, allowMatch: true),
                      let matchNode = item.member("match"), !matchNode.isNull else { continue }
                guard let normalized = PhoneNumber.normalizePattern(rule.match, country: network.country) else {
                    report(matchNode, itemPath.key("match"), "expected a phone number in E.164 (+14155550001) or written nationally for \(network.country), optionally ending in * to match any rest, got \(matchNode.quoted)")
                    continue
                }
                rule.match = normalized
                network.rules.append(rule)
            }
        }
        return network
    }

    /// A behaviour mapping (`network.default`, or a `numbers` entry with its `match`).
    private mutating func readBehaviour(_ node: Node, _ path: ScenarioPath, allowMatch: Bool) -> NumberRule? {
        let keys = ["ring", "outcome", "talk", "cause", "transcript"]
        guard let f = fields(node, path, allowed: allowMatch ? ["match"] + keys : keys, required: allowMatch ? ["match"] : []) else { return nil }
        var rule = NumberRule(match: "")
        if allowMatch, let n = f["match"] { rule.match = text(n, path.key("match")) ?? "" }
        if let n = f["ring"] { rule.ring = duration(n, path.key("ring")) }
        if let n = f["talk"] { rule.talk = duration(n, path.key("talk")) }
        if let n = f["outcome"] { rule.outcome = oneOf(n, path.key("outcome"), Outcome.allCases.map(\.rawValue)).flatMap(Outcome.init(rawValue:)) }
        if let n = f["cause"] { rule.cause = string(n, path.key("cause")) }
        if let n = f["transcript"] { rule.transcript = readTranscript(n, path.key("transcript")) }
        return rule
    }

    /// `transcript: [- agent: "…", - user: "…"]`: each line a one-key mapping naming its speaker.
    private mutating func readTranscript(_ node: Node, _ path: ScenarioPath) -> [TranscriptLine]? {
        guard let items = list(node, path) else { return nil }
        var lines: [TranscriptLine] = []
        for (i, item) in items.enumerated() {
            let itemPath = path.index(i)
            guard let members = members(item, itemPath) else { continue }
            guard members.count == 1, let member = members.first else {
                report(item, itemPath, "expected one line as a single key, agent: \"…\" or user: \"…\", got \(members.count) keys")
                continue
            }
            guard ["agent", "user"].contains(member.key) else {
                report(member.keyNode, itemPath, "expected the speaker agent or user, got \"\(member.key)\"")
                continue
            }
            if let text = string(member.value, itemPath.key(member.key)) {
                lines.append(TranscriptLine(speaker: member.key, text: text))
            }
        }
        return lines
    }
}
