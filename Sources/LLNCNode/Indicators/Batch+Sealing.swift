import LLNCProtocol

/// What the outbox calls: an approved batch becomes the cells and payload that are sealed.
/// Anything not approved is refused with a typed error, so no code path can send a batch no
/// person has approved.
extension Batch {
    /// The cells that leave, in batch order. Throws `notApproved` until enough approvals.
    public func approvedCells() throws(IndicatorError) -> [Cell] {
        guard isApproved else { throw .notApproved(batch: id, approvals: approvals.count, required: approvalsRequired) }
        return cells.map(\.cell)
    }

    /// The payload to seal for this batch, validated against protocol v1.
    public func payload(site: SiteID, submissionID: String, sequence: UInt64) throws -> Payload {
        let payload = Payload(
            site: site, submissionID: submissionID, sequence: sequence, catalogueVersion: catalogueVersion,
            cells: try approvedCells())
        try payload.validate()
        return payload
    }
}

extension Outbox {
    /// Seals an approved batch into the next envelope: the one way a batch enters the
    /// outbox. A draft batch, or one short of its four-eyes approvals, is refused with
    /// `IndicatorError.notApproved` before anything is sealed or stored.
    @discardableResult
    public func seal(_ batch: Batch, identity: SiteIdentity, now: Int64) throws -> Entry {
        try seal(
            batch: String(batch.id), cells: try batch.approvedCells(), catalogueVersion: batch.catalogueVersion,
            identity: identity, now: now)
    }
}

extension NodeStore {
    /// Seals every approved batch not yet in the outbox, oldest first: what `push` and `run`
    /// do before sending, so an approval is all it takes for a batch to leave.
    @discardableResult
    public func sealApprovedBatches(identity: SiteIdentity, now: Int64) throws -> [Outbox.Entry] {
        let outbox = outbox()
        let ready = try writer.read { db in
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT b.id FROM indicator_batch b
                    WHERE (SELECT COUNT(*) FROM batch_approval a WHERE a.batch_id = b.id) >= b.approvals_required
                      AND CAST(b.id AS TEXT) NOT IN (SELECT batch FROM outbox_envelope)
                    ORDER BY b.id
                    """)
        }
        let indicators = indicators()
        return try ready.map { try outbox.seal(indicators.batch($0), identity: identity, now: now) }
    }
}
