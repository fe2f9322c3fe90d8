/// The neutral status of one leg of a call.
public enum LegStatus: String, Sendable, Codable, Equatable {
    case queued, ringing, answered, completed, busy
    case noAnswer = "no-answer"
    case failed, canceled

    public var isFinal: Bool {
        switch self {
        case .queued, .ringing, .answered: return false
        default: return true
        }
    }
}

/// The neutral status of a call as a whole: the status of the leg that decided it.
public enum CallStatus: String, Sendable, Codable, Equatable, CaseIterable {
    case queued, ringing, answered, completed, busy
    case noAnswer = "no-answer"
    case failed, canceled

    public var isFinal: Bool {
        switch self {
        case .queued, .ringing, .answered: return false
        default: return true
        }
    }
}

/// Why a call ended.
public enum EndReason: String, Sendable, Codable, Equatable {
    /// The callee hung up after their talk time.
    case hangup
    /// The maximum duration cut the call.
    case maxDuration = "max-duration"
    /// A leg did not connect (busy, no answer, failed).
    case legNotConnected = "leg-not-connected"
    case canceled
}

/// One party of a call: the customer, or in two-leg calls the agent's device / party A first.
public struct Leg: Sendable, Codable, Equatable {
    /// `customer`, `agent`, `party_a`, `party_b`.
    public var role: String
    /// E.164 number or SIP URI.
    public var number: String
    public var behaviour: Behaviour
    public var status: LegStatus = .queued
    public var ringingAt: Int64?
    public var answeredAt: Int64?
    public var endedAt: Int64?
    /// Why a leg that did not connect ended: `busy`, `no_answer`, `unreachable`, …
    public var cause: String?

    public init(role: String, number: String, behaviour: Behaviour) {
        self.role = role
        self.number = number
        self.behaviour = behaviour
    }
}

/// What a state machine asks its owner to do.
public enum CallAction: Sendable, Equatable {
    /// Run `input` at the simulated instant `at` (replacing any pending input).
    case schedule(CallInput, at: Int64)
    /// Record an event on the call's timeline (and let its provider send webhooks for it).
    case record(CallEventKind, leg: Int?)
    /// The call is over: release its hold and agent, settle its cost.
    case settle
}

/// Inputs that move a call.
public enum CallInput: Sendable, Codable, Equatable {
    /// Start ringing a leg.
    case dial(leg: Int)
    /// The leg's ringing is over: it answers, or its outcome (busy, no-answer, failed) applies.
    case ringEnded(leg: Int)
    /// The callee hangs up after their talk time.
    case hangup
    /// The maximum duration is reached.
    case maxDuration
    /// An API or admin request ends the call.
    case cancel
}

/// The kinds of timeline events a call records, in the order they can occur.
public enum CallEventKind: String, Sendable, Codable, Equatable {
    case created = "call.created"
    case ringing = "leg.ringing"
    case answered = "leg.answered"
    case busy = "leg.busy"
    case noAnswer = "leg.no-answer"
    case failed = "leg.failed"
    case canceled = "leg.canceled"
    /// The last leg answered: the call is connected (bridged, for two legs).
    case connected = "call.connected"
    case ended = "call.ended"
}

/// A call as a value-type state machine: inputs in, actions out, no I/O.
///
/// Legs ring one after another. A leg rings for its behaviour's `ring` time (at most the ring
/// timeout), then answers or ends with its outcome. When a leg that is not the last answers, the
/// next is dialled `setupDelay` later; when the last answers the call is connected, and ends after
/// that leg's `talk` or the maximum duration, whichever is first.
public struct CallMachine: Sendable, Codable, Equatable {
    /// Time between creation (or a leg answering) and the next leg starting to ring.
    public static let setupDelay: Int64 = 1000

    public var legs: [Leg]
    public var ringTimeout: Int64
    public var maxDuration: Int64?
    public var status: CallStatus = .queued
    public var createdAt: Int64
    public var connectedAt: Int64?
    public var endedAt: Int64?
    public var endReason: EndReason?

