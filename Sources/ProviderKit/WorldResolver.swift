import TelesimCore

/// Finds the world a request belongs to: the sandbox that owns its credential, else the root world.
public protocol WorldResolver: Sendable {
    func world(forCredential credential: String?) -> World
}
