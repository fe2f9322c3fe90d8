import ProviderKit
import TelesimCore

extension EdesyMaskingAdapter {
    /// The OpenAPI 3.1 document of what this adapter serves, served at
    /// `/_telesim/openapi/edesy-masking.json` and printed by `telesim openapi edesy-masking`.
    public var openAPI: JSON {
        let error = OpenAPI.object([
            ("error", OpenAPI.object([("code", OpenAPI.string()), ("message", OpenAPI.string())], required: ["code", "message"])),
        ], required: ["error"])
        let statuses = EdesyMaskingWire.statuses
        let mobile = OpenAPI.string("10-digit Indian mobile number", pattern: "^[6-9][0-9]{9}$")
        let time = OpenAPI.string(format: "date-time")
        let money = OpenAPI.number("INR, two decimals")
        let created = OpenAPI.object([
            ("data", OpenAPI.object([
                ("call_sid", OpenAPI.string(format: "uuid")), ("status", OpenAPI.string(enum: ["initiated"])),
                ("party_a", mobile), ("party_b", mobile), ("masked_number", OpenAPI.string()),
            ], required: ["call_sid", "status", "party_a", "party_b", "masked_number"])),
            ("meta", OpenAPI.object([("timestamp", time)])),
        ], required: ["data"])
        let detail = OpenAPI.object([
            ("call_sid", OpenAPI.string(format: "uuid")), ("status", OpenAPI.string(enum: statuses)),
            ("party_a", mobile), ("party_b", mobile), ("masked_number", OpenAPI.string()),
            ("hangup_cause", OpenAPI.nullable(OpenAPI.string("normal, max_duration, busy, no_answer, failed; null while the call runs"))),
            ("duration_sec", OpenAPI.integer("seconds Party B was connected")),
            ("recording_url", OpenAPI.nullable(OpenAPI.string("relative path recordings/YYYY/MM/DD/<call_sid>.wav"))),
            ("started_at", time), ("answered_at", OpenAPI.nullable(time)), ("ended_at", OpenAPI.nullable(time)),
            ("price", money),
        ], required: ["call_sid", "status", "party_a", "party_b", "masked_number"])
        let logEntry = OpenAPI.object([
            ("id", OpenAPI.string(format: "uuid")), ("caller_number", mobile), ("target_number", mobile),
            ("masked_number", OpenAPI.string()), ("direction", OpenAPI.string(enum: ["click_to_call"])),
            ("status", OpenAPI.string(enum: statuses)), ("started_at", time), ("duration_sec", OpenAPI.integer()), ("price", money),
        ])
        let createBody = OpenAPI.object([
            ("party_a", OpenAPI.string("10-digit Indian mobile number to dial first", pattern: "^[6-9][0-9]{9}$")),
            ("party_b", OpenAPI.string("10-digit Indian mobile number to bridge after Party A answers", pattern: "^[6-9][0-9]{9}$")),
            ("max_duration_sec", OpenAPI.integer("maximum bridged duration; unset for no limit", minimum: 10, maximum: 7200)),
        ], required: ["party_a", "party_b"])
        let common: [(String, JSON)] = [
            ("401", OpenAPI.response("unauthorized: missing or invalid API key", error)),
            ("429", OpenAPI.response("rate_limited (Retry-After in seconds)", error)),
            ("500", OpenAPI.response("internal_error", error)),
        ]
        let range = [
            OpenAPI.parameter("start_date", in: "query", time, description: "RFC3339"),
            OpenAPI.parameter("end_date", in: "query", time, description: "RFC3339"),
        ]
        let bad = ("400", OpenAPI.response("validation_error: a query parameter is malformed", error))
        return OpenAPI.document(
            title: "Edesy number masking API (telesim)",
            description: "Masked click-to-call between two Indian mobiles, as simulated by telesim.",
            server: "https://voice-api.edesy.in", security: OpenAPI.bearer,
            paths: [
                ("/v1/masking/calls", .obj([
                    "post": OpenAPI.operation("Initiate a call", body: createBody, responses: [
                        ("201", OpenAPI.response("Call initiated successfully", created)),
                        ("400", OpenAPI.response("invalid_request, validation_error, invalid_numbers", error)),
                        ("402", OpenAPI.response("insufficient_balance: the wallet does not cover a 1-minute call", error)),
                    ] + common),
                ])),
                ("/v1/masking/calls/{call_sid}", .obj([
                    "get": OpenAPI.operation("Call status", parameters: [OpenAPI.parameter("call_sid", in: "path", OpenAPI.string(format: "uuid"))],
                                             responses: [
                                                 ("200", OpenAPI.response("the call", OpenAPI.object([("data", detail)], required: ["data"]))),
                                                 ("404", OpenAPI.response("not_found", error)),
                                             ] + common),
                ])),
                ("/v1/masking/call-logs", .obj([
                    "get": OpenAPI.operation("List call logs", parameters: [
                        OpenAPI.parameter("page", in: "query", OpenAPI.integer("1-based, default 1", minimum: 1)),
                        OpenAPI.parameter("per_page", in: "query", OpenAPI.integer("default 20", minimum: 1, maximum: 100)),
                        OpenAPI.parameter("status", in: "query", OpenAPI.string(enum: statuses)),
                    ] + range, responses: [
                        ("200", OpenAPI.response("a page of call logs", OpenAPI.object([
                            ("data", OpenAPI.array(logEntry)),
                            ("meta", OpenAPI.object([("total", OpenAPI.integer()), ("page", OpenAPI.integer()),
                                                     ("per_page", OpenAPI.integer()), ("total_pages", OpenAPI.integer())])),
                        ], required: ["data", "meta"]))),
                        bad,
                    ] + common),
                ])),
                ("/v1/masking/billing", .obj([
                    "get": OpenAPI.operation("Wallet balance", responses: [
                        ("200", OpenAPI.response("the wallet", OpenAPI.object([("data", OpenAPI.object([
                            ("balance", money), ("currency", OpenAPI.string(enum: ["INR"])),
                        ], required: ["balance", "currency"]))], required: ["data"]))),
                    ] + common),
                ])),
                ("/v1/masking/stats", .obj([
                    "get": OpenAPI.operation("Usage stats", parameters: range, responses: [
                        ("200", OpenAPI.response("usage over the range (default: the last 30 days)", OpenAPI.object([("data", OpenAPI.object([
                            ("total_sessions", OpenAPI.integer()), ("active_sessions", OpenAPI.integer()),
                            ("total_mappings", OpenAPI.integer()), ("total_calls", OpenAPI.integer()),
                            ("total_minutes", OpenAPI.integer("billed minutes")), ("total_cost", money),
                            ("answered_calls", OpenAPI.integer()), ("failed_calls", OpenAPI.integer()),
                        ]))], required: ["data"]))),
                        bad,
                    ] + common),
                ])),
            ])
    }
}
