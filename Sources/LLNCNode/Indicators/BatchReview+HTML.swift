/// The review as one standalone HTML page: inline styles, no scripts, no external assets,
/// so an approver can open it from a file on a machine with no network.
extension BatchReview {
    public var html: String {
        var body = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Batch \(batch.id) review, \(Self.escape(batch.period))</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#1b1b1b}
            table{border-collapse:collapse;margin:0.5em 0 1.5em}
            th,td{border:1px solid #bbb;padding:0.2em 0.6em;text-align:left;font-size:0.9em}
            th{background:#eee}
            .suppressed{background:#fde2e1}.rounded{background:#eef5ff}.published{background:#e9f7ef}.perturbed{background:#f3e8fd}.unavailable,.not_applicable{background:#eeeeee}
            .leaves{border:3px solid #1d70b8;padding:0 1em}.local{border:3px dashed #b58105;padding:0 1em;background:#fffbea}
            .state{font-weight:bold}
            </style></head><body>
            <h1>Batch \(batch.id): what would leave this site</h1>
            <p>Period \(Self.escape(batch.period)); computed \(Self.escape(batch.computedAt)); catalogue version <code>\(Self.escape(batch.catalogueVersion))</code></p>
            <p class="state">\(Self.escape(approvalLine))</p>

            """
        if !batch.protection.isEmpty {
            body +=
                "<section class=\"protection\"><h2>Protected together</h2>\n<p>Linked indicators: one suppression and one attack over all of them.</p>\n<ul>\n"
            body += batch.protection.map { "<li>\(Self.escape($0))</li>\n" }.joined()
            body += "</ul></section>\n"
        }
        body += "<section class=\"leaves\"><h2>What would leave (\(batch.cells.count) cells)</h2>\n"
        for (indicator, cells) in groups {
            body += "<h3>\(Self.escape(indicator))\(titles[indicator].map { ": " + Self.escape($0) } ?? "")</h3>\n"
            body += "<table><tr><th>breakdown</th><th>status</th><th>value</th><th>numerator/denominator</th><th>reason</th><th>rule</th></tr>\n"
            for c in cells {
                // One class per status, so an approver never sees a withheld or perturbed figure
                // coloured as published.
                let cls = c.cell.status.rawValue
                body +=
                    "<tr class=\"\(cls)\"><td>\(Self.escape(Self.breakdownText(c.cell.breakdown)))</td><td>\(c.cell.status.rawValue)</td>"
                    + "<td>\(Self.escape(Self.shown(c.cell)))</td><td>\(Self.escape(Self.ratio(c.cell)))</td>"
                    + "<td>\(Self.escape(c.cell.reason ?? ""))</td><td>\(Self.escape(Self.leavingRule(c)))</td></tr>\n"
            }
            body += "</table>\n"
        }
        body +=
            "</section>\n<section class=\"local\"><h2>What stays at the site (never sent)</h2>\n"
            + "<p>Exact figures before rounding and suppression, for checking only.</p>\n"
        for (indicator, cells) in groups {
            body +=
                "<h3>\(Self.escape(indicator))</h3>\n<table><tr><th>breakdown</th><th>exact value</th><th>exact numerator/denominator</th><th>rule</th></tr>\n"
            for c in cells {
                let ratio = c.localNumerator.map { "\($0)/\(c.localDenominator ?? "-")" } ?? ""
                body +=
                    "<tr><td>\(Self.escape(Self.breakdownText(c.cell.breakdown)))</td><td>\(Self.escape(c.localValue ?? "-"))</td><td>\(Self.escape(ratio))</td><td>\(Self.escape(c.rule))</td></tr>\n"
            }
            body += "</table>\n"
        }
        return body + "</section>\n</body></html>\n"
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
