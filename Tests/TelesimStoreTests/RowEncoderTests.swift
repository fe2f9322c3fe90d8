import Foundation
import TelesimCore
import Testing
@testable import TelesimStore

/// `RowEncoder` must write what `JSONDecoder` (the loader) reads back into the same value: each
/// stored type is compared, after a round trip, with what `JSONEncoder` makes of the original.
@Suite struct RowEncoderTests {
    typealias F = Fixtures

    /// `JSONEncoder`'s sorted output: the reference a round trip must reproduce.
    func reference(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func roundTrip<T: Codable>(_ value: T) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(try RowEncoder.encode(value).utf8))
    }

    @Test func everyStoredTypeRoundTrips() throws {
        let call = F.call("call_1")
        #expect(try reference(roundTrip(call)) == reference(call))
        let delivery = F.delivery("whd_1", callID: "call_1", attempts: 3)
        #expect(try reference(roundTrip(delivery)) == reference(delivery))
        let entry = F.journal(7)
        #expect(try reference(roundTrip(entry)) == reference(entry))
        let meta = F.meta(now: 5_000, nextJournalID: 9)
        #expect(try reference(roundTrip(meta)) == reference(meta))
    }

    struct Shapes: Codable, Equatable {
        enum Input: Codable, Equatable { case dial(leg: Int), hangup, pair(String, Int?) }
        struct Empty: Codable, Equatable {}
        var text: String
        var numbers: [[Int64]]
        var optionals: [String?]
        var inputs: [Input]
        var empty: Empty
        var nothing: Int?
        var ratio: Double
        var flags: [Bool]
        var small: UInt8
        var dictionary: [String: [Int]]
    }

    @Test func nestedContainersCloseWhereTheyShould() throws {
        let shapes = Shapes(text: "quote \" backslash \\ newline \n tab \t bell \u{07} é 📞", numbers: [[1, -2], [], [Int64.max]],
                            optionals: ["a", nil, "c"], inputs: [.dial(leg: 1), .hangup, .pair("x", nil), .pair("y", 2)],
                            empty: .init(), nothing: nil, ratio: 0.25, flags: [true, false], small: 255, dictionary: ["k": [1, 2]])
        let text = try RowEncoder.encode(shapes)
        #expect(try roundTrip(shapes) == shapes)
        #expect(text.contains(#""text":"quote \" backslash \\ newline \n tab \t bell \u0007 é 📞""#))
        #expect(text.contains(#""numbers":[[1,-2],[],[9223372036854775807]]"#))
        #expect(text.contains(#""optionals":["a",null,"c"]"#))
        #expect(text.contains(#""empty":{}"#))
        #expect(!text.contains("nothing"))
    }

    @Test func numbersJSONHasNoFormForAreRefused() {
        struct Ratio: Encodable { var value: Double }
        #expect(throws: EncodingError.self) { try RowEncoder.encode(Ratio(value: .infinity)) }
        #expect(throws: EncodingError.self) { try RowEncoder.encode([Double.nan]) }
    }

    @Test func typesJSONEncoderSpecialCasesAreRefused() {
        struct Stamp: Encodable { var at: Date }
        #expect(throws: EncodingError.self) { try RowEncoder.encode(Stamp(at: Date())) }
        #expect(throws: EncodingError.self) { try RowEncoder.encode(["blob": Data([1])]) }
    }
}
