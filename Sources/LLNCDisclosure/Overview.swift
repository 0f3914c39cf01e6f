// LLNCDisclosure: statistical disclosure control over tables of cells.
//
// Pure: values in, values out. No file, database or network access, so every rule is tested
// with tables of cases and attacked with the same LP solver (GLPK) that chooses secondary
// suppressions.
