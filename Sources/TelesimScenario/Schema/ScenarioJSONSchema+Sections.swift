import TelesimCore

/// The top-level sections other than `providers`, written out as the loader reads them.
extension ScenarioJSONSchema {
    static var clock: JSON {
        object([
            ("mode", .obj(["enum": ["virtual", "realtime"], "default": "virtual",
                           "description": "virtual: time moves only when told; realtime: the wall clock times speed."])),
            ("start", .obj(["type": "string", "format": "date-time", "default": .string(Timestamp.iso(ClockSettings.defaultStart, fractional: false)),
                            "description": "The starting instant, ISO 8601 UTC."])),
            ("speed", .obj(["type": "number", "exclusiveMinimum": 0, "maximum": .int(Int64(ClockSettings.maxSpeed)), "default": 1,
                            "description": "realtime: 60 = one simulated minute per real second."])),
        ], description: "How simulated time moves.")
    }

    static var network: JSON {
        object([
            ("country", .obj(["enum": .array(PhoneNumber.callingCodes.keys.sorted().map(JSON.string)), "default": "IN",
                              "description": "Numbers written without a country code get this one."])),
            ("default", described(ref("behaviour"), "How every number without a matching rule behaves.")),
            ("numbers", array(of: ref("numberRule"), description: "First match wins; numbers compare in E.164.")),
        ], description: "The simulated phone network: how dialled numbers behave.")
    }

    static var timeline: JSON {
        array(of: object([
            ("at", described(ref("duration"), "When, after the scenario starts, in simulated time.")),
            ("set", .obj([
                "type": "object", "minProperties": 1,
                "description": "address: value, e.g. exotel/acme/users/agent-uuid/device: busy",
                "propertyNames": .obj(["pattern": "^[^/]+(/[^/]+)*$"]),
            ])),
        ], required: ["at", "set"]), description: "Scripted changes at simulated instants.")
    }

    static var faults: JSON {
        let match = object([
            ("provider", .obj(["enum": .array(ScenarioReader.faultProviders.map(JSON.string))])),
            ("method", ref("method")),
            ("path", .obj(["type": "string", "description": "* matches one segment, a trailing ** any rest."])),
        ], description: "Which requests the rule applies to; an empty match matches every request.")
        var respond = object([
            ("error", .obj(["enum": .array(FaultRule.NeutralError.allCases.map { .string($0.rawValue) }),
                            "description": "A neutral failure each provider renders in its own format."])),
            ("status", .obj(["type": "integer", "minimum": 100, "maximum": 599])),
            ("body", .obj(["description": "The raw body: text as is, anything else serialised as JSON."])),
            ("drop", .obj(["const": true, "description": "Close the connection without a response."])),
        ])
        respond["oneOf"] = [.obj(["required": ["error"]]), .obj(["required": ["status"]]), .obj(["required": ["drop"]])]
        var rule = object([
            ("match", match),
            ("times", .obj(["type": "integer", "minimum": 1, "description": "Apply to the first N matching requests, then the rule is spent."])),
            ("probability", .obj(["type": "number", "minimum": 0, "maximum": 1, "description": "Drawn from the scenario's seed."])),
            ("delay", described(ref("duration"), "Wall time to wait before answering.")),
            ("respond", respond),
        ], required: ["match"])
        rule["anyOf"] = [.obj(["required": ["respond"]]), .obj(["required": ["delay"]])]
        return array(of: rule, description: "Injected latency, errors and dropped connections; the first matching rule applies.")
    }

    static var steps: JSON {
        let send = object([
            ("method", ref("method")),
            ("path", .obj(["type": "string", "description": "Starts with /; may hold ${telesim} and saved ${variables}."])),
            ("headers", .obj(["type": "object", "additionalProperties": .obj(["type": ["string", "number", "boolean"]])])),
            ("json", .obj(["description": "A JSON body."])),
            ("body", .obj(["type": "string", "description": "A raw text body."])),
        ], required: ["method", "path"])
        let expect = object([
            ("status", .obj(["type": "integer", "minimum": 100, "maximum": 599])),
            ("json", .obj(["description": "A subset the response body must contain."])),
            ("webhooks", object([
                ("sink", .obj(["type": "string"])),
                ("events", .obj(["type": "array", "items": .obj(["type": "string"])])),
                ("count", .obj(["type": "integer", "minimum": 0])),
            ], required: ["sink"], description: "What a /_telesim/sink/{name} received, in order.")),
            ("call", object([
                ("id", .obj(["type": ["string", "integer"]])),
                ("status", .obj(["enum": .array(CallStatus.allCases.map { .string($0.rawValue) })])),
            ], required: ["id", "status"])),
        ])
        var step = object([
            ("name", .obj(["type": "string"])),
            ("send", send),
            ("advance", described(ref("duration"), "Move the virtual clock; webhooks due by then are delivered first.")),
            ("expect", expect),
            ("save", .obj(["type": "object", "description": "variable: a JSON path into the response, kept as ${variable}.",
                           "propertyNames": .obj(["pattern": "^[A-Za-z_][A-Za-z0-9_]*$"]),
                           "additionalProperties": .obj(["type": "string"])])),
        ])
        step["anyOf"] = [.obj(["required": ["send"]]), .obj(["required": ["advance"]]), .obj(["required": ["expect"]])]
        return array(of: step, description: "Requests and expectations for telesim run.")
    }
}
