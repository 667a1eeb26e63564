"""Bounds on every input (``[tool.evidence-claims.limits]``).

A layer of its own below every reader, so that the readers and the configuration that sets the
bounds can both import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on every input, so that validation finishes in bounded time and memory."""

    max_file_bytes: int = 50_000_000
    # YAML is read at about 5-10 MB/s (LibYAML): 20 MB is about 20,000 claims in the style of
    # the bundled set, read in 2-4 s; hostile YAML of that size stops at max-nodes first
    max_yaml_bytes: int = 20_000_000
    # bibtexparser slows down more than linearly on hostile input (1 MB of unclosed entries
    # took 11 s on a busy 2-core machine): a bibliography of a few thousand entries fits
    max_bib_bytes: int = 1_000_000
    max_depth: int = 64
    max_nodes: int = 2_000_000
    max_aliases: int = 1_000
    max_claims: int = 200_000
    max_string_length: int = 1_000_000
    # where documents and bibliographies may be, as globs relative to the repository root
    # (``documents`` in [tool.evidence-claims]); empty: anywhere in it outside hidden folders.
    # See evidence_claims.io.paths.
    documents: tuple[str, ...] = field(default=())

    def bibliography_bytes(self) -> tuple[int, str]:
        """The size bound of a bibliography and the limit's name in findings: the lower of
        ``max-bib-bytes`` and ``max-file-bytes``."""
        if self.max_bib_bytes < self.max_file_bytes:
            return self.max_bib_bytes, "max-bib-bytes"
        return self.max_file_bytes, "max-file-bytes"
