import Foundation
import Testing

@testable import LLNCNode

/// node/DATASETS.md documents exactly what the validator enforces.
@Suite(.timeLimit(.minutes(10)))
struct DocumentationTests {
    static let text: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../node/DATASETS.md").standardized
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    @Test(arguments: DatasetLayout.all.map(\.name))
    func datasetsDocumentHoldsEachLayout(dataset: String) throws {
        let layout = try #require(DatasetLayout.named(dataset))
        #expect(Self.text.contains(layout.markdown), "regenerate with: llnc-node datasets")
    }

    @Test func datasetsDocumentHoldsEachCodeList() {
        for list in CodeList.allUsed { #expect(Self.text.contains(list.markdown), "\(list.name)") }
    }
}
