import Foundation

/// Wall-clock timing for benchmarks: runs `body` `iterations` times after `warmup` runs and
/// returns operations per second.
enum Stopwatch {
    static func rate(iterations: Int, warmup: Int = 3, _ body: () throws -> Void) rethrows -> Double {
        for _ in 0..<warmup { try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { try body() }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Double(iterations) / seconds
    }

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Seconds since `start` (a `DispatchTime.now().uptimeNanoseconds`), for timing async work.
    static func since(_ start: UInt64) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func format(_ value: Double, decimals: Int = 1) -> String {
        String(format: "%.\(decimals)f", value)
    }

    static func row(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).map { cell, width in
            cell.count >= width ? cell : cell + String(repeating: " ", count: width - cell.count)
        }.joined(separator: "  ")
    }
}
