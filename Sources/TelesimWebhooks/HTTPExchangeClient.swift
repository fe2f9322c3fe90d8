import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TelesimCore

/// A plain HTTP client for the scenario runner (`telesim run`): one request, the whole answer
/// (up to 16 MiB), no retries, no redirects.
public final class HTTPExchangeClient: RunnerHTTPClient {
    private let client: HTTPClient
    private let timeout: TimeAmount

    public init(timeout: Duration = .seconds(30)) {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, decompression: .disabled)
        configuration.connectionPool.retryConnectionEstablishment = false
        client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        self.timeout = .milliseconds(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
    }

    public func exchange(method: String, url: String, headers: [Header], body: [UInt8]?) async throws -> RunnerHTTPResponse {
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        for h in headers { request.headers.add(name: h.name, value: h.value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: timeout)
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return RunnerHTTPResponse(status: Int(response.status.code), headers: response.headers.map { Header($0.name, $0.value) },
                                  body: String(buffer: buffer))
    }

    /// Closes the client; call once when done.
    public func shutdown() async throws { try await client.shutdown() }
}
