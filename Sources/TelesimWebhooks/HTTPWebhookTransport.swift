import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import TelesimCore

/// Delivers webhook attempts over HTTP: the production `WebhookTransport`.
///
/// One attempt is one POST, with no retries and no redirects followed: the world schedules retries on
/// the simulated clock and records every attempt, so anything hidden here would be missing from the
/// delivery log. `send` never throws: every failure becomes a result with `status == nil` and a short
/// `error`, and any answer, 2xx or not, a result with its status.
///
/// A final class because it owns an `HTTPClient`, which must be shut down exactly once: call
/// ``shutdown()`` when the server stops (AsyncHTTPClient traps in debug builds on a client released
/// while still running).
public final class HTTPWebhookTransport: WebhookTransport {
    /// What `${telesim}` in a webhook URL expands to; set it once the server knows its port.
    public let baseURL: WebhookBaseURL
    /// The limits every attempt runs under.
    public let configuration: Configuration

    private let client: HTTPClient
    private let logger: Logger

    /// How much of an answer the delivery log keeps.
    static let excerptBytes = 512

    /// Creates the transport and its HTTP client on the process-wide NIO event loop group, which it
    /// shares with the server rather than starting threads of its own.
    ///
    /// - Parameters:
    ///   - baseURL: where `${telesim}` points; pass an empty one and set it after binding.
    ///   - configuration: timeouts and limits, see ``Configuration``.
    ///   - logger: for connection-level events; attempts themselves are recorded by the world.
    public init(baseURL: WebhookBaseURL = WebhookBaseURL(), configuration: Configuration = Configuration(),
                logger: Logger = Logger(label: "telesim.webhooks")) {
        self.baseURL = baseURL
        self.configuration = configuration
        self.logger = logger
        var http = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .milliseconds(configuration.connectTimeout.wholeMilliseconds),
                           read: .milliseconds(configuration.timeout.wholeMilliseconds)),
            decompression: .disabled
        )
        // A refused connection is an answer worth recording now, not after the pool's own backoff.
        http.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: http,
                            backgroundActivityLogger: logger)
    }

    /// Closes the HTTP client and its connections. Call once, after the last `send`.
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends one attempt and reports what came of it; see the type's documentation.
    ///
    /// `sentHeaders` is returned even when nothing could be sent (an invalid URL), because the world
    /// keeps it as the delivery's headers for the next attempt.
    public func send(_ request: WebhookRequest) async -> WebhookResult {
        let startedAt = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        let clock = ContinuousClock()
        let start = clock.now
        func result(status: Int?, error: String?, headers: [Header], excerpt: String?) -> WebhookResult {
            WebhookResult(status: status, error: error, durationMs: (clock.now - start).wholeMillisecondsOrZero,
                          sentHeaders: headers, responseExcerpt: excerpt, startedAt: startedAt)
        }

        let target: WebhookTarget
        do throws(WebhookTarget.Invalid) {
            target = try WebhookTarget(request.url, baseURL: await baseURL.value)
        } catch {
            let headers = WebhookHeaders.assemble(for: request, hostHeader: nil, userAgent: configuration.userAgent)
            return result(status: nil, error: error.message, headers: headers, excerpt: nil)
        }
        let headers = WebhookHeaders.assemble(for: request, hostHeader: target.hostHeader, userAgent: configuration.userAgent)

        switch await exchangeWithinTimeout(url: target.url, headers: headers, body: request.body) {
        case .success(let answer):
            return result(status: answer.status, error: nil, headers: headers, excerpt: answer.excerpt)
        case .failure(let error):
            let message = WebhookFailure.message(for: error, target: target.hostHeader,
                                                 connectTimeoutMs: configuration.connectTimeout.wholeMilliseconds,
                                                 timeoutMs: configuration.timeout.wholeMilliseconds)
            logger.debug("webhook.failed", metadata: ["webhook.url": "\(target.url)", "webhook.error": "\(message)"])
            return result(status: nil, error: message, headers: headers, excerpt: nil)
        }
    }

    /// The receiver's answer as far as the delivery log cares.
    struct Answer: Sendable {
        /// Any status, 2xx or not: judging it is the world's job.
        var status: Int
        /// The first 512 bytes as UTF-8, lossy (a character cut at the limit shows as U+FFFD);
        /// `nil` for an empty body.
        var excerpt: String?
    }

    /// Runs the exchange against the overall timeout. AsyncHTTPClient's deadline stops at the
    /// response head and its read timeout only bounds silence, so a receiver trickling its body
    /// would otherwise hold the attempt for as long as it liked.
    private func exchangeWithinTimeout(url: String, headers: [Header], body: String) async -> Result<Answer, any Error> {
        let timeout = configuration.timeout
        return await withTaskGroup(of: Result<Answer, any Error>?.self) { group in
            group.addTask { await self.exchange(url: url, headers: headers, body: body) }
            group.addTask {
                do { try await Task.sleep(for: timeout) } catch { return nil }
                return .failure(WebhookFailure.TimedOut())
            }
            var outcome: Result<Answer, any Error>?
            while outcome == nil, let next = await group.next() {
                outcome = next
            }
            group.cancelAll()
            return outcome ?? .failure(CancellationError())
        }
    }

    /// One POST, reading at most `maxResponseBytes` of the answer and keeping the first 512.
    private func exchange(url: String, headers: [Header], body: String) async -> Result<Answer, any Error> {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        // Content-Length is derived by AsyncHTTPClient from the body, to the same value.
        for header in headers where header.name.lowercased() != "content-length" {
            request.headers.add(name: header.name, value: header.value)
        }
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await client.execute(
                request, timeout: .milliseconds(configuration.timeout.wholeMilliseconds), logger: logger)
            var kept: [UInt8] = []
            var read = 0
            for try await chunk in response.body {
                if kept.count < Self.excerptBytes {
                    kept += chunk.readableBytesView.prefix(Self.excerptBytes - kept.count)
                }
                read += chunk.readableBytes
                // Dropping the body stream here closes the connection instead of reading on.
                if read >= configuration.maxResponseBytes { break }
            }
            let excerpt = kept.isEmpty ? nil : String(decoding: kept, as: UTF8.self)
            return .success(Answer(status: Int(response.status.code), excerpt: excerpt))
        } catch {
            return .failure(error)
        }
    }
}

extension Duration {
    /// Elapsed whole milliseconds, for durations that may legitimately be zero.
    var wholeMillisecondsOrZero: Int64 {
        let (seconds, attoseconds) = components
        return max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
