"""Claim sets in other tools' formats: W3C Web Annotation, Label Studio, nanopublications.

The readers of these formats live in :mod:`evidence_claims.io` (``annotations``,
``label_studio``, ``nanopub``); the names both sides share, in
:mod:`evidence_claims.model.interchange`.
"""
