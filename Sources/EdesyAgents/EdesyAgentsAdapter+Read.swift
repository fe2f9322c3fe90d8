import ProviderKit
import TelesimCore

extension EdesyAgentsAdapter {
    /// `GET /api/v1/calls/{conversationId}`: one call of the key's workspace, as it stands at the simulated now.
    @Sendable func getCall(_ r: ProviderRequest) -> ProviderResponse {
        let key = r.bearerToken
        let id = r.parameters["conversationId"] ?? ""
        return r.transact { state in
            var accountID: String?
            do throws(EdesyAgentsError) {
                let account = try Self.authenticate(key, state)
                accountID = account.id
                guard let call = state.call(id), call.provider == name, call.account == account.id else { throw .callNotFound(id) }
                return .json(200, .obj(["success": true, "data": EdesyAgentsWire.detail(call, now: state.now)]), account: account.id)
            } catch {
                return error.response(account: accountID)
            }
        }
    }

    /// The list query, checked: the documented filters plus `limit` (1...100, default 50) and `offset`.
    struct ListQuery: Sendable {
        var agentID: Int64?
        var status: String?
        var phoneNumber: String?
        var start: Int64?
        var end: Int64?
        var limit = 50
        var offset = 0
    }

    /// Checks the list query outside the world, so a bad parameter is refused before anything is read.
    static func decodeList(_ r: ProviderRequest) -> Result<ListQuery, EdesyAgentsError> {
        let q = r.firstQueryValues
        var query = ListQuery()
        if let a = q["agentId"], !a.isEmpty {
            guard let id = Int64(a) else { return .failure(.invalidAgentID("agentId must be a number")) }
            query.agentID = id
        }
        if let s = q["status"], !s.isEmpty {
            guard EdesyAgentsWire.statuses.contains(s) else { return .failure(.invalidStatus(s)) }
            query.status = s
        }
        if let p = q["phoneNumber"], !p.isEmpty { query.phoneNumber = p }
        if let s = q["startDate"], !s.isEmpty {
            guard let t = Timestamp.parse(s) else { return .failure(.invalidDate("startDate")) }
            query.start = t
        }
        if let e = q["endDate"], !e.isEmpty {
            guard let t = Timestamp.parse(e) else { return .failure(.invalidDate("endDate")) }
            // A bare date means the whole of that day (INFERRED).
            query.end = e.count == 10 ? t + 86_400_000 - 1 : t
        }
        if let l = q["limit"] {
            guard let v = Int(l), (1...100).contains(v) else { return .failure(.invalidLimit) }
            query.limit = v
        }
        if let o = q["offset"] {
            guard let v = Int(o), v >= 0 else { return .failure(.invalidOffset) }
            query.offset = v
        }
        return .success(query)
    }

    /// `GET /api/v1/calls`: the workspace's calls, newest first, filtered then paged.
    @Sendable func listCalls(_ r: ProviderRequest) -> ProviderResponse {
        let key = r.bearerToken
        let decoded = Self.decodeList(r)
        return r.transact { state in
            var accountID: String?
            do throws(EdesyAgentsError) {
                let account = try Self.authenticate(key, state)
                accountID = account.id
                let q = try decoded.get()
                let country = state.network.country
                let wanted = q.phoneNumber.map { PhoneNumber.lenient($0, country: country) ?? $0 }
                let calls = state.calls(provider: name, account: account.id).filter { call in
                    let a = call.attributes
                    if let id = q.agentID, a["agentId"]?.intValue != id { return false }
                    if let s = q.status, EdesyAgentsWire.status(call.status) != s { return false }
                    if let wanted, a["to"]?.stringValue != wanted, a["phoneNumber"]?.stringValue != q.phoneNumber { return false }
                    if let start = q.start, call.createdAt < start { return false }
                    if let end = q.end, call.createdAt > end { return false }
                    return true
                }
                let page = calls.dropFirst(q.offset).prefix(q.limit)
                return .json(200, .obj([
                    "success": true,
                    "data": .obj([
                        "calls": .array(page.map { EdesyAgentsWire.listItem($0, now: state.now) }),
                        "total": .int(Int64(calls.count)),
                        "limit": .int(Int64(q.limit)),
                        "offset": .int(Int64(q.offset)),
                    ]),
                ]), account: account.id)
            } catch {
                return error.response(account: accountID)
            }
        }
    }
}
