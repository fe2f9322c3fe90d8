import ProviderKit
import TelesimCore

extension VoisoAdapter {
    /// A `POST /api/v4/voice/calls` body after its shape checks; `errors` holds every field that
    /// failed them, so the world checks can add theirs and one 422 reports all at once.
    struct StartCall: Sendable {
        var userID: Int64?
        /// The number in E.164, when it is valid.
        var phone: String?
        var callerID: String?
        var sourceAccountID: String?
        var sourceSystem: String?
        var hasSource = false
        var errors = FieldErrors()
    }

    /// Checks the body's shape and types; nil body problems (malformed JSON, not an object) are
    /// 400 Bad Request. The Content-Type is not enforced: the body is read as JSON either way.
    static func decode(_ r: ProviderRequest) -> Result<StartCall, VoisoError> {
        let json: JSON
        if r.body.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 }) {
            json = .object([])
        } else {
            guard case .success(let parsed) = r.json(), parsed.isObject else { return .failure(.badRequest) }
            json = parsed
        }
        var call = StartCall()

        switch json["user_id"] {
        case nil: call.errors.add("user_id", "is missing")
        case .null?, .string("")?: call.errors.add("user_id", "must be filled")
        case .string(let s)? where !s.isEmpty && s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) && Int64(s) != nil: call.userID = Int64(s)
        case let v? where v.intValue != nil: call.userID = v.intValue
        default: call.errors.add("user_id", "must be an integer")
        }

        switch json["phone_number"] {
        case nil: call.errors.add("phone_number", "is missing")
        case .null?, .string("")?: call.errors.add("phone_number", "must be filled")
        case .string(let s)?:
            if let e164 = PhoneNumber.international(s) { call.phone = e164 } else { call.errors.add("phone_number", "is in invalid format") }
        default: call.errors.add("phone_number", "must be a string")
        }

        switch json["caller_id"] {
        case nil, .null?: break
        case .string("")?: call.errors.add("caller_id", "must be filled")
        case .string(let s)?: call.callerID = s
        default: call.errors.add("caller_id", "must be a string")
        }

        switch json["source"] {
        case nil, .null?: break
        case let source? where source.isObject:
            call.hasSource = true
            func text(_ key: String) -> String? {
                switch source[key] {
                case nil, .null?: return nil
                case .string(let s)?: return s
                default: call.errors.add("source.\(key)", "must be a string"); return nil
                }
            }
            call.sourceAccountID = text("account_id")
            call.sourceSystem = text("system")
        default: call.errors.add("source", "must be a hash")
        }
        return .success(call)
    }

    /// Start call: authorize -> rate limit -> scope -> body -> agent checks -> create, in one transaction.
    @Sendable func startCall(_ r: ProviderRequest) -> ProviderResponse {
        let decoded = Self.decode(r)
        let key = r.bearerToken
        let host = r.host
        return r.transact { state in
            var accountID: String?
            do throws(VoisoError) {
                let account = try Self.authorize(key, host: host, scope: Self.callScope, &state)
                accountID = account.id
                var body = try decoded.get()

                // World checks that are field errors join the shape errors in one 422.
                var agent: JSON?
                if let userID = body.userID {
                    agent = state.firstElement(account, "agents", index: "user_id", keys: { ($0["user_id"]?.intValue).map { ["\($0)"] } ?? [] },
                                               lookup: ["\(userID)"], matches: { $0["user_id"]?.intValue == userID })
                    if agent == nil { body.errors.add("user_id", "does not match an existing agent") }
                }
                let callerIDs = (state.field(account, "caller_ids")?.arrayValue ?? []).compactMap(\.stringValue)
                if let callerID = body.callerID, !callerIDs.isEmpty, !callerIDs.contains(where: { Self.sameNumber($0, callerID) }) {
                    body.errors.add("caller_id", "is not an allowed caller ID")
                }
                guard body.errors.isEmpty, let agent, let userID = body.userID, let phone = body.phone else {
                    throw .validation(body.errors)
                }

                // The page's prerequisites, in its order.
                guard agent["click_to_call"]?.boolValue ?? true else { throw .forbidden }
                let ext = agent["extension"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
                let email = agent["email"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
                guard ext != nil || email != nil else { throw .field("user", "has no extension or sign-in identity") }
                let status = agent["status"]?.stringValue ?? "available"
                guard agent["signed_in"]?.boolValue ?? true, status != "logout" else { throw .field("user", "is not signed in") }
                let agentAddress = "voiso/\(account.id)/agents/\(userID)"
                if ["busy", "outbound", "inbound"].contains(status) || state.occupant(of: agentAddress) != nil {
                    throw .field("user", "is busy")
                }
                guard status == "available" else { throw .field("user", "is not available") }

                let answerAfter = agent["answer_after"]?.intValue ?? 2000
                let contact = ext.map { "sip:\($0)@\(account.id).voiso.com" } ?? "sip:\(email!)"
                let calling = body.callerID.map(Self.digits) ?? callerIDs.first.map(Self.digits)
                let spec = CallSpec(
                    id: state.random.uuid(),
                    provider: "voiso", account: account.id,
                    legs: [
                        Leg(role: "agent", number: contact, behaviour: Behaviour(outcome: .answered, ring: answerAfter, talk: 0)),
                        Leg(role: "customer", number: phone, behaviour: state.network.behaviour(of: phone)),
                    ],
                    ringTimeout: state.field(account, "ring_timeout")?.intValue ?? 30_000,
                    occupies: agentAddress,
                    attributes: .obj([
                        "user_id": .int(userID),
                        "called_number": .string(Self.digits(phone)),
                        "calling_number": JSON.orNull(calling),
                        "caller_id": JSON.orNull(body.callerID),
                        "source": body.hasSource
                            ? .obj(["account_id": JSON.orNull(body.sourceAccountID), "system": JSON.orNull(body.sourceSystem)]) : .null,
                        "agent": .obj([
                            "id": .int(userID),
                            "name": agent["name"] ?? .null,
                            "email": JSON.orNull(email),
                            "extension": JSON.orNull(ext),
                        ]),
                    ]))
                let call: Call
                do throws(CoreError) {
                    call = try state.createCall(spec)
                } catch {
                    switch error {
                    case .agentBusy: throw .field("user", "is busy")
                    case .insufficientFunds, .duplicateCallID: throw .internalError
                    }
                }
                return .json(201, .obj(["call": .obj(["id": .string(call.id)])]), account: account.id)
            } catch {
                var response = error.response
                response.account = accountID
                return response
            }
        }
    }

    /// A number as Voiso writes it: digits without the plus.
    static func digits(_ number: String) -> String { number.hasPrefix("+") ? String(number.dropFirst()) : number }

    /// Whether two numbers are the same, with or without `+`.
    static func sameNumber(_ a: String, _ b: String) -> Bool { digits(a) == digits(b) }
}
