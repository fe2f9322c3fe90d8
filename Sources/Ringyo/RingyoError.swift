import ProviderKit
import TelesimCore

/// Ringyo's error catalogue: every error this adapter returns, with its HTTP status, rendered as
/// `{"error":{"code","message","details"},"meta":{"request_id"}}`.
///
/// The create-call page lists the codes without statuses; the statuses are INFERRED (see README).
enum RingyoError: Error, Sendable {
    case unauthorized
    case invalidRequest(String, field: String?)
    case invalidPhoneNumber(String)
    case agentNotFound(String)
    case invalidFromNumber(String)
    case insufficientCredits(available: Int64, needed: Int64)
    case tooManyConcurrentCalls(limit: Int)
    case rateLimited(RateDecision)
    case callNotFound(String)
    case invalidCursor
    case invalidDateFormat(String)
    case idempotencyConflict
    case notFound(path: String)
    case methodNotAllowed([String])
    case payloadTooLarge(Int)
    case internalError
    case unavailable

    var status: Int {
        switch self {
        case .unauthorized: 401
        case .invalidRequest, .invalidPhoneNumber, .invalidFromNumber, .invalidCursor, .invalidDateFormat: 400
        case .agentNotFound, .callNotFound, .notFound: 404
        case .insufficientCredits: 402
        case .tooManyConcurrentCalls, .rateLimited: 429
        case .idempotencyConflict: 409
        case .methodNotAllowed: 405
        case .payloadTooLarge: 413
        case .internalError: 500
        case .unavailable: 503
        }
    }

    var code: String {
        switch self {
        case .unauthorized: "unauthorized"
        case .invalidRequest: "invalid_request"
        case .invalidPhoneNumber: "invalid_phone_number"
        case .agentNotFound: "agent_not_found"
        case .invalidFromNumber: "invalid_from_number"
        case .insufficientCredits: "insufficient_credits"
        case .tooManyConcurrentCalls, .rateLimited: "rate_limit_exceeded"
        case .callNotFound: "call_not_found"
        case .invalidCursor: "invalid_cursor"
        case .invalidDateFormat: "invalid_date_format"
        case .idempotencyConflict: "idempotency_conflict"
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .payloadTooLarge: "payload_too_large"
        case .internalError: "internal_error"
        case .unavailable: "service_unavailable"
        }
    }

    var message: String {
        switch self {
        case .unauthorized: "Invalid or missing API key"
        case .invalidRequest(let m, _): m
        case .invalidPhoneNumber: "Phone number is not in valid E.164 format"
        case .agentNotFound: "The specified agent_id does not exist"
        case .invalidFromNumber: "The from_number is not owned by your account"
        case .insufficientCredits: "Account doesn't have enough credits"
        case .tooManyConcurrentCalls: "Too many concurrent calls"
        case .rateLimited: "Too many requests"
        case .callNotFound: "The specified call does not exist"
        case .invalidCursor: "The cursor is invalid or expired"
        case .invalidDateFormat: "Dates must be ISO 8601"
        case .idempotencyConflict: "This Idempotency-Key was already used with a different request body"
        case .notFound(let path): "No route for \(path)"
        case .methodNotAllowed: "Method not allowed"
        case .payloadTooLarge(let limit): "Request body exceeds \(limit) bytes"
        case .internalError: "Internal server error"
        case .unavailable: "Service temporarily unavailable"
        }
    }

    var details: JSON {
        switch self {
        case .invalidRequest(_, let field?): .obj(["field": .string(field)])
        case .invalidPhoneNumber(let n): .obj(["field": "phone_number", "value": .string(n)])
        case .agentNotFound(let a): .obj(["agent_id": .string(a)])
        case .invalidFromNumber(let n): .obj(["from_number": .string(n)])
        case .insufficientCredits(let available, let needed): .obj(["available": Money.json(available), "required": Money.json(needed)])
        case .tooManyConcurrentCalls(let limit): .obj(["max_concurrent_calls": .int(Int64(limit))])
        case .rateLimited(let d): .obj(["limit": .int(Int64(d.limit)), "reset": .int(d.resetAt / 1000)])
        case .callNotFound(let id): .obj(["call_id": .string(id)])
        case .invalidDateFormat(let field): .obj(["field": .string(field)])
        case .methodNotAllowed(let allowed): .obj(["allowed": .array(allowed.map(JSON.string))])
        default: .object([])
        }
    }

    /// The rendered response; `requestID` comes from the world's seeded generator.
    func response(requestID: String, headers: [Header] = []) -> ProviderResponse {
        var extra = headers
        if case .rateLimited(let d) = self { extra = RingyoAdapter.rateHeaders(d) }
        if case .methodNotAllowed(let allowed) = self { extra.append(Header("Allow", allowed.joined(separator: ", "))) }
        return .json(status, .obj([
            "error": .obj(["code": .string(code), "message": .string(message), "details": details]),
            "meta": .obj(["request_id": .string(requestID)]),
        ]), headers: extra)
    }
}
