import LLNCHubCore

/// The indicator list, trend, sign-in, "how to read" and error pages.
enum PageTemplates {
    static let indicators = """
        {{<layout}}{{$content}}
        <h1>Indicators</h1>
        <form class="search" method="get" action="/pages/indicators" role="search">
        <label for="q">Search indicators</label>
        <input type="search" id="q" name="q" value="{{query}}">
        <button class="button" type="submit">Search</button>
        </form>
        <p>{{summary}}</p>
        {{#hasResults}}
        <table>
        <caption>Indicators with released figures</caption>
        <thead><tr><th scope="col">Indicator</th><th scope="col">Unit</th><th scope="col">Released periods</th><th scope="col">Trend</th></tr></thead>
        <tbody>
        {{#indicators}}<tr><th scope="row">{{title}}<br><span class="caption">{{id}} · {{polarityText}}</span></th><td>{{unitText}}</td><td>{{#periods}}<a href="{{href}}">{{label}}</a> {{/periods}}</td><td><a href="{{trendHref}}">Trend<span class="visually-hidden"> for {{title}}</span></a></td></tr>
        {{/indicators}}
        </tbody>
        </table>
        {{/hasResults}}
        {{/content}}{{/layout}}
        """

    static let trend = """
        {{<layout}}{{$content}}
        <span class="caption">Trend{{#breakdownText}} · {{breakdownText}}{{/breakdownText}}</span>
        <h1>{{title}}</h1>
        <form class="search" method="get" action="{{formAction}}">
        <label for="site">Local authority to show beside England</label>
        <select id="site" name="site">
        <option value="">England only</option>
        {{#sites}}<option value="{{laNumber}}"{{#selected}} selected{{/selected}}>{{name}} ({{laNumber}})</option>{{/sites}}
        </select>
        <button class="button" type="submit">Show</button>
        </form>
        <h2 id="trend-heading">{{chartHeading}}</h2>
        {{#chart}}
        <svg role="img" aria-labelledby="trend-title trend-desc" viewBox="0 0 760 330" width="760" height="330">
        <title id="trend-title">{{chartHeading}}</title>
        <desc id="trend-desc">Values by period, oldest on the left. Ranges are drawn as vertical bars; a gap means no figure was shown. The table below gives the same figures.</desc>
        {{#yTicks}}<line class="grid" x1="70" x2="730" y1="{{position}}" y2="{{position}}"/><text x="62" y="{{position}}" text-anchor="end" dominant-baseline="middle">{{label}}</text>{{/yTicks}}
        {{#periods}}<text x="{{position}}" y="{{labelY}}" text-anchor="middle">{{label}}</text>{{/periods}}
        {{#lines}}<g>{{#segments}}<path class="line-{{style}}" d="{{.}}"/>{{/segments}}{{#dots}}<circle class="dot-{{style}}" cx="{{x}}" cy="{{y}}" r="4"/>{{/dots}}{{#bars}}<line class="bar-{{style}}" x1="{{x}}" x2="{{x}}" y1="{{from}}" y2="{{to}}"/>{{/bars}}</g>{{/lines}}
        </svg>
        <ul class="legend" aria-label="Key to the lines">{{#lines}}<li><svg width="30" height="12" aria-hidden="true" focusable="false"><path class="line-{{style}}" d="M2 6H28"/></svg> {{name}}</li>{{/lines}}</ul>
        {{/chart}}
        {{#notComparable}}<p>Periods computed with a definition that cannot be compared with the current one are left out: {{notComparable}}.</p>{{/notComparable}}
        <table>
        <caption>{{chartHeading}}, by period</caption>
        <thead><tr><th scope="col">Period</th><th scope="col" class="number">England</th>{{#siteName}}<th scope="col" class="number">{{siteName}}</th>{{/siteName}}</tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row"><a href="{{href}}">{{period}}</a></th><td class="number">{{#england}}{{> figure}}{{/england}}</td>{{#hasSite}}<td class="number">{{#site}}{{> figure}}{{/site}}</td>{{/hasSite}}</tr>
        {{/rows}}
        </tbody>
        </table>
        {{/content}}{{/layout}}
        """

    static let signIn = """
        {{<layout}}{{$content}}
        <h1>Sign in</h1>
        {{#problem}}<div class="error" role="alert"><h2>There is a problem</h2><p>{{problem}}</p></div>{{/problem}}
        <p>These figures are for analysts and operators of this hub. Sign in with the access token your hub operator gave you (it starts <code>llnc-api-v1.</code>). You stay signed in on this browser for 8 hours or until you sign out.</p>
        <form method="post" action="/pages/sign-in">
        <input type="hidden" name="next" value="{{next}}">
        <label for="token">Access token</label>
        <input type="password" id="token" name="token" autocomplete="off" spellcheck="false" required>
        <p><button class="button" type="submit">Sign in</button></p>
        </form>
        {{/content}}{{/layout}}
        """

    static let failure = """
        {{<layout}}{{$content}}
        <h1>{{heading}}</h1>
        <p>{{detail}}</p>
        <p><a href="/pages/indicators">See every indicator with released figures</a></p>
        {{/content}}{{/layout}}
        """

    static let howToRead = """
        {{<layout}}{{$content}}
        <h1>How to read these figures</h1>
        <p>Each local authority (a "site") computes its own figures and sends only totals to this hub. Before a figure leaves the local authority, small numbers are hidden or rounded so that no child can be identified. The hub then publishes them in releases.</p>
        <h2>Marks beside a figure</h2>
        <table>
        <caption>What each mark means</caption>
        <thead><tr><th scope="col">Mark</th><th scope="col">Meaning</th></tr></thead>
        <tbody>
        <tr><th scope="row"><span class="mark mark-suppressed">c</span></th><td>Suppressed: the figure is not shown because it is small enough that a child could be identified, or because it would let someone work out a hidden figure.</td></tr>
        <tr><th scope="row"><span class="mark mark-rounded">r</span></th><td>Rounded: counts are rounded (usually to the nearest 5) to protect privacy. The true figure is close to the one shown.</td></tr>
        <tr><th scope="row"><span class="mark mark-rounded">p</span></th><td>Perturbed: the figure was altered very slightly to protect privacy.</td></tr>
        <tr><th scope="row"><span class="mark mark-interval">i</span></th><td>A range: some figures behind a total for England or a region were suppressed or rounded, so the total is only known to lie between the two numbers shown. We never show a single number that could be wrong.</td></tr>
        <tr><th scope="row"><span class="mark mark-missing">x</span></th><td>Not available: the local authority did not send this figure, or could not compute it.</td></tr>
        <tr><th scope="row"><span class="mark mark-missing">z</span></th><td>Not applicable.</td></tr>
        </tbody>
        </table>
        <h2>Compared with England</h2>
        <p>A local authority is "better" or "worse" than England when its 95% confidence interval does not include England's value, and "similar" when it does. Whether higher is better depends on the indicator. Where neither direction is better, we say "higher" or "lower". Each comparison is shown by colour, by the marker's shape and in words:</p>
        {{> legend}}
        <h2>Confidence intervals and funnel plots</h2>
        <p>A 95% confidence interval is the range within which the true value probably lies, given how much a figure from a population of that size varies by chance. In a funnel plot, the curved lines show how far from England's value a local authority of each size could be by chance alone (95% and 99.8% limits).</p>
        <h2>Releases</h2>
        <p>Each page names the release its figures come from. A newer release of the same period replaces an older one; released figures are never changed afterwards.</p>
        {{/content}}{{/layout}}
        """
}
