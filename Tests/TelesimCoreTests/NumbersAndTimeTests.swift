import Testing
@testable import TelesimCore

@Suite struct PhoneNumberTests {
    @Test(arguments: [("9876543210", "+919876543210"), ("919876543210", "+919876543210"), ("+919876543210", "+919876543210"),
                      ("09876543210", "+919876543210"), ("98765 43210", "+919876543210"), ("(98765) 432-10", "+919876543210"),
                      ("00919876543210", "+919876543210"), ("+91 98765-43210", "+919876543210"), ("14155551234", nil),
                      ("0014155551234", "+14155551234"), ("919876", nil), ("९८७६५४३२१०", nil)] as [(String, String?)])
    func edesyAcceptsTenDigitsOrWithCountryCode(raw: String, e164: String?) {
        #expect(PhoneNumber.lenient(raw, country: "IN") == e164)
    }

    @Test(arguments: ["12345", "abc", "+0123456789", ""])
    func edesyRefusesNonNumbers(raw: String) {
        #expect(PhoneNumber.lenient(raw, country: "IN") == nil)
    }

    @Test func voisoTakesInternationalWithOrWithoutPlus() {
        #expect(PhoneNumber.international("18885658889") == "+18885658889")
        #expect(PhoneNumber.international("+18885658889") == "+18885658889")
        #expect(PhoneNumber.international("1888-565") == nil)
    }

    @Test func ringyoAndExotelAreStrictE164() {
        #expect(PhoneNumber.strictE164("+14155551234") == "+14155551234")
        #expect(PhoneNumber.strictE164("14155551234") == nil)
        #expect(PhoneNumber.strictE164("+1 415 555 1234") == nil)
    }

    /// The in-place check agrees with the definition (a copy of the bytes, checked) at every edge.
    @Test(arguments: ["+1234567", "+123456", "+123456789012345", "+1234567890123456", "+0123456789", "+", "", "1234567890",
                      "+12345678a", "+1234 5678", "++12345678", "+१२३४५६७८९", "+91987654321\u{0}"])
    func strictE164ReadInPlaceMatchesItsDefinition(text: String) {
        let u = Array(text.utf8)
        let defined = u.count >= 8 && u.count <= 16 && u[0] == UInt8(ascii: "+") && u[1] != UInt8(ascii: "0")
            && u.dropFirst().allSatisfy({ $0 >= 48 && $0 <= 57 })
        #expect(PhoneNumber.strictE164(text) == (defined ? text : nil))
        #expect(PhoneNumber.lenient(text, country: "US") == PhoneNumber.strictE164(text) || !defined)
    }

    @Test func maskingTakesTenDigitIndianMobiles() {
        #expect(PhoneNumber.indianMobile("9876543210") == "+919876543210")
        #expect(PhoneNumber.indianMobile("5876543210") == nil)
        #expect(PhoneNumber.indianMobile("987654321") == nil)
    }

    @Test func networkRulesMatchFirstWithTrailingStar() {
        let n = Network(country: "IN", rules: [
            NumberRule(match: "+919876543210", ring: 5000, talk: 45_000),
            NumberRule(match: "+9191234*", outcome: .busy),
            NumberRule(match: "+91*", outcome: .failed),
        ])
        #expect(n.behaviour(of: "+919876543210").ring == 5000)
        #expect(n.behaviour(of: "+919876543210").outcome == .answered)
        #expect(n.behaviour(of: "+919123499999").outcome == .busy)
        #expect(n.behaviour(of: "+919999999999").outcome == .failed)
        #expect(n.behaviour(of: "+919999999999").cause == "unreachable")
        #expect(n.behaviour(of: "+14155550100") == Behaviour())
        #expect(PhoneNumber.normalizePattern("9191234*", country: "IN") == "+919191234*")
        #expect(PhoneNumber.normalizePattern("9876543210", country: "IN") == "+919876543210")
    }
}

@Suite struct TimeAndDurationTests {
    /// Each part is bounded, but enough parts could overflow the sum: that is refused, not trapped.
    @Test func aDurationTooLongToCountIsRefused() {
        #expect(SimDuration.parse(String(repeating: "999999999999s", count: 10_000)) == nil)
        #expect(SimDuration.parse("1m30s") == 90_000)
    }

