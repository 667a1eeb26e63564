"""Tools for the test suite and the benchmarks, not part of the library: a synthetic corpus
of claim files (:mod:`.synthetic`) and the scoring of drafted claims against gold ones
(:mod:`.agreement`). Nothing under ``evidence_claims`` imports this package (an import-linter
contract says so).
"""
