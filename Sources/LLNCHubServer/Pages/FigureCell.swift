import LLNCHubCore
import LLNCProtocol

/// A released figure as a table cell shows it: the number (or the symbol standing for a
/// missing one) and, when the figure is not an exact number, a mark and the words for it.
/// Every page links the marks to "How to read these figures" (`/how-to-read`).
struct FigureCell: Sendable, Hashable {
    /// What the cell shows: `520`, `1200 to 1260`; empty when suppressed (the mark `c` says so).
    let text: String
    /// The short mark after it: `r` rounded, `p` perturbed, `i` interval, or the reason a
    /// figure is missing; empty when the figure is exact.
    let mark: String
    /// The mark in words, read out by screen readers and shown on hover.
    let markWords: String
    /// The CSS class: `mark-suppressed`, `mark-rounded`, ...
    let markStyle: String
    /// The 95% confidence interval as text, when released.
    let interval: String
    let hasMark: Bool

    init(_ figure: SiteProfile.Figure?) {
        guard let figure else {
            self.init(text: "x", mark: "x", words: "not reported", style: "mark-missing", interval: "")
            return
        }
        let interval = figure.ciLower.flatMap { lower in figure.ciUpper.map { "\(lower) to \($0)" } } ?? ""
        switch figure.status {
        case "published", "exact":
            self.init(text: figure.value ?? "", mark: "", words: "", style: "", interval: interval)
        case "rounded":
            self.init(
                text: figure.value ?? "", mark: "r",
                words: "rounded, or worked out from rounded counts, to protect privacy; the true figure is close to this",
                style: "mark-rounded", interval: interval)
        case "perturbed":
            self.init(
                text: figure.value ?? "", mark: "p", words: "slightly altered to protect privacy", style: "mark-rounded",
                interval: interval)
        case "interval":
            let range = "\(figure.lower ?? "?") to \(figure.upper ?? "no upper limit")"
            self.init(
                text: range, mark: "i", words: "a range: some figures behind it were suppressed or rounded, so only the range is known",
                style: "mark-interval", interval: interval)
        case "suppressed", "withheld":
            self.init(
                text: "", mark: "c", words: "suppressed: not shown so that no child can be identified",
                style: "mark-suppressed", interval: "")
        case "not_applicable":
            self.init(text: "z", mark: "z", words: "not applicable", style: "mark-missing", interval: "")
        default:
            self.init(text: "x", mark: "x", words: "not available", style: "mark-missing", interval: "")
        }
    }

    private init(text: String, mark: String, words: String, style: String, interval: String) {
        self.text = text
        self.mark = mark
        markWords = words
        markStyle = style
        self.interval = interval
        hasMark = !mark.isEmpty
    }
}
