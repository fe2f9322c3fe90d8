import TelesimCore

/// Sends one HTTP request for the scenario runner. TelesimWebhooks implements it over
/// AsyncHTTPClient; the runner itself stays free of HTTP libraries.
public protocol RunnerHTTPClient: Sendable {
    func exchange(method: String, url: String, headers: [Header], body: [UInt8]?) async throws -> RunnerHTTPResponse
}

public struct RunnerHTTPResponse: Sendable {
    public var status: Int
    public var headers: [Header]
    public var body: String

    public init(status: Int, headers: [Header], body: String) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The outcome of one step.
public struct StepResult: Sendable {
    public enum Outcome: String, Sendable { case passed, failed, skipped }
    public var index: Int
    public var line: Int
    public var name: String
    public var outcome: Outcome
    /// Why it failed: what was expected, what came.
    public var message: String?
    /// A line diff of expected against actual, when a body did not match.
    public var diff: String?
    public var durationMs: Double
}

/// The outcome of one file.
public struct FileResult: Sendable {
    public var file: String
    public var scenario: String
    /// Problems that made the file invalid (exit 2): it ran no step.
    public var problems: [String]
    public var steps: [StepResult]
    public var durationMs: Double

    public var passed: Bool { problems.isEmpty && steps.allSatisfy { $0.outcome != .failed } }
}
