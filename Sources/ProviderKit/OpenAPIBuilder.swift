import TelesimCore

/// Small helpers to write each adapter's OpenAPI 3.1 document as data, close to what the adapter
/// really accepts and returns.
public enum OpenAPI {
    /// A whole document.
    public static func document(title: String, description: String, server: String, security: JSON, paths: [(String, JSON)]) -> JSON {
        .obj([
            "openapi": "3.1.0",
            "info": .obj(["title": .string(title), "version": "telesim", "description": .string(description)]),
            "servers": .array([.obj(["url": .string(server), "description": "the real provider; point clients at telesim instead"])]),
            "components": .obj(["securitySchemes": security]),
            "security": .array([.object([(security.objectValue?.first?.0 ?? "auth", .array([]))])]),
            "paths": .object(paths),
        ])
    }

    public static let bearer: JSON = .obj(["bearerAuth": .obj(["type": "http", "scheme": "bearer"])])
    public static let basic: JSON = .obj(["basicAuth": .obj(["type": "http", "scheme": "basic"])])

    /// An object schema; `required` lists required property names.
    public static func object(_ properties: [(String, JSON)], required: [String] = [], additional: Bool = true) -> JSON {
        var members: [(String, JSON)] = [("type", "object"), ("properties", .object(properties))]
        if !required.isEmpty { members.append(("required", .array(required.map(JSON.string)))) }
        if !additional { members.append(("additionalProperties", false)) }
        return .object(members)
    }

    public static func string(_ description: String = "", format: String? = nil, enum values: [String]? = nil, pattern: String? = nil) -> JSON {
        var m: [(String, JSON)] = [("type", "string")]
        if !description.isEmpty { m.append(("description", .string(description))) }
        if let format { m.append(("format", .string(format))) }
        if let values { m.append(("enum", .array(values.map(JSON.string)))) }
        if let pattern { m.append(("pattern", .string(pattern))) }
        return .object(m)
    }

    public static func integer(_ description: String = "", minimum: Int64? = nil, maximum: Int64? = nil) -> JSON {
        var m: [(String, JSON)] = [("type", "integer")]
        if !description.isEmpty { m.append(("description", .string(description))) }
        if let minimum { m.append(("minimum", .int(minimum))) }
        if let maximum { m.append(("maximum", .int(maximum))) }
        return .object(m)
    }

    public static func number(_ description: String = "") -> JSON {
        description.isEmpty ? .obj(["type": "number"]) : .obj(["type": "number", "description": .string(description)])
    }

    public static func boolean(_ description: String = "") -> JSON {
        description.isEmpty ? .obj(["type": "boolean"]) : .obj(["type": "boolean", "description": .string(description)])
    }

    public static func array(_ items: JSON) -> JSON { .obj(["type": "array", "items": items]) }

    public static func nullable(_ schema: JSON) -> JSON {
        guard var members = schema.objectValue, let i = members.firstIndex(where: { $0.0 == "type" }), let t = members[i].1.stringValue else {
            return schema
        }
        members[i].1 = .array([.string(t), "null"])
        return .object(members)
    }

    /// A JSON response with a schema.
    public static func response(_ description: String, _ schema: JSON) -> JSON {
        .obj(["description": .string(description), "content": .obj(["application/json": .obj(["schema": schema])])])
    }

    /// An operation.
    public static func operation(_ summary: String, parameters: [JSON] = [], body: JSON? = nil, responses: [(String, JSON)]) -> JSON {
        var m: [(String, JSON)] = [("summary", .string(summary))]
        if !parameters.isEmpty { m.append(("parameters", .array(parameters))) }
        if let body {
            m.append(("requestBody", .obj(["required": true, "content": .obj(["application/json": .obj(["schema": body])])])))
        }
        m.append(("responses", .object(responses)))
        return .object(m)
    }

    /// A path or query parameter.
    public static func parameter(_ name: String, in location: String, _ schema: JSON, required: Bool = false, description: String = "") -> JSON {
        var m: [(String, JSON)] = [("name", .string(name)), ("in", .string(location)), ("required", .bool(location == "path" || required)), ("schema", schema)]
        if !description.isEmpty { m.append(("description", .string(description))) }
        return .object(m)
    }
}
