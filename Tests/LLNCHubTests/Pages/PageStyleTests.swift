import Foundation
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// The templates and the stylesheet: data is always escaped, and every colour pair the pages
/// use meets WCAG AA contrast (4.5:1 for text, 3:1 for chart shapes).
@Suite(.timeLimit(.minutes(10)))
struct PageStyleTests {
    static let templates = [
        LayoutTemplate.text, ComparisonTemplates.figure, ComparisonTemplates.legend, ComparisonTemplates.comparison,
        ComparisonTemplates.profile, PageTemplates.indicators, PageTemplates.trend, PageTemplates.signIn, PageTemplates.failure,
        PageTemplates.howToRead,
    ]

    @Test func noTemplateInsertsAnythingUnescaped() {
        for template in Self.templates {
            #expect(!template.contains("{{{") && !template.contains("{{&"))
        }
    }

    @Test func noTemplateLoadsAnythingFromElsewhere() {
        for template in Self.templates {
            for banned in ["http://", "https://", "<script", "@import", "url(", "<link"] {
                #expect(!template.contains(banned), "\(banned)")
            }
        }
    }

    /// (foreground, background, minimum ratio, what).
    static let pairs: [(String, String, Double, String)] = [
        ("0b0c0c", "ffffff", 4.5, "body text"),
        ("1d70b8", "ffffff", 4.5, "links"),
        ("4c2c92", "ffffff", 4.5, "visited links"),
        ("505a5f", "ffffff", 4.5, "captions"),
        ("505a5f", "f3f2f1", 4.5, "footer"),
        ("0b0c0c", "fff7bf", 4.5, "the synthetic-data banner"),
        ("0b0c0c", "ffdd00", 4.5, "focused links"),
        ("ffffff", "0b0c0c", 4.5, "header and the suppressed mark"),
        ("ffffff", "00703c", 4.5, "better tag"),
        ("ffffff", "d4351c", 4.5, "worse tag"),
        ("ffffff", "505a5f", 4.5, "similar tag"),
        ("ffffff", "1d70b8", 4.5, "higher/lower tag"),
        ("00703c", "ffffff", 3, "better marker"),
        ("d4351c", "ffffff", 3, "worse marker"),
        ("757575", "ffffff", 3, "the spine's quartile bar"),
    ]

    @Test(arguments: pairs)
    func coloursMeetAAContrast(foreground: String, background: String, minimum: Double, what: String) {
        #expect(Self.contrast(foreground, background) >= minimum, "\(what): #\(foreground) on #\(background)")
        #expect(
            LayoutTemplate.style.contains("#\(foreground)") && LayoutTemplate.style.contains("#\(background)"), "\(what) is not in the stylesheet")
    }

    /// WCAG 2 contrast ratio of two sRGB colours given as six hex digits.
    static func contrast(_ a: String, _ b: String) -> Double {
        func luminance(_ hex: String) -> Double {
            let value = Int(hex, radix: 16) ?? 0
            let channels = [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff].map { Double($0) / 255 }
            let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
        }
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }
}
