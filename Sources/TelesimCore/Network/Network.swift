/// How a dialled number (or an agent's device) behaves when rung.
public enum Outcome: String, Sendable, Codable, CaseIterable {
    case answered
    case busy
    case noAnswer = "no-answer"
    case failed
}

/// One line of what an AI-agent call said.
public struct TranscriptLine: Sendable, Codable, Equatable {
    public var speaker: String  // "agent" or "user"
    public var text: String
    public init(speaker: String, text: String) { self.speaker = speaker; self.text = text }
}

/// A number's behaviour, fully resolved: what happens when it is rung.
public struct Behaviour: Sendable, Codable, Equatable {
    public var outcome: Outcome
    /// Milliseconds it rings before it answers or gives up.
    public var ring: Int64
    /// Milliseconds an answered call lasts before the callee hangs up.
    public var talk: Int64
    /// For failed calls: why (`unreachable`, `invalid_number`, …).
    public var cause: String?
    public var transcript: [TranscriptLine]

    public init(outcome: Outcome = .answered, ring: Int64 = 3000, talk: Int64 = 30_000, cause: String? = nil, transcript: [TranscriptLine] = []) {
        self.outcome = outcome
        self.ring = ring
        self.talk = talk
        self.cause = cause
        self.transcript = transcript
    }
}

/// A `network.numbers` entry: a pattern and the fields it overrides.
public struct NumberRule: Sendable, Equatable {
    /// E.164, optionally ending in `*` (any rest).
    public var match: String
    public var outcome: Outcome?
    public var ring: Int64?
    public var talk: Int64?
    public var cause: String?
    public var transcript: [TranscriptLine]?

    public init(match: String, outcome: Outcome? = nil, ring: Int64? = nil, talk: Int64? = nil, cause: String? = nil, transcript: [TranscriptLine]? = nil) {
        self.match = match
        self.outcome = outcome
        self.ring = ring
        self.talk = talk
        self.cause = cause
        self.transcript = transcript
    }

    public func matches(_ e164: String) -> Bool {
        if match.hasSuffix("*") { return e164.hasPrefix(match.dropLast()) }
        return e164 == match
    }
}

/// The simulated phone network: a default behaviour and first-match rules.
public struct Network: Sendable, Equatable {
    /// ISO country code for numbers written without a country code.
    public var country: String
    public var defaultBehaviour: Behaviour
    public var rules: [NumberRule]

    public init(country: String = "IN", defaultBehaviour: Behaviour = Behaviour(), rules: [NumberRule] = []) {
        self.country = country
        self.defaultBehaviour = defaultBehaviour
        self.rules = rules
    }

    /// How `e164` behaves: the first matching rule over the default.
    public func behaviour(of e164: String) -> Behaviour {
        var b = defaultBehaviour
        guard let rule = rules.first(where: { $0.matches(e164) }) else { return b }
        if let o = rule.outcome { b.outcome = o }
        if let r = rule.ring { b.ring = r }
        if let t = rule.talk { b.talk = t }
        if let c = rule.cause { b.cause = c }
        if let t = rule.transcript { b.transcript = t }
        if b.outcome == .failed, b.cause == nil { b.cause = "unreachable" }
        return b
    }
}
