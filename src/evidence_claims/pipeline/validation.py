"""The entry points ``load``, ``validate`` and ``assess``: load each file, check, gather a report.

This module orchestrates; the work is done by :mod:`evidence_claims.io.loader` (parsing and
schema), :mod:`evidence_claims.checks` (cross-field checks) and :mod:`evidence_claims.assessment`
(certainty and evidence findings); :mod:`.discovery` finds the files.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import fields
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any

from .. import assessment
from ..assessment import assess_claim_set
from ..checks.cross_field import run_checks
from ..io.claimset import ClaimSet
from ..io.limits import Limits
from ..io.loader import display_path, load_claim_file
from ..model.errors import ClaimFileError
from ..model.report import ClaimAssessment, Finding, Reason, Report
from . import stream
from .discovery import discover
from .parallel import gc_paused, map_ordered, resolve_jobs
from .progress import ProgressCallback
from .result_cache import ResultCache
from .stream import stream_report
from .suppressions import Place, drop_suppressed, unused_suppressions


def apply_suppressions(cs: ClaimSet, findings: list[Finding]) -> list[Finding]:
    """Drop findings a claim suppresses (with a reason); report suppressions that match none."""
    wanted = {(c.id, s.code): (c, i) for c in cs.claims for i, s in enumerate(c.suppress)}
    if not wanted:
        return findings
    used: set[tuple[str, str]] = set()
    kept = drop_suppressed(findings, wanted, used)

    def place(key: tuple[str, str]) -> Place:
        claim, i = wanted[key]
        return cs.locate(claim, "suppress", i), cs.pointer(claim, "suppress", i)

    return [*kept, *unused_suppressions(cs.file, wanted, used, place)]


def validate_file(
    path: Path,
    *,
    root: Path | None = None,
    limits: Limits | None = None,
    stream_bytes: int | None = None,
) -> tuple[ClaimSet | None, Report]:
    """Load and check one claim file (within ``limits``, default ``Limits()``).

    With ``stream_bytes``, a JSON file of that many bytes or more is validated a chunk at a
    time (:mod:`.stream`; :func:`validate` passes :data:`.stream.STREAM_BYTES`), with the same
    report; no set is returned for it then, since none is held. Without, the set is loaded
    whole and returned (for callers that use it)."""
    if stream_bytes is not None:
        streamed = stream_report(path, root=root, limits=limits, min_bytes=stream_bytes)
        if streamed is not None:
            return None, streamed
    loaded = load_claim_file(path, root=root, limits=limits)
    cs = loaded.claim_set
    if cs is None:
        report = Report(files=[display_path(Path(path))])
        report.extend(loaded.findings)
        return None, report
    cs.load_findings = list(loaded.findings)
    return cs, check_loaded(cs, Path(path))


def check_loaded(cs: ClaimSet, path: Path | None = None) -> Report:
    """The report of a loaded set: its loading findings, cross-field checks and assessment
    (what :func:`validate` gives for its file, without reading the file again)."""
    where = path if path is not None else cs.path
    report = Report(files=[display_path(Path(where))] if where is not None else [])
    report.extend(cs.load_findings)
    report.claims = len(cs.claims)
    assessed = assess_claim_set(cs)
    report.extend(apply_suppressions(cs, [*run_checks(cs), *assessed.findings]))
    report.assessments.extend(assessed.assessments)
    return report


def validate(
    *paths: str | Path,
    root: Path | None = None,
    limits: Limits | None = None,
    progress: ProgressCallback | None = None,
    jobs: int | None = None,
    cache: ResultCache | None = None,
) -> Report:
    """Validate claim files and directories of claim files; never raises on bad input.

    ``progress(done, total)`` is called before the first file and after each one (see
    :mod:`evidence_claims.pipeline.progress`); the library itself never prints. ``jobs`` processes
    share the files (None or 0: all CPUs when the files are many or large, else one; see
    :mod:`evidence_claims.pipeline.parallel`); the report is the same for any number. With a
    ``cache`` (:class:`~evidence_claims.pipeline.result_cache.ResultCache`), a file whose result is
    stored for the same bytes and settings is not validated again.
    """
    files, findings = discover(paths or (".",), root=root)
    report = Report()
    report.extend(findings)
    if progress is not None:
        progress(0, len(files))
    processes = resolve_jobs(jobs, files)
    packed = processes > 1
    work = partial(_file_report, root=root, limits=limits, packed=packed, cache=cache)
    # With workers, this process only rebuilds and gathers results, which hold no cycles: the
    # collector would only walk the growing report again and again.
    with gc_paused() if packed else nullcontext():
        for done, result in enumerate(map_ordered(work, files, processes), start=1):
            report.merge(_unpack(result) if packed else result)
            if progress is not None:
                progress(done, len(files))
    with gc_paused():  # sorting allocates a key per finding: no reason to walk the report
        return report.sorted()


def _file_report(
    path: Path,
    *,
    root: Path | None,
    limits: Limits | None,
    packed: bool = False,
    cache: ResultCache | None = None,
) -> Any:
    """One file's report; from a worker process packed into tuples (see :func:`_pack`)."""
    with gc_paused():
        if cache is not None:
            return _cached_file_report(path, root, limits or Limits(), packed, cache)
        report = validate_file(path, root=root, limits=limits, stream_bytes=stream.STREAM_BYTES)[1]
        return _pack(report) if packed else report


