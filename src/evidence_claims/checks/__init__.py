"""Cross-field checks of a loaded claim set: anchors, citations, ids, relations, coverage and
suppressions, with did-you-mean hints.
"""
