import Foundation
import ProviderKit
import Testing

/// `Base64.decode` agrees with Foundation wherever it answers, and answers for every padded
/// standard encoding (callers fall back to Foundation otherwise).
@Suite struct Base64Tests {
    @Test(arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar", "bench_key:bench_token", "ключ:токен", "a:b:c\u{0}\u{FF}"])
    func decodesWhatFoundationEncodes(text: String) {
        let encoded = Data(text.utf8).base64EncodedString()
        if text.isEmpty {
            #expect(Base64.decode(encoded.utf8) == nil)  // nothing to decode: callers fall back
        } else {
            #expect(Base64.decode(encoded.utf8) == Array(text.utf8))
        }
    }

    @Test func randomBytesRoundTrip() {
        var generator = SystemRandomNumberGenerator()
        for length in 1...64 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(Base64.decode(Data(bytes).base64EncodedString().utf8) == bytes)
        }
    }

    @Test(arguments: ["Zg", "Zm9", "Zg=", "Z===", "====", "Zg==Zg==", "Z=g=", "Zm9v YmFy", "Zm9v\n", "Zm9-", "Zm9_", "Zm9v!"])
    func refusesAnythingElse(text: String) {
        #expect(Base64.decode(text.utf8) == nil)
    }
}
