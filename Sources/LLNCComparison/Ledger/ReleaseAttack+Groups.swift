import LLNCDisclosure

extension ReleaseAttack {
    /// Splits the figures that need an LP into groups that share no cell, directly or through
    /// the ledger and the sites' additivity, so each group is attacked on its own (an
    /// indicator × period, typically).
    func groups(of figures: [LedgerEntry]) -> [Group] {
        guard !figures.isEmpty else { return [] }
        var parent: [Variable: Variable] = [:]
        func find(_ v: Variable) -> Variable {
            var root = v
            while let p = parent[root], p != root { root = p }
            var node = v
            while let p = parent[node], p != root {
                parent[node] = root
                node = p
            }
            return root
        }
        func union(_ vs: [Variable]) {
            guard let first = vs.first else { return }
            if parent[first] == nil { parent[first] = first }
            for v in vs.dropFirst() {
                if parent[v] == nil { parent[v] = v }
                let a = find(first)
                let b = find(v)
                if a != b { parent[b] = a }
            }
        }
        func variables(_ entry: LedgerEntry) -> [Variable] {
            entry.terms.map { Variable(site: $0.site, cell: $0.cell, part: $0.part) }
        }
        func variables(_ relation: SiteRelation) -> [Variable] {
            ([relation.parent] + relation.children).map { Variable(site: relation.site, cell: $0, part: .value) }
        }
        for figure in figures { union(variables(figure)) }
        let touched = Set(parent.keys)
        // Only ledger entries and relations that reach a pending figure's cells matter; pull
        // them in until nothing new joins.
        var ledgerIn = [Bool](repeating: false, count: ledger.count)
        var relationsIn = [Bool](repeating: false, count: proposed.relations.count)
        var reached = touched
        var grew = true
        while grew {
            grew = false
            for (i, entry) in ledger.enumerated() where !ledgerIn[i] {
                let vs = variables(entry)
                if vs.contains(where: reached.contains) {
                    ledgerIn[i] = true
                    union(vs)
                    reached.formUnion(vs)
                    grew = true
                }
            }
            for (i, relation) in proposed.relations.enumerated() where !relationsIn[i] {
                let vs = variables(relation)
                if vs.contains(where: reached.contains) {
                    relationsIn[i] = true
                    union(vs)
                    reached.formUnion(vs)
                    grew = true
                }
            }
        }
        var groups: [Variable: Group] = [:]
        for figure in figures {
            let vs = variables(figure)
            guard let first = vs.first else { continue }
            let root = find(first)
            groups[root, default: Group()].figures.append(figure)
        }
        for (i, entry) in ledger.enumerated() where ledgerIn[i] {
            if let first = variables(entry).first { groups[find(first)]?.ledger.append(entry) }
        }
        for (i, relation) in proposed.relations.enumerated() where relationsIn[i] {
            groups[find(Variable(site: relation.site, cell: relation.parent, part: .value))]?.relations.append(relation)
        }
        for v in reached {
            groups[find(v)]?.variables.insert(v)
        }
        return groups.values.sorted { ($0.figures.first?.figure ?? "") < ($1.figures.first?.figure ?? "") }
    }
}
