import ProviderKit
import TelesimCore

extension ExotelAdapter {
    /// How `from` names the agent.
    enum Agent: Sendable, Equatable {
        case userID(String)
        /// A SIP URI or a phone number.
        case contactURI(String)
    }

    /// One `status_callback` entry.
    struct Callback: Sendable, Equatable {
        /// `answered` or `terminal`.
        var event: String
        /// Where the callback is POSTed (plain http allowed: simulator users point it at local receivers).
        var url: String
    }

    /// A `POST /v2/accounts/{sid}/calls` body whose shape and types are checked; what needs the
    /// world (the user, the ExoPhone, the number's country) is checked inside the transaction.
    struct CreateCall: Sendable {
        /// Who `from` names.
        var agent: Agent
        /// `to.number`, or `to.customer_contact_uri` as integrations send it; with the key used, for errors.
        var to: String
        /// `to.number` or `to.customer_contact_uri`, named in errors as the client wrote it.
        var toField: String
        /// The ExoPhone as written; compared in E.164 against the account's.
        var virtualNumber: String
        /// Documented default: false.
        var recording = false
        /// `single` or `dual`; kept only.
        var recordingChannels: String?
        /// Kept only: no audio is played.
        var waitAudioURL: String?
        /// Seconds, from the customer connecting.
        var maxTimeLimit: Int64?
        /// Ring timeout of both legs in seconds; documented default 30.
        var attemptTimeOut: Int64 = 30
        /// Echoed in call details and callbacks.
        var customField: String?
        /// The `status_callback` entries, in request order.
        var callbacks: [Callback] = []
    }

    /// The accepted ranges (INFERRED: the page gives none; v1 caps TimeLimit at 4 hours).
    static let maxTimeLimitRange: ClosedRange<Int64> = 1...14_400
    /// See `maxTimeLimitRange`.
    static let attemptTimeOutRange: ClosedRange<Int64> = 1...600

