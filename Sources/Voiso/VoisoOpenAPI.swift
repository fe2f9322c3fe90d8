import ProviderKit
import TelesimCore

extension VoisoAdapter {
    /// The OpenAPI 3.1 document of what this adapter serves.
    public var openAPI: JSON {
        let error = OpenAPI.object([("error", OpenAPI.string())], required: ["error"])
        let validation = OpenAPI.object([("errors", .obj([
            "type": "object", "description": "field name -> messages; nested objects nest (source.account_id)",
            "additionalProperties": true,
        ]))], required: ["errors"])
        let common: [(String, JSON)] = [
            ("400", OpenAPI.response("Bad Request: malformed JSON, or an invalid limit/offset", error)),
            ("401", OpenAPI.response("Unauthorized: missing or unknown key, or a key of another cluster", error)),
            ("403", OpenAPI.response("Forbidden: the key lacks the scope (or, for calls, the agent lacks click-to-call)", error)),
            ("422", OpenAPI.response("Unprocessable Entity", validation)),
            ("429", OpenAPI.response("Too many requests", error)),
        ]
        let agent = OpenAPI.object([
            ("id", OpenAPI.integer()), ("name", OpenAPI.string()),
            ("email", OpenAPI.nullable(OpenAPI.string())), ("extension", OpenAPI.nullable(OpenAPI.string())),
        ], required: ["id", "name", "email", "extension"])
        let source = OpenAPI.object([("account_id", OpenAPI.string()), ("system", OpenAPI.string())])
        let startBody = OpenAPI.object([
            ("user_id", .obj(["type": .array(["integer", "string"]), "description": "the agent id; a numeric string is accepted"])),
            ("phone_number", OpenAPI.string("international, with country code, with or without +", pattern: "^\\+?[1-9][0-9]{6,14}$")),
            ("caller_id", OpenAPI.string("one of the contact centre's caller ids when it lists any")),
            ("source", source),
        ], required: ["user_id", "phone_number"])
        let started = OpenAPI.object([("call", OpenAPI.object([("id", OpenAPI.string(format: "uuid"))], required: ["id"]))], required: ["call"])
        let cdr = OpenAPI.object([
            ("id", OpenAPI.string(format: "uuid")), ("type", OpenAPI.string(enum: VoisoWire.types)),
            ("started_at", OpenAPI.string(format: "date-time")), ("ended_at", OpenAPI.string(format: "date-time")),
            ("data", OpenAPI.object([
                ("direction", OpenAPI.string(enum: ["outbound"])), ("subtype", OpenAPI.string(enum: ["click_to_call"])),
                ("disposition", OpenAPI.string(enum: ["answered", "busy", "no_answer", "failed"])),
                ("calling_number", OpenAPI.nullable(OpenAPI.string())), ("called_number", OpenAPI.string()),
                ("user_id", OpenAPI.integer()), ("agent", agent),
                ("duration", OpenAPI.integer("seconds from the request to the end")),
                ("dialing_time", OpenAPI.integer("seconds until the customer answered (or the end)")),
                ("talk_time", OpenAPI.integer("seconds connected")),
                ("external_account_id", OpenAPI.nullable(OpenAPI.string())), ("source", OpenAPI.nullable(source)),
            ])),
        ], required: ["id", "type", "started_at", "ended_at", "data"])
        let list = OpenAPI.object([
            ("items", OpenAPI.array(cdr)),
            ("metadata", OpenAPI.object([("total", OpenAPI.integer()), ("next_cursor", OpenAPI.string("present while more records remain"))],
                                        required: ["total"])),
        ], required: ["items", "metadata"])
        func q(_ name: String, _ schema: JSON, _ description: String = "") -> JSON {
            OpenAPI.parameter(name, in: "query", schema, description: description)
        }
        let filters: [JSON] = [
            q("limit", OpenAPI.integer("default 100", minimum: 0, maximum: 1000)),
            q("offset", OpenAPI.integer("default 0", minimum: 0)),
            q("cursor", OpenAPI.string(), "metadata.next_cursor of the previous page; an invalid cursor falls back to offset"),
            q("started_at[gte]", OpenAPI.string(format: "date-time")), q("started_at[lt]", OpenAPI.string(format: "date-time")),
            q("ended_at[gte]", OpenAPI.string(format: "date-time")), q("ended_at[lt]", OpenAPI.string(format: "date-time")),
            q("type", OpenAPI.string(enum: VoisoWire.types), "a value, a comma list, or type[] repeated"),
            q("subtype", OpenAPI.string()), q("disposition", OpenAPI.string(enum: VoisoWire.dispositions)),
            q("user_id", OpenAPI.integer()),
            q("from_phone_number", OpenAPI.string()), q("to_phone_number", OpenAPI.string()),
            q("from_phone_number_like", OpenAPI.string("* is a wildcard")), q("to_phone_number_like", OpenAPI.string("* is a wildcard")),
        ]
        return OpenAPI.document(
            title: "Voiso API v4: start call and CDRs (telesim)",
            description: "Click-to-call for contact-centre agents and their call detail records, as simulated by telesim.",
            server: "https://demo.voiso.com", security: OpenAPI.bearer,
            paths: [
                ("/api/v4/voice/calls", .obj([
                    "post": OpenAPI.operation("Start call (scope voice.call.manage)", body: startBody,
                                              responses: [("201", OpenAPI.response("the initiated call", started))] + common),
                ])),
                ("/api/v4/reporting/cdrs", .obj([
                    "get": OpenAPI.operation("Get list of CDRs (scope reporting.cdrs.read)", parameters: filters,
                                             responses: [("200", OpenAPI.response("a page of CDRs", list))] + common),
                ])),
            ])
    }
}
