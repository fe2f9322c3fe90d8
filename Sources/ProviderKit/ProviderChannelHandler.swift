import Dispatch
import HTTPTypes
import HummingbirdCore
import Logging
import NIOHTTP1
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

/// Answers provider requests on the connection's own event loop, synchronously, straight from
/// the bytes read: the request is parsed, routed, run in one transaction on its world, journalled
/// and its answer written, without leaving the thread that read it and without HTTP decoding,
/// encoding or type conversion in between.
///
/// It is the first handler of each connection's pipeline, ahead of Hummingbird's HTTP/1.1 decoder
/// (see `ProviderHTTP1Channel`). Hummingbird gets, byte for byte:
/// - admin paths (`/_telesim/…`), paths no provider owns, and bodies over the limit (its 413);
/// - requests to a world with fault rules (a fault may delay its answer or drop the connection,
///   which the asynchronous path does);
/// - every request that arrives while one handed on is still unanswered, so a pipelining client
///   gets its answers in order (`HandedOnCounter` sees Hummingbird's answers go out);
/// - the whole rest of a connection once a request is not one `RequestHead` reads (HTTP/1.0,
///   chunked bodies, `Expect`, malformed heads): its decoder answers or refuses it as always.
///
/// Both paths route and answer through the same `ProviderDispatcher.route` and `answer`, and write
/// the same bytes (the status line NIO writes, the provider's headers, then Content-Length and
/// Date, as Hummingbird does). Hummingbird's own path costs about twice the CPU per request (a
/// task per connection, two hops between the event loop and the task pool, HTTP decoding into
/// three representations): see bench/README.md.
public final class ProviderChannelHandler: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = ByteBuffer
    public typealias InboundOut = ByteBuffer
    public typealias OutboundOut = ByteBuffer

    private enum Mode {
        /// Reading requests: the next one starts at `pending`'s reader index.
        case reading
        /// Passing the body of a request handed on to Hummingbird: the bytes still to pass.
        case forwarding(Int)
        /// Everything goes to Hummingbird from here on.
        case passingThrough
        /// Answered a `Connection: close` request: nothing more is read.
        case closing
    }

    /// A request of ours whose head is read and whose body is still arriving.
    private struct Awaiting {
        let head: RequestHead
        let entry: ProviderDispatcher.Entry
        let path: String
        let query: String
        let started: UInt64
    }

    let dispatcher: ProviderDispatcher
    /// The largest head `RequestHead` reads (Hummingbird's decoder allows as much).
    let maxHeadLength: Int
    private var mode = Mode.reading
    /// Bytes read and not yet consumed.
    private var pending: ByteBuffer?
    private var awaiting: Awaiting?
    /// Requests handed to Hummingbird whose answer has not gone out yet.
    private var handedOn = 0
    /// Answers written but not yet handed to the loop's flusher (at the end of this read: see `LoopFlusher`).
    private var needsFlush = false
    /// A graceful-shutdown request that came in the middle of a request; passed on after answering it.
    private var quiesce: Any?
    private var flusher: LoopFlusher?

    public init(dispatcher: ProviderDispatcher, maxHeadLength: Int = 80 * 1024) {
        self.dispatcher = dispatcher
        self.maxHeadLength = maxHeadLength
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch mode {
        case .passingThrough:
            context.fireChannelRead(data)
        case .closing:
            break
        case .reading, .forwarding:
            var bytes = unwrapInboundIn(data)
            if pending == nil || pending!.readableBytes == 0 {
                pending = bytes
            } else {
                pending!.writeBuffer(&bytes)
            }
            process(context)
        }
    }

    /// Consumes every whole request (or forwarded body part) in `pending`.
    private func process(_ context: ChannelHandlerContext) {
        while var buffer = pending, buffer.readableBytes > 0 {
            switch mode {
            case .forwarding(let remaining):
                let part = buffer.readSlice(length: min(remaining, buffer.readableBytes))!
                mode = remaining == part.readableBytes ? .reading : .forwarding(remaining - part.readableBytes)
                pending = buffer
                context.fireChannelRead(wrapInboundOut(part))
            case .reading:
                guard readRequest(context, &buffer) else { return }
            case .passingThrough, .closing:
                return
            }
        }
        pending = nil
        passOnQuiesce(context)
    }

    /// Reads one request from `buffer` and answers or hands it on; false when it has not all arrived
    /// (or the connection is now passed through or closing).
    private func readRequest(_ context: ChannelHandlerContext, _ buffer: inout ByteBuffer) -> Bool {
        if awaiting == nil {
            let parse = buffer.withUnsafeReadableBytes { RequestHead.parse($0, maxLength: maxHeadLength) }
            switch parse {
            case .incomplete:
                return false
            case .unsupported:
                passThrough(context)
                return false
            case .head(let head):
                let uri = URI(head.target)
                let path = uri.path
                guard handedOn == 0, head.contentLength <= dispatcher.maxBodySize, !ProviderDispatcher.isAdminPath(path),
                      let entry = dispatcher.entry(for: path) else {
                    // Hummingbird's: the head now, the body as it arrives.
                    handedOn += 1
                    let headBytes = buffer.readSlice(length: head.length)!
                    if head.contentLength > 0 { mode = .forwarding(head.contentLength) }
                    pending = buffer
                    context.fireChannelRead(wrapInboundOut(headBytes))
                    return true
                }
                awaiting = Awaiting(head: head, entry: entry, path: path, query: uri.query ?? "", started: DispatchTime.now().uptimeNanoseconds)
            }
        }
        let request = awaiting!
        let total = request.head.length + request.head.contentLength
        guard buffer.readableBytes >= total else { return false }
        awaiting = nil
        let bytes = buffer.readSlice(length: total)!
        pending = buffer
        let body = bytes.getBytes(at: bytes.readerIndex + request.head.length, length: request.head.contentLength) ?? []
        let incoming = ProviderDispatcher.Incoming(method: request.head.method, path: request.path, query: request.query,
                                                   headers: request.head.fields, authority: request.head.authority,
                                                   body: body, tooLarge: false, started: request.started)
        let routed = dispatcher.route(incoming, request.entry)
        guard !routed.world.hasFaultRules else {
            handedOn += 1
            context.fireChannelRead(wrapInboundOut(bytes))
            return true
        }
        let response = dispatcher.answer(routed)
        var out = context.channel.allocator.buffer(capacity: response.body.utf8.count + 256)
        ProviderDispatcher.write(response, into: &out)
        if request.head.close {
            // As Hummingbird does: no further request is read on this connection.
            mode = .closing
            pending = nil
            needsFlush = false
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(out)).whenComplete { _ in channel.close(promise: nil) }
            return false
        }
        context.write(wrapOutboundOut(out), promise: nil)
        needsFlush = true
        return true
    }

    /// Leaves the rest of the connection, from the first unconsumed byte, to Hummingbird.
    private func passThrough(_ context: ChannelHandlerContext) {
        mode = .passingThrough
        awaiting = nil
        let rest = pending
        pending = nil
        if let rest, rest.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(rest)) }
        passOnQuiesce(context)
    }

    /// Called by `HandedOnCounter` when Hummingbird's answer to a request handed on goes out.
    func handedOnAnswered() {
        if handedOn > 0 { handedOn -= 1 }
    }

    /// Passes on a shutdown request held while a request was read. Hummingbird's connection handler
    /// closes the connection on it once no request it has seen is unanswered, so an answer of ours
    /// goes out first (a close drops writes still waiting for a flush).
    private func passOnQuiesce(_ context: ChannelHandlerContext) {
        guard let event = quiesce, !isMidRequest else { return }
        quiesce = nil
        needsFlush = false
        context.flush()  // also answers waiting for the loop's flush (see LoopFlusher)
        context.fireUserInboundEventTriggered(event)
    }

    /// Part of a request of ours has been read (Hummingbird has not seen it).
    private var isMidRequest: Bool {
        if case .reading = mode { return (pending?.readableBytes ?? 0) > 0 }
        return false
    }

    /// Answers go out once the event loop has read every connection that was ready (see
    /// `LoopFlusher`), not at the end of each connection's read.
    public func channelReadComplete(context: ChannelHandlerContext) {
        if needsFlush {
            needsFlush = false
            if flusher == nil { flusher = LoopFlusher.current(context.eventLoop) }
            flusher!.add(context.channel)
        }
        context.fireChannelReadComplete()
    }

    public func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            if isMidRequest {
                quiesce = event
                return
            }
            // Hummingbird may close the connection on it: answers waiting for the loop's flush go first.
            needsFlush = false
            context.flush()
        }
        if let event = event as? ChannelEvent, event == .inputClosed, isMidRequest {
            // The client will send no more: its partial request goes to Hummingbird's decoder, which
            // treats a truncated request as it always has.
            passThrough(context)
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// Flushes the answers of every connection an event loop read in one pass together, once the pass
/// is over (NIO runs tasks submitted during a pass right after it, before it waits for more I/O).
///
/// Flushing each connection as soon as it was read put one `write` between every two requests the
/// loop handled; on loopback each write wakes the client's sleeping thread (in a VM, an
/// inter-processor interrupt), and that wakeup was a quarter of the server's CPU per request.
/// Written back to back, the answers wake the client once per pass: +35-45% creates per second
/// with less CPU per request, and a lower p99 (bench/README.md). An answer waits at most for the
/// rest of the pass (the other connections' requests that were ready at the same time).
///
/// One per event loop, used only on that loop's thread.
final class LoopFlusher: @unchecked Sendable {
    private static let all = Mutex<[ObjectIdentifier: LoopFlusher]>([:])

    /// Held so that the loop's identifier, the key in `all`, is never reused by another loop.
    private let loop: any EventLoop
    private var channels: [any Channel] = []
    private var scheduled = false

    private init(loop: any EventLoop) {
        self.loop = loop
    }

    /// The flusher of an event loop (made once per loop); used only on that loop.
    static func current(_ loop: any EventLoop) -> LoopFlusher {
        all.withLock { flushers in
            if let flusher = flushers[ObjectIdentifier(loop)] { return flusher }
            let flusher = LoopFlusher(loop: loop)
            flushers[ObjectIdentifier(loop)] = flusher
            return flusher
        }
    }

    func add(_ channel: any Channel) {
        channels.append(channel)
        guard !scheduled else { return }
        scheduled = true
        loop.assumeIsolatedUnsafeUnchecked().execute { self.flushAll() }
    }

    private func flushAll() {
        scheduled = false
        let batch = channels
        channels.removeAll(keepingCapacity: true)
        for channel in batch { channel.flush() }
    }
}

/// Sits behind Hummingbird's HTTP codec and tells `ProviderChannelHandler` when the answer to a
/// request it handed on has gone out (the end of each response Hummingbird writes).
final class HandedOnCounter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart
    let front: ProviderChannelHandler

    init(front: ProviderChannelHandler) {
        self.front = front
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { front.handedOnAnswered() }
        context.write(data, promise: promise)
    }
}

