import ProviderKit
import TelesimCore

extension ExotelAdapter {
    /// `GET /v2/accounts/{sid}/calls/{call_sid}`: the call's details, for calls of the authenticated account.
    @Sendable func getCall(_ r: ProviderRequest) -> ProviderResponse {
        let credentials = Self.basicCredentials(r)
        let sid = r.parameters["account_sid"] ?? ""
        let callSid = r.parameters["call_sid"] ?? ""
        return r.transact { state in
            let requestID = state.random.hex(32)
            do throws(ExotelError) {
                let account = try Self.authenticate(credentials, sid: sid, &state)
                guard let call = state.call(callSid), call.provider == "exotel", call.account == account.id else {
                    throw .notFound("Call \(callSid) not found")
                }
                return .json(200, ExotelWire.envelope(requestID: requestID, method: "GET", ExotelWire.details(call)), account: account.id)
            } catch {
                return error.response(requestID: requestID, method: "GET")
            }
        }
    }
}