def _cached_file_report(
    path: Path, root: Path | None, limits: Limits, packed: bool, cache: ResultCache
) -> Any:
    """The stored report of an unchanged file, else a fresh one (stored when it may be)."""
    hit, ticket = cache.lookup(path, root, limits)
    if hit is not None:
        hit = _share(hit)
        return hit if packed else _unpack(hit)
    cs, report = validate_file(
        path,
        root=ticket.root if ticket else root,
        limits=limits,
        stream_bytes=stream.STREAM_BYTES,
    )
    if ticket is None:
        return _pack(report) if packed else report
    result = _pack(report)
    cache.store(ticket, path, cs, result, limits)
    return result if packed else report


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_ASSESSMENT_FIELDS = tuple(f.name for f in fields(ClaimAssessment))
_REASON_FIELDS = tuple(f.name for f in fields(Reason))
_FINDING_VALUES = attrgetter(*_FINDING_FIELDS)
_ASSESSMENT_VALUES = attrgetter(*_ASSESSMENT_FIELDS)
_REASON_VALUES = attrgetter(*_REASON_FIELDS)
_REASONS_AT = _ASSESSMENT_FIELDS.index("reasons")
_RELATIONS_AT = _ASSESSMENT_FIELDS.index("relations")


def _pack(report: Report) -> tuple[Any, ...]:
    """A report as nested tuples: three times cheaper to send between processes than the
    dataclasses themselves (measured: 5 µs instead of 15 µs per claim).

    Strings that repeat within a file (codes, severities, certainties, reason notes) are made
    one object first, so pickle sends each once and the parent holds one copy per file, not
    one per claim: a million claims' report takes about a third less memory."""
    one: Any = {}.setdefault  # the first of equal values stands for all (in this file)
    finding_at, assessment_at, reason_at = _REPEATED_AT
    # _intern's loop written out: a call per record made packing 50 % slower (14 -> 21 ms for
    # 10,000 claims), on the workers' hot path
    findings = []
    for f in report.findings:
        values = list(_FINDING_VALUES(f))
        for i in finding_at:
            values[i] = one(values[i], values[i])
        findings.append(tuple(values))
    assessments = []
    # Claims graded alike share one tuple of reasons (certainty.grade remembers its results):
    # packed once per tuple, so pickle sends it once per file and the parent rebuilds it once.
    packed_reasons: dict[int, tuple[Any, ...]] = {}
    for a in report.assessments:
        values = list(_ASSESSMENT_VALUES(a))
        for i in assessment_at:
            values[i] = one(values[i], values[i])
        given = values[_REASONS_AT]
        reasons_packed = packed_reasons.get(id(given))
        if reasons_packed is None:
            reasons = []
            for r in given:
                parts = list(_REASON_VALUES(r))
                for i in reason_at:
                    parts[i] = one(parts[i], parts[i])
                reasons.append(tuple(parts))
            reasons_packed = packed_reasons[id(given)] = tuple(reasons)
        values[_REASONS_AT] = reasons_packed
        assessments.append(tuple(values))
    return report.files, report.claims, findings, assessments


