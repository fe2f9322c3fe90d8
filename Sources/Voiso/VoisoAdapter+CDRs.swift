import ProviderKit
import TelesimCore

extension VoisoAdapter {
    /// Filters on team, queue, campaign or tags: click-to-calls have none, so any value matches nothing.
    static let unsupportedFilters = ["team_id", "queue_id", "campaign_id", "campaign", "tags", "event_tag", "wrapup_code"]

    /// The filters of a CDR query after their checks.
    struct CDRQuery: Sendable {
        var limit = 100
        var offset = 0
        var types: [String] = []
        var subtypes: [String] = []
        var dispositions: [String] = []
        var userIDs: [Int64] = []
        var from: [String] = []
        var to: [String] = []
        var fromLike: String?
        var toLike: String?
        /// `(field, operator, instant)`: `started_at`/`ended_at` with gt, gte, lt, lte.
        var times: [(String, String, Int64)] = []
        var matchesNothing = false

        /// Whether an ended call's record passes every filter (running calls have no CDR yet).
        func matches(_ call: Call) -> Bool {
            guard !matchesNothing, let ended = call.machine.endedAt else { return false }
            let a = call.attributes
            if !types.isEmpty, !types.contains("call") { return false }
            if !subtypes.isEmpty, !subtypes.contains("click_to_call") { return false }
            if !dispositions.isEmpty, !dispositions.contains(VoisoWire.disposition(call.status)) { return false }
            if !userIDs.isEmpty, !userIDs.contains(a["user_id"]?.intValue ?? -1) { return false }
            let calling = a["calling_number"]?.stringValue ?? ""
            let called = a["called_number"]?.stringValue ?? ""
            if !from.isEmpty, !from.contains(where: { VoisoAdapter.sameNumber($0, calling) }) { return false }
            if !to.isEmpty, !to.contains(where: { VoisoAdapter.sameNumber($0, called) }) { return false }
            if let fromLike, !VoisoAdapter.glob(VoisoAdapter.digits(fromLike), calling) { return false }
            if let toLike, !VoisoAdapter.glob(VoisoAdapter.digits(toLike), called) { return false }
            for (field, op, instant) in times {
                let t = field == "started_at" ? call.createdAt : ended
                let ok = switch op {
                case "gt": t > instant
                case "gte": t >= instant
                case "lt": t < instant
                default: t <= instant
                }
                if !ok { return false }
            }
            return true
        }
    }

    /// Parses the query: paging problems are 400 (as the page says of an invalid offset), filter
    /// problems a 422 with every bad parameter.
    static func cdrQuery(_ items: [(String, String)]) -> Result<CDRQuery, VoisoError> {
        func values(_ name: String) -> [String]? {
            let found = items.filter { $0.0 == name || $0.0 == name + "[]" }.flatMap { $0.1.split(separator: ",").map(String.init) }
            return items.contains { $0.0 == name || $0.0 == name + "[]" } ? found : nil
        }
        func first(_ name: String) -> String? { items.first { $0.0 == name }?.1 }
        var q = CDRQuery()
        var errors = FieldErrors()

        if let l = first("limit") {
            guard let v = Int(l), (0...1000).contains(v) else { return .failure(.badRequest) }
            q.limit = v
        }
        if let c = first("cursor"), let o = offset(fromCursor: c) {
            q.offset = o
        } else if let o = first("offset") {
            guard let v = Int(o), v >= 0 else { return .failure(.badRequest) }
            q.offset = v
        }

        if let t = values("type") {
            if t.contains(where: { !VoisoWire.types.contains($0) }) {
                errors.add("type", "must be one of: " + VoisoWire.types.joined(separator: ", "))
            } else { q.types = t }
        }
        if let s = values("subtype") { q.subtypes = s }
        if let d = values("disposition") {
            if d.contains(where: { !VoisoWire.dispositions.contains($0) }) {
                errors.add("disposition", "must be one of: " + VoisoWire.dispositions.joined(separator: ", "))
            } else { q.dispositions = d }
        }
        if let u = values("user_id") {
            let ids = u.compactMap { Int64($0) }
            if ids.count != u.count { errors.add("user_id", "must be an integer") } else { q.userIDs = ids }
        }
        q.from = values("from_phone_number") ?? []
        q.to = values("to_phone_number") ?? []
        q.fromLike = first("from_phone_number_like")
        q.toLike = first("to_phone_number_like")
        if !q.from.isEmpty, q.fromLike != nil { errors.add("from_phone_number", "cannot be used with from_phone_number_like") }
        if !q.to.isEmpty, q.toLike != nil { errors.add("to_phone_number", "cannot be used with to_phone_number_like") }
        for field in ["started_at", "ended_at"] {
            for op in ["gt", "gte", "lt", "lte"] {
                guard let text = first("\(field)[\(op)]") else { continue }
                if let t = Timestamp.parse(text) { q.times.append((field, op, t)) } else { errors.add("\(field).\(op)", "must be a date time") }
            }
        }
        if unsupportedFilters.contains(where: { values($0) != nil }) { q.matchesNothing = true }
        return errors.isEmpty ? .success(q) : .failure(.validation(errors))
    }

    /// Cursors are opaque: `vc1_` and the next offset in base 36.
    static func cursor(_ offset: Int) -> String { "vc1_" + String(offset, radix: 36) }

    /// The offset a cursor stands for; nil for anything this adapter did not issue.
    static func offset(fromCursor cursor: String) -> Int? {
        guard cursor.hasPrefix("vc1_"), let n = Int(cursor.dropFirst(4), radix: 36), n >= 0 else { return nil }
        return n
    }

    /// `*` matches any run of characters; everything else literally.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var memo: [Int: Bool] = [:]
        func go(_ i: Int, _ j: Int) -> Bool {
            if let m = memo[i * (t.count + 1) + j] { return m }
            let r: Bool
            if i == p.count { r = j == t.count } else if p[i] == "*" { r = go(i + 1, j) || (j < t.count && go(i, j + 1)) } else {
                r = j < t.count && p[i] == t[j] && go(i + 1, j + 1)
            }
            memo[i * (t.count + 1) + j] = r
            return r
        }
        return go(0, 0)
    }

    /// `GET /api/v4/reporting/cdrs`: ended click-to-calls of the contact centre, newest first.
    @Sendable func listCDRs(_ r: ProviderRequest) -> ProviderResponse {
        let key = r.bearerToken
        let host = r.host
        let parsed = Self.cdrQuery(r.queryItems)
        return r.transact { state in
            var accountID: String?
            do throws(VoisoError) {
                let account = try Self.authorize(key, host: host, scope: Self.cdrScope, &state)
                accountID = account.id
                let q = try parsed.get()
                let records = state.calls(provider: "voiso", account: account.id).filter(q.matches)
                let page = records.dropFirst(q.offset).prefix(q.limit)
                var metadata: [(String, JSON)] = [("total", .int(Int64(records.count)))]
                if q.offset + page.count < records.count, q.limit > 0 {
                    metadata.append(("next_cursor", .string(Self.cursor(q.offset + page.count))))
                }
                return .json(200, .obj(["items": .array(page.map(VoisoWire.cdr)), "metadata": .object(metadata)]), account: account.id)
            } catch {
                var response = error.response
                response.account = accountID
                return response
            }
        }
    }
}
