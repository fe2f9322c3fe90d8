import Yams

/// YAML syntax errors as scenario problems, at the position libyaml reports.
extension ScenarioLoader {
    /// Converts what Yams threw into one problem with a line and column (from 1).
    static func syntaxProblem(_ error: any Error, in text: String) -> ScenarioProblem {
        guard let yaml = error as? YamlError else {
            return ScenarioProblem(line: 1, column: 1, path: "", message: "the file is not YAML: \(error)")
        }
        switch yaml {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let where_ = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            let hint = character(at: mark, in: text) == "\t" ? "; indent with spaces, YAML does not allow tabs there" : ""
            return problemAt(mark, "YAML syntax error: \(problem)\(where_)\(hint)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return problemAt(context.mark, "duplicate key \(keys) in a mapping; each key may appear once")
        case .reader(let problem, let offset, _, _):
            let (line, column) = position(ofUTF8Offset: offset ?? 0, in: text)
            return ScenarioProblem(line: line, column: column, path: "", message: "the file cannot be read: \(problem)")
        default:
            return ScenarioProblem(line: 1, column: 1, path: "", message: "the file is not YAML: \(yaml)")
        }
    }

    private static func problemAt(_ mark: Mark, _ message: String) -> ScenarioProblem {
        ScenarioProblem(line: max(1, mark.line), column: max(1, mark.column), path: "", message: message)
    }

    /// The character at a mark (columns count Unicode scalars), for hints about what is there.
    static func character(at mark: Mark, in text: String) -> Unicode.Scalar? {
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            if line == mark.line, column == mark.column { return scalar }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            if line > mark.line { return nil }
        }
        return nil
    }

    /// Line and column (from 1, columns in Unicode scalars) of a UTF-8 byte offset.
    static func position(ofUTF8Offset offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        var consumed = 0
        for scalar in text.unicodeScalars {
            if consumed >= offset { break }
            consumed += String(scalar).utf8.count
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
