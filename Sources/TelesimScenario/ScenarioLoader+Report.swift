/// Problems as `telesim validate` prints them.
extension ScenarioLoader {
    /// One line per problem, `FILE:LINE:COLUMN: message`, the form editors and CI logs link to.
    public static func problemsText(file: String, problems: [ScenarioProblem]) -> String {
        problems.map { "\(file):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n")
    }
}
