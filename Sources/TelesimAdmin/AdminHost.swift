import ProviderKit
import TelesimCore
import TelesimScenario

/// What the admin API needs from the application: its worlds and how to build new ones.
/// `TelesimApp` implements it; tests can too.
public protocol AdminHost: Sendable {
    /// The root world: the one `telesim serve` loaded.
    var root: World { get }
    /// A sandbox world by id.
    func sandbox(_ id: String) -> World?
    /// A fresh world state for a scenario, wired to the provider adapters.
    func newState(for scenario: Scenario) -> WorldState
    /// Creates a sandbox world; throws `AdminError.conflict` naming a credential another sandbox owns.
    func createSandbox(_ scenario: Scenario) async throws(AdminError) -> String
    /// Deletes a sandbox; false if there was none.
    func deleteSandbox(_ id: String) async -> Bool
    /// Tells the host a world's credentials may have changed (scenario load, reset, PATCH of keys).
    func credentialsChanged(in world: World) async throws(AdminError)
    var adapters: [any ProviderAdapter] { get }
}

/// An admin failure, rendered as `{"error":"…"}` (or the scenario problem list) with its status.
public enum AdminError: Error, Sendable {
    case invalidScenario([ScenarioProblem])
    case badRequest(String)
    case notFound(String)
    case conflict(String)
    case unprocessable(String)
}
