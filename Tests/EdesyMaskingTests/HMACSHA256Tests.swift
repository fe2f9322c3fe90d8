import Testing

/// The test's own HMAC against RFC 4231's vectors, so a signature mismatch points at the server.
@Suite struct HMACSHA256Tests {
    @Test func rfc4231Vectors() {
        #expect(HMACSHA256.hex(key: "Jefe", message: "what do ya want for nothing?")
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(HMACSHA256.mac(key: [UInt8](repeating: 0xaa, count: 131), message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
            .map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }
}
