import CoreMetrics
import Foundation
import LLNCHubCore
import Metrics
import Prometheus

/// The hub's operational figures, in Prometheus text format at `GET /metrics`.
///
/// Each application has its own registry (not swift-metrics' global bootstrap), so tests
/// that build several hubs in one process read their own figures. Metrics are recorded
/// through swift-metrics' `Counter`/`Timer`/`Gauge` with handlers from a
/// `PrometheusMetricsFactory` on that registry.
///
/// What a label may carry is deliberately narrow: an outcome, a refusal code from the
/// protocol's fixed list, a route template and a method, a status code. Never a site's LA
/// number, a submission id, an indicator, a raw path or any value a site sent: metrics are
/// read by operators and scraped into systems outside the hub's data controls.
public final class HubMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Ingest of a large envelope (signature, decryption, thousands of cells) is slower
        // than a query; both sets of buckets reach from 1 ms to 10 s.
        let buckets: [Duration] = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
            .seconds(10),
        ]
        factory.defaultDurationHistogramBuckets = buckets
        self.factory = factory
    }

    /// What became of one submission: `accepted`, `duplicate`, or `rejected` with its code.
    public enum SubmissionOutcome: Sendable, Equatable {
        case accepted, duplicate
        case rejected(code: String)
    }

    public func recordSubmission(_ outcome: SubmissionOutcome, duration: Duration) {
        let dimensions: [(String, String)] =
            switch outcome {
            case .accepted: [("outcome", "accepted")]
            case .duplicate: [("outcome", "duplicate")]
            case .rejected(let code): [("outcome", "rejected"), ("code", Self.labelSafe(code))]
            }
        counter("llnc_submissions_total", dimensions).increment()
        timer("llnc_ingest_duration_seconds", [("outcome", dimensions[0].1)]).record(duration: duration)
    }

    /// One answered request: `route` is the matched route template (`/v1/submissions`),
    /// or `unmatched` when no route matched; never the path the client sent.
    public func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        timer("llnc_http_request_duration_seconds", [("route", route), ("method", method)]).record(duration: duration)
        counter("llnc_http_requests_total", [("route", route), ("method", method), ("status", String(status))]).increment()
    }

    /// The store's size, read when `/metrics` is scraped.
    public func recordStoreSize(_ counts: HubCounts) {
        gauge("llnc_store_sites", []).record(counts.sites)
        gauge("llnc_store_active_sites", []).record(counts.activeSites)
        gauge("llnc_store_submissions", []).record(counts.submissions)
        gauge("llnc_store_cells", []).record(counts.cells)
    }

    /// The exposition text (Prometheus text format 0.0.4).
    public func render() -> [UInt8] {
        registry.emitToBuffer()
    }

    private func counter(_ label: String, _ dimensions: [(String, String)]) -> CoreMetrics.Counter {
        CoreMetrics.Counter(label: label, dimensions: dimensions, factory: factory)
    }

    private func timer(_ label: String, _ dimensions: [(String, String)]) -> CoreMetrics.Timer {
        CoreMetrics.Timer(label: label, dimensions: dimensions, factory: factory)
    }

    private func gauge(_ label: String, _ dimensions: [(String, String)]) -> CoreMetrics.Gauge {
        CoreMetrics.Gauge(label: label, dimensions: dimensions, factory: factory)
    }

    /// Refusal codes come from the protocol's fixed list (lowercase words and hyphens); this
    /// keeps a label to that shape even if a future code were built from input.
    static func labelSafe(_ code: String) -> String {
        let allowed = code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || $0 == "-" || ("0"..."9").contains($0) }
        return allowed && code.count <= 40 ? code : "other"
    }
}
