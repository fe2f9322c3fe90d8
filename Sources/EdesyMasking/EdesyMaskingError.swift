import ProviderKit
import TelesimCore

/// Edesy number masking's error catalogue: every error this adapter returns, with its HTTP status,
/// rendered as `{"error":{"code","message"}}`.
///
/// The eight codes and their statuses are DOCUMENTED on the errors page; two messages are quoted
/// from the initiate-call page (insufficient_balance, invalid_numbers for the same number); the
/// other messages, and the three edge errors that page does not list (405, 413, 503), are INFERRED
/// (see README).
enum EdesyMaskingError: Error, Sendable, Equatable {
    /// Missing, malformed or unknown API key.
    case unauthorized
    /// The body could not be parsed as a JSON object (or was sent as something other than JSON).
    case invalidRequest
    /// A field is missing, of the wrong type, or out of its range; the message names the field.
    case validation(String)
    /// Party A and Party B are the same number.
    case sameNumbers
    /// A party is not a valid 10-digit Indian mobile number; the associated value is `party_a` or `party_b`.
    case invalidNumber(String)
    case insufficientBalance
    /// An unknown call_sid, or one of another workspace.
    case callNotFound
    /// No masking route at this path.
    case routeNotFound
    /// Over the workspace's masking rate limit; `retryAfter` in seconds of simulated time.
    case rateLimited(retryAfter: Int64)
    case internalError
    case methodNotAllowed([String])
    case payloadTooLarge(Int)
    case unavailable

    /// The HTTP status, as the errors page pairs it with each code.
    var status: Int {
        switch self {
        case .unauthorized: 401
        case .invalidRequest, .validation, .sameNumbers, .invalidNumber: 400
        case .insufficientBalance: 402
        case .callNotFound, .routeNotFound: 404
        case .methodNotAllowed: 405
        case .payloadTooLarge: 413
        case .rateLimited: 429
        case .internalError: 500
        case .unavailable: 503
        }
    }

    /// The documented machine-readable code clients switch on.
    var code: String {
        switch self {
        case .unauthorized: "unauthorized"
        case .invalidRequest: "invalid_request"
        case .validation: "validation_error"
        case .sameNumbers, .invalidNumber: "invalid_numbers"
        case .insufficientBalance: "insufficient_balance"
        case .callNotFound, .routeNotFound: "not_found"
        case .rateLimited: "rate_limited"
        case .internalError: "internal_error"
        case .methodNotAllowed: "method_not_allowed"
        case .payloadTooLarge: "payload_too_large"
        case .unavailable: "service_unavailable"
        }
    }

    /// The human-readable text; quoted from the seed where the seed shows it.
    var message: String {
        switch self {
        case .unauthorized: "Missing or invalid API key."
        case .invalidRequest: "Request body could not be parsed."
        case .validation(let m): m
        case .sameNumbers: "Party A and Party B cannot be the same number."
        case .invalidNumber(let field):
            "\(field == "party_a" ? "Party A" : "Party B") must be a valid 10-digit Indian mobile number."
        case .insufficientBalance: "Insufficient balance. Please add funds to continue making calls."
        case .callNotFound: "The call_sid does not exist for your tenant."
        case .routeNotFound: "The requested resource was not found."
        case .rateLimited: "Rate limit exceeded. Please retry after some time."
        case .internalError: "An internal error occurred. Please try again later."
        case .methodNotAllowed: "Method not allowed."
        case .payloadTooLarge(let limit): "Request body exceeds \(limit) bytes."
        case .unavailable: "Service temporarily unavailable. Please try again later."
        }
    }

    /// The rendered response: the error body, plus `Retry-After` on 429 and `Allow` on 405.
    var response: ProviderResponse {
        var headers: [Header] = []
        if case .rateLimited(let retryAfter) = self { headers.append(Header("Retry-After", String(max(1, retryAfter)))) }
        if case .methodNotAllowed(let allowed) = self { headers.append(Header("Allow", allowed.joined(separator: ", "))) }
        return .json(status, .obj(["error": .obj(["code": .string(code), "message": .string(message)])]), headers: headers)
    }
}
