import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns whatever an attempt threw into the short message the delivery log shows.
///
/// The log is read by people debugging their receiver, so the messages name the cause in their
/// terms ("connection refused", "timed out after 5000ms"), not NIO's type names.
enum WebhookFailure {
    /// The whole attempt ran past the configured timeout.
    struct TimedOut: Error {}

    /// - Parameters:
    ///   - target: `host:port` as the receiver is addressed, so the message says where it failed.
    ///   - connectTimeoutMs, timeoutMs: the configured limits, named in timeout messages.
    static func message(for error: any Error, target: String, connectTimeoutMs: Int64, timeoutMs: Int64) -> String {
        switch error {
        case is TimedOut:
            return "timed out after \(timeoutMs)ms"
        case let error as HTTPClientError:
            return message(for: error, target: target, connectTimeoutMs: connectTimeoutMs, timeoutMs: timeoutMs)
        case let error as NIOConnectionError:
            if let dns = error.dnsAError ?? error.dnsAAAAError {
                return "DNS lookup failed for \(error.host): \(dns)"
            }
            if let first = error.connectionErrors.first {
                return message(for: first.error, target: target, connectTimeoutMs: connectTimeoutMs, timeoutMs: timeoutMs)
            }
            return "could not connect to \(target)"
        case let error as IOError:
            return message(errno: error.errnoCode, target: target) ?? "I/O error talking to \(target): \(error)"
        case let error as ChannelError:
            switch error {
            case .connectTimeout:
                return "connect timed out after \(connectTimeoutMs)ms"
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed:
                return "connection closed by the receiver before the response was complete"
            default:
                return "connection error talking to \(target): \(error)"
            }
        case is SocketAddressError:
            return "DNS lookup failed for \(target): \(error)"
        case let error as HTTPParserError:
            if case .invalidEOFState = error {
                return "connection closed by the receiver before the response was complete"
            }
            return "invalid HTTP response from the receiver (\(error))"
        default:
            let text = String(describing: error)
            if text.localizedLowercase.contains("resolve") || text.contains("getaddrinfo") {
                return "DNS lookup failed for \(target): \(text)"
            }
            return "delivery failed: \(text)"
        }
    }

    private static func message(for error: HTTPClientError, target: String, connectTimeoutMs: Int64, timeoutMs: Int64) -> String {
        switch error {
        case .connectTimeout:
            return "connect timed out after \(connectTimeoutMs)ms"
        case .readTimeout, .writeTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout:
            return "timed out after \(timeoutMs)ms"
        case .remoteConnectionClosed:
            return "connection closed by the receiver before the response was complete"
        case .invalidURL, .emptyHost, .emptyScheme:
            return "invalid URL '\(target)': \(error)"
        case .cancelled:
            return "cancelled"
        case .tlsHandshakeTimeout:
            return "TLS handshake timed out"
        default:
            return "delivery failed: \(error)"
        }
    }

    private static func message(errno code: CInt, target: String) -> String? {
        switch code {
        case ECONNREFUSED: return "connection refused by \(target)"
        case ECONNRESET: return "connection reset by the receiver"
        case EPIPE: return "connection closed by the receiver while sending"
        case ETIMEDOUT: return "connection to \(target) timed out"
        case EHOSTUNREACH, ENETUNREACH: return "no route to \(target)"
        default: return nil
        }
    }
}
