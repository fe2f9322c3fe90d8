import Foundation
import Testing
@testable import Exotel

/// The Basic credential's text is trimmed exactly as Foundation trims `CharacterSet.whitespaces`,
/// whether or not it takes the fast path.
@Suite struct ExotelCredentialsTests {
    @Test(arguments: ["YmVuY2g6dG9rZW4=", " YmVuY2g6dG9rZW4=", "YmVuY2g6dG9rZW4= ", "\tYmVuY2g6dG9rZW4=\t", "  ", "", "a",
                      "YmVuY2g6dG9rZW4=\u{00A0}", "\u{3000}YmVuY2g6dG9rZW4=", "\u{7F}YmVu\u{7F}", "\nYmVu\r", "é", "Yé"])
    func trimsAsFoundationDoes(text: String) {
        let substring = Substring(text)
        #expect(ExotelAdapter.trimmingWhitespace(substring) == substring.trimmingCharacters(in: .whitespaces))
    }

    /// The byte-level reading of the common shape gives what the general parser gives, and declines
    /// (leaving it to the general parser) whatever it does not read.
    @Test(arguments: ["Basic YmVuY2g6dG9rZW4=", "basic YmVuY2g6dG9rZW4=", "BASIC YmVuY2g6dG9rZW4=", "BaSiC YmVuY2g6dG9rZW4=",
                      "Basic  YmVuY2g6dG9rZW4=", " Basic YmVuY2g6dG9rZW4=", "Basic YmVuY2g6dG9rZW4= ", "Basic\tYmVuY2g6dG9rZW4=",
                      "Basic YmVuY2g=", "Basic OnRva2Vu", "Basic YmVuY2g6", "Basic Og==", "Basic YmVuY2g6dG9r ZW4=",
                      "Basic YmVuY2g6dG9rZW4", "Basic w6k6w6k=", "Basic ", "Basic", "Bearer YmVuY2g6dG9rZW4=",
                      "Basi YmVuY2g6dG9rZW4=", "Basicx YmVuY2g6dG9rZW4=", "Basic YmVuY2g6dG9rZW4=\u{00A0}", ""])
    func theFastPathAgreesWithTheGeneralParser(value: String) {
        let general = ExotelAdapter.parsedBasicCredentials(value)
        if let fast = ExotelAdapter.plainBasicCredentials(value) {
            #expect(fast.key == general?.key && fast.token == general?.token)
        }
        // The fast path reads the shape every client sends.
        if value == "Basic YmVuY2g6dG9rZW4=" || value == "basic YmVuY2g6dG9rZW4=" {
            #expect(ExotelAdapter.plainBasicCredentials(value)?.key == "bench")
            #expect(ExotelAdapter.plainBasicCredentials(value)?.token == "token")
        }
    }
}
