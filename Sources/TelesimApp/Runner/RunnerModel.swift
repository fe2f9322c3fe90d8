import TelesimCore

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
