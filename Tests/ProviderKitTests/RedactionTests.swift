@testable import ProviderKit
import Testing

/// The journal redacts every request's credential headers by bytes when the value is printable
/// ASCII; the answers must be the ones the character-based definitions give.
@Suite struct RedactionTests {
    static let values = [
        "", "a", "short", "elevenchars", "twelve_chars", "vp_live_bench000000000000", "YmVuY2hfa2V5OmJlbmNoX3Rva2Vu",
        "Bearer vp_live_bench000000000000", "Basic YmVuY2hfa2V5OmJlbmNoX3Rva2Vu", "Bearer short", "Bearer", "Bearer ",
        "Bearer  two_spaces_before", "Bearer   ", "Bearer a b c d e f g h", " Bearer leading_space_key", "  ",
        "Bearer tab\there_and_more", "Bearer crlf\r\nhere_and_more", "Bearer clé_non_ascii_1234", "Bearer 📞📞📞📞📞📞📞📞📞📞📞📞📞",
        "Bearer e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}", "~~~~~~~~~~~~", "Digest username=\"u\", realm=\"r\"",
    ]

    @Test(arguments: values)
    func secretsMatchTheCharacterDefinition(value: String) {
        #expect(Redaction.secret(value) == Redaction.secretByCharacters(value))
    }

    @Test(arguments: values)
    func authorizationsMatchTheCharacterDefinition(value: String) {
        #expect(Redaction.authorization(value) == Redaction.authorizationByCharacters(value))
    }

    @Test func credentialsShowTheirEndsOnly() {
        #expect(Redaction.secret("vp_live_bench000000000000") == "vp_l…0000")
        #expect(Redaction.secret("elevenchars") == "…")
        #expect(Redaction.authorization("Basic YmVuY2hfa2V5OmJlbmNoX3Rva2Vu") == "Basic YmVu…a2Vu")
        #expect(Redaction.authorization("Bearer short") == "Bearer …")
    }
}
