"""``evidence-claims extract``: a document's text to a draft claim file."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import os
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..model.report import Finding
from .command_io import check_output, config_or_exit, save_output, write_error
from .options import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    config_option,
    method_option,
    output_option,
    write_through_option,
)

if TYPE_CHECKING:
    from ..io.bib import Bibliography
    from ..io.limits import Limits


def _echo_findings(findings: list[Finding]) -> None:
    if not findings:  # most runs: no import of the escaping rules
        return
    from ..render.escape import line_start, one_line

    for f in findings:
        where = ":".join(str(p) for p in (f.file, f.line, f.column) if p is not None)
        click.echo(f"{line_start(where)}: {f.severity}: {f.code} {one_line(f.message)}", err=True)


def _relative(target: Path, base: Path) -> str:
    return Path(os.path.relpath(target.resolve(), base.resolve())).as_posix()


def _schema_ref(output_dir: Path) -> str | None:
    """The committed JSON Schema, relative to the output folder, if the repository has one."""
    for folder in (output_dir.resolve(), *output_dir.resolve().parents):
        schema = folder / "schemas" / "claim-file.schema.json"
        if schema.is_file():
            return _relative(schema, output_dir)
        if (folder / ".git").exists() or (folder / "pyproject.toml").exists():
            return None
    return None


@dataclass(frozen=True)
class _DraftRequest:
    """What every document of one run is drafted with: the command's options and the
    bibliography loaded once for all of them."""

    output_format: str | None
    bibliography: Bibliography | None
    bib: Path | None
    doc_id: str | None
    write_through: bool
    max_bytes: int | None
    attribution: str = "rules"
    kinds: str = "rules"


@click.command()
@click.argument(
    "documents", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@output_option(
    "Write the draft here (default: print it). With several documents: a folder that "
    "receives one DOC-STEM.claims.yaml (or .json) per document.",
    dir_okay=True,
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["yaml", "json"]),
    default=None,
    help="Output format (default: from the output's extension, else yaml).",
)
@click.option(
    "--bib",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="BibTeX file: informal mentions ('Matsumoto et al.') resolve to its keys.",
)
@click.option(
    "--id", "doc_id", default=None, help="Document id (default: the file's stem; one document)."
)
@method_option(
    "--attribution",
    help="How source types are decided: by the attribution rules, or with a model trained "
    "on annotated passages overruling them where it is confident, for statements that name "
    "no source of their own.",
)
@method_option(
    "--kinds",
    "kind_method",
    help="How statements get their kind (claim, recommendation, question, meta): the "
    "hand-written rules or the model learned from annotated passages.",
)
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@write_through_option
@config_option
def extract(
    documents: tuple[Path, ...],
    output: Path | None,
    output_format: str | None,
    bib: Path | None,
    doc_id: str | None,
    attribution: str,
    kind_method: str,
    force: bool,
    write_through: bool,
    config_path: Path | None,
) -> None:
    """Draft claim records for every statement of each DOCUMENT, for a person to review.

    With several documents, every output file is checked before any is written (a name two
    documents would share, or an existing file without --force, stops the run with nothing
    written); a document that cannot be read is reported and the others are still drafted
    (exit code 1).
    """
    _check_arguments(documents, output, doc_id)
    _import_drafting()
    # the size limits `validate` would apply where the first document is
    limits = config_or_exit(documents[0], config_path).limits
    request = _DraftRequest(
        output_format=output_format,
        bibliography=_bibliography_or_exit(bib, limits),
        bib=bib,
        doc_id=doc_id,
        write_through=write_through,
        max_bytes=limits.max_file_bytes,
        attribution=attribution,
        kinds=kind_method,
    )
    targets = _targets(documents, output, output_format)
    _check_targets(targets, force=force, write_through=write_through)
    failed = _draft_all(documents, targets, request)
    if failed:
        if len(documents) > 1:
            click.echo(f"{failed} of {len(documents)} document(s) not drafted", err=True)
        sys.exit(EXIT_FINDINGS)


def _import_drafting() -> None:
    """Import the extraction modules with the cyclic garbage collector paused.

    Importing them builds many objects that stay (models, compiled patterns), and the
    collector's scans over them while they are made were a twentieth of the time to start.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        from ..extraction import draft  # noqa: F401
        from ..io import loader  # noqa: F401
    finally:
        if was_enabled:
            gc.enable()


