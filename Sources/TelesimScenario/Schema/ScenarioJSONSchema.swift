import TelesimCore

/// The JSON Schema (draft 2020-12) of scenario format 1, for editors: completion, hover docs and
/// checks while typing. Generated from `WorldSchema` and the top-level structure below, so it cannot
/// drift from what the loader accepts; `scenarios/scenario.schema.json` is this document, committed
/// (a test keeps the two equal).
///
/// The schema is a helper, not the judge: the loader also checks what a schema cannot say (ids
/// unique within a collection, timeline addresses naming something that exists).
public enum ScenarioJSONSchema {
    /// The schema document.
    public static var document: JSON {
        .obj([
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "telesim scenario (format 1)",
            "description": "A telesim world, how it changes over time, and optional QA steps. See scenarios/README.md.",
            "type": "object",
            "additionalProperties": false,
            "required": ["telesim", "name"],
            "patternProperties": .obj(["^x-": .obj(["description": "Ignored: a place for YAML anchors."])]),
            "properties": .obj([
                "telesim": .obj(["const": 1, "description": "The format version; this schema describes format 1."]),
                "name": .obj(["type": "string", "minLength": 1, "description": "Shown in logs and reports."]),
                "description": .obj(["type": "string"]),
                "seed": .obj(["type": "integer", "minimum": 0, "maximum": .decimal(String(UInt64.max)), "default": 0,
                              "description": "Generated ids and random choices repeat for the same seed."]),
                "clock": clock,
                "network": network,
                "providers": providers,
                "timeline": timeline,
                "faults": faults,
                "steps": steps,
            ]),
            "$defs": definitions,
        ])
    }

    /// The committed file's text: the document, indented, with a final newline.
    public static var text: String { document.prettyPrinted + "\n" }

    static func ref(_ name: String) -> JSON { .obj(["$ref": .string("#/$defs/\(name)")]) }

    /// A closed object: only the listed properties, the required ones present.
    static func object(_ properties: [(String, JSON)], required: [String] = [], description: String? = nil) -> JSON {
        var members: [(String, JSON)] = [("type", "object")]
        if let description { members.append(("description", .string(description))) }
        members.append(("additionalProperties", false))
        if !required.isEmpty { members.append(("required", .array(required.map(JSON.string)))) }
        members.append(("properties", .object(properties)))
        return .object(members)
    }

    static func array(of items: JSON, description: String? = nil) -> JSON {
        var members: [(String, JSON)] = [("type", "array")]
        if let description { members.append(("description", .string(description))) }
        members.append(("items", items))
        return .object(members)
    }

    static func described(_ schema: JSON, _ description: String) -> JSON {
        guard case .object(var members) = schema else { return schema }
        members.insert(("description", .string(description)), at: 0)
        return .object(members)
    }
}
