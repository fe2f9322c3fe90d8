import ProviderKit
import TelesimCore

extension RingyoAdapter {
    /// The OpenAPI 3.1 document of what this adapter serves.
    public var openAPI: JSON {
        let error = OpenAPI.object([
            ("error", OpenAPI.object([("code", OpenAPI.string()), ("message", OpenAPI.string()), ("details", .obj(["type": "object"]))],
                                     required: ["code", "message", "details"])),
            ("meta", OpenAPI.object([("request_id", OpenAPI.string())], required: ["request_id"])),
        ], required: ["error", "meta"])
        let statuses = ["queued", "ringing", "in_progress", "completed", "failed", "no_answer", "busy"]
        let created = OpenAPI.object([
            ("id", OpenAPI.string("call_ followed by 24 characters")), ("status", OpenAPI.string(enum: statuses)),
            ("phone_number", OpenAPI.string(format: nil, pattern: "^\\+[1-9][0-9]{6,14}$")), ("from_number", OpenAPI.string()),
            ("agent_id", OpenAPI.string()), ("metadata", .obj(["type": "object"])), ("record", OpenAPI.boolean()),
            ("created_at", OpenAPI.string(format: "date-time")),
        ], required: ["id", "status", "phone_number", "from_number", "agent_id", "metadata", "record", "created_at"])
        let detail = OpenAPI.object([
            ("id", OpenAPI.string()), ("status", OpenAPI.string(enum: statuses)), ("phone_number", OpenAPI.string()),
            ("from_number", OpenAPI.string()), ("agent_id", OpenAPI.string()), ("duration", OpenAPI.integer("seconds; only when completed")),
            ("transcript", OpenAPI.array(OpenAPI.object([("role", OpenAPI.string(enum: ["agent", "user"])), ("content", OpenAPI.string()),
                                                         ("timestamp", OpenAPI.number("seconds from the start"))]))),
            ("recording_url", OpenAPI.nullable(OpenAPI.string(format: "uri"))), ("analysis", .obj(["type": ["object", "null"]])),
            ("metadata", .obj(["type": "object"])), ("record", OpenAPI.boolean()),
            ("created_at", OpenAPI.string(format: "date-time")), ("ended_at", OpenAPI.nullable(OpenAPI.string(format: "date-time"))),
        ], required: ["id", "status", "phone_number", "from_number", "agent_id", "metadata", "created_at", "ended_at"])
        let errors: [(String, JSON)] = [
            ("400", OpenAPI.response("invalid_request, invalid_phone_number, invalid_from_number, invalid_cursor, invalid_date_format", error)),
            ("401", OpenAPI.response("unauthorized", error)),
            ("402", OpenAPI.response("insufficient_credits", error)),
            ("404", OpenAPI.response("agent_not_found, call_not_found", error)),
            ("409", OpenAPI.response("idempotency_conflict", error)),
            ("429", OpenAPI.response("rate_limit_exceeded", error)),
        ]
        let createBody = OpenAPI.object([
            ("phone_number", OpenAPI.string("E.164", pattern: "^\\+[1-9][0-9]{6,14}$")),
            ("agent_id", OpenAPI.string()),
            ("from_number", OpenAPI.string("must be a number you own; defaults to the primary number")),
            ("metadata", .obj(["type": "object"])),
            ("webhook_url", OpenAPI.string(format: "uri")),
            ("record", OpenAPI.boolean("default true")),
            ("max_duration", OpenAPI.integer("seconds, default 3600", minimum: 1, maximum: 3600)),
        ], required: ["phone_number", "agent_id"])
        let idempotency = OpenAPI.parameter("Idempotency-Key", in: "header", OpenAPI.string())
        return OpenAPI.document(
            title: "Ringyo calls API (telesim)", description: "Outbound AI-agent calls, as simulated by telesim.",
            server: "https://api.ringyo.ai", security: OpenAPI.bearer,
            paths: [
                ("/v1/calls", .obj([
                    "post": OpenAPI.operation("Create a call", parameters: [idempotency], body: createBody,
                                              responses: [("201", OpenAPI.response("the call, queued", created))] + errors),
                    "get": OpenAPI.operation("List calls", parameters: [
                        OpenAPI.parameter("limit", in: "query", OpenAPI.integer(minimum: 1, maximum: 100)),
                        OpenAPI.parameter("cursor", in: "query", OpenAPI.string()),
                        OpenAPI.parameter("status", in: "query", OpenAPI.string(enum: statuses)),
                        OpenAPI.parameter("agent_id", in: "query", OpenAPI.string()),
                        OpenAPI.parameter("phone_number", in: "query", OpenAPI.string()),
                        OpenAPI.parameter("from_date", in: "query", OpenAPI.string(format: "date-time")),
                        OpenAPI.parameter("to_date", in: "query", OpenAPI.string(format: "date-time")),
                        OpenAPI.parameter("order", in: "query", OpenAPI.string(enum: ["asc", "desc"])),
                        OpenAPI.parameter("include", in: "query", OpenAPI.string("transcript,recording,analysis")),
                    ], responses: [("200", OpenAPI.response("a page of calls", OpenAPI.object([
                        ("data", OpenAPI.array(detail)), ("has_more", OpenAPI.boolean()),
                        ("next_cursor", OpenAPI.nullable(OpenAPI.string())), ("total", OpenAPI.integer()),
                    ], required: ["data", "has_more", "next_cursor", "total"])))] + errors),
                ])),
                ("/v1/calls/{call_id}", .obj([
                    "get": OpenAPI.operation("Get a call", parameters: [
                        OpenAPI.parameter("call_id", in: "path", OpenAPI.string()),
                        OpenAPI.parameter("include", in: "query", OpenAPI.string("transcript,recording,analysis")),
                    ], responses: [("200", OpenAPI.response("the call", detail))] + errors),
                ])),
            ])
    }
}
