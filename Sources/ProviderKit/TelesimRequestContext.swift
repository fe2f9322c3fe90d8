import HTTPTypes
import Hummingbird
import NIOCore

/// The request context of every route: Hummingbird's core storage plus the connection, which a
/// `drop` fault closes without answering.
public struct TelesimRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Bodies are collected by telesim itself (with each provider's own 413), so Hummingbird's own cap is generous.
    public var maxUploadSize: Int { 8 * 1024 * 1024 }
}
