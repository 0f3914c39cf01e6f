import CGLPK

/// A thin owner of one GLPK problem. Built once and re-solved many times with changed bounds
/// or objective, so GLPK starts from the previous optimal basis (a warm start) instead of from
/// scratch: that is what makes auditing thousands of cells affordable.
///
/// Not `Sendable`: a GLPK problem object belongs to one thread. Freed in `deinit`.
final class LinearProgram {
    enum Outcome: Equatable {
        case optimal(Double)
        case unbounded
        case infeasible
    }

    private let problem: OpaquePointer
    private var parameters = glp_smcp()
    let rowCount: Int
    let columnCount: Int

    /// `entries` are (row, column, coefficient), zero-based.
    init(rows: Int, columns: Int, entries: [(row: Int, column: Int, value: Double)]) {
        _ = glp_term_out(GLP_OFF)
        problem = glp_create_prob()
        rowCount = rows
        columnCount = columns
        if rows > 0 { glp_add_rows(problem, Int32(rows)) }
        if columns > 0 { glp_add_cols(problem, Int32(columns)) }
        var ia: [Int32] = [0]
        var ja: [Int32] = [0]
        var ar: [Double] = [0]
        ia.reserveCapacity(entries.count + 1)
        ja.reserveCapacity(entries.count + 1)
        ar.reserveCapacity(entries.count + 1)
        // GLPK aborts the process on a repeated (row, column) pair, so sum repeats first.
        var seen: [Int: Int] = [:]
        for entry in entries {
            let cell = entry.row &* columns &+ entry.column
            if let at = seen[cell] {
                ar[at] += entry.value
                continue
            }
            seen[cell] = ar.count
            ia.append(Int32(entry.row + 1))
            ja.append(Int32(entry.column + 1))
            ar.append(entry.value)
        }
        glp_load_matrix(problem, Int32(ar.count - 1), ia, ja, ar)
        for row in 0..<rows { setRow(row, lower: 0, upper: 0) }
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.meth = GLP_DUALP
        if rows > 0 && columns > 0 { glp_scale_prob(problem, GLP_SF_AUTO) }
    }

    deinit { glp_delete_prob(problem) }

    func setRow(_ row: Int, lower: Double?, upper: Double?) {
        let (type, lo, hi) = Self.bounds(lower, upper)
        glp_set_row_bnds(problem, Int32(row + 1), type, lo, hi)
    }

    func setColumn(_ column: Int, lower: Double?, upper: Double?) {
        let (type, lo, hi) = Self.bounds(lower, upper)
        glp_set_col_bnds(problem, Int32(column + 1), type, lo, hi)
    }

    func setCost(_ column: Int, _ cost: Double) {
        glp_set_obj_coef(problem, Int32(column + 1), cost)
    }

    func value(ofColumn column: Int) -> Double {
        glp_get_col_prim(problem, Int32(column + 1))
    }

    /// Solves from the current basis (a fresh advanced basis the first time or after a
    /// failure). Throws only when GLPK itself fails, which callers turn into "nothing
    /// publishable".
    ///
    /// `primal` suits a changed objective (the old basis stays primal feasible); the default
    /// dual simplex suits changed bounds (the old basis stays dual feasible).
    func solve(maximize: Bool = false, primal: Bool = false, presolve: Bool = false, stage: String) throws -> Outcome {
        glp_set_obj_dir(problem, maximize ? GLP_MAX : GLP_MIN)
        parameters.meth = primal ? GLP_PRIMAL : GLP_DUALP
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        var code = glp_simplex(problem, &parameters)
        if code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND || code == GLP_EFAIL {
            glp_adv_basis(problem, 0)
            code = glp_simplex(problem, &parameters)
        }
        if code == GLP_EBADB || code == GLP_ESING || code == GLP_ECOND || code == GLP_EFAIL {
            glp_std_basis(problem)
            code = glp_simplex(problem, &parameters)
        }
        guard code == 0 else { throw DisclosureError.solverFailed(stage: stage, code: Int(code)) }
        switch glp_get_status(problem) {
        case GLP_OPT: return .optimal(glp_get_obj_val(problem))
        case GLP_UNBND: return .unbounded
        case GLP_NOFEAS: return .infeasible
        default:
            // The dual simplex reports primal unboundedness as dual infeasibility.
            if glp_get_dual_stat(problem) == GLP_NOFEAS && glp_get_prim_stat(problem) == GLP_FEAS { return .unbounded }
            if glp_get_prim_stat(problem) == GLP_NOFEAS { return .infeasible }
            throw DisclosureError.solverFailed(stage: stage, code: Int(glp_get_status(problem)))
        }
    }

    /// Marks a column as taking whole values only, for `solveInteger`; the simplex solves
    /// ignore it.
    func setInteger(_ column: Int) {
        glp_set_col_kind(problem, Int32(column + 1), GLP_IV)
    }

    enum IntegerOutcome: Equatable {
        /// The best whole-valued solution, its objective and every column's value in it.
        case optimal(Double, [Double])
        /// A whole-valued solution found before the time ran out, not proven best.
        case feasible([Double])
        case infeasible
        case unbounded
        /// The search ran out of `milliseconds` before finding any whole-valued solution.
        case timedOut
    }

    /// Branch and bound over the integer columns (GLPK's own LP presolve first, so no basis is
    /// needed and the simplex basis is left alone).
    func solveInteger(maximize: Bool = false, milliseconds: Int, stage: String) throws -> IntegerOutcome {
        glp_set_obj_dir(problem, maximize ? GLP_MAX : GLP_MIN)
        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        parameters.presolve = GLP_ON
        parameters.tm_lim = Int32(clamping: max(1, milliseconds))
        let code = glp_intopt(problem, &parameters)
        switch code {
        case 0, GLP_ETMLIM: break
        case GLP_ENOPFS: return .infeasible
        case GLP_ENODFS: return .unbounded
        default: throw DisclosureError.solverFailed(stage: stage, code: Int(code))
        }
        let values = { (0..<self.columnCount).map { glp_mip_col_val(self.problem, Int32($0 + 1)) } }
        switch glp_mip_status(problem) {
        case GLP_OPT: return .optimal(glp_mip_obj_val(problem), values())
        case GLP_FEAS: return .feasible(values())
        case GLP_NOFEAS: return .infeasible
        default:
            guard code == GLP_ETMLIM else { throw DisclosureError.solverFailed(stage: stage, code: Int(glp_mip_status(problem))) }
            return .timedOut
        }
    }

    /// The current solution, every column.
    func columnValues() -> [Double] {
        (0..<columnCount).map { glp_get_col_prim(problem, Int32($0 + 1)) }
    }

    private static func bounds(_ lower: Double?, _ upper: Double?) -> (Int32, Double, Double) {
        switch (lower, upper) {
        case (nil, nil): return (GLP_FR, 0, 0)
        case (let lo?, nil): return (GLP_LO, lo, 0)
        case (nil, let hi?): return (GLP_UP, 0, hi)
        case (let lo?, let hi?): return lo >= hi ? (GLP_FX, lo, lo) : (GLP_DB, lo, hi)
        }
    }
}
