import Foundation
import Testing

@testable import LLNCCatalogue

/// The shipped catalogue (protocol/catalogue), read from the repository.
enum CatalogueFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("protocol/catalogue")

    static func files() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { ($0, try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// The shipped sources plus one family file holding `indicator` (YAML, indented as a list item).
    static func withIndicator(_ indicator: String, extraBreakdowns: String = "") throws -> [(name: String, text: String)] {
        var sources = try files().first { $0.name == "sources.yaml" }!.text
        sources += extraBreakdowns
        return [("sources.yaml", sources), ("test.yaml", "family: test\nindicators:\n" + indicator)]
    }

    /// The error loading `files` raises; records an issue when they load.
    static func rejection(_ files: [(name: String, text: String)]) -> CatalogueError {
        do {
            _ = try CatalogueLoader.load(files: files)
        } catch {
            return error
        }
        Issue.record("the entry was accepted")
        return CatalogueError(file: "", indicator: nil, field: "", problem: "", fix: "")
    }

    /// A valid count indicator whose definition block is `definition` (indented 6 spaces).
    static func count(breakdowns: String = "[]", definition: String) -> String {
        """
          - id: test_indicator
            title: Test
            description: Test
            purpose: Test
            practice: [data]
            unit: count
            polarity: neither
            period: reporting_year
            breakdowns: \(breakdowns)
            disclosure: {class: frequency, sensitive: true}
            version: 1
            definition:
        \(definition)
        """
    }
}
