import ProviderKit
import TelesimCore

extension RingyoAdapter {
    /// The `include` query: any of transcript, recording, analysis (comma-separated).
    static func includes(_ r: ProviderRequest) -> Set<String> {
        Set((r.query("include") ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    }

    @Sendable func getCall(_ r: ProviderRequest) -> ProviderResponse {
        let key = r.bearerToken
        let id = r.parameters["id"] ?? ""
        let include = Self.includes(r)
        return r.transact { state in
            let requestID = "req_" + state.random.hex(12)
            var headers: [Header] = []
            do throws(RingyoError) {
                let (account, rate) = try Self.authenticate(key, &state)
                headers = rate
                guard let call = state.call(id), call.provider == "ringyo", call.account == account.id else { throw .callNotFound(id) }
                return .json(200, RingyoWire.detail(call, include: include), headers: headers, account: account.id)
            } catch {
                return error.response(requestID: requestID, headers: headers)
            }
        }
    }

    /// Cursors are opaque to clients: `cur_` and the offset of the next page.
    static func cursor(_ offset: Int) -> String { "cur_" + String(offset, radix: 36) }

    static func offset(fromCursor cursor: String) -> Int? {
        guard cursor.hasPrefix("cur_"), let n = Int(cursor.dropFirst(4), radix: 36), n >= 0 else { return nil }
        return n
    }

    @Sendable func listCalls(_ r: ProviderRequest) -> ProviderResponse {
        let key = r.bearerToken
        let q = r.firstQueryValues
        let include = Self.includes(r)
        return r.transact { state in
            let requestID = "req_" + state.random.hex(12)
            var headers: [Header] = []
            do throws(RingyoError) {
                let (account, rate) = try Self.authenticate(key, &state)
                headers = rate
                var limit = 20
                if let l = q["limit"] {
                    guard let v = Int(l), (1...100).contains(v) else { throw .invalidRequest("limit must be an integer from 1 to 100", field: "limit") }
                    limit = v
                }
                var offset = 0
                if let c = q["cursor"], !c.isEmpty {
                    guard let o = Self.offset(fromCursor: c) else { throw .invalidCursor }
                    offset = o
                }
                let order = q["order"] ?? "desc"
                guard order == "asc" || order == "desc" else { throw .invalidRequest("order must be asc or desc", field: "order") }
                let statuses = ["queued", "ringing", "in_progress", "completed", "failed", "no_answer", "busy"]
                if let s = q["status"], !statuses.contains(s) {
                    throw .invalidRequest("status must be one of \(statuses.joined(separator: ", "))", field: "status")
                }
                var from: Int64?
                var to: Int64?
                if let f = q["from_date"] {
                    guard let t = Timestamp.parse(f) else { throw .invalidDateFormat("from_date") }
                    from = t
                }
                if let t0 = q["to_date"] {
                    guard let t = Timestamp.parse(t0) else { throw .invalidDateFormat("to_date") }
                    to = t
                }
                var calls = state.calls(provider: "ringyo", account: account.id).filter { call in
                    if let s = q["status"], RingyoWire.status(call.status) != s { return false }
                    if let a = q["agent_id"], call.attributes["agent_id"]?.stringValue != a { return false }
                    if let p = q["phone_number"], call.attributes["phone_number"]?.stringValue != p { return false }
                    if let from, call.createdAt < from { return false }
                    if let to, call.createdAt > to { return false }
                    return true
                }
                if order == "asc" { calls.reverse() }
                let page = calls.dropFirst(offset).prefix(limit)
                let hasMore = offset + page.count < calls.count
                return .json(200, .obj([
                    "data": .array(page.map { RingyoWire.detail($0, include: include) }),
                    "has_more": .bool(hasMore),
                    "next_cursor": hasMore ? .string(Self.cursor(offset + page.count)) : .null,
                    "total": .int(Int64(calls.count)),
                ]), headers: headers, account: account.id)
            } catch {
                return error.response(requestID: requestID, headers: headers)
            }
        }
    }
}