def _check_arguments(documents: tuple[Path, ...], output: Path | None, doc_id: str | None) -> None:
    """Exit with a usage error when ``-o`` or ``--id`` does not fit the number of documents,
    before anything is read."""
    if len(documents) > 1:
        if output is None or (output.exists() and not output.is_dir()):
            click.echo("evidence-claims: several documents need -o FOLDER", err=True)
            sys.exit(EXIT_ERROR)
        if doc_id is not None:
            click.echo("evidence-claims: --id names one document only", err=True)
            sys.exit(EXIT_ERROR)
    elif output is not None and output.is_dir():
        click.echo(f"{output}: is a folder; name the claim file to write", err=True)
        sys.exit(EXIT_ERROR)


def _bibliography_or_exit(bib: Path | None, limits: Limits) -> Bibliography | None:
    """The ``--bib`` file loaded within the configured size bound (None without one); its
    findings are printed, and a bibliography that does not load ends the run with exit 1."""
    from ..io.bib import load_bibliography
    from ..io.loader import display_path

    if bib is None:
        return None
    most, limit_name = limits.bibliography_bytes()
    bibliography = load_bibliography(
        bib, file=display_path(bib), max_bytes=most, limit_name=limit_name
    )
    _echo_findings(bibliography.findings)
    if bibliography.library is None:
        sys.exit(EXIT_FINDINGS)
    return bibliography


def _check_targets(targets: list[Path | None], *, force: bool, write_through: bool) -> None:
    """Refuse the run before any draft is written when a target may not be written, or
    exists and ``--force`` is not given."""
    for target in targets:
        if target is not None:
            check_output(target, write_through=write_through)
    existing = [t for t in targets if t is not None and os.path.lexists(t)]
    if existing and not force:
        for target in existing:
            click.echo(f"{target}: exists; use --force to overwrite it", err=True)
        sys.exit(EXIT_FINDINGS)


def _draft_all(
    documents: tuple[Path, ...], targets: list[Path | None], request: _DraftRequest
) -> int:
    """Draft each document to its target with a progress line; the number not drafted."""
    from ..pipeline.progress import terminal_progress

    failed = 0
    with terminal_progress("Extracting") as progress:
        if progress is not None:
            progress(0, len(documents))
        for done, (document, target) in enumerate(zip(documents, targets, strict=True), 1):
            if not _extract_one(document, target, request):
                failed += 1
            if progress is not None:
                progress(done, len(documents))
    return failed


def _targets(
    documents: tuple[Path, ...], output: Path | None, output_format: str | None
) -> list[Path | None]:
    """Where each document's draft goes (None: standard output); exits when two collide."""
    if len(documents) == 1:
        return [output]
    assert output is not None
    suffix = ".claims.json" if output_format == "json" else ".claims.yaml"
    targets: list[Path | None] = []
    seen: dict[Path, Path] = {}
    for document in documents:
        target = output / f"{document.stem}{suffix}"
        if target in seen:
            click.echo(
                f"evidence-claims: {seen[target]} and {document} would both be drafted to "
                f"{target}; extract them into different folders",
                err=True,
            )
            sys.exit(EXIT_ERROR)
        seen[target] = document
        targets.append(target)
    return targets


class _OnlyRuamel(Exception):
    """The draft holds a value only ruamel.yaml can write."""


def _extract_one(document: Path, output: Path | None, request: _DraftRequest) -> bool:
    """Draft one document to ``output`` (or standard output); False when it cannot be read
    (or is larger than ``request.max_bytes``, the configured ``max-file-bytes``)."""
    from ..io.loader import display_path
    from ..io.reading import read_text

    text, raw, findings = read_text(
        document, file=display_path(document), what="document", max_bytes=request.max_bytes
    )
    _echo_findings(findings)  # e.g. a byte order mark: a warning, extraction goes on
    if text is None or raw is None:
        return False
    fmt = request.output_format or (
        "json" if output and output.suffix.lower() == ".json" else "yaml"
    )
    base = output.parent if output is not None else Path(".")
    if output is not None:
        base.mkdir(parents=True, exist_ok=True)
    options = {
        "doc_id": request.doc_id or draft_id(document, output),
        "path": _relative(document, base),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "bibliography": request.bibliography,
        "bibliography_path": _relative(request.bib, base) if request.bib is not None else None,
        "attribution": request.attribution,
        "kinds": request.kinds,
    }
    del raw
    notices: list[Finding] = []
    kinds = _write(text, output, fmt, options, notices, request.write_through)
    _echo_findings([replace(f, file=display_path(document)) for f in notices])
    _echo_summary(output, kinds, request)
    return True