    @Test func isoFormattingRoundTrips() {
        let ms = ClockSettings.defaultStart
        #expect(Timestamp.iso(ms) == "2026-04-10T06:25:00.000Z")
        #expect(Timestamp.iso(ms, fractional: false) == "2026-04-10T06:25:00Z")
        #expect(Timestamp.parse("2026-04-10T06:25:00Z") == ms)
        #expect(Timestamp.parse("2026-04-10T11:55:00.000+05:30") == ms)
        #expect(Timestamp.parse("2026-04-10") == ms - (6 * 3600 + 25 * 60) * 1000)
        #expect(Timestamp.parse("not a date") == nil)
        #expect(Timestamp.iso(0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.iso(-1) == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp.iso(951_782_400_007) == "2000-02-29T00:00:00.007Z")
        #expect(Timestamp.iso(253_402_300_799_999) == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp.iso(253_402_300_800_000) == "10000-01-01T00:00:00.000Z")
        #expect(Timestamp.iso(1_775_802_359_123, fractional: false) == "2026-04-10T06:25:59Z")
    }

    @Test(arguments: [("500ms", Int64(500)), ("3s", 3000), ("2m", 120_000), ("1h", 3_600_000), ("1m30s", 90_000), ("90", 90_000), ("1.5", 1500)])
    func durationsParse(text: String, ms: Int64) {
        #expect(SimDuration.parse(text) == ms)
    }

    @Test(arguments: ["", "3x", "m", "-1s", "1s2"])
    func badDurationsAreRefused(text: String) {
        #expect(SimDuration.parse(text) == nil)
    }
}

@Suite struct JSONTests {
    @Test func parsesAndSerialisesKeepingOrderAndIntegerness() throws {
        let text = #"{"b":1,"a":[true,null,1.5,"x\n\u00e9"],"c":{"d":-2}}"#
        let json = try JSON.parse(text)
        #expect(json["b"] == .int(1))
        #expect(json["a"]?.arrayValue?[2] == .double(1.5))
        #expect(json.serialized == #"{"b":1,"a":[true,null,1.5,"x\né"],"c":{"d":-2}}"#)
    }

    @Test(arguments: ["", "{", #"{"a":}"#, "[1,]", "nul", #"{"a":1}x"#, "01", #""\x""#, "{\"a\":\"\u{01}\"}"])
    func malformedInputIsAnErrorNotACrash(text: String) {
        #expect(throws: JSONParseError.self) { try JSON.parse(text) }
    }

    /// The exact escapes of the serialiser (responses are compared byte for byte by users' tests).
    @Test func stringsMustBeValidUTF8() throws {
        #expect(try JSON.parse(Array(#"{"a":"é📞","b":"plain"}"#.utf8)) == .obj(["a": "é📞", "b": "plain"]))
        for bad: [UInt8] in [[0xC3], [0xFF, 0x41], [0x41, 0xE2, 0x82], [0x5C, 0x6E, 0xC3]] {  // the last after an escape
            #expect(throws: JSONParseError.self) { try JSON.parse([0x22] + bad + [0x22]) }
        }
    }

    @Test func stringsAreEscapedExactly() {
        let text = "q\" b\\ n\n r\r t\t b\u{08} f\u{0C} one\u{01} us\u{1F} é 📞 /"
        #expect(JSON.string(text).serialized == #""q\" b\\ n\n r\r t\t b\b f\f one\u0001 us\u001f é 📞 /""#)
        #expect(JSON.obj(["k\"ey": "plain"]).serialized == #"{"k\"ey":"plain"}"#)
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSON.parse(deep) }
    }
}

/// Ids come from the world's seed: the same scenario must replay the same ids in every release.
@Suite struct SeededRandomTests {
    @Test func idsArePinnedPerSeed() {
        var random = SeededRandom(seed: 7)
        #expect(random.alphanumeric(24) == "7sE7eLYshlb4ymAett9wPpzP")
        #expect(random.hex(12) == "30ce495ddfd6")
        #expect(random.hex(7) == "e9b91f3")
        #expect(random.uuid() == "13a16201-310d-4aba-a834-09b1f2fb545f")
    }
}
