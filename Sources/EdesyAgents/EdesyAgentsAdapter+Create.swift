import ProviderKit
import TelesimCore

extension EdesyAgentsAdapter {
    /// A `POST /api/v1/calls` body whose shape and types are right; what needs the workspace
    /// (agent, numbers, credits, the key's HTTPS rule) is checked later, in the transaction.
    struct CreateCall: Sendable {
        var agentID: Int64
        var phoneNumber: String
        var fromNumber: String?
        var provider: String?
        var variables: JSON = .object([])
        var metadata: JSON = .object([])
        var callbackURL: String?
    }

    /// The telephony providers the page lists for `provider` (and a scenario's agents may use).
    static let telephonyProviders = ["twilio", "plivo", "edesy-sip"]

    /// Decodes the body in the order of the documented table. `agentId: 0` and `phoneNumber: ""`
    /// count as missing, as a JavaScript `if (!agentId)` check would (INFERRED).
    static func decode(_ r: ProviderRequest) -> Result<CreateCall, EdesyAgentsError> {
        guard r.hasJSONContentType else { return .failure(.invalidContentType) }
        guard case .success(let json) = r.json() else { return .failure(.invalidJSON("Invalid JSON body")) }
        guard json.isObject else { return .failure(.invalidJSON("Request body must be a JSON object")) }
        let f = BodyFields(json)

        let agentID: Int64
        switch f.raw("agentId") {
        case nil: return .failure(.missingAgentID)
        case .int(0)?: return .failure(.missingAgentID)
        case let value?:
            // A number only: a numeric string ("123") is refused, as the page types agentId as a number (INFERRED).
            guard case .success(let id?) = f.integer("agentId") else {
                return .failure(.invalidAgentID("agentId must be a number, got \(value.typeName)"))
            }
            agentID = id
        }

        let phone: String
        switch f.string("phoneNumber") {
        case .success(let s?) where !s.isEmpty: phone = s
        case .success: return .failure(.missingPhoneNumber)
        case .failure(let p): return .failure(.invalidPhoneNumber(wrongType("phoneNumber", p)))
        }

        var call = CreateCall(agentID: agentID, phoneNumber: phone)
        switch f.string("fromNumber") {
        case .success(let s): call.fromNumber = (s?.isEmpty ?? true) ? nil : s
        case .failure(let p): return .failure(.invalidFromNumber(wrongType("fromNumber", p)))
        }
        switch f.string("provider") {
        case .success(let p?):
            guard telephonyProviders.contains(p) else { return .failure(.invalidProvider(p)) }
            call.provider = p
        case .success(nil): break
        case .failure: return .failure(.invalidProvider(f.raw("provider")?.serialized ?? ""))
        }
        switch f.object("variables") {
        case .success(let v): call.variables = v ?? .object([])
        case .failure: return .failure(.invalidVariables)
        }
        switch f.object("metadata") {
        case .success(let m): call.metadata = m ?? .object([])
        case .failure: return .failure(.invalidMetadata)
        }
        switch f.string("callbackUrl") {
        case .success(let u?):
            guard isHTTPURL(u) else { return .failure(.invalidCallbackURL("callbackUrl must be a valid http(s) URL")) }
            call.callbackURL = u
        case .success(nil): break
        case .failure(let p): return .failure(.invalidCallbackURL(wrongType("callbackUrl", p)))
        }
        return .success(call)
    }

    /// A client's value quoted back in a message, cut to 32 characters so a huge field stays out of the answer.
    static func echo(_ value: String) -> String { value.count <= 32 ? value : value.prefix(32) + "…" }

    /// The message for a field of the wrong JSON type, naming what was expected and what came.
    static func wrongType(_ field: String, _ p: FieldProblem) -> String {
        switch p {
        case .wrongType(let expected, let got): "\(field) must be \(expected), got \(got)"
        case .missing: "\(field) is required"
        case .invalid(let m): m
        }
    }

    /// The call sid the telephony provider would give (INFERRED forms): Twilio `CA` + 32 hex,
    /// Plivo a UUID, Edesy SIP `edesy-sip-` + 8 hex (the page's `edesy-sip-xxxxxxxx`).
    static func callSid(provider: String, _ random: inout SeededRandom) -> String {
        switch provider {
        case "twilio": "CA" + random.hex(32)
        case "plivo": random.uuid()
        default: "edesy-sip-" + random.hex(8)
        }
    }

    /// A number as the workspace's list and the client write it, compared in E.164 where possible.
    static func sameNumber(_ a: String, _ b: String, country: String) -> Bool {
        if a == b { return true }
        guard let x = PhoneNumber.lenient(a, country: country), let y = PhoneNumber.lenient(b, country: country) else { return false }
        return x == y
    }

