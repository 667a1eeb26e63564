"""Bytes to claim sets and back: reading within :class:`~.limits.Limits` (decoding, YAML, JSON),
locators that turn data paths into line and column, the bibliography, the claim-set loader,
and the atomic write and locked round-trip save.
"""
