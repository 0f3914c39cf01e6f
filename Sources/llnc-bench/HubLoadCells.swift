import Foundation
import LLNCCatalogue
import LLNCNode
import LLNCProtocol

/// The cells the hub-load benchmark sends: the whole catalogue as the node's real engine
/// computes and protects it (every indicator, every breakdown category, rounded and suppressed
/// cells, numerators and denominators on percentages), over a few synthetic sites sized like
/// real authorities. Computing each of 153 authorities separately would take longer than the
/// benchmark is worth, so each authority takes the cells of the template nearest its size.
struct HubLoadCells {
    /// One real authority: its ids and its children aged 0-17 (ONS), which picks its template.
    struct Authority {
        let site: SiteID
        let children: Int
    }

    /// Per template: period → cells.
    let templates: [[String: [Cell]]]
    /// Each template's children (after scaling), smallest first.
    let templateChildren: [Int]
    let periods: [String]

    /// The first `count` live authorities of `las.csv` (file order), with their children.
    static func authorities(reference: URL, count: Int) throws -> [Authority] {
        let records = try CSVReader(contentsOf: reference.appendingPathComponent("las.csv")).records()
        guard let header = records.first?.fields, let ons = header.firstIndex(of: "new_la_code"),
            let la = header.firstIndex(of: "old_la_code"), let status = header.firstIndex(of: "status")
        else { throw HubLoadError.reference("\(reference.path)/las.csv lacks new_la_code, old_la_code or status") }
        var found: [Authority] = []
        for record in records.dropFirst() where record.fields.count == header.count && record.fields[status] == "live" {
            guard found.count < count, let number = Int(record.fields[la]) else { continue }
            let children = SiteCalibration.load(site: number, from: reference)?.children ?? 40_000
            found.append(Authority(site: try SiteID(laNumber: record.fields[la], onsCode: record.fields[ons]), children: children))
        }
        guard found.count == count else {
            throw HubLoadError.reference("\(reference.path)/las.csv has \(found.count) live authorities; ask for at most that many --sites")
        }
        return found
    }

    /// Computes `templates` synthetic sites at the size quantiles of `authorities` (children
    /// divided by `scale`, at least 1,000), `years` collection years ending with `lastYear`, one period per year.
    static func compute(
        catalogue: Catalogue, authorities: [Authority], templates: Int, scale: Int, years: Int, lastYear: Int, work: URL
    ) throws -> HubLoadCells {
        let bySize = authorities.sorted { $0.children < $1.children }
        let count = max(1, min(templates, bySize.count))
        let picked = (0..<count).map { i in bySize[(2 * i + 1) * bySize.count / (2 * count)] }
        let chosen = picked.map { max($0.children / max(1, scale), 1_000) }
        let periods = ((lastYear - years + 1)...lastYear).map { String(format: "%04d-%02d", $0 - 1, $0 % 100) }
        var computed: [[String: [Cell]]] = []
        for (index, children) in chosen.enumerated() {
            let dir = work.appendingPathComponent("template-\(index)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let spec = SyntheticSiteSpec(
                site: Int(picked[index].site.laNumber) ?? 900, children: children, years: years, lastYear: lastYear, seed: UInt64(index + 1))
            let files = try SyntheticSite(spec: spec).write(to: dir.appendingPathComponent("files"))
            let store = try NodeStore.open(path: dir.appendingPathComponent("node.sqlite").path)
            let pseudonymiser = try Pseudonymiser(siteSecret: [UInt8](repeating: UInt8(index + 1), count: 32))
            for file in files {
                guard let layout = DatasetLayout.named(file.dataset) else { continue }
                _ = try DatasetIngester(layout: layout, year: file.year, pseudonymiser: pseudonymiser, acceptValid: true)
                    .ingest(files: [file.url], into: store)
            }
            let engine = IndicatorEngine(catalogue: catalogue)
            var byPeriod: [String: [Cell]] = [:]
            for period in periods {
                byPeriod[period] = try store.computeIndicators(engine, period: period).flatMap { $0.cells.map(\.cell) }
            }
            computed.append(byPeriod)
        }
        return HubLoadCells(templates: computed, templateChildren: chosen, periods: periods)
    }

    private struct Saved: Codable {
        let templates: [[String: [Cell]]]
        let templateChildren: [Int]
        let periods: [String]
    }

    func write(to url: URL) throws {
        try JSONEncoder().encode(Saved(templates: templates, templateChildren: templateChildren, periods: periods)).write(to: url)
    }

    static func read(from url: URL) throws -> HubLoadCells {
        let saved = try JSONDecoder().decode(Saved.self, from: Data(contentsOf: url))
        return HubLoadCells(templates: saved.templates, templateChildren: saved.templateChildren, periods: saved.periods)
    }

    /// The template nearest the authority's size (children divided by the same scale).
    func template(for authority: Authority, scale: Int) -> Int {
        let size = authority.children / max(1, scale)
        return templateChildren.indices.min { abs(templateChildren[$0] - size) < abs(templateChildren[$1] - size) } ?? 0
    }
}

enum HubLoadError: Error, CustomStringConvertible {
    case reference(String)
    case hubDirectory(String)
    case refused(String)

    var description: String {
        switch self {
        case .reference(let problem): "reference data: \(problem)"
        case .hubDirectory(let problem): "hub directory: \(problem)"
        case .refused(let problem): "the store refused a submission: \(problem)"
        }
    }
}
