import ProviderKit
import TelesimCore

extension EdesyMaskingAdapter {
    /// A well-formed `POST /masking/calls` body; the numbers are checked after authentication.
    struct CreateCall: Sendable, Equatable {
        /// Dialled first, as sent (10 digits).
        var partyA: String
        /// Bridged once A answers, as sent.
        var partyB: String
        /// Seconds of bridged talk before the call is cut; nil for no limit.
        var maxDurationSec: Int64?
    }

    /// Checks the body's shape and types. A body that is not a JSON object (or is declared as
    /// another content type) is `invalid_request`; a missing, mistyped or out-of-range field is
    /// `validation_error`. Unknown fields (e.g. third parties' `max_duration`) are ignored.
    static func decode(_ r: ProviderRequest) -> Result<CreateCall, EdesyMaskingError> {
        if r.header(.contentType) != nil, !r.hasJSONContentType { return .failure(.invalidRequest) }
        guard case .success(let json) = r.json(), json.isObject else { return .failure(.invalidRequest) }
        let f = BodyFields(json)
        func problem(_ field: String, _ p: FieldProblem, expected: String) -> EdesyMaskingError {
            switch p {
            case .missing: .validation("\(field) is required.")
            case .wrongType, .invalid: .validation("\(field) must be \(expected).")
            }
        }
        let a: String
        switch f.requiredString("party_a") {
        case .success(let s): a = s
        case .failure(let p): return .failure(problem("party_a", p, expected: "a string"))
        }
        let b: String
        switch f.requiredString("party_b") {
        case .success(let s): b = s
        case .failure(let p): return .failure(problem("party_b", p, expected: "a string"))
        }
        let range: ClosedRange<Int64> = 10...7200
        let rangeText = "an integer between \(range.lowerBound) and \(range.upperBound)"
        switch f.integer("max_duration_sec") {
        case .success(let d?):
            guard range.contains(d) else { return .failure(.validation("max_duration_sec must be \(rangeText).")) }
            return .success(CreateCall(partyA: a, partyB: b, maxDurationSec: d))
        case .success(nil):
            return .success(CreateCall(partyA: a, partyB: b, maxDurationSec: nil))
        case .failure(let p):
            return .failure(problem("max_duration_sec", p, expected: rangeText))
        }
    }

    /// `POST /v1/masking/calls`: auth, rate limit, body, numbers, wallet, then the two-leg call
    /// (ring A by the network rule for A's number; when A answers, ring B), all in one transaction.
    @Sendable func createCall(_ r: ProviderRequest) -> ProviderResponse {
        let decoded = Self.decode(r)
        let key = r.bearerToken
        return r.transact { state in
            do throws(EdesyMaskingError) {
                let account = try Self.authenticate(key, &state)
                let body = try decoded.get()
                guard let a = PhoneNumber.indianMobile(body.partyA) else { throw .invalidNumber("party_a") }
                guard let b = PhoneNumber.indianMobile(body.partyB) else { throw .invalidNumber("party_b") }
                guard a != b else { throw .sameNumbers }

                let masked = Self.masking(state, account, "masked_number")?.stringValue ?? ""
                let spec = CallSpec(
                    id: state.random.uuid(),
                    provider: "edesy-masking", account: account.id,
                    legs: [
                        Leg(role: "party_a", number: a, behaviour: state.network.behaviour(of: a)),
                        Leg(role: "party_b", number: b, behaviour: state.network.behaviour(of: b)),
                    ],
                    ringTimeout: Self.masking(state, account, "ring_timeout")?.intValue ?? 30_000,
                    maxDuration: body.maxDurationSec.map { $0 * 1000 },
                    balance: Self.balance(account),
                    pricePerMinute: Self.masking(state, account, "price_per_minute")?.intValue ?? 0,
                    attributes: .obj([
                        "party_a": .string(body.partyA), "party_b": .string(body.partyB), "masked_number": .string(masked),
                        "max_duration_sec": JSON.orNull(body.maxDurationSec),
                    ]))
                let call: Call
                do throws(CoreError) {
                    call = try state.createCall(spec)
                } catch {
                    switch error {
                    case .insufficientFunds: throw .insufficientBalance
                    case .agentBusy, .duplicateCallID: throw .internalError
                    }
                }
                return .json(201, .obj([
                    "data": EdesyMaskingWire.created(call),
                    "meta": .obj(["timestamp": .string(EdesyMaskingWire.time(state.now))]),
                ]), account: account.id)
            } catch {
                return error.response
            }
        }
    }
}
