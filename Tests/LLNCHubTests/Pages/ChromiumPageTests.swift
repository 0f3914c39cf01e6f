import Foundation
import LLNCCatalogue
import LLNCProtocol
import LLNCTestSupport
import Logging
import Testing

@testable import LLNCHubCore
@testable import LLNCHubDirectory
@testable import LLNCHubPostgres
@testable import LLNCHubSQLite
@testable import LLNCHubServer

/// Every page as a browser renders it: a real `llnc-hub serve` process on 127.0.0.1 over a
/// hub directory with a real release, opened by headless Chromium (Debian's `chromium`).
/// The DOM Chromium built is checked, and a screenshot of each page is kept in
/// `artifacts/screenshots/` (gitignored) for people to look at.
@Suite(.timeLimit(.minutes(10)))
struct ChromiumPageTests {
    static let screenshots = ReleaseTests.repository.appendingPathComponent("artifacts/screenshots")

    /// The pages, what each must show once rendered, and the screenshot's name.
    static let pages: [(name: String, path: String, expected: [String])] = [
        ("indicators", "/pages/indicators", ["<h1>Indicators</h1>", "<table>", "cin_rereferrals_within_12_months"]),
        ("search", "/pages/indicators?q=re-referrals", ["<h1>Indicators</h1>", #"value="re-referrals""#, "1 indicator match"]),
        (
            "comparison", "/pages/indicators/cin_rereferrals_within_12_months/2024-25",
            [#"aria-labelledby="ranked-title ranked-desc""#, #"aria-labelledby="funnel-title funnel-desc""#, "Oldham", "Rochdale", "<table>"]
        ),
        (
            "comparison-suppressed", "/pages/indicators/looked_after_at_31_march/2024-25?breakdown=placement_type=residential",
            [#"class="mark mark-suppressed""#, "<table>"]
        ),
        ("comparison-rounded", "/pages/indicators/looked_after_at_31_march/2024-25", [#"class="mark mark-rounded""#, "mark-interval"]),
        ("profile", "/pages/sites/353", ["<h1>Oldham (353)</h1>", #"aria-labelledby="spine-title spine-desc""#, "<table>"]),
        (
            "trend", "/pages/trends/cin_rereferrals_within_12_months?site=354",
            [#"aria-labelledby="trend-title trend-desc""#, "Rochdale and England over time", ">2023-24<", ">2024-25<", #"class="line-site""#]
        ),
        ("how-to-read", "/pages/how-to-read", ["<h1>How to read these figures</h1>", #"class="mark mark-suppressed""#]),
        ("sign-in", "/pages/sign-in", ["<h1>Sign in</h1>", #"<label for="token">"#]),
    ]

    @Test func everyPageRendersInChromiumWithItsHeadingsTablesMarksAndCharts() async throws {
        let chromium = try Chromium()
        let directory = try await Self.releasedHubDirectory()
        defer { directory.remove() }
        let server = try await Self.serve(directory, ["--public-read", "--synthetic-data"])
        defer { Task { await server.stop() } }
        let port = try #require(await server.port)
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        for page in Self.pages {
            let url = "http://127.0.0.1:\(port)\(page.path)"
            let dom = try await chromium.dumpDOM(url)
            #expect(PageTests.count("<h1", in: dom) == 1, "\(page.name): one h1")
            #expect(dom.contains("Synthetic data."), "\(page.name): the synthetic banner")
            #expect(dom.contains(##"<a class="skip-link" href="#main">"##), "\(page.name): the skip link")
            for expected in page.expected {
                #expect(dom.contains(expected), "\(page.name): \(expected) missing from the DOM Chromium built")
            }
            let file = Self.screenshots.appendingPathComponent("\(page.name).png")
            try? FileManager.default.removeItem(at: file)
            try await chromium.screenshot(url, to: file)
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            #expect(size > 10_000, "\(page.name): screenshot \(file.path) is \(size) bytes")
        }
        let comparison = try await chromium.dumpDOM("http://127.0.0.1:\(port)/pages/indicators/cin_rereferrals_within_12_months/2024-25")
        #expect(PageTests.count("<tr", in: comparison) == 4, "the table: a header, England and two sites")
        await server.stop()
    }

    @Test func withoutPublicReadTheBrowserLandsOnTheSignInForm() async throws {
        let chromium = try Chromium()
        let directory = try await Self.releasedHubDirectory()
        defer { directory.remove() }
        let server = try await Self.serve(directory, [])
        defer { Task { await server.stop() } }
        let port = try #require(await server.port)
        let dom = try await chromium.dumpDOM("http://127.0.0.1:\(port)/pages/sites/353")
        #expect(dom.contains("<h1>Sign in</h1>") && dom.contains(#"name="next" value="/pages/sites/353""#))
        #expect(!dom.contains("Oldham"), "no figures before signing in")
        await server.stop()
    }

    static func serve(_ directory: TemporaryDirectory, _ arguments: [String]) async throws -> HubServerProcess {
        let binary = try #require(BuiltBinary.url("llnc-hub"), "llnc-hub is not built; `swift build --build-tests` builds it")
        let server = HubServerProcess(
            binary: binary, directory: directory.url,
            arguments: arguments + [
                "--catalogue", ReleaseTests.repository.appendingPathComponent("protocol/catalogue").path,
                "--reference", ReleaseTests.repository.appendingPathComponent("hub/reference").path,
            ])
        try await server.start()
        return server
    }

    /// A hub directory as `llnc-hub serve` opens it (keys, `hub.sqlite`, catalogue versions),
    /// holding Oldham's and Rochdale's 2023-24 and 2024-25 cells and a release of each.
    static func releasedHubDirectory() async throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory("llnc-pages")
        let identity = try HubIdentity.create(in: directory.url)
        let store = try SQLiteHubStore(path: SQLiteHubStore.url(in: directory.url).path)
        let clock: @Sendable () -> Int64 = { HubFixture.now }
        let logger = Logger(label: "llnc-pages-tests") { _ in SwiftLogNoOpLogHandler() }
        let register = SiteRegister(store: store, identity: identity, clock: clock)
        let ingest = SubmissionIngest(
            store: store, identity: identity, rules: HubRules(acceptedCatalogues: [TestCatalogue.terms]), logger: logger, clock: clock)
        let earlier = { (cells: [Cell]) in
            cells.map { cell -> Cell in
                var cell = cell
                cell.period = "2023-24"
                return cell
            }
        }
        for (site, key, number, cells, older) in [
            (
                HubFixture.oldham, HubFixture.siteKey, 353, ReleaseTests.cells(520, foster: 400, rereferrals: (210, 1000)),
                ReleaseTests.cells(500, foster: 390, rereferrals: (230, 1000))
            ),
            (
                HubFixture.rochdale, ReleaseTests.rochdaleKey, 354, ReleaseTests.cells(480, foster: 350, rereferrals: (150, 900)),
                ReleaseTests.cells(470, foster: 345, rereferrals: (171, 900))
            ),
        ] {
            let token = try await register.invite(laNumber: site.laNumber)
            _ = try await register.enrol(json: EnrolmentRequest.make(site: site, token: token, siteKey: key).jsonBytes())
            for (sequence, batch) in [(1, earlier(older)), (2, cells)] {
                let envelope = try HubFixture.envelope(
                    site: site, key: key, sequence: UInt64(sequence),
                    submissionID: String(format: "00000000-0000-4000-8000-%09d%03d", number, sequence), cells: batch,
                    hubSealing: identity.sealing)
                _ = try await ingest.ingest(envelope.jsonBytes())
            }
        }
        var configuration = HubConfiguration(hubDirectory: directory.url)
        configuration.acceptedCatalogues = [TestCatalogue.terms, CatalogueTerms(ReleaseTests.catalogue)]
        configuration.catalogueDirectory = ReleaseTests.repository.appendingPathComponent("protocol/catalogue")
        configuration.referenceDirectory = ReleaseTests.repository.appendingPathComponent("hub/reference")
        configuration.syntheticData = true
        for period in ["2023-24", "2024-25"] {
            _ = try await ReleaseMaker(store: store, configuration: configuration, clock: clock).release(period: period)
        }
        for terms in configuration.acceptedCatalogues { _ = try HubConfiguration.publish(terms, in: directory.url) }
        return directory
    }
}

/// Debian's headless Chromium, run as a separate process for each page.
struct Chromium {
    let binary: URL

    /// Finds `chromium` on the PATH; fails, saying how to install it, when it is missing.
    init() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").flatMap { folder in
            ["chromium", "chromium-browser"].map { URL(fileURLWithPath: String(folder)).appendingPathComponent($0) }
        }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let found else { throw Missing() }
        binary = found
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String {
            "headless Chromium is not installed, so the pages cannot be checked in a browser: install Debian's `chromium` package (`deploy/lib/install-deps chromium`, which `deploy/test` runs)"
        }
    }

    struct Failed: Error, CustomStringConvertible {
        let status: Int32
        let error: String
        var description: String { "chromium exited with status \(status): \(error.suffix(600))" }
    }

    func dumpDOM(_ url: String) async throws -> String {
        try await run(["--dump-dom", url])
    }

    func screenshot(_ url: String, to file: URL) async throws {
        _ = try await run(["--screenshot=\(file.path)", "--window-size=1280,2000", "--hide-scrollbars", url])
    }

    /// Runs Chromium with a fresh profile; `timeout` ends a Chromium that hangs.
    private func run(_ arguments: [String]) async throws -> String {
        let profile = try TemporaryDirectory("llnc-chromium")
        defer { profile.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        process.arguments =
            [
                "120", binary.path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--user-data-dir=\(profile.url.path)",
            ] + arguments
        let streams = try ChildProcess.start(process, captureOutput: true, captureError: true)
        // `timeout` ends Chromium at 120 s; this bound covers `timeout` itself.
        try await process.exit(within: .seconds(180))
        // Chromium's helpers may outlive it for a moment, holding its output.
        let output = await streams.output?.text(within: .seconds(30))
        let errors = await streams.error?.text(within: .seconds(30)) ?? "(standard error still open 30 s after Chromium exited)"
        guard process.terminationStatus == 0, let output else { throw Failed(status: process.terminationStatus, error: errors) }
        return output
    }
}