def _write(
    text: str,
    output: Path | None,
    fmt: str,
    options: dict[str, Any],
    notices: list[Finding],
    write_through: bool,
) -> Counter[str]:
    """Write the draft of ``text`` to ``output`` (or print it), filling ``notices``; the
    number of claims of each kind.

    Written a part at a time (a long document's draft does not fit in memory at once), except
    where a value only ruamel.yaml can write needs the whole draft at once.
    """
    from ..extraction.draft import extract as run
    from ..extraction.draft import to_yaml, write_draft
    from ..io.storage import atomic_file

    schema_ref = _schema_ref(output.parent if output is not None else Path("."))
    kinds: Counter[str] | None = None
    if output is None or check_output(output, write_through=write_through):
        # standard output, or a device or pipe named with --write-through: buffered, then written
        buffer = io.BytesIO()
        kinds = write_draft(text, buffer, fmt, schema_ref=schema_ref, findings=notices, **options)
        if kinds is not None:
            _emit(buffer.getvalue(), output, write_through)
    else:
        try:
            with contextlib.suppress(_OnlyRuamel), atomic_file(output) as out:
                kinds = write_draft(
                    text, out, fmt, schema_ref=schema_ref, findings=notices, **options
                )
                if kinds is None:
                    raise _OnlyRuamel  # leaves the output as it was
        except OSError as exc:  # a full disk: the target is as it was
            click.echo(f"evidence-claims: {write_error(output, exc)}", err=True)
            sys.exit(EXIT_ERROR)
    if kinds is None:  # a value only ruamel.yaml can write: the whole draft at once
        claim_set = run(text, **options)
        _emit(to_yaml(claim_set, schema_ref=schema_ref), output, write_through)
        kinds = Counter(c.kind for c in claim_set.claims)
    return kinds


def _echo_summary(output: Path | None, kinds: Counter[str], request: _DraftRequest) -> None:
    """Say how many draft claims of each kind were written, how they were decided (a reader
    comparing two drafts needs to know whether a learned model took part), and that each needs
    review."""
    from ..extraction.notices import LANGUAGE

    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    where = f"wrote {output}" if output is not None else "extracted"
    learned = [
        what
        for what, method in (("source types", request.attribution), ("kinds", request.kinds))
        if method == "learned"
    ]
    method = f"{LANGUAGE} rules" + (
        f", with a learned model for {' and '.join(learned)}" if learned else ""
    )
    click.echo(
        f"{where}: {sum(kinds.values())} draft claims ({summary or 'none'}) by the "
        f"{method}; every one is a suggestion to review",
        err=True,
    )


def _emit(data: bytes, output: Path | None, write_through: bool) -> None:
    """Print a draft, or save it to ``output`` through the output checks."""
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        save_output(output, data, write_through=write_through)


# Names a document file gets in a claim-set folder ("claims/<set>/document.txt"): the folder,
# not the file, names the set.
_GENERIC_STEMS = frozenset({"document", "doc", "text", "index", "readme", "source", "input"})


def draft_id(document: Path, output: Path | None) -> str:
    """The claim-set id of a draft when ``--id`` is not given.

    The claim set's folder when the draft goes to ``<set>/claims.yaml`` or the document has a
    generic name (``<set>/document.txt``), else the document's stem; so two drafted sets never
    share ids such as ``document-001``.
    """
    if output is not None and output.stem.lower() in ("claims", "claims.draft", "draft"):
        folder = output.resolve().parent.name
        if folder:
            return folder
    if document.stem.lower() in _GENERIC_STEMS:
        folder = document.resolve().parent.name
        if folder:
            return folder
    return document.stem