    /// `POST /api/v1/calls`: authenticate, check the body against the workspace, then open the call
    /// (holding a minute of credits) in one transaction.
    @Sendable func createCall(_ r: ProviderRequest) -> ProviderResponse {
        let decoded = Self.decode(r)
        let key = r.bearerToken
        return r.transact { state in
            var accountID: String?
            do throws(EdesyAgentsError) {
                let account = try Self.authenticate(key, state)
                accountID = account.id
                let body = try decoded.get()
                let country = state.network.country

                // The agent: it must exist in this workspace and be active.
                let agents = state.field(account, "agents")?.arrayValue ?? []
                guard let agent = agents.first(where: { $0["id"]?.intValue == body.agentID }) else { throw .agentNotFound(body.agentID) }
                guard agent["active"]?.boolValue ?? true else { throw .agentInactive(body.agentID) }

                guard let e164 = PhoneNumber.lenient(body.phoneNumber, country: country) else {
                    throw .invalidPhoneNumber("Invalid phone number: \(Self.echo(body.phoneNumber))")
                }

                // The caller id: one of the workspace's numbers, by default the first.
                let owned = (state.field(account, "numbers")?.arrayValue ?? []).compactMap { WorldSchema.idText($0) }
                let from: String
                if let requested = body.fromNumber {
                    guard let match = owned.first(where: { Self.sameNumber($0, requested, country: country) }) else {
                        throw .invalidFromNumber("fromNumber \(Self.echo(requested)) is not configured for this workspace")
                    }
                    from = match
                } else {
                    guard let first = owned.first else { throw .invalidFromNumber("No phone number is configured for this workspace") }
                    from = first
                }

                // "must be HTTPS in production": a live key needs https, except on loopback hosts.
                if let url = body.callbackURL, key?.hasPrefix(Self.livePrefix) == true,
                   !url.lowercased().hasPrefix("https://"), !isLoopbackURL(url) {
                    throw .invalidCallbackURL("callbackUrl must use HTTPS")
                }

                let agentName = agent["name"]?.stringValue ?? "Agent"
                let provider = body.provider ?? agent["provider"]?.stringValue ?? "edesy-sip"
                let behaviour = state.network.behaviour(of: e164)
                let template = EdesyAgentsTemplate(variables: body.variables, system: [
                    "agentName": agentName,
                    "currentDate": String(Timestamp.iso(state.now).prefix(10)),
                    "currentTime": String(Timestamp.iso(state.now).dropFirst(11).prefix(5)),
                ])
                var lines: [JSON] = []
                var unresolved: [String] = []
                // The agent opens with its greeting, unless the network's script for the number opens with an agent line itself.
                var script = behaviour.transcript
                if let greeting = agent["greeting"]?.stringValue, !greeting.isEmpty, script.first?.speaker != "agent" {
                    script.insert(TranscriptLine(speaker: "agent", text: greeting), at: 0)
                }
                for line in script {
                    let (text, missing) = template.render(line.text)
                    lines.append(.obj(["speaker": .string(line.speaker), "text": .string(text)]))
                    unresolved += missing.filter { !unresolved.contains($0) }
                }

                let conversationID = state.random.uuid()
                let sid = Self.callSid(provider: provider, &state.random)
                let spec = CallSpec(
                    id: conversationID, provider: name, account: account.id,
                    legs: [Leg(role: "customer", number: e164, behaviour: behaviour)],
                    ringTimeout: state.field(account, "ring_timeout")?.intValue ?? 30_000,
                    balance: account.address("credits"),
                    pricePerMinute: state.field(account, "credits_per_minute")?.intValue ?? 100,
                    attributes: .obj([
                        "agentId": .int(body.agentID), "agentName": .string(agentName),
                        "phoneNumber": .string(body.phoneNumber), "to": .string(e164),
                        "fromNumber": .string(from), "from": .string(PhoneNumber.lenient(from, country: country) ?? from),
                        "provider": .string(provider), "callSid": .string(sid),
                        "variables": body.variables, "metadata": body.metadata, "callbackUrl": JSON.orNull(body.callbackURL),
                        "lines": .array(lines), "unresolvedVariables": .array(unresolved.map(JSON.string)),
                    ]))
                let call: Call
                do throws(CoreError) {
                    call = try state.createCall(spec)
                } catch {
                    switch error {
                    case .insufficientFunds: throw .insufficientCredits
                    case .agentBusy, .duplicateCallID: throw .internalError
                    }
                }
                return .json(200, .obj([
                    "success": true,
                    "data": .obj([
                        "conversationId": .string(call.id),
                        "callSid": .string(sid),
                        "status": .string(EdesyAgentsWire.status(call.status)),
                    ]),
                ]), account: account.id)
            } catch {
                return error.response(account: accountID)
            }
        }
    }
}
