"""Helpers shared by the tests of JSON locating."""

from __future__ import annotations


def json_paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every path into a parsed JSON value, the root's ``()`` first, in document order."""
    out = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            out += json_paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += json_paths(v, (*prefix, i))
    return out