    /// Go's name for a JSON value's type, as Exotel's (Go) services word unmarshal errors.
    static func goType(_ v: JSON) -> String {
        switch v {
        case .null: "null"
        case .bool: "bool"
        case .int, .double, .decimal: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// 400/1007 worded like a Go unmarshal error, as Exotel's services answer a wrong JSON type.
    static func wrongType(_ field: String, _ value: JSON, _ expected: String) -> ExotelError {
        .invalidBody("json: cannot unmarshal \(goType(value)) into field \(field) of type \(expected)")
    }

    /// Checks the body's shape and types, in the order of the page's parameter table.
    static func decode(_ r: ProviderRequest) -> Result<CreateCall, ExotelError> {
        guard r.hasJSONContentType else { return .failure(.unsupportedContentType(r.header(.contentType) ?? "")) }
        let json: JSON
        switch r.json() {
        case .success(let j): json = j
        case .failure(let e): return .failure(.invalidBody(e.description))
        }
        guard json.isObject else { return .failure(wrongType("body", json, "object")) }
        return Result { () throws(ExotelError) in try decodeFields(BodyFields(json)) }
    }

    /// An optional string member (an empty string counts as absent); another type is 1007.
    static func string(_ f: BodyFields, _ key: String, path: String) throws(ExotelError) -> String? {
        guard let v = f.raw(key) else { return nil }
        guard case .string(let s) = v else { throw wrongType(path, v, "string") }
        return s.isEmpty ? nil : s
    }

    /// A mandatory object member: absent is 1001, another type 1007.
    static func object(_ f: BodyFields, _ key: String) throws(ExotelError) -> BodyFields {
        guard let v = f.raw(key) else { throw .missingParameter(key) }
        guard v.isObject else { throw wrongType(key, v, "object") }
        return BodyFields(v)
    }

    /// An optional whole number within `range`: a fraction or another type is 1007, out of range 1002.
    static func integer(_ f: BodyFields, _ key: String, _ range: ClosedRange<Int64>) throws(ExotelError) -> Int64? {
        guard let v = f.raw(key) else { return nil }
        guard case .success(let i?) = f.integer(key) else { throw wrongType(key, v, "int") }
        guard range.contains(i) else { throw .invalidParameter("\(key) must be between \(range.lowerBound) and \(range.upperBound) seconds") }
        return i
    }

    /// Every member of the body, first problem wins.
    static func decodeFields(_ f: BodyFields) throws(ExotelError) -> CreateCall {
        let from = try object(f, "from")
        let agent: Agent
        if let id = try string(from, "user_id", path: "from.user_id") {
            agent = .userID(id)
        } else if let uri = try string(from, "user_contact_uri", path: "from.user_contact_uri") {
            agent = .contactURI(uri)
        } else {
            throw .missingParameter("from.user_contact_uri or from.user_id")
        }

        let toObject = try object(f, "to")
        let to: String
        let toField: String
        if let n = try string(toObject, "number", path: "to.number") {
            (to, toField) = (n, "to.number")
        } else if let n = try string(toObject, "customer_contact_uri", path: "to.customer_contact_uri") {
            (to, toField) = (n, "to.customer_contact_uri")
        } else {
            throw .missingParameter("to.number")
        }

        guard let virtualNumber = try string(f, "virtual_number", path: "virtual_number") else { throw .missingParameter("virtual_number") }
        var call = CreateCall(agent: agent, to: to, toField: toField, virtualNumber: virtualNumber)

        if let v = f.raw("recording") {
            guard case .bool(let b) = v else { throw wrongType("recording", v, "bool") }
            call.recording = b
        }
        if let channels = try string(f, "recording_channels", path: "recording_channels") {
            guard channels == "single" || channels == "dual" else { throw .invalidParameter("recording_channels must be single or dual") }
            call.recordingChannels = channels
        }
        if let url = try string(f, "wait_audio_url", path: "wait_audio_url") {
            guard isHTTPURL(url) else { throw .invalidParameter("wait_audio_url must be an http(s) URL") }
            call.waitAudioURL = url
        }
        call.maxTimeLimit = try integer(f, "max_time_limit", maxTimeLimitRange)
        call.attemptTimeOut = try integer(f, "attempt_time_out", attemptTimeOutRange) ?? 30
        call.customField = try string(f, "custom_field", path: "custom_field")

        if let v = f.raw("status_callback") {
            guard case .array(let entries) = v else { throw wrongType("status_callback", v, "[]StatusCallback") }
            for (i, entry) in entries.enumerated() {
                let path = "status_callback[\(i)]"
                guard entry.isObject else { throw wrongType(path, entry, "StatusCallback") }
                let e = BodyFields(entry)
                guard let event = try string(e, "event", path: path + ".event") else { throw .missingParameter(path + ".event") }
                guard event == "answered" || event == "terminal" else {
                    throw .invalidParameter("\(path).event must be answered or terminal")
                }
                guard let url = try string(e, "url", path: path + ".url") else { throw .missingParameter(path + ".url") }
                guard isHTTPURL(url) else { throw .invalidParameter("\(path).url must be an http(s) URL") }
                call.callbacks.append(Callback(event: event, url: url))
            }
        }
        return call
    }

    /// A contact's keys: its lower-cased text, and the number it reads as. A user's contact_uri is
    /// the one `from` names when they share a key: the same text (SIP URIs compared without case),
    /// or the same phone number however it is written. `WorldState.firstElement` indexes them.
    static func contactKeys(_ contact: String, country: String) -> [String] {
        var keys = ["text:" + contact.lowercased()]
        if let number = PhoneNumber.lenient(contact, country: country) { keys.append("number:" + number) }
        return keys
    }

    /// `POST /v2/accounts/{sid}/calls`: one transaction doing auth, rate limit, validation against the
    /// world, then creating the two-leg call that keeps the agent busy until it ends.
    @Sendable func createCall(_ r: ProviderRequest) -> ProviderResponse {
        let decoded = Self.decode(r)
        let credentials = Self.basicCredentials(r)
        let sid = r.parameters["account_sid"] ?? ""
        return r.transact { state in
            let requestID = state.random.hex(32)
            do throws(ExotelError) {
                let account = try Self.authenticate(credentials, sid: sid, &state)
                let body = try decoded.get()
                let country = state.network.country

                guard let customer = PhoneNumber.lenient(body.to, country: country) else {
                    throw .invalidParameter("Invalid \(body.toField): \(body.to)")
                }
                // Identities first (the user, then the ExoPhone), then the user's availability.
                let user: JSON
                switch body.agent {
                case .userID(let id):
                    guard let u = state.firstElement(account, "users", index: "id", keys: { $0["id"]?.stringValue.map { [$0] } ?? [] },
                                                     lookup: [id], matches: { $0["id"]?.stringValue == id }) else { throw .userNotFound(id) }
                    user = u
                case .contactURI(let uri):
                    let wanted = Self.contactKeys(uri, country: country)
                    func keys(_ user: JSON) -> [String] { Self.contactKeys(user["contact_uri"]?.stringValue ?? "", country: country) }
                    guard let u = state.firstElement(account, "users", index: "contact", keys: keys, lookup: wanted,
                                                     matches: { !Set(keys($0)).isDisjoint(with: wanted) }) else {
                        throw .userNotFound(uri)
                    }
                    user = u
                }
                let owned = (state.field(account, "virtual_numbers")?.arrayValue ?? []).compactMap(\.stringValue)
                guard let virtualNumber = PhoneNumber.lenient(body.virtualNumber, country: country),
                      owned.contains(where: { PhoneNumber.lenient($0, country: country) == virtualNumber }) else {
                    throw .virtualNumberNotFound(body.virtualNumber)
                }
                let userID = user["id"]?.stringValue ?? ""
                switch user["device"]?.stringValue ?? "on" {
                case "off": throw .deviceOff
                case "unverified": throw .deviceUnverified
                case "busy": throw .deviceBusy
                default: break
                }
                // An agent already on a call: `createCall` refuses it (agentBusy, 10706 below).
                let agentAddress = "exotel/\(account.id)/users/\(userID)"

                let contactURI = user["contact_uri"]?.stringValue ?? ""
                let answerAfter = user["answer_after"]?.intValue ?? 2000
                let spec = CallSpec(
                    id: state.random.hex(32),
                    provider: "exotel", account: account.id,
                    legs: [
                        Leg(role: "agent", number: contactURI, behaviour: Behaviour(outcome: .answered, ring: answerAfter, talk: 0)),
                        Leg(role: "customer", number: customer, behaviour: state.network.behaviour(of: customer)),
                    ],
                    ringTimeout: body.attemptTimeOut * 1000,
                    maxDuration: body.maxTimeLimit.map { $0 * 1000 },
                    occupies: agentAddress,
                    attributes: .obj([
                        "user_id": .string(userID), "user_name": user["name"] ?? .null, "contact_uri": .string(contactURI),
                        "customer_number": .string(customer), "virtual_number": .string(virtualNumber),
                        "recording": .bool(body.recording), "recording_channels": JSON.orNull(body.recordingChannels),
                        "wait_audio_url": JSON.orNull(body.waitAudioURL), "max_time_limit": JSON.orNull(body.maxTimeLimit),
                        "attempt_time_out": .int(body.attemptTimeOut), "custom_field": JSON.orNull(body.customField),
                        "status_callback": .array(body.callbacks.map { .obj(["event": .string($0.event), "url": .string($0.url)]) }),
                    ]))
                let call: Call
                do throws(CoreError) {
                    call = try state.createCall(spec)
                } catch {
                    switch error {
                    case .agentBusy: throw .deviceBusy
                    case .insufficientFunds, .duplicateCallID: throw .internalError
                    }
                }
                return .json(200, ExotelWire.envelope(requestID: requestID, method: "POST", ExotelWire.created(call)), account: account.id)
            } catch {
                return error.response(requestID: requestID, method: "POST")
            }
        }
    }
}
