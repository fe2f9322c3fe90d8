import ProviderKit
import TelesimCore

extension RingyoAdapter {
    /// A validated `POST /v1/calls` body.
    struct CreateCall: Sendable {
        var phoneNumber: String
        var agentID: String
        var fromNumber: String?
        var metadata: JSON
        var webhookURL: String?
        var record: Bool
        var maxDuration: Int64
    }

    /// Checks the body's shape and types; ownership checks need the world and come later.
    static func decode(_ r: ProviderRequest) -> Result<CreateCall, RingyoError> {
        guard r.hasJSONContentType else { return .failure(.invalidRequest("Content-Type must be application/json", field: nil)) }
        guard case .success(let json) = r.json() else { return .failure(.invalidRequest("Request body is not valid JSON", field: nil)) }
        guard json.isObject else { return .failure(.invalidRequest("Request body must be a JSON object", field: nil)) }
        let f = BodyFields(json)
        func problem(_ field: String, _ p: FieldProblem) -> RingyoError {
            switch p {
            case .missing: .invalidRequest("\(field) is required", field: field)
            case .wrongType(let expected, _): .invalidRequest("\(field) must be \(expected)", field: field)
            case .invalid(let m): .invalidRequest(m, field: field)
            }
        }
        let phone: String
        switch f.requiredString("phone_number") {
        case .success(let s): phone = s
        case .failure(let p): return .failure(problem("phone_number", p))
        }
        let agent: String
        switch f.requiredString("agent_id") {
        case .success(let s): agent = s
        case .failure(let p): return .failure(problem("agent_id", p))
        }
        var call = CreateCall(phoneNumber: phone, agentID: agent, fromNumber: nil, metadata: .object([]), webhookURL: nil, record: true, maxDuration: 3600)
        switch f.string("from_number") {
        case .success(let s): call.fromNumber = s
        case .failure(let p): return .failure(problem("from_number", p))
        }
        switch f.object("metadata") {
        case .success(let m): call.metadata = m ?? .object([])
        case .failure(let p): return .failure(problem("metadata", p))
        }
        switch f.string("webhook_url") {
        case .success(let u?):
            guard isHTTPURL(u) else { return .failure(.invalidRequest("webhook_url must be an http(s) URL", field: "webhook_url")) }
            call.webhookURL = u
        case .success(nil): break
        case .failure(let p): return .failure(problem("webhook_url", p))
        }
        switch f.bool("record") {
        case .success(let b): call.record = b ?? true
        case .failure(let p): return .failure(problem("record", p))
        }
        switch f.integer("max_duration") {
        case .success(let d?):
            guard (1...3600).contains(d) else { return .failure(.invalidRequest("max_duration must be between 1 and 3600", field: "max_duration")) }
            call.maxDuration = d
        case .success(nil): break
        case .failure(let p): return .failure(problem("max_duration", p))
        }
        return .success(call)
    }

    @Sendable func createCall(_ r: ProviderRequest) -> ProviderResponse {
        let decoded = Self.decode(r)
        let key = r.bearerToken
        let idempotencyKey = r.header("Idempotency-Key")
        let bodyText = String(decoding: r.body, as: UTF8.self)
        return r.transact { state in
            let requestID = "req_" + state.random.hex(12)
            var headers: [Header] = []
            do throws(RingyoError) {
                let (account, rate) = try Self.authenticate(key, &state)
                headers = rate
                let body = try decoded.get()

                // Idempotency: the same key and body replay the first answer; another body is refused.
                // The key is an alias of the call it created (an O(1) lookup, stored with the call);
                // worlds stored before aliases existed kept it in `memo`, which is still read.
                let alias = "ringyo/\(account.id)/idempotency/\(idempotencyKey ?? "")"
                if let idempotencyKey, !idempotencyKey.isEmpty {
                    let saved: (body: String?, call: Call?)? = if let call = state.call(alias: alias) {
                        (call.attributes["idempotency_body"]?.stringValue, call)
                    } else if let legacy = state.memo[alias] {
                        (legacy["body"]?.stringValue, legacy["call"]?.stringValue.flatMap { state.call($0) })
                    } else {
                        nil
                    }
                    if let saved {
                        guard saved.body == bodyText, let call = saved.call else { throw .idempotencyConflict }
                        return .json(201, RingyoWire.created(call), headers: headers + [Header("Idempotent-Replayed", "true")], account: account.id)
                    }
                }

                guard let phone = PhoneNumber.strictE164(body.phoneNumber) else { throw .invalidPhoneNumber(body.phoneNumber) }
                let agents = state.field(account, "agents")?.arrayValue ?? []
                guard agents.contains(where: { $0["id"]?.stringValue == body.agentID }) else { throw .agentNotFound(body.agentID) }
                let owned = (state.field(account, "numbers")?.arrayValue ?? []).compactMap(\.stringValue)
                let from: String
                if let requested = body.fromNumber {
                    guard owned.contains(requested) else { throw .invalidFromNumber(requested) }
                    from = requested
                } else {
                    guard let primary = owned.first else { throw .invalidFromNumber("") }
                    from = primary
                }
                if let cap = state.field(account, "max_concurrent_calls")?.intValue,
                   state.activeCalls(provider: "ringyo", account: account.id) >= Int(cap) {
                    throw .tooManyConcurrentCalls(limit: Int(cap))
                }
                let price = state.field(account, "price_per_minute")?.intValue ?? 0
                var spec = CallSpec(
                    id: "call_" + state.random.alphanumeric(24),
                    provider: "ringyo", account: account.id,
                    legs: [Leg(role: "customer", number: phone, behaviour: state.network.behaviour(of: phone))],
                    ringTimeout: state.field(account, "ring_timeout")?.intValue ?? 30_000,
                    maxDuration: body.maxDuration * 1000,
                    balance: account.address("credits"), pricePerMinute: price,
                    attributes: .obj([
                        "phone_number": .string(phone), "from_number": .string(from), "agent_id": .string(body.agentID),
                        "metadata": body.metadata, "record": .bool(body.record), "max_duration": .int(body.maxDuration),
                        "webhook_url": JSON.orNull(body.webhookURL),
                    ]))
                if let idempotencyKey, !idempotencyKey.isEmpty {
                    spec.attributes["idempotency_body"] = .string(bodyText)
                    spec.aliases = [alias]
                }
                let call: Call
                do throws(CoreError) {
                    call = try state.createCall(spec)
                } catch {
                    switch error {
                    case .insufficientFunds(let available, let needed): throw .insufficientCredits(available: available, needed: needed)
                    case .agentBusy, .duplicateCallID: throw .internalError
                    }
                }
                return .json(201, RingyoWire.created(call), headers: headers, account: account.id)
            } catch {
                return error.response(requestID: requestID, headers: headers)
            }
        }
    }
}
