import ProviderKit
import TelesimCore

extension EdesyAgentsAdapter {
    /// The OpenAPI 3.1 document of what this adapter serves.
    public var openAPI: JSON {
        let error = OpenAPI.object([
            ("success", .obj(["const": false])), ("error", OpenAPI.string()), ("code", OpenAPI.string()),
        ], required: ["success", "error", "code"])
        func success(_ data: JSON) -> JSON {
            OpenAPI.object([("success", .obj(["const": true])), ("data", data)], required: ["success", "data"])
        }
        let statuses = EdesyAgentsWire.statuses
        let time = OpenAPI.string("ISO 8601 with milliseconds, e.g. 2026-04-10T06:25:00.000Z", format: "date-time")
        let created = OpenAPI.object([
            ("conversationId", OpenAPI.string(format: "uuid")),
            ("callSid", OpenAPI.string("edesy-sip-<8 hex>, twilio CA<32 hex>, plivo <uuid>")),
            ("status", OpenAPI.string(enum: ["initiated"])),
        ], required: ["conversationId", "callSid", "status"])
        let item = OpenAPI.object([
            ("conversationId", OpenAPI.string(format: "uuid")), ("callSid", OpenAPI.string()),
            ("agentId", OpenAPI.integer()), ("agentName", OpenAPI.string()), ("phoneNumber", OpenAPI.string("as the request wrote it")),
            ("status", OpenAPI.string(enum: statuses)), ("duration", OpenAPI.integer("seconds of connected talk")),
            ("source", OpenAPI.string(enum: ["api"])), ("startTime", time), ("endTime", OpenAPI.nullable(time)),
        ], required: ["conversationId", "callSid", "agentId", "agentName", "phoneNumber", "status", "duration", "source", "startTime", "endTime"])
        let detail = OpenAPI.object([
            ("conversationId", OpenAPI.string(format: "uuid")), ("callSid", OpenAPI.string()),
            ("status", OpenAPI.string(enum: statuses)),
            ("disposition", .obj(["type": ["string", "null"], "enum": ["BUSY", "NO_ANSWER", "FAILED", "CANCELED", .null]])),
            ("duration", OpenAPI.integer("seconds of connected talk")), ("summary", .obj(["type": "null"])),
            ("recordingUrl", OpenAPI.nullable(OpenAPI.string(format: "uri"))),
            ("transcript", OpenAPI.array(OpenAPI.object([
                ("role", OpenAPI.string(enum: ["agent", "user"])), ("text", OpenAPI.string()), ("timestamp", time),
            ], required: ["role", "text", "timestamp"]))),
            ("startTime", time), ("endTime", OpenAPI.nullable(time)),
            ("agentId", OpenAPI.integer()), ("agentName", OpenAPI.string()), ("phoneNumber", OpenAPI.string()),
            ("fromNumber", OpenAPI.string()), ("provider", OpenAPI.string(enum: Self.telephonyProviders)),
            ("source", OpenAPI.string(enum: ["api"])), ("variables", .obj(["type": "object"])), ("metadata", .obj(["type": "object"])),
            ("unresolvedVariables", OpenAPI.array(OpenAPI.string("a {{name}} the call's variables did not supply"))),
        ], required: ["conversationId", "callSid", "status", "disposition", "duration", "summary", "recordingUrl", "transcript", "startTime", "endTime"])
        let createBody = OpenAPI.object([
            ("agentId", OpenAPI.integer("the voice agent's numeric id (a JSON number; a string is refused)", minimum: 1)),
            ("phoneNumber", OpenAPI.string("with or without country code")),
            ("fromNumber", OpenAPI.string("one of the workspace's numbers; defaults to the first")),
            ("provider", OpenAPI.string("defaults to the agent's configured provider", enum: Self.telephonyProviders)),
            ("variables", .obj(["type": "object", "description": "substituted for {{name}} in the greeting and transcript"])),
            ("metadata", .obj(["type": "object"])),
            ("callbackUrl", OpenAPI.string("receives call.ended; must be https with a vp_live_ key (http allowed on loopback)", format: "uri")),
        ], required: ["agentId", "phoneNumber"])
        let auth: [(String, JSON)] = [("401", OpenAPI.response("MISSING_API_KEY, INVALID_KEY_FORMAT, INVALID_API_KEY", error))]
        return OpenAPI.document(
            title: "Edesy voice-agent Calls API (telesim)",
            description: "Outbound AI voice-agent calls, as simulated by telesim. Keys: vp_live_… or vp_test_….",
            server: "https://voice-agent.edesy.in", security: OpenAPI.bearer,
            paths: [
                ("/api/v1/calls", .obj([
                    "post": OpenAPI.operation("Trigger an outbound call", body: createBody, responses: [
                        ("200", OpenAPI.response("the call, initiated", success(created))),
                        ("400", OpenAPI.response("MISSING_AGENT_ID, MISSING_PHONE_NUMBER, INVALID_JSON, INVALID_AGENT_ID, INVALID_PHONE_NUMBER, INVALID_FROM_NUMBER, INVALID_PROVIDER, INVALID_VARIABLES, INVALID_METADATA, INVALID_CALLBACK_URL, AGENT_INACTIVE", error)),
                    ] + auth + [
                        ("402", OpenAPI.response("CALL_FAILED: insufficient credits", error)),
                        ("404", OpenAPI.response("AGENT_NOT_FOUND", error)),
                        ("413", OpenAPI.response("PAYLOAD_TOO_LARGE", error)),
                        ("415", OpenAPI.response("INVALID_CONTENT_TYPE", error)),
                    ]),
                    "get": OpenAPI.operation("List calls", parameters: [
                        OpenAPI.parameter("agentId", in: "query", OpenAPI.integer()),
                        OpenAPI.parameter("status", in: "query", OpenAPI.string(enum: statuses)),
                        OpenAPI.parameter("phoneNumber", in: "query", OpenAPI.string("compared in E.164")),
                        OpenAPI.parameter("startDate", in: "query", OpenAPI.string("calls started at or after", format: "date-time")),
                        OpenAPI.parameter("endDate", in: "query", OpenAPI.string("calls started at or before; a bare date means its whole day", format: "date-time")),
                        OpenAPI.parameter("limit", in: "query", OpenAPI.integer("default 50", minimum: 1, maximum: 100)),
                        OpenAPI.parameter("offset", in: "query", OpenAPI.integer("default 0", minimum: 0)),
                    ], responses: [
                        ("200", OpenAPI.response("a page of calls, newest first", success(OpenAPI.object([
                            ("calls", OpenAPI.array(item)), ("total", OpenAPI.integer()), ("limit", OpenAPI.integer()), ("offset", OpenAPI.integer()),
                        ], required: ["calls", "total", "limit", "offset"])))),
                        ("400", OpenAPI.response("INVALID_AGENT_ID, INVALID_STATUS, INVALID_DATE, INVALID_LIMIT, INVALID_OFFSET", error)),
                    ] + auth),
                ])),
                ("/api/v1/calls/{conversationId}", .obj([
                    "get": OpenAPI.operation("Get a call", parameters: [
                        OpenAPI.parameter("conversationId", in: "path", OpenAPI.string(format: "uuid")),
                    ], responses: [
                        ("200", OpenAPI.response("the call", success(detail))),
                    ] + auth + [("404", OpenAPI.response("CALL_NOT_FOUND", error))]),
                ])),
            ])
    }
}
