"""Baselines: record today's findings so that CI reports only new ones.

A finding's fingerprint is built from what identifies it, not from where it happens to sit:
its code, its file, its claim id and its JSON Pointer *within the claim* (``/claims/7`` is
dropped, so inserting a claim above does not change the fingerprints of those below). Line
numbers never enter it. Findings that belong to no claim and no field (a stretch of the
document no claim covers) add their message instead, which names the text.

The baseline file is JSON, sorted, one entry per finding, so that it diffs well in review::

    {"version": 1, "tool": "evidence-claims",
     "findings": [{"fingerprint": "...", "code": "...", "file": "...", "claim_id": "...",
                   "path": "...", "message": "..."}]}

Matching counts: a fingerprint recorded twice absorbs two findings, a third is new.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from ..io.limits import Limits
from ..model.report import Finding, Report

BASELINE_VERSION = 1
_CLAIM_POINTER = re.compile(r"^/claims/\d+(?=/|$)")


class BaselineError(ValueError):
    """The baseline file cannot be read or is not a baseline."""


def fingerprint(f: Finding) -> str:
    """A stable identity for a finding (32 hex digits), independent of line numbers."""
    path = (f.path or "").replace("\\", "/")
    if f.claim_id:
        path = _CLAIM_POINTER.sub("", path)
    file = (f.file or "").replace("\\", "/")
    tail = "" if (f.claim_id or f.path) else f.message
    key = "\x1f".join((f.code, file, f.claim_id or "", path, tail))
    # surrogateescape: a file name that is not UTF-8 hashes as its own bytes, not an error
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def baseline_data(report: Report) -> dict:
    entries = [
        {
            "fingerprint": fingerprint(f),
            "code": f.code,
            "file": (f.file or "").replace("\\", "/") or None,
            "claim_id": f.claim_id,
            "path": f.path,
            "message": f.message,
        }
        for f in report.findings
    ]
    entries.sort(key=lambda e: (e["file"] or "", e["claim_id"] or "", e["code"], e["fingerprint"]))
    return {"version": BASELINE_VERSION, "tool": "evidence-claims", "findings": entries}


def baseline_bytes(report: Report) -> tuple[bytes, int]:
    """The baseline file of the report's findings, and how many it holds."""
    data = baseline_data(report)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return text.encode("utf-8", "surrogateescape"), len(data["findings"])  # non-UTF-8 names


def write_baseline(report: Report, path: Path) -> int:
    """Write the report's findings as a baseline (atomically); returns how many."""
    from ..io.storage import atomic_write

    data, count = baseline_bytes(report)
    atomic_write(Path(path), data)
    return count


def read_baseline(path: Path, *, limits: Limits | None = None) -> Counter[str]:
    """Fingerprints of a baseline file, with how often each was recorded.

    The baseline is read as every other input is (:func:`~evidence_claims.io.reading.read_bytes`:
    a regular file only, so a named pipe cannot block and ``/dev/zero`` cannot fill memory;
    no more than ``max-file-bytes``), and a hostile one (nested too deeply, a number of more
    digits than Python converts) is a :class:`BaselineError`, never an internal error.
    """
    from ..io.reading import read_bytes

    limits = limits or Limits()
    raw, problems = read_bytes(
        Path(path), file=str(path), what="baseline", max_bytes=limits.max_file_bytes
    )
    if raw is None:
        reason = problems[0].message if problems else "cannot be read"
        raise BaselineError(f"cannot read baseline {path}: {reason}")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise BaselineError(f"cannot read baseline {path}: {reason}") from exc
    findings = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(findings, list) or data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path} is not an evidence-claims baseline (version 1)")
    counts: Counter[str] = Counter()
    for entry in findings:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise BaselineError(f"{path}: every finding needs a 'fingerprint' string")
        counts[entry["fingerprint"]] += 1
    return counts


def new_findings(report: Report, baseline: Counter[str]) -> Report:
    """The report with only the findings the baseline does not already hold."""
    left = Counter(baseline)
    kept = []
    for f in sorted(report.findings, key=Finding.sort_key):
        key = fingerprint(f)
        if left[key] > 0:
            left[key] -= 1
        else:
            kept.append(f)
    return replace(report, findings=kept)
