import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import TelesimApp
import TelesimCore

/// A response as tests read it: status, headers, body text and parsed JSON.
public struct Reply: Sendable {
    public let status: Int
    public let headers: HTTPFields
    public let text: String

    /// The body parsed as JSON (`.null` if it is not JSON).
    public var json: JSON { (try? JSON.parse(text)) ?? .null }

    public func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
}

/// Runs a test against a fresh in-process telesim: the default world, or a scenario's text.
///
/// `mode: .live` (the default) serves on a loopback port, so requests take the path users' requests
/// take (`ProviderChannelHandler` for provider paths); `.router` calls Hummingbird's responder
/// directly, without sockets, which answers provider requests through `ProviderDispatcher.respond`.
public struct TestSimulator: Sendable {
    public let client: any TestClientProtocol
    public let app: TelesimApplication

    public var root: World { app.root }

    public static func run(scenario: String? = nil, mode: TestingSetup = .live, arguments: AppArguments = AppArguments(port: 0),
                           _ body: @Sendable (TestSimulator) async throws -> Void) async throws {
        var args = arguments
        var tempFile: String?
        if let scenario {
            let path = NSTemporaryDirectory() + "telesim-test-\(UUID().uuidString).yaml"
            try scenario.write(toFile: path, atomically: true, encoding: .utf8)
            args.scenarios = [path]
            tempFile = path
        }
        defer { if let tempFile { try? FileManager.default.removeItem(atPath: tempFile) } }
        let built = try await buildApplication(args)
        do {
            try await built.application().test(mode) { client in
                if let port = client.port { await built.setBaseURL("http://127.0.0.1:\(port)") }
                try await body(TestSimulator(client: client, app: built))
            }
        } catch {
            await built.shutdown()
            throw error
        }
        await built.shutdown()
    }

    /// Sends a request; `json` is sent as the body with `Content-Type: application/json`.
    @discardableResult
    public func send(_ method: HTTPRequest.Method, _ path: String, headers: [String: String] = [:], json: String? = nil, body: String? = nil) async throws -> Reply {
        var fields = HTTPFields()
        for (k, v) in headers.sorted(by: { $0.key < $1.key }) { if let name = HTTPField.Name(k) { fields.append(HTTPField(name: name, value: v)) } }
        var payload: ByteBuffer?
        if let json {
            if fields[.contentType] == nil { fields[.contentType] = "application/json" }
            payload = ByteBuffer(string: json)
        } else if let body {
            payload = ByteBuffer(string: body)
        }
        let response = try await client.executeRequest(uri: path, method: method, headers: fields, body: payload)
        return Reply(status: Int(response.status.code), headers: response.headers, text: String(buffer: response.body))
    }

    /// Moves the virtual clock, running everything due (webhooks included) before returning.
    public func advance(_ by: String) async throws {
        let r = try await send(.post, "/_telesim/clock/advance", json: "{\"by\":\"\(by)\"}")
        precondition(r.status == 200, "advance failed: \(r.status) \(r.text)")
    }
}
