import Dispatch
import HTTPTypes
import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization
import TelesimCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Answers provider requests on the connection's own event loop, synchronously: the request is
/// read, routed, run in one transaction on its world, journalled and answered without leaving the
/// thread that read it.
///
/// It sits in each connection's pipeline between HTTP decoding and Hummingbird (see
/// `TelesimApplication.application`). Hummingbird gets, unchanged:
/// - admin paths (`/_telesim/…`) and paths no provider owns;
/// - requests to a world with fault rules (a fault may delay its answer or drop the connection,
///   which the asynchronous path does);
/// - every request that arrives while one handed on is still unanswered, so a pipelining client
///   gets its answers in order.
///
/// Both paths route and answer through the same `ProviderDispatcher.route` and `answer`, and
/// write the same head (the provider's headers, then Content-Length and Date, as Hummingbird does).
/// Hummingbird's own path costs about twice the CPU per request (a task per connection, and two
/// hops between the event loop and the task pool per request): see bench/README.md.
public final class ProviderChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundIn = HTTPResponsePart
    public typealias OutboundOut = HTTPResponsePart

    private enum State {
        case idle
        /// Reading a request this handler answers itself.
        case reading(Reading)
        /// Passing a request's parts on to Hummingbird.
        case handingOn
    }

    private struct Reading {
        let head: HTTPRequest
        /// The provider that owns the path (found once, when the head arrived).
        let entry: ProviderDispatcher.Entry
        let path: String
        let query: String
        let started: UInt64
        var body: ByteBuffer?
        var tooLarge = false
    }

    let dispatcher: ProviderDispatcher
    private var state = State.idle
    /// Requests handed to Hummingbird whose answer has not gone out yet.
    private var handedOn = 0
    /// Answers written but not flushed (flushed once per read batch).
    private var needsFlush = false
    /// A graceful-shutdown request that came in the middle of a request; passed on after answering it.
    private var quiesce: Any?

    public init(dispatcher: ProviderDispatcher) {
        self.dispatcher = dispatcher
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch (unwrapInboundIn(data), state) {
        case (.head(let head), _):
            let uri = URI(head.path ?? "")
            let path = uri.path
            if handedOn == 0, path != "/_telesim", !path.hasPrefix("/_telesim/"), let entry = dispatcher.entry(for: path) {
                state = .reading(Reading(head: head, entry: entry, path: path, query: uri.query ?? "",
                                         started: DispatchTime.now().uptimeNanoseconds))
            } else {
                handOn(context, data)
            }
        case (.body(var part), .reading(var reading)):
            guard !reading.tooLarge else { return }
            state = .idle  // `reading` holds the only reference to the body while it grows
            let limit = dispatcher.maxBodySize
            if reading.body == nil {
                reading.body = part
            } else {
                reading.body!.writeBuffer(&part)
            }
            if reading.body!.readableBytes > limit {
                // Keep one byte past the limit: enough for Hummingbird's path to see the same 413.
                reading.body = reading.body!.getSlice(at: reading.body!.readerIndex, length: limit + 1)
                reading.tooLarge = true
            }
            state = .reading(reading)
        case (.end, .reading(let reading)):
            state = .idle
            finish(context, reading)
        case (.end, .handingOn):
            state = .idle
            context.fireChannelRead(data)
        case (.body, _), (.end, _):
            context.fireChannelRead(data)
        }
    }

    /// Passes a request's head to Hummingbird; its body and end follow it there.
    private func handOn(_ context: ChannelHandlerContext, _ head: NIOAny) {
        handedOn += 1
        state = .handingOn
        context.fireChannelRead(head)
    }

    private func finish(_ context: ChannelHandlerContext, _ reading: Reading) {
        // A body over the limit is not read, as on Hummingbird's path (the 413 is all it gets).
        let body = reading.tooLarge ? [] : reading.body.map { Array($0.readableBytesView) } ?? []
        let incoming = ProviderDispatcher.Incoming(method: reading.head.method.rawValue, path: reading.path, query: reading.query,
                                                   headers: reading.head.headerFields, body: body, tooLarge: reading.tooLarge,
                                                   started: reading.started)
        let routed = dispatcher.route(incoming, reading.entry)
        guard !routed.world.hasFaultRules else {
            handOn(context, wrapInboundOut(.head(reading.head)))
            if let part = reading.body { context.fireChannelRead(wrapInboundOut(.body(part))) }
            state = .idle
            context.fireChannelRead(wrapInboundOut(.end(nil)))
            passOnQuiesce(context)
            return
        }
        let response = dispatcher.answer(routed)
        let buffer = context.channel.allocator.buffer(string: response.body)
        let head = HTTPResponse(status: .init(code: response.status), headerFields: ProviderDispatcher.headerFields(response, bodyLength: buffer.readableBytes))
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(buffer)), promise: nil)
        if reading.head.headerFields[.connection] == "close" {
            // As Hummingbird does: no further request is read on this connection.
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            needsFlush = false
        } else {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            needsFlush = true
        }
        passOnQuiesce(context)
    }

    /// Passes on a shutdown request held while a request was read. Hummingbird's connection handler
    /// closes the connection on it once no request it has seen is unanswered, so an answer of ours
    /// goes out first (a close drops writes still waiting for a flush).
    private func passOnQuiesce(_ context: ChannelHandlerContext) {
        guard let event = quiesce else { return }
        quiesce = nil
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireUserInboundEventTriggered(event)
    }

    public func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    /// Hummingbird's answers pass through here on their way out: the end of one means a request
    /// handed on is answered.
    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), handedOn > 0 { handedOn -= 1 }
        context.write(data, promise: promise)
    }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, case .reading = state {
            quiesce = event
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// The `Date` header's value (RFC 9110 IMF-fixdate), formatted once per second.
enum HTTPDate {
    private static let cache = Mutex<(second: Int, text: String)>((-1, ""))
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static var now: String {
        var t = time(nil)
        let second = Int(t)
        return cache.withLock { cached in
            if cached.second == second { return cached.text }
            var parts = tm()
            gmtime_r(&t, &parts)
            func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
            let text = "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(1900 + parts.tm_year) "
                + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
            cached = (second, text)
            return text
        }
    }
}
