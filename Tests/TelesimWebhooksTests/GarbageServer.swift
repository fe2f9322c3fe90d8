import NIOCore
import NIOPosix

/// A TCP server that answers anything with bytes that are not HTTP, then hangs up: the receiver
/// Hummingbird cannot play, since it always speaks HTTP.
struct GarbageServer {
    let channel: any Channel

    /// The port it bound, free at the time.
    var port: Int { channel.localAddress?.port ?? 0 }

    /// Binds on 127.0.0.1, any free port.
    static func start() async throws -> GarbageServer {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Handler()) }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        return GarbageServer(channel: channel)
    }

    /// Closes the listening socket.
    func stop() async throws {
        try await channel.close()
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "SSH-2.0-OpenSSH_9.6\r\nnot http at all\r\n\r\n")), promise: nil)
            context.close(promise: nil)
        }
    }
}
