import Foundation
import Testing

@testable import LLNCNode

@Suite(.timeLimit(.minutes(10)))
struct CSVReaderTests {
    private func read(_ text: String) throws -> [CSVRecord] {
        try CSVReader(bytes: Array(text.utf8)).records()
    }

    @Test func readsWhatRealExtractsContain() throws {
        let text = "\u{FEFF}CHILD,SEX ,NOTE\r\n 1 ,2,\"a, b\"\r\n3,4,\"say \"\"hi\"\"\"\r\n,,\r\n\r\n"
        let records = try read(text)
        #expect(records.map(\.fields) == [["CHILD", "SEX", "NOTE"], ["1", "2", "a, b"], ["3", "4", "say \"hi\""]])
        #expect(records.map(\.line) == [1, 2, 3])
    }

    @Test func quotedLineBreakKeepsLineNumbersTrue() throws {
        let records = try read("a,b\n\"x\ny\",2\nlast,3")
        #expect(records[1].fields == ["x\ny", "2"])
        #expect(records[2].line == 4)
    }

    @Test func unclosedQuoteNamesTheLine() {
        #expect(throws: CSVSyntaxError(line: 2, reason: "a quoted field is never closed; add the closing quote")) {
            try read("a,b\n\"open,1\n")
        }
    }

    /// A file is read a chunk at a time; a record, a quoted line break, a doubled quote, a CRLF
    /// or the byte-order mark split across two chunks reads as it does in one piece.
    @Test(arguments: [1, 2, 3, 5, 7, 64])
    func aFileReadInChunksReadsAsInOnePiece(chunkSize: Int) throws {
        let text = "\u{FEFF}CHILD,SEX ,NOTE\r\n 1 ,2,\"a, b\"\r\n3,4,\"say \"\"hi\"\"\"\r\n\"x\ny\",5,\"\"\"\"\n,,\r\n\r\nlast,6,\"end\""
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("llnc-csv-chunks-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let whole = try read(text)
        let chunked = try CSVReader(contentsOf: url, chunkSize: chunkSize).records()
        #expect(chunked.map(\.fields) == whole.map(\.fields))
        #expect(chunked.map(\.line) == whole.map(\.line))
        #expect(whole.map(\.fields).last == ["last", "6", "end"] && whole[3].fields == ["x\ny", "5", "\""])
    }
}
