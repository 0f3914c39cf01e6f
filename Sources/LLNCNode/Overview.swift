// LLNCNode: everything a site runs locally. The store of record-level data, ingest and
// validation of the site's extracts, pseudonymisation and linkage, the indicator engine,
// review and approval, the audit log, and the outbox that talks to the hub.
//
// Record-level values (identifiers, dates of birth, names) never appear in an error, a log
// line or anything that leaves the node.