    public init(legs: [Leg], ringTimeout: Int64, maxDuration: Int64?, createdAt: Int64) {
        self.legs = legs
        self.ringTimeout = ringTimeout
        self.maxDuration = maxDuration
        self.createdAt = createdAt
    }

    /// Milliseconds the call has been connected (0 if it never was).
    public func talkTime(now: Int64) -> Int64 {
        guard let connectedAt else { return 0 }
        return max(0, (endedAt ?? now) - connectedAt)
    }

    /// The actions that start the call.
    public mutating func start() -> [CallAction] {
        [.record(.created, leg: nil), .schedule(.dial(leg: 0), at: createdAt + Self.setupDelay)]
    }

    /// Applies an input at `now` and returns what the owner must do.
    public mutating func handle(_ input: CallInput, at now: Int64) -> [CallAction] {
        guard !status.isFinal else { return [] }
        switch input {
        case .dial(let i):
            guard legs.indices.contains(i), legs[i].status == .queued else { return [] }
            legs[i].status = .ringing
            legs[i].ringingAt = now
            if status == .queued { status = .ringing }
            let b = legs[i].behaviour
            let wait = b.outcome == .noAnswer ? ringTimeout : min(b.ring, ringTimeout)
            return [.record(.ringing, leg: i), .schedule(.ringEnded(leg: i), at: now + wait)]

        case .ringEnded(let i):
            guard legs.indices.contains(i), legs[i].status == .ringing else { return [] }
            let b = legs[i].behaviour
            let answers = b.outcome == .answered && b.ring < ringTimeout
            if answers {
                legs[i].status = .answered
                legs[i].answeredAt = now
                if i + 1 < legs.count {
                    return [.record(.answered, leg: i), .schedule(.dial(leg: i + 1), at: now + Self.setupDelay)]
                }
                status = .answered
                connectedAt = now
                var actions: [CallAction] = [.record(.answered, leg: i), .record(.connected, leg: nil)]
                if let maxDuration, maxDuration < b.talk {
                    actions.append(.schedule(.maxDuration, at: now + maxDuration))
                } else {
                    actions.append(.schedule(.hangup, at: now + b.talk))
                }
                return actions
            }
            let (legStatus, kind, cause): (LegStatus, CallEventKind, String) = switch b.outcome {
            case .busy: (.busy, .busy, "busy")
            case .failed: (.failed, .failed, b.cause ?? "unreachable")
            case .answered, .noAnswer: (.noAnswer, .noAnswer, "no_answer")
            }
            legs[i].status = legStatus
            legs[i].endedAt = now
            legs[i].cause = cause
            var actions: [CallAction] = [.record(kind, leg: i)]
            actions += finish(at: now, status: CallStatus(rawValue: legStatus.rawValue)!, reason: .legNotConnected)
            return actions

        case .hangup, .maxDuration:
            guard status == .answered else { return [] }
            return finish(at: now, status: .completed, reason: input == .hangup ? .hangup : .maxDuration)

        case .cancel:
            var actions: [CallAction] = []
            for i in legs.indices where legs[i].status == .ringing {
                legs[i].status = .canceled
                legs[i].endedAt = now
                legs[i].cause = "canceled"
                actions.append(.record(.canceled, leg: i))
            }
            actions += finish(at: now, status: status == .answered ? .completed : .canceled, reason: .canceled)
            return actions
        }
    }

    /// Ends the call: answered legs complete, legs never dialled are canceled.
    private mutating func finish(at now: Int64, status: CallStatus, reason: EndReason) -> [CallAction] {
        for i in legs.indices {
            switch legs[i].status {
            case .answered:
                legs[i].status = .completed
                legs[i].endedAt = now
                legs[i].cause = reason == .maxDuration ? "max_duration" : "normal"
            case .queued, .ringing:
                legs[i].status = .canceled
                legs[i].endedAt = now
            default: break
            }
        }
        self.status = status
        endedAt = now
        endReason = reason
        return [.record(.ended, leg: nil), .settle]
    }
}
