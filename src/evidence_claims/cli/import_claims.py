"""``evidence-claims import``: claims from another annotation tool into a claim file.

``--from web-annotation`` reads what ``export --format web-annotation`` writes (W3C Web
Annotation JSON-LD), ``--from hypothesis`` the Hypothesis API's annotations, ``--from
label-studio`` a Label Studio JSON export of the tasks ``export --format label-studio``
wrote. Into a claim file that exists, only the claims that changed are rewritten (and what
changed is printed); nothing is written when nothing changed. Exit 1 when the input cannot
be read or a span does not match the document: nothing is written then either.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from .options import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    config_option,
    output_option,
    root_option,
    write_through_option,
)

SOURCES = ("web-annotation", "hypothesis", "label-studio")


def _fail(lines: list[str], what: str) -> None:
    for line in lines:
        click.echo(f"  {line}", err=True)
    click.echo(f"FAILED: {what}; nothing written", err=True)
    sys.exit(EXIT_FINDINGS)


@click.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--from",
    "source_format",
    type=click.Choice(SOURCES),
    required=True,
    help="What SOURCE holds: web-annotation (W3C JSON-LD, code points), hypothesis (API "
    "annotations, UTF-16 offsets), label-studio (a JSON export, UTF-16 offsets).",
)
@output_option(
    "The claim file to write, or to update when it exists (only changed claims).", required=True
)
@click.option(
    "--document",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The annotated text (hypothesis: needed unless OUTPUT exists).",
)
@click.option(
    "--document-id", default=None, help="Id of a new claim file's document (default: its stem)."
)
@root_option
@write_through_option
@config_option
def import_claims(
    source: Path,
    source_format: str,
    output: Path,
    document: Path | None,
    document_id: str | None,
    root: Path | None,
    write_through: bool,
    config_path: Path | None,
) -> None:
    """Read claims from SOURCE (another tool's annotations) into the claim file OUTPUT."""
    from ..io.imports import validate_records
    from .command_io import check_output, config_or_exit, load_or_exit

    check_output(output, write_through=write_through)
    # the limits `validate` will apply to OUTPUT: the export and the claim file it updates
    limits = config_or_exit(output, config_path).limits
    try:
        raw = _read_input(source, "input", max_bytes=limits.max_file_bytes)
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # ValueError: JSON, digits
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        _fail([f"{source}: not JSON: {reason}"], "input not read")
    existing = load_or_exit(output, root=root, limits=limits) if output.exists() else None
    text: str | None = existing.document_text if existing is not None else None
    header: dict[str, Any] | None = (
        existing.document.model_dump(mode="json", by_alias=True, exclude_none=True)
        if existing is not None
        else None
    )
    imported = _read(
        source_format, data, source, output, document, document_id, text, header, existing, root
    )
    if imported.problems:
        _fail([f"{source}: {p}" for p in imported.problems], f"{len(imported.problems)} problem(s)")
    header = header or imported.document
    if header is None:
        _fail([f"{source}: no document header; give --document"], "no document")
    model, problems = validate_records(header, imported.claims)
    if model is None:
        _fail([f"{source}: {p}" for p in problems], f"{len(problems)} problem(s)")
    try:
        _save(output, model, existing)
    except OSError as exc:  # the save failed (a full disk): the file is as it was
        from .command_io import write_error

        click.echo(f"evidence-claims: {write_error(output, exc)}", err=True)
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_OK)


def _save(output: Path, model: Any, existing: Any) -> None:
    """Update the existing claim file (only the claims that changed) or write a new one."""
    from ..io.imports import update_file, write_new

    if existing is not None:
        current = existing.to_model()
        changes = update_file(output, model, current)
        if not changes:
            click.echo(f"{output}: no change ({len(model.claims)} claims)")
        else:
            click.echo(f"{output}: updated")
            for line in changes.lines():
                click.echo(line)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_new(output, model)
        click.echo(f"wrote {len(model.claims)} claims to {output}")


def _read(
    source_format: str,
    data: Any,
    source: Path,
    output: Path,
    document: Path | None,
    document_id: str | None,
    text: str | None,
    header: dict[str, Any] | None,
    existing: Any,
    root: Path | None = None,
) -> Any:
    from ..io.annotations import read_hypothesis, read_web_annotation
    from ..io.label_studio import read_label_studio

    if source_format == "label-studio":
        base = None
        if existing is not None:
            base = [
                c.model_dump(mode="json", by_alias=True, exclude_none=True) for c in existing.claims
            ]
        return _same_document(read_label_studio(data, base), header)
    if document is not None:
        raw = _read_document(document)
        text = raw.decode("utf-8")
        if header is None:
            header = {
                "id": document_id or document.stem,
                "path": os.path.relpath(document, output.parent).replace(os.sep, "/"),
                "sha256": hashlib.sha256(raw).hexdigest(),
            }
    if source_format == "hypothesis":
        if text is None or header is None:
            _fail(
                [f"{source}: Hypothesis annotations need the document: give --document"],
                "no document",
            )
        imported = read_hypothesis(data, text, header["id"])
        imported.document = header
        return imported
    if text is None and isinstance(data, dict):  # the document named by the export's header
        path = (data.get("ec:document") or {}).get("ec:path")
        if isinstance(path, str):
            text = _named_document(output, path, root)
    imported = read_web_annotation(data, text, header["id"] if header else None)
    return _same_document(imported, header)


def _same_document(imported: Any, header: dict[str, Any] | None) -> Any:
    """The import, on the document of the claim file it goes into (a problem when the export
    was made from another document)."""
    if header is None:
        return imported
    theirs = (imported.document or {}).get("id")
    if theirs is not None and theirs != header["id"]:
        imported.problems.append(
            f"exported from document {theirs!r}, but the claim file is of {header['id']!r}"
        )
    imported.document = header
    return imported


def _read_document(path: Path) -> bytes:
    raw = _read_input(path, "document", text=True)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        _fail([f"{path}: not UTF-8 text: {exc}"], "document not read")
    return raw


def _read_input(
    path: Path, what: str, *, text: bool = False, max_bytes: int | None = None
) -> bytes:
    """The bytes of a file the user named, read as every input is (a regular file only, so a
    named pipe cannot block and /dev/zero cannot fill memory; bounded by max-file-bytes)."""
    from ..io.reading import read_bytes

    raw, problems = read_bytes(path, file=str(path), what=what, text=text, max_bytes=max_bytes)
    if raw is None:
        _fail([p.message for p in problems], f"{what} not read")
    assert raw is not None
    return raw


def _named_document(output: Path, name: str, root: Path | None) -> str | None:
    """The text of the document an export's header names, relative to the claim file to
    write: under the same rule as every claim file's document (:mod:`evidence_claims.io.paths`),
    since the export may come from anyone; None when it is refused or unreadable."""
    from ..io.paths import find_root, resolve_inside
    from ..io.reading import read_text

    resolved, problem = resolve_inside(output.parent, name, root or find_root(output))
    if resolved is None:
        click.echo(f"{output}: the document the input names ({name!r}) {problem}", err=True)
        return None
    text, _raw, _problems = read_text(resolved, file=str(resolved), what="document", text_only=True)
    return text
