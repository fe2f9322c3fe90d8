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
}
