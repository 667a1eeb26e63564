"""The entry points ``load``, ``validate`` and ``assess``: load each file, check, gather a report.

This module orchestrates; the work is done by :mod:`evidence_claims.io.loader` (parsing and
schema), :mod:`evidence_claims.checks` (cross-field checks) and :mod:`evidence_claims.assessment`
(certainty and evidence findings); :mod:`.discovery` finds the files.
"""

from __future__ import annotations

from contextlib import nullcontext
from functools import partial
from pathlib import Path
from typing import Any

from .. import assessment
from ..assessment import assess_claim_set
from ..checks.cross_field import run_checks
from ..io.claimset import ClaimSet
from ..io.limits import Limits
from ..io.loader import display_path, load_claim_file
from ..model.errors import ClaimFileError
from ..model.report import Finding, Report
from .discovery import discover
from .packing import pack as _pack
from .packing import share as _share
from .packing import unpack as _unpack
from .parallel import gc_paused, map_ordered, resolve_jobs
from .progress import ProgressCallback
from .result_cache import ResultCache
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


def _stream_bytes(path: Path) -> int | None:
    """:data:`.stream.STREAM_BYTES` for a JSON file, the only kind :mod:`.stream` reads a chunk
    at a time; None for any other, whose validation then never imports the streaming reader
    (its modules took some 5-10 ms of the start of every command)."""
    if Path(path).suffix.lower() != ".json":
        return None
    from . import stream

    return stream.STREAM_BYTES


def validate_file(
    path: Path,
    *,
    root: Path | None = None,
    limits: Limits | None = None,
    stream_bytes: int | None = None,
    jobs: int | None = 1,
    certainty: str = "rules",
) -> tuple[ClaimSet | None, Report]:
    """Load and check one claim file (within ``limits``, default ``Limits()``).

    With ``stream_bytes``, a JSON file of that many bytes or more is validated a chunk at a
    time (:mod:`.stream`; :func:`validate` passes :data:`.stream.STREAM_BYTES`), with the same
    report, its chunks shared by ``jobs`` processes (0 or None: automatic); no set is
    returned for it then, since none is held. Without, the set is loaded whole and returned
    (for callers that use it). A learned ``certainty`` reads the file whole whatever its size:
    the chunks are assessed by the rules alone."""
    if stream_bytes is not None and certainty == "rules":
        from .stream import stream_report  # (see _stream_bytes)

        streamed = stream_report(path, root=root, limits=limits, min_bytes=stream_bytes, jobs=jobs)
        if streamed is not None:
            return None, streamed
    loaded = load_claim_file(path, root=root, limits=limits)
    cs = loaded.claim_set
    if cs is None:
        report = Report(files=[display_path(Path(path))])
        report.extend(loaded.findings)
        return None, report
    cs.load_findings = list(loaded.findings)
    return cs, check_loaded(cs, Path(path), certainty)


def check_loaded(cs: ClaimSet, path: Path | None = None, certainty: str = "rules") -> Report:
    """The report of a loaded set: its loading findings, cross-field checks and assessment
    (what :func:`validate` gives for its file, without reading the file again)."""
    where = path if path is not None else cs.path
    report = Report(files=[display_path(Path(where))] if where is not None else [])
    report.extend(cs.load_findings)
    report.claims = len(cs.claims)
    assessed = assess_claim_set(cs, certainty)
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
    certainty: str = "rules",
) -> Report:
    """Validate claim files and directories of claim files; never raises on bad input.

    ``progress(done, total)`` is called before the first file and after each one (see
    :mod:`evidence_claims.pipeline.progress`); the library itself never prints. ``jobs`` processes
    share the files (None or 0: all CPUs when the files are many or large, else one; see
    :mod:`evidence_claims.pipeline.parallel`); the report is the same for any number. With a
    ``cache`` (:class:`~evidence_claims.pipeline.result_cache.ResultCache`), a file whose result is
    stored for the same bytes and settings is not validated again. ``certainty``: as for
    :func:`assess` (a cache keeps the results of each choice apart).
    """
    if certainty != "rules" and cache is not None:
        cache = cache.salted(certainty)
    files, findings = discover(paths or (".",), root=root)
    report = Report()
    report.extend(findings)
    if progress is not None:
        progress(0, len(files))
    processes = resolve_jobs(jobs, files)
    packed = processes > 1
    # one process per file, or the files in turn here, each big one's chunks over ``jobs``
    chunk_jobs = 1 if packed else jobs
    work = partial(
        _file_report,
        root=root,
        limits=limits,
        packed=packed,
        cache=cache,
        jobs=chunk_jobs,
        certainty=certainty,
    )
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
    jobs: int | None = 1,
    certainty: str = "rules",
) -> Any:
    """One file's report; from a worker process packed into tuples (see :func:`_pack`).
    ``jobs``: processes for a streamed file's chunks."""
    with gc_paused():
        if cache is not None:
            return _cached_file_report(
                path, root, limits or Limits(), packed, cache, jobs, certainty
            )
        report = validate_file(
            path,
            root=root,
            limits=limits,
            stream_bytes=_stream_bytes(path),
            jobs=jobs,
            certainty=certainty,
        )[1]
        return _pack(_in_order(report)) if packed else report


def _cached_file_report(
    path: Path,
    root: Path | None,
    limits: Limits,
    packed: bool,
    cache: ResultCache,
    jobs: int | None = 1,
    certainty: str = "rules",
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
        stream_bytes=_stream_bytes(path),
        jobs=jobs,
        certainty=certainty,
    )
    if packed:
        report = _in_order(report)
    if ticket is None:
        return _pack(report) if packed else report
    result = _pack(report)
    cache.store(ticket, path, cs, result, limits)
    return result if packed else report


def _in_order(report: Report) -> Report:
    """A worker's report with its findings sorted: the merged report is sorted once all files
    are in, in one process after the last file, and runs already in order make that sort
    about three times cheaper (the workers sort theirs side by side)."""
    report.findings.sort(key=Finding.sort_key)
    return report


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


def assess(target: ClaimSet | str | Path, *, certainty: str = "rules") -> Report:
    """Suggested certainty and evidence findings for a claim set (or the path of one).

    ``certainty``: ``"rules"`` (the default), or ``"learned"``: the rules' level moved where
    a model learned from review authors' ratings says it usually lies, with one more reason
    (``calibration.learned``) that says what moved it
    (:mod:`evidence_claims.assessment.calibration`).

    A path is loaded with :func:`load` (which raises ``ClaimFileError`` when the file cannot be
    read). The report's ``assessments`` hold one :class:`ClaimAssessment` per claim; its findings
    are the evidence findings only (run :func:`validate` for the structural checks too), with the
    claims' suppressions applied.
    """
    if not isinstance(target, ClaimSet):
        target = load(target)
    return assessment.assess(target, certainty)
