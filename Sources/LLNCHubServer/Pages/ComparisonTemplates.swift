import LLNCHubCore

/// The comparison and site-profile pages. Every value is inserted with `{{ }}`, which
/// escapes HTML; no template uses the unescaped `{{{ }}}` form.
enum ComparisonTemplates {
    /// A released figure and its mark (see `FigureCell`).
    static let figure = """
        {{text}}{{#hasMark}}<span class="mark {{markStyle}}" title="{{markWords}}" aria-hidden="true">{{mark}}</span><span class="visually-hidden"> ({{markWords}})</span>{{/hasMark}}
        """

    static let legend = """
        <ul class="legend" aria-label="Key to the chart markers">
        {{#page.legend}}<li><svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false"><path class="{{style}}" d="{{marker}}"/></svg> {{words}}</li>{{/page.legend}}
        </ul>
        """

    static let comparison = """
        {{<layout}}{{$content}}
        <span class="caption">{{period}} · release {{releaseID}}{{#breakdownText}} · {{breakdownText}}{{/breakdownText}}</span>
        <h1>{{title}}</h1>
        <p>{{description}}</p>
        <p>Unit: {{unitText}}. {{polarityText}} England: <strong>{{#england}}{{> figure}}{{/england}}</strong>{{#englandInterval}} (95% confidence interval {{englandInterval}}){{/englandInterval}}, from {{englandShown}} of {{englandExpected}} local authorities.{{#englandShownSites}} Some authorities' figures are suppressed, so England is a range; authorities are compared with England over the others: {{englandShownSites}}.{{/englandShownSites}}</p>
        <p>Other periods: {{#periods}}<a href="{{href}}">{{label}}</a> {{/periods}} · <a href="{{trendHref}}">Trend over time</a></p>
        <form class="search" method="get" action="{{formAction}}">
        {{#breakdownParameter}}<input type="hidden" name="breakdown" value="{{breakdownParameter}}">{{/breakdownParameter}}
        <label for="region">Show local authorities in</label>
        <select id="region" name="region">
        <option value="">All of England</option>
        {{#regions}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/regions}}
        </select>
        <button class="button" type="submit">Show</button>
        </form>
        <h2 id="ranked-heading">Local authorities ranked</h2>
        {{#ranked}}
        {{^isEmpty}}
        <svg role="img" aria-labelledby="ranked-title ranked-desc" viewBox="0 0 760 {{height}}" width="760" height="{{height}}">
        <title id="ranked-title">{{title}}: local authorities ranked, with 95% confidence intervals</title>
        <desc id="ranked-desc">Each local authority's value as a marker with a horizontal line for its 95% confidence interval; the dashed vertical line is England's value. The table below gives the same figures.</desc>
        {{#ticks}}<line class="grid" x1="{{position}}" x2="{{position}}" y1="24" y2="{{axisY}}"/><text x="{{position}}" y="{{tickLabelY}}" text-anchor="middle">{{label}}</text>{{/ticks}}
        {{#hasEngland}}<line class="england" x1="{{englandX}}" x2="{{englandX}}" y1="16" y2="{{axisY}}"/><text x="{{englandX}}" y="12" text-anchor="middle">{{englandLabel}}</text>{{/hasEngland}}
        {{#rows}}<g><text x="212" y="{{labelY}}" text-anchor="end">{{name}}</text>{{#whisker}}<line class="whisker" x1="{{ciFrom}}" x2="{{ciTo}}" y1="{{y}}" y2="{{y}}"/>{{/whisker}}<path class="{{style}}" d="{{marker}}"><title>{{name}}: {{value}}, {{words}}</title></path></g>
        {{/rows}}
        </svg>
        {{/isEmpty}}
        {{#isEmpty}}<p>No local authority's figure is shown for this indicator and period, so there is nothing to rank.</p>{{/isEmpty}}
        {{/ranked}}
        {{> legend}}
        {{#funnel}}
        <h2 id="funnel-heading">Funnel plot</h2>
        <p>Each local authority's value against the size of its population (the denominator). The lines either side of England's value are the 95% (dashed) and 99.8% (solid) control limits: a smaller authority's figure varies more by chance, so its limits are wider. A marker outside the solid lines differs from England by more than chance usually explains.</p>
        <svg role="img" aria-labelledby="funnel-title funnel-desc" viewBox="0 0 760 420" width="760" height="420">
        <title id="funnel-title">{{title}}: funnel plot against England</title>
        <desc id="funnel-desc">Values plotted against denominators with 95% and 99.8% control limits around England's value. The table below gives the same figures.</desc>
        {{#yTicks}}<line class="grid" x1="70" x2="730" y1="{{position}}" y2="{{position}}"/><text x="62" y="{{position}}" text-anchor="end" dominant-baseline="middle">{{label}}</text>{{/yTicks}}
        {{#xTicks}}<text x="{{position}}" y="392" text-anchor="middle">{{label}}</text>{{/xTicks}}
        <line class="axis" x1="70" x2="730" y1="370" y2="370"/>
        <text x="400" y="414" text-anchor="middle">Denominator</text>
        <line class="england" x1="70" x2="730" y1="{{englandY}}" y2="{{englandY}}"/>
        {{#limits}}<path class="{{style}}" d="{{path}}"/>{{/limits}}
        {{#points}}<path class="{{style}}" d="{{marker}}"><title>{{name}}</title></path>{{/points}}
        </svg>
        {{/funnel}}
        <h2 id="table-heading">Table</h2>
        <table>
        <caption>{{title}}, {{period}}: every local authority and England</caption>
        <thead><tr><th scope="col">Area</th><th scope="col" class="number">Value</th><th scope="col">95% confidence interval</th><th scope="col" class="number">Denominator</th><th scope="col">Compared with England</th><th scope="col" class="number">Rank</th></tr></thead>
        <tbody>
        <tr class="england"><th scope="row">England</th><td class="number">{{#england}}{{> figure}}{{/england}}</td><td>{{englandInterval}}</td><td class="number">{{englandDenominator}}</td><td></td><td></td></tr>
        {{#rows}}<tr><th scope="row"><a href="{{profileHref}}">{{name}}</a> <span class="caption">{{laNumber}}</span></th><td class="number">{{#figure}}{{> figure}}{{/figure}}</td><td>{{figure.interval}}</td><td class="number">{{denominator}}</td><td><span class="tag {{style}}">{{words}}</span></td><td class="number">{{rank}}</td></tr>
        {{/rows}}
        </tbody>
        </table>
        {{/content}}{{/layout}}
        """

