import Foundation
import HTTPTypes
import Synchronization
import Testing
import TelesimApp
import TelesimCore
import TelesimTestSupport

/// `--db FILE`: the whole world survives a restart, and a call continues from the same instant.
@Suite struct PersistenceTests {
    static let auth = ["Authorization": "Bearer YOUR_API_KEY"]

    @Test func aRingingCallContinuesAfterARestart() async throws {
        let path = NSTemporaryDirectory() + "telesim-persist-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var args = AppArguments(port: 0)
        args.db = path
        let id = Mutex("")

        try await TestSimulator.run(arguments: args) { sim in
            let r = try await sim.send(.post, "/v1/calls", headers: Self.auth,
                                       json: #"{"phone_number":"+14155550004","agent_id":"agent_abc123","metadata":{"n":1}}"#)
            let callID = try #require(r.json["id"]?.stringValue)
            id.withLock { $0 = callID }
            try await sim.advance("2s")
            #expect(try await sim.send(.get, "/v1/calls/\(callID)", headers: Self.auth).json["status"] == "ringing")
            _ = try await sim.send(.patch, "/_telesim/state", json: #"{"exotel/account_sid/users/agent-uuid/device":"off"}"#)
        }

        // A new process on the same file: same clock, same call, same state; the call goes on.
        try await TestSimulator.run(arguments: args) { sim in
            let callID = id.withLock { $0 }
            #expect(try await sim.send(.get, "/_telesim/clock").json["now"] == "2026-04-10T06:25:02.000Z")
            let call = try await sim.send(.get, "/v1/calls/\(callID)", headers: Self.auth)
            #expect(call.json["status"] == "ringing")
            #expect(call.json["metadata"] == .obj(["n": 1]))
            #expect(try await sim.send(.get, "/_telesim/state/exotel/account_sid/users/agent-uuid/device").json["value"] == "off")
            #expect(try await sim.send(.get, "/_telesim/requests").json["total"]?.intValue ?? 0 >= 2)
            // The hold of one running minute survived too.
            #expect(try await sim.send(.get, "/_telesim/calls/\(callID)").json["billing"]?["held"] == .decimal("0.10"))

            try await sim.advance("2s")
            #expect(try await sim.send(.get, "/v1/calls/\(callID)", headers: Self.auth).json["status"] == "in_progress")
            try await sim.advance("10m")
            let done = try await sim.send(.get, "/_telesim/calls/\(callID)")
            #expect(done.json["status"] == "completed")
            #expect(done.json["connected_at"] == "2026-04-10T06:25:04.000Z")
            #expect(done.json["ended_at"] == "2026-04-10T06:35:04.000Z")
            #expect(try await sim.send(.get, "/_telesim/state/ringyo/default/credits").json["value"] == .decimal("999.00"))
        }
    }

    @Test func resetStartsOverEvenWithAFile() async throws {
        let path = NSTemporaryDirectory() + "telesim-persist-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var args = AppArguments(port: 0)
        args.db = path
        try await TestSimulator.run(arguments: args) { sim in
            _ = try await sim.send(.post, "/v1/calls", headers: Self.auth, json: #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#)
            _ = try await sim.send(.post, "/_telesim/reset")
        }
        try await TestSimulator.run(arguments: args) { sim in
            let calls = try await sim.send(.get, "/_telesim/calls")
            #expect(calls.json["total"] == 0)
        }
    }

    /// An idempotency key is stored with its call, so a replay after a restart finds the same call.
    @Test func anIdempotencyKeySurvivesARestart() async throws {
        let path = NSTemporaryDirectory() + "telesim-persist-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        var args = AppArguments(port: 0)
        args.db = path
        let headers = Self.auth.merging(["Idempotency-Key": "order-42"]) { $1 }
        let body = #"{"phone_number":"+14155551234","agent_id":"agent_abc123"}"#
        let id = Mutex("")
        try await TestSimulator.run(arguments: args) { sim in
            let r = try await sim.send(.post, "/v1/calls", headers: headers, json: body)
            id.withLock { $0 = r.json["id"]?.stringValue ?? "" }
        }
        try await TestSimulator.run(arguments: args) { sim in
            let replay = try await sim.send(.post, "/v1/calls", headers: headers, json: body)
            #expect(replay.status == 201)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            #expect(replay.json["id"]?.stringValue == id.withLock { $0 })
            let other = try await sim.send(.post, "/v1/calls", headers: headers, json: #"{"phone_number":"+14155550000","agent_id":"agent_abc123"}"#)
            #expect(other.status == 409)
            #expect(try await sim.send(.get, "/_telesim/calls").json["total"] == 1)
        }
    }
}
