import TelesimCore

/// `{{name}}` substitution, as Edesy's Variables & Templates page documents for greetings and
/// prompts. A variable the call did not pass stays visible as `{{name}}` and is reported, so a
/// test can see what its client forgot to send.
struct EdesyAgentsTemplate: Sendable {
    /// The call's `variables`, plus the system variables (INFERRED subset: agentName, currentDate,
    /// currentTime in UTC at the call's creation).
    var values: [String: String]

    init(variables: JSON, system: [String: String]) {
        var values = system
        for (key, value) in variables.objectValue ?? [] {
            switch value {
            case .string(let s): values[key] = s
            case .null: continue
            default: values[key] = value.serialized
            }
        }
        self.values = values
    }

    /// The text with every known `{{name}}` replaced, and the names left unresolved in order of first appearance.
    func render(_ text: String) -> (text: String, unresolved: [String]) {
        var out = ""
        var unresolved: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else {
                out += rest[open.lowerBound...]
                return (out, unresolved)
            }
            let name = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let value = values[name] {
                out += value
            } else {
                out += rest[open.lowerBound..<close.upperBound]
                if !name.isEmpty, !unresolved.contains(name) { unresolved.append(name) }
            }
            rest = after[close.upperBound...]
        }
        out += rest
        return (out, unresolved)
    }
}
