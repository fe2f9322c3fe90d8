import ProviderKit
import TelesimCore

/// Edesy's voice-agent error catalogue: every error this adapter returns, with its HTTP status,
/// rendered as `{"success":false,"error":"<message>","code":"<CODE>"}`.
///
/// The six codes of the trigger-call page's table are DOCUMENTED with their statuses; every other
/// code is INFERRED in the same envelope and SCREAMING_SNAKE style (see README).
enum EdesyAgentsError: Error, Sendable, Equatable {
    // DOCUMENTED
    case missingAgentID
    case missingPhoneNumber
    case missingAPIKey
    case invalidKeyFormat
    case invalidAPIKey
    case insufficientCredits

    // INFERRED: request shape
    case invalidContentType
    case invalidJSON(String)
    case invalidAgentID(String)
    case invalidPhoneNumber(String)
    case invalidFromNumber(String)
    case invalidProvider(String)
    case invalidVariables
    case invalidMetadata
    case invalidCallbackURL(String)

    // INFERRED: against the workspace
    case agentNotFound(Int64)
    case agentInactive(Int64)
    case callNotFound(String)

    // INFERRED: list query
    case invalidLimit
    case invalidOffset
    case invalidStatus(String)
    case invalidDate(String)

    // INFERRED: the edge and injected faults
    case notFound(path: String)
    case methodNotAllowed([String])
    case payloadTooLarge(Int)
    case rateLimited
    case internalError
    case unavailable

    /// The HTTP status of the answer.
    var status: Int {
        switch self {
        case .missingAgentID, .missingPhoneNumber, .invalidJSON, .invalidAgentID, .invalidPhoneNumber, .invalidFromNumber,
             .invalidProvider, .invalidVariables, .invalidMetadata, .invalidCallbackURL, .agentInactive,
             .invalidLimit, .invalidOffset, .invalidStatus, .invalidDate: 400
        case .missingAPIKey, .invalidKeyFormat, .invalidAPIKey: 401
        case .insufficientCredits: 402
        case .agentNotFound, .callNotFound, .notFound: 404
        case .methodNotAllowed: 405
        case .payloadTooLarge: 413
        case .invalidContentType: 415
        case .rateLimited: 429
        case .internalError: 500
        case .unavailable: 503
        }
    }

    /// The SCREAMING_SNAKE `code` clients branch on.
    var code: String {
        switch self {
        case .missingAgentID: "MISSING_AGENT_ID"
        case .missingPhoneNumber: "MISSING_PHONE_NUMBER"
        case .missingAPIKey: "MISSING_API_KEY"
        case .invalidKeyFormat: "INVALID_KEY_FORMAT"
        case .invalidAPIKey: "INVALID_API_KEY"
        case .insufficientCredits: "CALL_FAILED"
        case .invalidContentType: "INVALID_CONTENT_TYPE"
        case .invalidJSON: "INVALID_JSON"
        case .invalidAgentID: "INVALID_AGENT_ID"
        case .invalidPhoneNumber: "INVALID_PHONE_NUMBER"
        case .invalidFromNumber: "INVALID_FROM_NUMBER"
        case .invalidProvider: "INVALID_PROVIDER"
        case .invalidVariables: "INVALID_VARIABLES"
        case .invalidMetadata: "INVALID_METADATA"
        case .invalidCallbackURL: "INVALID_CALLBACK_URL"
        case .agentNotFound: "AGENT_NOT_FOUND"
        case .agentInactive: "AGENT_INACTIVE"
        case .callNotFound: "CALL_NOT_FOUND"
        case .invalidLimit: "INVALID_LIMIT"
        case .invalidOffset: "INVALID_OFFSET"
        case .invalidStatus: "INVALID_STATUS"
        case .invalidDate: "INVALID_DATE"
        case .notFound: "NOT_FOUND"
        case .methodNotAllowed: "METHOD_NOT_ALLOWED"
        case .payloadTooLarge: "PAYLOAD_TOO_LARGE"
        case .rateLimited: "RATE_LIMITED"
        case .internalError: "INTERNAL_ERROR"
        case .unavailable: "SERVICE_UNAVAILABLE"
        }
    }

    /// The human-readable `error` text.
    var message: String {
        switch self {
        case .missingAgentID: "Missing agentId"
        case .missingPhoneNumber: "Missing phoneNumber"
        case .missingAPIKey: "Missing API key"
        case .invalidKeyFormat: "Invalid API key format"
        case .invalidAPIKey: "Invalid API key"
        case .insufficientCredits: "Insufficient credits"
        case .invalidContentType: "Content-Type must be application/json"
        case .invalidJSON(let why): why
        case .invalidAgentID(let why): why
        case .invalidPhoneNumber(let why): why
        case .invalidFromNumber(let why): why
        case .invalidProvider(let p): "Invalid provider \"\(p)\": must be one of twilio, plivo, edesy-sip"
        case .invalidVariables: "variables must be an object"
        case .invalidMetadata: "metadata must be an object"
        case .invalidCallbackURL(let why): why
        case .agentNotFound(let id): "Agent \(id) not found"
        case .agentInactive(let id): "Agent \(id) is not active"
        case .callNotFound: "Call not found"
        case .invalidLimit: "limit must be an integer from 1 to 100"
        case .invalidOffset: "offset must be a non-negative integer"
        case .invalidStatus(let s): "Invalid status \"\(s)\": must be one of initiated, in-progress, completed, failed"
        case .invalidDate(let field): "\(field) must be an ISO 8601 date"
        case .notFound: "Not found"
        case .methodNotAllowed: "Method not allowed"
        case .payloadTooLarge(let limit): "Request body exceeds \(limit) bytes"
        case .rateLimited: "Too many requests"
        case .internalError: "Internal server error"
        case .unavailable: "Service temporarily unavailable"
        }
    }

    /// The rendered answer; a 405 also names the allowed methods in `Allow`.
    var response: ProviderResponse {
        var headers: [Header] = []
        if case .methodNotAllowed(let allowed) = self { headers.append(Header("Allow", allowed.joined(separator: ", "))) }
        return .json(status, .obj(["success": false, "error": .string(message), "code": .string(code)]), headers: headers)
    }

    /// The same answer, attributed to the workspace in the journal.
    func response(account: String?) -> ProviderResponse {
        var r = response
        r.account = account
        return r
    }
}
