import ProviderKit
import TelesimCore

extension ExotelAdapter {
    /// The OpenAPI 3.1 document of what this adapter serves.
    public var openAPI: JSON {
        let error = OpenAPI.object([
            ("request_id", OpenAPI.string("32 hex digits")), ("method", OpenAPI.string()), ("http_code", OpenAPI.integer()),
            ("response", OpenAPI.object([
                ("code", OpenAPI.integer("the HTTP status")),
                ("error_data", OpenAPI.object([
                    ("code", OpenAPI.integer("Exotel's numeric code: 1000, 1001, 1002, 1004, 1007, 1009, 1010, 1011, 1012, 1100, 10705, 10706, 10716, 10731")),
                    ("message", OpenAPI.string()), ("description", OpenAPI.string()),
                ], required: ["code", "message", "description"])),
                ("status", OpenAPI.string(enum: ["failure"])), ("data", .obj(["type": "null"])),
            ], required: ["code", "error_data", "status", "data"])),
        ], required: ["request_id", "method", "http_code", "response"])
        func envelope(_ response: JSON) -> JSON {
            OpenAPI.object([("request_id", OpenAPI.string("32 hex digits")), ("method", OpenAPI.string()),
                            ("http_code", OpenAPI.integer()), ("response", response)],
                           required: ["request_id", "method", "http_code", "response"])
        }
        let statuses = ["completed", "agent_unanswered", "customer_unanswered", "agent_canceled", "customer_no_dial", "agent_no_dial"]
        let agent = OpenAPI.object([("user_id", OpenAPI.string()), ("contact_uri", OpenAPI.string())], required: ["user_id", "contact_uri"])
        let customer = OpenAPI.object([("number", OpenAPI.string("E.164"))], required: ["number"])
        let created = OpenAPI.object([
            ("call_sid", OpenAPI.string("32 hex digits")), ("call_state", OpenAPI.string(enum: ["active", "terminal"])),
            ("call_status", OpenAPI.nullable(OpenAPI.string(enum: statuses))),
            ("assigned_agent_details", agent), ("customer_details", customer),
            ("virtual_number", OpenAPI.string()), ("recording", OpenAPI.boolean()),
            ("created_time", OpenAPI.string(format: "date-time")),
        ], required: ["call_sid", "call_state", "call_status", "assigned_agent_details", "customer_details", "virtual_number", "recording", "created_time"])
        let details = OpenAPI.object([("call_details", OpenAPI.object([
            ("sid", OpenAPI.string()), ("direction", OpenAPI.string(enum: ["inbound", "outbound-dial", "outbound-api"])),
            ("virtual_number", OpenAPI.string()), ("state", OpenAPI.string(enum: ["active", "terminal"])),
            ("status", OpenAPI.nullable(OpenAPI.string(enum: statuses))),
            ("assigned_agent_details", agent), ("customer_details", customer),
            ("created_time", OpenAPI.string(format: "date-time")), ("updated_time", OpenAPI.string(format: "date-time")),
            ("start_time", OpenAPI.nullable(OpenAPI.string(format: "date-time"))),
            ("end_time", OpenAPI.nullable(OpenAPI.string(format: "date-time"))),
            ("total_duration", OpenAPI.nullable(OpenAPI.integer("seconds from the agent leg ringing to the end"))),
            ("total_talk_time", OpenAPI.nullable(OpenAPI.integer("seconds the customer was connected"))),
            ("recording", OpenAPI.object([("available", OpenAPI.boolean()), ("url", OpenAPI.nullable(OpenAPI.string(format: "uri")))])),
            ("custom_field", OpenAPI.nullable(OpenAPI.string())), ("legs", OpenAPI.string("a path")),
        ]))], required: ["call_details"])
        let callback = OpenAPI.object([
            ("event", OpenAPI.string(enum: ["answered", "terminal"])), ("url", OpenAPI.string(format: "uri")),
        ], required: ["event", "url"])
        let createBody = OpenAPI.object([
            ("from", OpenAPI.object([("user_contact_uri", OpenAPI.string("SIP URI or phone number; the first matching user")),
                                     ("user_id", OpenAPI.string())])),
            ("to", OpenAPI.object([("number", OpenAPI.string("E.164")),
                                   ("customer_contact_uri", OpenAPI.string("accepted instead of number, as integrations send it"))])),
            ("virtual_number", OpenAPI.string("one of the account's ExoPhones")),
            ("recording", OpenAPI.boolean("default false")),
            ("recording_channels", OpenAPI.string(enum: ["single", "dual"])),
            ("wait_audio_url", OpenAPI.string(format: "uri")),
            ("max_time_limit", OpenAPI.integer("seconds", minimum: Self.maxTimeLimitRange.lowerBound, maximum: Self.maxTimeLimitRange.upperBound)),
            ("attempt_time_out", OpenAPI.integer("ring timeout of both legs in seconds, default 30",
                                                 minimum: Self.attemptTimeOutRange.lowerBound, maximum: Self.attemptTimeOutRange.upperBound)),
            ("custom_field", OpenAPI.string()),
            ("status_callback", OpenAPI.array(callback)),
        ], required: ["from", "to", "virtual_number"])
        let errors: [(String, JSON)] = [
            ("400", OpenAPI.response("1001 mandatory parameter missing, 1002 invalid parameter, 1007 invalid request body", error)),
            ("401", OpenAPI.response("1010 authentication failed", error)),
            ("404", OpenAPI.response("10731 user not found, 10716 virtual number not found, 1000 not found", error)),
            ("409", OpenAPI.response("1012 device off, 10705 device unverified, 10706 device busy", error)),
            ("415", OpenAPI.response("1011 unsupported content type", error)),
            ("429", OpenAPI.response("1009 rate limit exceeded", error)),
            ("500", OpenAPI.response("1100 internal server error", error)),
        ]
        let sid = OpenAPI.parameter("account_sid", in: "path", OpenAPI.string())
        return OpenAPI.document(
            title: "Exotel Voice v2 (CCM) calls API (telesim)", description: "Agent-to-customer calls, as simulated by telesim.",
            server: "https://ccm-api.exotel.com", security: OpenAPI.basic,
            paths: [
                ("/v2/accounts/{account_sid}/calls", .obj([
                    "post": OpenAPI.operation("Make a call, agent to customer", parameters: [sid], body: createBody,
                                              responses: [("200", OpenAPI.response("the call, active", envelope(created)))] + errors),
                ])),
                ("/v2/accounts/{account_sid}/calls/{call_sid}", .obj([
                    "get": OpenAPI.operation("Call details", parameters: [sid, OpenAPI.parameter("call_sid", in: "path", OpenAPI.string())],
                                             responses: [("200", OpenAPI.response("the call's details", envelope(details)))] + errors),
                ])),
            ])
    }
}
