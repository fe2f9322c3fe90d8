import TelesimCore
import Yams

/// Loads scenario files (format 1): YAML or JSON text in, a validated `Scenario` or every problem
/// with its line and column out.
public enum ScenarioLoader {
    /// Parses and validates `text`. Throws `ScenarioError` with all problems found, in file order.
    public static func load(_ text: String) throws(ScenarioError) -> Scenario {
        var reader = ScenarioReader()
        guard let root = try compose(text), !root.isNull else {
            throw ScenarioError(problems: [ScenarioProblem(line: 1, column: 1, path: "", message: "the file is empty; a scenario starts with telesim: 1 and a name")])
        }
        guard let scenario = reader.read(root, source: text) else {
            throw ScenarioError(problems: reader.sortedProblems)
        }
        return scenario
    }

    /// Every problem in `text`, in file order; empty when it loads.
    public static func problems(in text: String) -> [ScenarioProblem] {
        do {
            _ = try load(text)
            return []
        } catch {
            return error.problems
        }
    }

    /// One fault rule in its JSON form, as `POST /_telesim/faults` takes it: the fields of a
    /// scenario's `faults` entry, checked by the same reader (JSON is YAML), except that `match`
    /// may be left out to match every request. Problems name the field (`respond.error: …`).
    public static func faultRule(_ json: JSON) throws(ScenarioError) -> FaultRule {
        var json = json
        if json.isObject, json["match"] == nil { json["match"] = .object([]) }
        var reader = ScenarioReader()
        guard let root = try compose(json.serialized), let rule = reader.readFault(root, .root), reader.problems.isEmpty else {
            throw ScenarioError(problems: reader.sortedProblems)
        }
        return rule
    }

    /// The YAML (or JSON) node tree of `text`; a syntax error is its one problem.
    private static func compose(_ text: String) throws(ScenarioError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch {
            throw ScenarioError(problems: [syntaxProblem(error, in: text)])
        }
    }
}
