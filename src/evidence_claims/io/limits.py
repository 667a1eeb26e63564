"""Bounds on every input (``[tool.evidence-claims.limits]``).

A layer of its own below every reader, so that the readers and the configuration that sets the
bounds can both import it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on every input, so that validation finishes in bounded time and memory."""

    max_file_bytes: int = 50_000_000
    # ruamel.yaml's round-trip parser reads about 0.1-0.2 MB/s on a busy 2-core machine: YAML
    # claim files stay small enough to load in seconds (about 1,000 claims; larger sets go in
    # JSON, which has only max-file-bytes, or in several files)
    max_yaml_bytes: int = 1_000_000
    # bibtexparser slows down more than linearly on hostile input (1 MB of unclosed entries
    # took 11 s on a busy 2-core machine): a bibliography of a few thousand entries fits
    max_bib_bytes: int = 1_000_000
    max_depth: int = 64
    max_nodes: int = 2_000_000
    max_aliases: int = 1_000
    max_claims: int = 200_000
    max_string_length: int = 1_000_000
