// LLNCDisclosure: statistical disclosure control over tables of cells.
//
// Pure: values in, values out. No file, database or network access, so every rule is tested
// with tables of cases and attacked with the same LP solver (GLPK) that chooses secondary
// suppressions.
//
// The path through it:
//   Table.frequency / Table.magnitude    build and check a table (margins computed or checked)
//   table.protected(by: Policy)          primary rules, rounding, percentages, secondary
//                                        suppression, then an audit it must pass
//   Audit.attack([ProtectedTable])       attack several published tables together
//   Attacker.attack(AttackerKnowledge)   attack anything expressed as linear knowledge (the CLI)
//   table.perturbed(by: CellKeyPerturbation, recordKeys:)   the cell-key alternative
//   ThresholdImpact(table:first:second:) what two policies would withhold
