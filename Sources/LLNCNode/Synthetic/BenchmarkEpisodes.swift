import Foundation

/// A large, valid SSDA903 Episodes file for the ingest benchmark: `rows` episodes in
/// collection year `year`, four per child, each child's episodes chained without overlap and
/// the last one open, with codes drawn as a synthetic site draws them.
public enum BenchmarkEpisodes {
    public static func write(rows: Int, year: Int, seed: UInt64, to url: URL) throws {
        var rng = SeededRandom(seed: seed)
        var text = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\r\n"
        text.reserveCapacity(rows * 80)
        let start = CollectionYear(year).start
        var written = 0
        var child = 0
        while written < rows {
            child += 1
            var day = start.adding(days: rng.int(0...60))
            let legal = rng.pick(SyntheticMix.legalStatus)
            let need = "N\(rng.int(1...8))"
            for n in 0..<min(4, rows - written) {
                let last = n == 3 || written + 1 == rows
                let end = day.adding(days: rng.int(20...70))
                let (place, providers, _) = rng.pick(SyntheticMix.placement)
                let code = place.hasPrefix("A") || place == "H5" ? "U4" : place
                let fields = [
                    "BENCH\(child)", day.ddmmyyyy, n == 0 ? "S" : "P", legal, need, code, rng.pick(providers),
                    last ? "" : end.ddmmyyyy, last ? "" : "X1", n == 0 ? "" : rng.pick(SyntheticMix.reasonPlaceChange),
                    "XX\(child % 20 + 1) \(child % 9 + 1)AB", "", "",
                ]
                text += fields.joined(separator: ",") + "\r\n"
                day = end
                written += 1
            }
        }
        try Data(text.utf8).write(to: url)
    }
}
