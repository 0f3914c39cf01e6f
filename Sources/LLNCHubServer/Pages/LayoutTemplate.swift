import LLNCHubCore

/// The frame every page shares: skip link, header, the synthetic-data banner (a named region,
/// so every part of the page sits in a landmark), the marks' explanation and the one small
/// stylesheet (inline: the pages load nothing else, from anywhere). GOV.UK-like: black on white, system fonts, a yellow focus ring.
enum LayoutTemplate {
    static let text = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{page.title}} - LLNC hub</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        <header class="site-header">
        <div class="width">
        <a class="service" href="/pages/indicators">LLNC: children's services compared</a>
        <nav aria-label="Main"><ul>
        <li><a href="/pages/indicators">Indicators</a></li>
        <li><a href="/pages/how-to-read">How to read these figures</a></li>
        {{#page.signedIn}}<li><form method="post" action="/pages/sign-out"><button class="link-button" type="submit">Sign out</button></form></li>{{/page.signedIn}}
        </ul></nav>
        </div>
        </header>
        {{#page.synthetic}}
        <section class="banner-synthetic" aria-label="Synthetic data"><div class="width"><strong>Synthetic data.</strong> These figures are made up for a demonstration. They are not real figures about any local authority or child.</div></section>
        {{/page.synthetic}}
        <main id="main" class="width" tabindex="-1">
        {{$content}}{{/content}}
        <p class="reading-note">Figures marked <span class="mark mark-suppressed">c</span> are suppressed, <span class="mark mark-rounded">r</span> rounded, <span class="mark mark-interval">i</span> a range rather than a single number. <a href="/pages/how-to-read">How to read these figures</a>.</p>
        </main>
        <footer class="site-footer"><div class="width">Published figures only. Every figure comes from a release of the hub; nothing on these pages is recomputed.</div></footer>
        </body>
        </html>
        """

    /// Colours (GOV.UK's): text #0b0c0c on white (19.6:1), links #1d70b8 (5.2:1), better
    /// #00703c (6.2:1), worse #d4351c (4.9:1), similar #505a5f (7.1:1), higher/lower #1d70b8;
    /// focus: black text on #ffdd00. `PageStyleTests` checks each pair against WCAG AA.
    static let style = """
        body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c;background:#ffffff}
        .width{max-width:960px;margin:0 auto;padding:0 15px}
        a{color:#1d70b8}a:visited{color:#4c2c92}
        a:focus,button:focus,input:focus,select:focus,main:focus-visible{outline:3px solid #ffdd00;outline-offset:0;background:#ffdd00;color:#0b0c0c;box-shadow:0 4px #0b0c0c}
        main:focus{outline:none;background:none;box-shadow:none}
        .skip-link{position:absolute;left:-9999px;top:0;padding:10px;background:#ffdd00;color:#0b0c0c}
        .skip-link:focus{left:0}
        .site-header{background:#0b0c0c;color:#ffffff;padding:10px 0;border-bottom:10px solid #1d70b8}
        .site-header a,.site-header .link-button{color:#ffffff;font-weight:bold}
        .site-header a:focus,.site-header .link-button:focus{color:#0b0c0c}
        .service{font-size:24px;text-decoration:none}
        nav ul{list-style:none;margin:8px 0 0;padding:0;display:flex;gap:20px;flex-wrap:wrap}
        nav form{display:inline;margin:0}
        .link-button{background:none;border:0;padding:0;font:inherit;text-decoration:underline;cursor:pointer}
        .banner-synthetic{background:#fff7bf;border-bottom:5px solid #ffdd00;padding:12px 0}
        main{padding:20px 15px 40px}
        h1{font-size:36px;margin:20px 0 15px}h2{font-size:27px;margin:30px 0 10px}h3{font-size:22px}
        .caption{color:#505a5f;font-size:19px}
        td .caption,th .caption{font-size:14px;font-weight:normal}
        table{border-collapse:collapse;width:100%;margin:10px 0 20px;font-size:16px}
        caption{text-align:left;font-weight:bold;font-size:19px;padding-bottom:8px}
        th,td{border-bottom:1px solid #b1b4b6;padding:8px 10px 8px 0;text-align:left;vertical-align:top}
        td.number,th.number{text-align:right}
        tr.england{font-weight:bold;background:#f3f2f1}
        .mark{display:inline-block;border:1px solid #0b0c0c;border-radius:3px;padding:0 4px;font-size:14px;font-weight:bold;margin-left:4px}
        .mark-suppressed{background:#0b0c0c;color:#ffffff}
        .mark-interval{border-style:dashed}
        .visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
        .tag{display:inline-block;padding:2px 6px;font-weight:bold;font-size:15px;color:#ffffff}
        .tag.sig-better{background:#00703c}.tag.sig-worse{background:#d4351c}.tag.sig-similar{background:#505a5f}.tag.sig-neutral{background:#1d70b8}.tag.sig-none{background:#ffffff;color:#0b0c0c;border:1px solid #0b0c0c}
        svg{max-width:100%;height:auto;font-family:inherit}
        svg text{font-size:13px;fill:#0b0c0c}
        svg .axis{stroke:#0b0c0c;stroke-width:1}
        svg .grid{stroke:#b1b4b6;stroke-width:1}
        svg .england{stroke:#0b0c0c;stroke-width:2;stroke-dasharray:6 4}
        svg .whisker{stroke:#0b0c0c;stroke-width:1.5}
        svg path.sig-better{fill:#00703c}svg path.sig-worse{fill:#d4351c}svg path.sig-similar{fill:#505a5f}svg path.sig-neutral{fill:#1d70b8}svg path.sig-none{fill:#ffffff;stroke:#0b0c0c;stroke-width:1.5}
        svg .limit-95{fill:none;stroke:#505a5f;stroke-width:1.5;stroke-dasharray:4 3}
        svg .limit-998{fill:none;stroke:#0b0c0c;stroke-width:1.5}
        svg .range{fill:#dedede}svg .quartiles{fill:#757575}
        svg .line-england{fill:none;stroke:#0b0c0c;stroke-width:2.5;stroke-dasharray:6 4}
        svg .line-site{fill:none;stroke:#1d70b8;stroke-width:3}
        svg .dot-england{fill:#0b0c0c}svg .dot-site{fill:#1d70b8}
        svg .bar-england{stroke:#0b0c0c;stroke-width:6;opacity:.5}svg .bar-site{stroke:#1d70b8;stroke-width:6;opacity:.6}
        .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px 20px;font-size:16px}
        .legend svg{vertical-align:middle}
        .search{margin:10px 0 20px}
        label{display:block;font-weight:bold;margin-bottom:5px}
        input[type=search],input[type=password],select{font-size:19px;padding:5px;border:2px solid #0b0c0c;min-width:280px}
        .button{font-size:19px;padding:7px 12px;background:#00703c;color:#ffffff;border:0;box-shadow:0 2px 0 #002d18;cursor:pointer}
        .error{border-left:5px solid #d4351c;padding:10px 15px;margin:15px 0}
        .reading-note{border-top:1px solid #b1b4b6;padding-top:15px;font-size:16px}
        .site-footer{border-top:1px solid #b1b4b6;padding:20px 0;font-size:16px;color:#505a5f;background:#f3f2f1}
        """
}