/// Hummingbird's HTTP/1.1 child channel with `ProviderChannelHandler` in front of its decoder and
/// `HandedOnCounter` behind its codec, one pair per connection.
public struct ProviderHTTP1Channel: ServerChildChannel {
    public typealias Value = HTTP1Channel.Value
    let base: HTTP1Channel
    let dispatcher: ProviderDispatcher

    public init(responder: @escaping HTTPChannelHandler.Responder, dispatcher: ProviderDispatcher) {
        self.base = HTTP1Channel(responder: responder)
        self.dispatcher = dispatcher
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let front = ProviderChannelHandler(dispatcher: dispatcher, maxHeadLength: base.configuration.httpDecoder.maxHeaderListSize)
        do {
            try channel.pipeline.syncOperations.addHandler(front)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        // Hummingbird asks for its additional handlers while it sets the channel up, on its event loop.
        let counter = NIOLoopBound(HandedOnCounter(front: front), eventLoop: channel.eventLoop)
        let withCounter = HTTP1Channel(responder: base.responder, configuration: .init(additionalChannelHandlers: [counter.value]))
        return withCounter.setup(channel: channel, logger: logger)
    }

    public func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with provider requests answered at the front of each connection (see `ProviderHTTP1Channel`).
    public static func providers(_ dispatcher: ProviderDispatcher) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in ProviderHTTP1Channel(responder: responder, dispatcher: dispatcher) }
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
