/// The shape of a world's `providers` section, as data.
///
/// One description serves four readers: scenario validation (unknown keys, wrong types, values
/// outside their set, at a line and column), the JSON Schema shipped with the format, the admin
/// API's addresses (`ringyo/acme/agents/agent_abc123/name`) and the values `PATCH /_telesim/state`
/// accepts. Adding a field here adds it everywhere at once.
public indirect enum FieldKind: Sendable {
    case string
    /// A phone number or id written as a string; an unquoted YAML number is accepted and kept as text.
    case digits
    case integer(min: Int64?, max: Int64?)
    case bool
    /// A decimal amount of money, stored in minor units.
    case money
    /// A non-negative decimal (speeds, probabilities).
    case decimal
    /// A duration (`2s`, `1m30s`, or seconds), stored in milliseconds.
    case duration
    /// A rate limit, `100/min` (also `/s`, `/h`), stored as written.
    case rate
    case url
    case enumeration([String])
    /// An enumeration in which YAML's unquoted on/off (booleans) mean "on"/"off".
    case switchState([String])
    case list(FieldKind)
    case section([Field])
    /// A list of entities, each addressed by the value of its `idField`.
    case collection(idField: String, [Field])
    /// Any JSON value (metadata, request bodies).
    case any
}

/// One named field of a section or entity.
public struct Field: Sendable {
    public var name: String
    public var kind: FieldKind
    public var required: Bool
    /// The value used when the field is absent, in stored form.
    public var defaultValue: JSON?
    public var doc: String

    public init(_ name: String, _ kind: FieldKind, required: Bool = false, default defaultValue: JSON? = nil, _ doc: String = "") {
        self.name = name
        self.kind = kind
        self.required = required
        self.defaultValue = defaultValue
        self.doc = doc
    }
}

/// The provider keys of a scenario's `providers` section and their account collections.
public struct ProviderWorldSchema: Sendable {
    /// `edesy`, `voiso`, `exotel`, `ringyo`: the first segment of an address.
    public var key: String
    /// The collection of accounts under it (`workspaces`, `contact_centers`, `accounts`).
    public var accounts: String
    /// The field that identifies an account (`id`, `cluster`, `sid`).
    public var accountID: String
    public var fields: [Field]
}

public enum WorldSchema {
    static let rateDoc = "requests per window in simulated time, e.g. 100/min (also /s, /h)"
    static let ringTimeout = Field("ring_timeout", .duration, default: .int(30_000), "how long a leg may ring before it ends as no-answer")

    public static let edesy = ProviderWorldSchema(key: "edesy", accounts: "workspaces", accountID: "id", fields: [
        Field("id", .string, required: true, "the workspace id, used in addresses"),
        Field("api_keys", .list(.string), required: true, "vp_live_… and vp_test_… keys; the workspace is identified by its key"),
        Field("credits", .money, default: .int(0), "voice-agent credits"),
        Field("credits_per_minute", .money, default: .int(100), "credits debited per started minute of talk"),
        Field("numbers", .list(.digits), default: .array([]), "caller ids; the first is the default fromNumber"),
        ringTimeout,
        Field("agents", .collection(idField: "id", [
            Field("id", .integer(min: 1, max: nil), required: true, "the numeric agentId"),
            Field("name", .string, default: "Agent"),
            Field("active", .bool, default: true, "an inactive agent refuses calls"),
            Field("provider", .enumeration(["twilio", "plivo", "edesy-sip"]), default: "edesy-sip", "the agent's configured telephony provider"),
            Field("greeting", .string, "the first line the agent says; {{variables}} are substituted"),
        ]), default: .array([])),
        Field("masking", .section([
            Field("balance", .money, default: .int(0), "wallet balance in INR"),
            Field("price_per_minute", .money, default: .int(150), "INR per started minute of bridged talk"),
            Field("masked_number", .digits, default: "917969002802", "the number both parties see"),
            Field("webhook_url", .url, "where masking webhooks are delivered"),
            Field("webhook_secret", .string, "the HMAC-SHA256 signing secret"),
            Field("rate_limit", .rate, rateDoc),
            ringTimeout,
        ])),
    ])

    public static let voiso = ProviderWorldSchema(key: "voiso", accounts: "contact_centers", accountID: "cluster", fields: [
        Field("cluster", .string, required: true, "the cluster id, as in https://{cluster_id}.voiso.com"),
        Field("api_keys", .collection(idField: "key", [
            Field("key", .string, required: true),
            Field("scopes", .list(.string), default: .array(["voice.call.manage", "reporting.cdrs.read"])),
        ]), required: true),
        Field("caller_ids", .list(.digits), default: .array([])),
        Field("rate_limit", .rate, rateDoc),
        Field("webhook_url", .url),
        Field("webhook_secret", .string, "sent as `secret` inside each webhook body, as Voiso does"),
        ringTimeout,
        Field("agents", .collection(idField: "user_id", [
            Field("user_id", .integer(min: 1, max: nil), required: true),
            Field("name", .string, default: "Agent"),
            Field("email", .string),
            Field("extension", .digits, "an agent needs an extension (or an email sign-in identity) to place calls"),
            Field("click_to_call", .bool, default: true),
            Field("signed_in", .bool, default: true),
            Field("status", .enumeration(["available", "busy", "unavailable", "idle", "logout", "outbound", "inbound"]), default: "available"),
            Field("answer_after", .duration, default: .int(2000), "how long the agent's phone rings before pick-up"),
        ]), default: .array([])),
    ])

    public static let exotel = ProviderWorldSchema(key: "exotel", accounts: "accounts", accountID: "sid", fields: [
        Field("sid", .string, required: true, "the account sid in /v2/accounts/{sid}"),
        Field("api_key", .string, required: true),
        Field("api_token", .string, required: true),
        Field("virtual_numbers", .list(.digits), default: .array([])),
        Field("rate_limit", .rate, rateDoc),
        Field("users", .collection(idField: "id", [
            Field("id", .string, required: true, "the user id (a UUID in the dashboard)"),
            Field("name", .string, default: "Agent"),
            Field("contact_uri", .string, required: true, "a SIP URI or phone number"),
            Field("device", .switchState(["on", "off", "unverified", "busy"]), default: "on"),
            Field("answer_after", .duration, default: .int(2000), "how long the agent's device rings before pick-up"),
        ]), default: .array([])),
    ])

    public static let ringyo = ProviderWorldSchema(key: "ringyo", accounts: "accounts", accountID: "id", fields: [
        Field("id", .string, required: true),
        Field("api_keys", .list(.string), required: true),
        Field("credits", .money, default: .int(0)),
        Field("price_per_minute", .money, default: .int(10)),
        Field("numbers", .list(.digits), default: .array([]), "owned numbers; the first is the primary number"),
        Field("max_concurrent_calls", .integer(min: 0, max: nil)),
        Field("rate_limit", .rate, rateDoc),
        Field("webhook_url", .url),
        Field("webhook_secret", .string, "signs webhooks (X-Ringyo-Signature)"),
        ringTimeout,
        Field("agents", .collection(idField: "id", [
            Field("id", .string, required: true),
            Field("name", .string, default: "Agent"),
        ]), default: .array([])),
    ])

    /// Every provider key a scenario may use, in the documented order.
    public static let providers: [ProviderWorldSchema] = [edesy, voiso, exotel, ringyo]

    public static func provider(_ key: String) -> ProviderWorldSchema? { providers.first { $0.key == key } }
}