    static let profile = """
        {{<layout}}{{$content}}
        <span class="caption">{{period}} · release {{releaseID}}{{#regionName}} · {{regionName}}{{/regionName}}</span>
        <h1>{{name}}</h1>
        <p>Every indicator released for {{name}} in {{period}}, against England.</p>
        <h2 id="spine-heading">Compared with England</h2>
        <p>Each row is one indicator. The vertical line is England's value; the light bar is the range of every local authority's value and the darker bar the middle half of them. Each row is drawn so that better is to the right. The marker is {{name}}.</p>
        {{#spine}}
        <svg role="img" aria-labelledby="spine-title spine-desc" viewBox="0 0 760 {{height}}" width="760" height="{{height}}">
        <title id="spine-title">{{name}} compared with England, indicator by indicator</title>
        <desc id="spine-desc">A spine chart: for each indicator, the local authority's value relative to England and to the range of all authorities. The table below gives the same figures.</desc>
        <text x="350" y="16" text-anchor="end">Worse</text><text x="740" y="16" text-anchor="end">Better</text>
        {{#rows}}<g><text x="10" y="{{labelY}}">{{title}}</text><rect class="range" x="{{rangeFrom}}" y="{{barY}}" width="{{rangeWidth}}" height="14"/><rect class="quartiles" x="{{quartileFrom}}" y="{{barY}}" width="{{quartileWidth}}" height="14"/>{{#hasSite}}<path class="{{style}}" d="{{marker}}"><title>{{title}}: {{words}}</title></path>{{/hasSite}}</g>
        {{/rows}}
        <line class="axis" x1="{{centreX}}" x2="{{centreX}}" y1="22" y2="{{lineBottom}}"/>
        </svg>
        {{/spine}}
        {{> legend}}
        <h2 id="profile-table-heading">Table</h2>
        <table>
        <caption>{{name}}, {{period}}: every indicator</caption>
        <thead><tr><th scope="col">Indicator</th><th scope="col" class="number">{{name}}</th><th scope="col" class="number">England</th><th scope="col" class="number">Region</th><th scope="col" class="number">Statistical neighbours</th><th scope="col">Compared with England</th></tr></thead>
        <tbody>
        {{#rows}}<tr><th scope="row"><a href="{{comparisonHref}}">{{title}}</a> <span class="caption">{{unitText}}</span></th><td class="number">{{#site}}{{> figure}}{{/site}}</td><td class="number">{{#england}}{{> figure}}{{/england}}</td><td class="number">{{#region}}{{> figure}}{{/region}}</td><td class="number">{{#neighbours}}{{> figure}}{{/neighbours}}</td><td><span class="tag {{style}}">{{words}}</span></td></tr>
        {{/rows}}
        </tbody>
        </table>
        {{/content}}{{/layout}}
        """
}
