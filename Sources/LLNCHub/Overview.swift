// LLNCHub: the research team's side. Site registry and enrolment, envelope ingest,
// the store of every submission and cell vintage, merge into national comparisons,
// the query API, web pages and open-data exports.
