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
}
