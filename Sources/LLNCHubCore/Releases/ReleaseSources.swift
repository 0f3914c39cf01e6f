import Foundation
import LLNCCatalogue
import LLNCComparison

/// Reads what a release is planned from besides the store: the catalogue folder (whose
/// version the hub must publish) and the reference data in `hub/reference/`.
enum ReleaseSources {
    static func catalogue(_ configuration: HubConfiguration) throws -> Catalogue {
        guard let folder = configuration.catalogueDirectory else {
            throw QueryError.releaseFailed(reason: "no catalogue folder: give `--catalogue DIR` (default ./protocol/catalogue)")
        }
        let catalogue: Catalogue
        do { catalogue = try CatalogueLoader.load(directory: folder) } catch {
            throw QueryError.releaseFailed(reason: "the catalogue in \(folder.path) cannot be read: \(error)")
        }
        guard configuration.acceptedCatalogueVersions.contains(catalogue.version) else {
            throw QueryError.releaseFailed(
                reason:
                    "the catalogue in \(folder.path) has version \(catalogue.version), which this hub does not publish; run `llnc-hub catalogue publish --catalogue \(folder.path)` or point --catalogue at the published one"
            )
        }
        return catalogue
    }

    static let files = ["las.csv", "regions.csv", "statistical-neighbours-2021.csv", "statistical-neighbours-2025.csv"]

    static func reference(_ configuration: HubConfiguration) throws -> ReferenceData {
        guard let folder = configuration.referenceDirectory else {
            throw QueryError.releaseFailed(reason: "no reference data folder: give `--reference DIR` (default ./hub/reference)")
        }
        var texts: [String] = []
        for name in files {
            let url = folder.appendingPathComponent(name)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw QueryError.releaseFailed(
                    reason: "cannot read \(url.path); the hub's reference data (hub/reference/) must hold \(files.joined(separator: ", "))")
            }
            texts.append(text)
        }
        do {
            return try ReferenceData.parse(las: texts[0], regions: texts[1], neighbours2021: texts[2], neighbours2025: texts[3])
        } catch {
            throw QueryError.releaseFailed(reason: error.description)
        }
    }
}
