import Hummingbird
import HummingbirdTesting
import TelesimCore
import TelesimWebhooks

/// A request as the receiver saw it.
struct Received: Sendable {
    var path: String
    /// `Host` arrives as the request's authority, not as a header field.
    var authority: String?
    var headers: [Header]
    var body: String

    /// The first value of header `name`, compared case-insensitively as HTTP does.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// What the receiver has been sent, in order.
actor Inbox {
    private(set) var received: [Received] = []
    /// Called by the receiver's route for every request.
    func record(_ request: Received) { received.append(request) }
}

/// Runs a real Hummingbird receiver on a free local port with one route per behaviour a webhook
/// endpoint can show, and a transport with `configuration`, shut down however `body` ends.
func withReceiver(
    configuration: HTTPWebhookTransport.Configuration = .init(),
    baseURL: WebhookBaseURL = WebhookBaseURL(),
    _ body: @escaping @Sendable (_ port: Int, _ transport: HTTPWebhookTransport, _ inbox: Inbox) async throws -> Void
) async throws {
    let inbox = Inbox()
    let router = Router()
    router.post("/hook") { request, _ -> Response in
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let headers = request.headers.map { Header($0.name.rawName, $0.value) }
        await inbox.record(Received(path: request.uri.path, authority: request.head.authority, headers: headers,
                                    body: String(buffer: buffer)))
        return Response(status: .ok, body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"received":true}"#)))
    }
    router.post("/fail") { _, _ -> Response in
        Response(status: .internalServerError, body: ResponseBody(byteBuffer: ByteBuffer(string: "boom")))
    }
    router.post("/slow") { _, _ -> HTTPResponse.Status in
        try await Task.sleep(for: .milliseconds(1500))
        return .ok
    }
    // Promises more than it sends, then drops the connection.
    router.post("/cut") { _, _ -> Response in
        Response(status: .ok, headers: [.contentLength: "1000"], body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "partial"))
            throw CancellationError()
        })
    }
    // Streams without end, until the client goes away. Paced, because a loop that never suspends
    // starves the receiver's own event loop before its response head goes out.
    router.post("/endless") { _, _ -> Response in
        Response(status: .ok, body: ResponseBody { writer in
            let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 1024)
            while true {
                try await writer.write(chunk)
                try await Task.sleep(for: .milliseconds(1))
            }
        })
    }
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    try await app.test(.live) { client in
        let transport = HTTPWebhookTransport(baseURL: baseURL, configuration: configuration)
        do {
            try await body(client.port!, transport, inbox)
        } catch {
            try await transport.shutdown()
            throw error
        }
        try await transport.shutdown()
    }
}

extension WebhookRequest {
    /// A JSON webhook with the defaults every test shares.
    static func json(_ url: String, body: String = #"{"event":"call.answered","id":"c1"}"#,
                     signature: SignatureSpec? = nil, simulatedAt: Int64 = 1_700_000_000_000) -> WebhookRequest {
        WebhookRequest(url: url, headers: [Header("Content-Type", "application/json"), Header("X-Event", "call.answered")],
                       body: body, signature: signature, simulatedAt: simulatedAt)
    }
}
