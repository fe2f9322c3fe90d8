import TelesimCore

/// A scenario file, loaded and validated: the world it describes and the QA steps it replays.
public struct Scenario: Sendable {
    /// The file's `name`, shown in logs and reports.
    public var name: String
    /// The file's optional `description`, for reports and `GET /_telesim/scenario`.
    public var description: String?
    /// The world: seed, clock, network, providers (stored form), timeline, faults.
    public var definition: WorldDefinition
    /// The QA replay `telesim run` performs, in file order.
    public var steps: [Step]
    /// The text the scenario was loaded from.
    public var source: String

    public init(name: String, description: String?, definition: WorldDefinition, steps: [Step], source: String) {
        self.name = name
        self.description = description
        self.definition = definition
        self.steps = steps
        self.source = source
    }
}

/// One step of a QA replay (`steps:`): a request to send, a clock advance, expectations, saved values.
public struct Step: Sendable {
    /// Where the step starts in its file (1-based), for reports.
    public var line: Int
    /// The step's `name`, shown in reports instead of its line.
    public var name: String?
    /// The request to send, if any.
    public var send: SendSpec?
    /// Milliseconds to advance the virtual clock.
    public var advance: Int64?
    /// What must hold after the send and the advance.
    public var expect: Expectation?
    /// Variable name -> JSON path into the response (`id`, `data.conversationId`).
    public var save: [(String, String)]

    public init(line: Int, name: String? = nil, send: SendSpec? = nil, advance: Int64? = nil, expect: Expectation? = nil, save: [(String, String)] = []) {
        self.line = line
        self.name = name
        self.send = send
        self.advance = advance
        self.expect = expect
        self.save = save
    }
}

/// A request a step sends. Strings may hold `${telesim}` and `${saved}` variables, expanded when run.
public struct SendSpec: Sendable {
    /// An HTTP method in capitals.
    public var method: String
    /// The path (and query), starting with `/` or a variable.
    public var path: String
    /// Header names and values in file order.
    public var headers: [(String, String)]
    /// A JSON body (`json:`), or a raw text body (`body:`).
    public var json: JSON?
    public var body: String?

    public init(method: String, path: String, headers: [(String, String)] = [], json: JSON? = nil, body: String? = nil) {
        self.method = method
        self.path = path
        self.headers = headers
        self.json = json
        self.body = body
    }
}

/// What a step expects.
public struct Expectation: Sendable {
    /// The HTTP status this step's response must have.
    public var status: Int?
    /// A subset the response body must contain.
    public var json: JSON?
    /// Webhooks a sink must have received, in order.
    public var webhooks: WebhookExpectation?
    /// A call's neutral status, by saved variable or id (`call: ${call}`, `status: completed`).
    public var call: CallExpectation?

    public init(status: Int? = nil, json: JSON? = nil, webhooks: WebhookExpectation? = nil, call: CallExpectation? = nil) {
        self.status = status
        self.json = json
        self.webhooks = webhooks
        self.call = call
    }
}

/// What a built-in sink (`/_telesim/sink/{name}`) must have received.
public struct WebhookExpectation: Sendable {
    /// The sink's name.
    public var sink: String
    /// Event names in order, read from each received body's event field.
    public var events: [String]?
    /// How many requests it must have received.
    public var count: Int?

    public init(sink: String, events: [String]? = nil, count: Int? = nil) {
        self.sink = sink
        self.events = events
        self.count = count
    }
}

/// A call that must have reached a neutral status (`queued`, `completed`, `no-answer`, …).
public struct CallExpectation: Sendable {
    /// The call's id as its provider returned it, or a saved `${variable}`.
    public var id: String
    /// The neutral status (`CallStatus` raw value).
    public var status: String

    public init(id: String, status: String) {
        self.id = id
        self.status = status
    }
}

/// One problem in a scenario file, at its line and column (both from 1).
public struct ScenarioProblem: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// The path of the offending node, e.g. `providers.exotel.accounts[0].users[1].device`.
    public var path: String
    public var message: String

    public init(line: Int, column: Int, path: String, message: String) {
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// A scenario that did not load: every problem found, in file order.
public struct ScenarioError: Error, Sendable {
    public var problems: [ScenarioProblem]
    public init(problems: [ScenarioProblem]) { self.problems = problems }
}