def _share(packed: tuple[Any, ...]) -> tuple[Any, ...]:
    """A packed report read back from JSON (lists for tuples), its repeated strings made one
    object again as :func:`_pack` makes them: JSON gives every occurrence a copy of its own,
    which doubled the memory of a million claims' report."""
    files, claims, findings, assessments = packed
    one: Any = {}.setdefault
    finding_at, assessment_at, reason_at = _REPEATED_AT
    for values in findings:
        _intern(values, finding_at, one)
    for values in assessments:
        _intern(values, assessment_at, one)
        for parts in values[_REASONS_AT]:
            _intern(parts, reason_at, one)
    return files, claims, findings, assessments


def _intern(values: list[Any], positions: tuple[int, ...], one: Any) -> list[Any]:
    """``values`` with those at ``positions`` replaced, in place, by the first equal value
    ``one`` (a ``dict.setdefault``) has seen."""
    for i in positions:
        values[i] = one(values[i], values[i])
    return values


def _unpack(packed: tuple[Any, ...]) -> Report:
    files, claims, findings, assessments = packed
    rebuilt = []
    # one tuple of Reasons per packed tuple of reasons (shared by the claims graded alike);
    # the packed tuples stay alive in ``packed`` while this runs, so their ids stay theirs
    reasons_of: dict[int, tuple[Reason, ...]] = {}
    for values in assessments:
        values = list(values)
        given = values[_REASONS_AT]
        reasons = reasons_of.get(id(given))
        if reasons is None:
            reasons = reasons_of[id(given)] = tuple(Reason(*r) for r in given)
        values[_REASONS_AT] = reasons
        values[_RELATIONS_AT] = tuple(values[_RELATIONS_AT])
        rebuilt.append(ClaimAssessment(*values))
    return Report([Finding(*f) for f in findings], list(files), claims, rebuilt)


_REPEATED = frozenset(
    {"code", "severity", "certainty", "start", "stated", "wording", "note", "file", "origin"}
)
_REPEATED_AT = tuple(
    tuple(i for i, name in enumerate(names) if name in _REPEATED)
    for names in (_FINDING_FIELDS, _ASSESSMENT_FIELDS, _REASON_FIELDS)
)


def load(path: str | Path, *, root: Path | None = None, limits: Limits | None = None) -> ClaimSet:
    """Load one claim set (a claim file, or a directory holding exactly one).

    Raises :class:`ClaimFileError` when the file cannot be read into a complete set; the
    error's ``report`` lists every located finding. Findings of the cross-field checks do not
    stop loading: run :func:`validate` for those.
    """
    path = Path(path)
    if path.is_dir() or not path.exists():  # a missing path is "not found", whatever its name
        files, findings = discover([path], root=root)
        if len(files) != 1:
            report = Report(findings=findings, files=[display_path(p) for p in files])
            what = "no claim file" if not files else f"{len(files)} claim files"
            if not path.exists():
                raise ClaimFileError(f"{path}: not found", report)
            raise ClaimFileError(f"{path}: expected one claim file, found {what}", report)
        path = files[0]
    loaded = load_claim_file(path, root=root, limits=limits)
    errors = [f for f in loaded.findings if f.severity == "error"]
    cs = loaded.claim_set
    if (
        cs is None
        or not cs.complete
        or any(f.code.startswith(("file.", "schema.", "limits.", "document.path")) for f in errors)
    ):
        report = Report(findings=loaded.findings, files=[display_path(path)]).sorted()
        first = report.errors[0] if report.errors else None
        detail = (
            f": {first.file}:{first.line}:{first.column}: {first.code} {first.message}"
            if (first)
            else ""
        )
        raise ClaimFileError(f"cannot load {path}{detail}", report)
    cs.load_findings = list(loaded.findings)
    return cs


def assess(target: ClaimSet | str | Path) -> Report:
    """Suggested certainty and evidence findings for a claim set (or the path of one).

    A path is loaded with :func:`load` (which raises ``ClaimFileError`` when the file cannot be
    read). The report's ``assessments`` hold one :class:`ClaimAssessment` per claim; its findings
    are the evidence findings only (run :func:`validate` for the structural checks too), with the
    claims' suppressions applied.
    """
    if not isinstance(target, ClaimSet):
        target = load(target)
    return assessment.assess(target)
