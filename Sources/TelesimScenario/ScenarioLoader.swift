import TelesimCore
import Yams

/// Loads scenario files (format 1): YAML or JSON text in, a validated `Scenario` or every problem
/// with its line and column out.
public enum ScenarioLoader {
    /// Parses and validates `text`. Throws `ScenarioError` with all problems found.
    public static func load(_ text: String) throws(ScenarioError) -> Scenario {
        // TODO(helper): implement
        throw ScenarioError(problems: [ScenarioProblem(line: 1, column: 1, path: "", message: "not implemented")])
    }
}
