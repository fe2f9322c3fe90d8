import Foundation
import HTTPTypes
import HummingbirdTesting
import Synchronization
import Testing
import TelesimCore
import TelesimTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The live server answers provider requests in `ProviderChannelHandler`, on the connection's
/// event loop; Hummingbird's responder (`.router` mode) answers them through
/// `ProviderDispatcher.respond`. These pin that both give the same answers, and that the channel
/// path keeps HTTP/1.1's rules: answers in request order, `Connection: close`, bodies over the limit.
@Suite struct ProviderChannelTests {
    static let ringyo = ["Authorization": "Bearer YOUR_API_KEY"]
    static let edesy = ["Authorization": "Bearer vp_live_your_api_key_here"]
    static let call = #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#

    /// Requests of every kind: created, listed, read, malformed, unauthorized, wrong method, unknown path, too large.
    typealias Sent = (method: HTTPRequest.Method, path: String, headers: [String: String], body: String?)
    static let padded: String = "{\"pad\":\"" + String(repeating: "x", count: 1 << 20) + "\"}"
    static let requests: [Sent] = [
        (.post, "/v1/calls", ringyo, call),
        (.post, "/v1/calls", ringyo, #"{"phone_number":"+1415"#),
        (.post, "/v1/calls", ["Authorization": "Bearer nope"], call),
        (.post, "/v1/calls", ringyo, #"{"phone_number":"4155551234","agent_id":"agent_abc123"}"#),
        (.get, "/v1/calls?limit=1", ringyo, nil),
        (.delete, "/v1/calls", ringyo, nil),
        (.get, "/v1/nothing/here", ringyo, nil),
        (.post, "/v1/calls", ringyo, padded),
        (.post, "/api/v1/calls", edesy, #"{"agentId":123,"phoneNumber":"9876543210"}"#),
        (.post, "/api/v1/calls", edesy, #"{"agentId":"123"}"#),
        (.get, "/api/v1/calls?limit=5", edesy, nil),
    ]

    @Test func theChannelPathAnswersExactlyAsHummingbirdsDoes() async throws {
        func answers(_ mode: TestingSetup, live: Bool) async throws -> [String] {
            let out = Lines()
            try await TestSimulator.run(mode: mode) { sim in
                for (method, path, headers, body) in Self.requests {
                    let r = try await sim.send(method, path, headers: headers, json: body)
                    out.append("\(r.status) \(r.header("Content-Type") ?? "-") \(r.text)")
                    if live {
                        #expect(r.header("Content-Length") == String(r.text.utf8.count))
                        #expect(r.header("Date")?.hasSuffix(" GMT") == true)
                    }
                }
                // The journal holds every exchange once, whichever path answered it.
                let journal = try await sim.send(.get, "/_telesim/requests?limit=100")
                for entry in journal.json["requests"]?.arrayValue ?? [] {
                    out.append(["id", "method", "path", "query", "body", "status", "response_body"].map { "\(entry[$0] ?? .null)" }.joined(separator: " "))
                }
            }
            return out.values
        }
        let live = try await answers(.live, live: true)
        let router = try await answers(.router, live: false)
        #expect(live == router)
        #expect(live.first?.hasPrefix("201 application/json") == true)
        #expect(live.count == 2 * Self.requests.count)
    }

    /// The same request answered by each path, as raw bytes: the channel path writes exactly what
    /// NIO's encoder writes for Hummingbird (status line, header names and order), but for the Date
    /// and the seeded request ids (the world's generator moves on with every answer).
    @Test func bothPathsWriteTheSameBytes() async throws {
        try await TestSimulator.run { sim in
            let port = try #require(sim.client.port)
            let requests = Self.post("/v1/calls", #"{"phone_number":"4155551234","agent_id":"agent_abc123"}"#)
                + "GET /v1/nothing HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer YOUR_API_KEY\r\n\r\n"
                + Self.post("/v1/calls", "{", close: true)
            func masked(_ text: String) -> String {
                text.split(separator: "\r\n", omittingEmptySubsequences: false).map { $0.hasPrefix("Date: ") ? "Date: -" : String($0) }
                    .joined(separator: "\r\n").replacingOccurrences(of: "req_[0-9a-f]{12}", with: "req_-", options: .regularExpression)
            }
            let channel = try await RawHTTP.exchange(port: port, requests).text
            // A fault rule that matches nothing hands every request of the world to Hummingbird.
            let added = try await sim.send(.post, "/_telesim/faults", json: #"{"match":{"provider":"voiso"},"respond":{"error":"internal"}}"#)
            #expect(added.status == 201)
            let hummingbird = try await RawHTTP.exchange(port: port, requests).text
            #expect(masked(channel) == masked(hummingbird))
            #expect(RawHTTP.answers(channel).map(\.status) == ["HTTP/1.1 400 Bad Request", "HTTP/1.1 404 Not Found", "HTTP/1.1 400 Bad Request"])
            #expect(channel.hasPrefix("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "))
        }
    }

    /// Adapters see the Host a client sends, on both paths (Voiso picks the cluster by it). A
    /// real client sends one Host header, which HTTP types keep as the request's authority.
    @Test(arguments: [false, true])
    func theHostHeaderReachesAdapters(faultWorld: Bool) async throws {
        let scenario = """
            telesim: 1
            name: hosts
            providers:
              voiso:
                contact_centers:
                  - cluster: demo
                    api_keys: [{ key: demo_key }]
                    agents: [{ user_id: 1, extension: "101" }]
                  - cluster: other
                    api_keys: [{ key: other_key }]
                    agents: [{ user_id: 1, extension: "201" }]
            """
        try await TestSimulator.run(scenario: scenario) { sim in
            let port = try #require(sim.client.port)
            if faultWorld {
                let added = try await sim.send(.post, "/_telesim/faults", json: #"{"match":{"provider":"ringyo"},"respond":{"error":"internal"}}"#)
                #expect(added.status == 201)
            }
            func start(host: String) async throws -> String {
                let body = #"{"user_id":1,"phone_number":"18885658889"}"#
                let text = try await RawHTTP.exchange(port: port, "POST /api/v4/voice/calls HTTP/1.1\r\nHost: \(host)\r\nAuthorization: Bearer demo_key\r\n"
                    + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)").text
                return RawHTTP.answers(text).first.map { "\($0.status) \($0.body)" } ?? text
            }
            #expect(try await start(host: "other.voiso.com") == #"HTTP/1.1 401 Unauthorized {"error":"Unauthorized"}"#)
            #expect(try await start(host: "demo.voiso.com:443").hasPrefix("HTTP/1.1 201 Created"))
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrderAcrossBothPaths() async throws {
        try await TestSimulator.run { sim in
            let port = try #require(sim.client.port)
            // create (channel path), health (Hummingbird), create and list (behind it: Hummingbird too), then close.
            let (text, closed) = try await RawHTTP.exchange(port: port, Self.post("/v1/calls", Self.call) + "GET /_telesim/health HTTP/1.1\r\nHost: t\r\n\r\n"
                + Self.post("/v1/calls", Self.call) + "GET /v1/calls?limit=5 HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer YOUR_API_KEY\r\nConnection: close\r\n\r\n")
            let answers = RawHTTP.answers(text)
            #expect(closed)
            #expect(answers.map(\.status) == ["HTTP/1.1 201 Created", "HTTP/1.1 200 OK", "HTTP/1.1 201 Created", "HTTP/1.1 200 OK"])
            try #require(answers.count == 4)
            let first = try JSON.parse(answers[0].body), third = try JSON.parse(answers[2].body), list = try JSON.parse(answers[3].body)
            #expect(try JSON.parse(answers[1].body)["status"] == "ok")
            #expect(list["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [third["id"]?.stringValue, first["id"]?.stringValue].compactMap { $0 })
        }
    }

    @Test func connectionCloseEndsTheConnectionAfterTheAnswer() async throws {
        try await TestSimulator.run { sim in
            let port = try #require(sim.client.port)
            // A second request after `Connection: close` is never read.
            let (text, closed) = try await RawHTTP.exchange(port: port, Self.post("/v1/calls", Self.call, close: true) + Self.post("/v1/calls", Self.call))
            #expect(closed)
            #expect(RawHTTP.answers(text).map(\.status) == ["HTTP/1.1 201 Created"])
            let list = try await sim.send(.get, "/v1/calls", headers: Self.ringyo)
            #expect(list.json["data"]?.arrayValue?.count == 1)
        }
    }

    @Test func anOversizedBodyGetsTheProvidersOwn413AndTheConnectionGoesOn() async throws {
        try await TestSimulator.run { sim in
            let port = try #require(sim.client.port)
            let big = "{\"pad\":\"" + String(repeating: "y", count: (1 << 20) + 10) + "\"}"
            let (text, closed) = try await RawHTTP.exchange(port: port, Self.post("/v1/calls", big) + Self.post("/v1/calls", Self.call, close: true))
            let answers = RawHTTP.answers(text)
            #expect(closed)
            #expect(answers.map(\.status) == ["HTTP/1.1 413 Payload Too Large", "HTTP/1.1 201 Created"])
            #expect(try JSON.parse(answers.first?.body ?? "")["error"]?["code"] == "payload_too_large")
            #expect(try await sim.send(.get, "/v1/calls", headers: Self.ringyo).json["data"]?.arrayValue?.count == 1)
        }
    }

    /// Also when the world has a fault rule (one that does not match), so the request is handed on
    /// to Hummingbird once read.
    @Test(arguments: [false, true])
    func aRequestHalfReadWhenShutdownBeginsIsAnsweredBeforeTheConnectionCloses(faultWorld: Bool) async throws {
        let outcome = Lines()
        let bodySent = Lines()
        try await TestSimulator.run { sim in
            let port = try #require(sim.client.port)
            if faultWorld {
                let added = try await sim.send(.post, "/_telesim/faults", json: #"{"match":{"provider":"voiso"},"respond":{"error":"internal"}}"#)
                #expect(added.status == 201)
            }
            let connection = try RawHTTP.Connection(port: port)
            // The head now; the body once the test has returned and the server is shutting down.
            let request = Self.post("/v1/calls", Self.call)
            let split = request.range(of: "\r\n\r\n")!.upperBound
            try connection.send(String(request[..<split]))
            // Shutdown must find the head read (a request not yet read is not answered: the
            // connection is closed, as Hummingbird does): give the event loop time to read it, with
            // room for a loaded machine (300 ms once proved too short with the whole suite running).
            try await Task.sleep(for: .seconds(1))
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: 0.5)
                try? connection.send(String(request[split...]))
                bodySent.append("sent")
                let (text, closed) = connection.readToEnd()
                outcome.append(RawHTTP.answers(text).map(\.status).joined(separator: ",") + (closed ? " closed" : " open"))
            }
        }
        // `run` returns once the server has stopped, which waits for the connection.
        for _ in 0..<100 where outcome.values.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        #expect(bodySent.values == ["sent"])
        #expect(outcome.values == ["HTTP/1.1 201 Created closed"])
    }

    static func post(_ path: String, _ body: String, close: Bool = false) -> String {
        "POST \(path) HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer YOUR_API_KEY\r\nContent-Type: application/json\r\n"
            + (close ? "Connection: close\r\n" : "") + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }
}

/// Lines a `@Sendable` test body hands back to its caller.
final class Lines: Sendable {
    private let items = Mutex<[String]>([])
    func append(_ s: String) { items.withLock { $0.append(s) } }
    var values: [String] { items.withLock { $0 } }
}

/// A blocking HTTP/1.1 exchange over one socket: writes everything at once (pipelined), reads until the server closes.
enum RawHTTP {
    struct Failure: Error { let what: String }

    /// What the server sent, and whether it closed the connection (rather than falling silent for 10 s).
    ///
    /// The blocking socket calls run on a thread of their own: on the concurrency pool they would
    /// hold one of its threads (two on a 2-core machine) while the server's tasks wait for one.
    static func exchange(port: Int, _ request: String) async throws -> (text: String, closed: Bool) {
        let result: Result<(text: String, closed: Bool), any Error> = await withCheckedContinuation { done in
            Thread.detachNewThread {
                done.resume(returning: Result {
                    let connection = try Connection(port: port)
                    try connection.send(request)
                    return connection.readToEnd()
                })
            }
        }
        return try result.get()
    }

    /// One client socket (blocking, 10 s read timeout), closed when released.
    final class Connection: @unchecked Sendable {
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(what: "socket") }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { close(fd); throw Failure(what: "connect") }
        }

        deinit { close(fd) }

        /// Writes everything (or what the server takes before closing).
        func send(_ text: String) throws {
            let bytes = Array(text.utf8)
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { return }
                sent += n
            }
        }

        /// What the server sends until it closes (`closed`) or falls silent for 10 s.
        func readToEnd() -> (text: String, closed: Bool) {
            var received: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            var n = 0
            repeat {
                n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n > 0 { received += chunk[0..<n] }
            } while n > 0
            return (String(decoding: received, as: UTF8.self), n == 0)
        }
    }

    /// The answers in `text`: each status line and body (read by its Content-Length).
    static func answers(_ text: String) -> [(status: String, body: String)] {
        var out: [(status: String, body: String)] = []
        var rest = Substring(text)
        while let headEnd = rest.range(of: "\r\n\r\n") {
            let lines = rest[..<headEnd.lowerBound].components(separatedBy: "\r\n")
            let length = lines.first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            let bodyStart = headEnd.upperBound
            let body = rest.utf8[bodyStart...].prefix(length)
            out.append((lines[0], String(decoding: body, as: UTF8.self)))
            rest = rest[rest.utf8.index(bodyStart, offsetBy: body.count)...]
        }
        return out
    }
}
