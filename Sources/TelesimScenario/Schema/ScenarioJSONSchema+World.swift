import TelesimCore

/// The `providers` section and the shared definitions, generated from `WorldSchema`.
extension ScenarioJSONSchema {
    static var providers: JSON {
        object(WorldSchema.providers.map { provider in
            let accounts = array(of: entity(provider.fields), description: "Each account's \(provider.accountID) names it in addresses.")
            return (provider.key, object([(provider.accounts, accounts)], required: [provider.accounts]))
        }, description: "The providers' worlds; any subset.")
    }

    /// One field's schema, with its doc and its default as users write it.
    static func schema(of field: Field) -> JSON {
        guard case .object(var members) = schema(of: field.kind) else { return schema(of: field.kind) }
        if !field.doc.isEmpty { members.insert(("description", .string(field.doc)), at: 0) }
        if let value = field.defaultValue { members.append(("default", field.kind.render(value))) }
        return .object(members)
    }

    static func entity(_ fields: [Field]) -> JSON {
        object(fields.map { ($0.name, schema(of: $0)) }, required: fields.filter(\.required).map(\.name))
    }

    static func schema(of kind: FieldKind) -> JSON {
        switch kind {
        case .string: return .obj(["type": "string"])
        case .digits: return ref("digits")
        case .integer(let min, let max):
            var members: [(String, JSON)] = [("type", "integer")]
            if let min { members.append(("minimum", .int(min))) }
            if let max { members.append(("maximum", .int(max))) }
            return .object(members)
        case .bool: return .obj(["type": "boolean"])
        case .money: return ref("money")
        case .decimal: return .obj(["type": "number", "minimum": 0])
        case .duration: return ref("duration")
        case .rate: return ref("rate")
        case .url: return ref("url")
        case .enumeration(let options): return .obj(["enum": .array(options.map(JSON.string))])
        case .switchState(let options): return .obj(["enum": .array(options.map(JSON.string) + [true, false])])
        case .list(let element): return .obj(["type": "array", "items": schema(of: element)])
        case .section(let fields): return entity(fields)
        case .collection(_, let fields): return .obj(["type": "array", "items": entity(fields)])
        case .any: return .obj([:])
        }
    }

    static var definitions: JSON {
        let behaviour: [(String, JSON)] = [
            ("ring", described(ref("duration"), "How long the number rings before it answers or gives up.")),
            ("outcome", .obj(["enum": .array(Outcome.allCases.map { .string($0.rawValue) }), "default": "answered"])),
            ("talk", described(ref("duration"), "How long an answered call lasts before the callee hangs up.")),
            ("cause", .obj(["type": "string", "description": "For failed calls: why (unreachable, invalid_number, …)."])),
            ("transcript", ref("transcript")),
        ]
        return .obj([
            "duration": .obj([
                "description": "500ms, 3s, 2m, 1h, combinations such as 1m30s, or a number of seconds.",
                "anyOf": [
                    .obj(["type": "number", "minimum": 0]),
                    .obj(["type": "string", "pattern": "^\\s*(([0-9]+(\\.[0-9]+)?)|(([0-9]+(\\.[0-9]+)?)(ms|s|m|h))+)\\s*$"]),
                ],
            ]),
            "money": .obj([
                "description": "A decimal amount with at most two decimals, in the account's currency.",
                "anyOf": [
                    .obj(["type": "number", "minimum": 0]),
                    .obj(["type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]{1,2})?\\s*$"]),
                ],
            ]),
            "rate": .obj(["type": "string", "description": "Requests per window of simulated time: 100/min (also /s, /h).",
                          "pattern": "^\\s*[0-9]+\\s*/\\s*(s|sec|second|m|min|minute|h|hour)\\s*$"]),
            "url": .obj(["type": "string", "description": "An http:// or https:// URL, or one starting with ${telesim}.",
                         "pattern": "^(https?://|\\$\\{telesim\\})"]),
            "digits": .obj(["type": ["string", "integer"], "description": "A number or id, kept as text."]),
            "method": .obj(["enum": .array(ScenarioReader.methods.map(JSON.string))]),
            "transcript": .obj([
                "type": "array", "description": "What an AI-agent call said, one line per item.",
                "items": .obj([
                    "type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": false,
                    "properties": .obj(["agent": .obj(["type": "string"]), "user": .obj(["type": "string"])]),
                ]),
            ]),
            "behaviour": object(behaviour),
            "numberRule": object([("match", .obj(["type": ["string", "integer"],
                                                   "description": "E.164 or national; a trailing * matches any rest."]))] + behaviour,
                                 required: ["match"]),
        ])
    }
}
