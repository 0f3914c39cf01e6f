import LLNCComparison
import Testing

/// The hub's register read from the files in hub/reference.
@Suite(.timeLimit(.minutes(10)))
struct ReferenceDataTests {
    @Test func northYorkshireKeepsItsDfENumberAcrossTheCodeChange() throws {
        let reference = try Fixtures.reference()
        #expect(reference.onsCode("815", on: "2023-03-31") == "E10000023")
        #expect(reference.onsCode("815", on: "2023-04-01") == "E06000065")
        let authority = try #require(reference.authority("815"))
        #expect(authority.name == "North Yorkshire")
        #expect(authority.regionCode == "E12000003")
        #expect(authority.regionName == "Yorkshire and The Humber")
    }

    @Test func barnsleyHasANewCodeFromMay2025() throws {
        let reference = try Fixtures.reference()
        #expect(reference.onsCode("370", on: "2025-04-30") == "E08000016")
        #expect(reference.onsCode("370", on: "2025-05-01") == "E08000038")
    }

    @Test func rowsWithoutADfENumberAreNotAuthorities() throws {
        let reference = try Fixtures.reference()
        #expect(reference.authority("x") == nil)
        #expect(reference.authority("940 / 941") == nil)
        #expect(reference.authority("940")?.name == "North Northamptonshire")
        #expect(reference.region("E12000002")?.name == "North West")
    }

    /// DOMAIN.md lists Oldham's 2021 neighbours by name: Rochdale, Bradford, Walsall, Tameside,
    /// Kirklees, Bolton, Derby, Dudley, Blackburn with Darwen, Rotherham.
    @Test func oldhamsNeighboursAreTheOnesDomainNames() throws {
        let reference = try Fixtures.reference()
        let names = reference.neighbours(of: "353", grouping: .sn2021).map { reference.authority($0)?.name ?? $0 }
        #expect(
            names == ["Rochdale", "Bradford", "Walsall", "Tameside", "Kirklees", "Bolton", "Derby", "Dudley", "Blackburn with Darwen", "Rotherham"])
        #expect(reference.neighbours(of: "353", grouping: .sn2025).count == 10)
        #expect(reference.neighbours(of: "353").contains("354"))
    }

    @Test func aBadDateNamesFileLineAndColumn() throws {
        let las = """
            new_la_code,la_name,date_of_operation,date_of_termination,parent_geography_code,entity_code,entity_description,status,old_la_code
            E06000001,Hartlepool,01/01/2009,,E12000001,E06,Unitary Authorities,live,805
            E06000002,Middlesbrough,2009-01-01,,E12000001,E06,Unitary Authorities,live,806
            """
        let error = #expect(throws: ReferenceDataError.self) {
            try ReferenceData.parse(
                las: las, regions: "region_code,region_name\nE12000001,North East\n", neighbours2021: "LA num,SN1\n", neighbours2025: "")
        }
        #expect(error?.file == "las.csv")
        #expect(error?.line == 3)
        #expect(error?.column == "date_of_operation")
    }

    @Test func aNeighbourThatIsNotADfENumberIsRefused() throws {
        let header = "old_la_code,la_name," + (1...10).map { "SN_\($0),SN_\($0)P" }.joined(separator: ",")
        let row = "805,Hartlepool," + (1...10).map { $0 == 4 ? "Stockton,Close" : "806,Close" }.joined(separator: ",")
        let sn2021 = "LA num," + (1...10).map { "SN\($0)" }.joined(separator: ",") + "\n"
        let error = #expect(throws: ReferenceDataError.self) {
            try ReferenceData.parse(
                las: "new_la_code,la_name,date_of_operation,date_of_termination,parent_geography_code,old_la_code\n",
                regions: "region_code,region_name\n", neighbours2021: sn2021, neighbours2025: header + "\n" + row + "\n")
        }
        #expect(error?.file == "statistical-neighbours-2025.csv")
        #expect(error?.line == 2)
        #expect(error?.column == "SN_4")
    }

    @Test func aMissingColumnIsNamed() throws {
        let error = #expect(throws: ReferenceDataError.self) {
            try ReferenceData.parse(las: "new_la_code,la_name\n", regions: "region_code,region_name\n", neighbours2021: "", neighbours2025: "")
        }
        #expect(error?.file == "las.csv")
        #expect(error?.column == "date_of_operation")
    }
}
