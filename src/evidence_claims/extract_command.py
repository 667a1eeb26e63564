"""``evidence-claims extract``: a document's text to a draft claim file."""

from __future__ import annotations

import hashlib
import os
import sys
from collections import Counter
from pathlib import Path

import click

from .cli import EXIT_FINDINGS
from .report import Finding


def _echo_findings(findings: list[Finding]) -> None:
    for f in findings:
        where = ":".join(str(p) for p in (f.file, f.line, f.column) if p is not None)
        click.echo(f"{where}: {f.severity}: {f.code} {f.message}", err=True)


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


@click.command()
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the draft here (default: print it).",
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
@click.option("--id", "doc_id", default=None, help="Document id (default: the file's stem).")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def extract(
    document: Path,
    output: Path | None,
    output_format: str | None,
    bib: Path | None,
    doc_id: str | None,
    force: bool,
) -> None:
    """Draft claim records for every statement of DOCUMENT, for a person to review."""
    from .bib import load_bibliography
    from .extraction.draft import extract as run
    from .extraction.draft import to_json, to_yaml
    from .files import atomic_write, read_text
    from .loader import display_path

    text, raw, findings = read_text(document, file=display_path(document), what="document")
    if text is None or raw is None:
        _echo_findings(findings)
        sys.exit(EXIT_FINDINGS)
    _echo_findings(findings)  # e.g. a byte order mark: a warning, extraction goes on
    bibliography = None
    if bib is not None:
        bibliography = load_bibliography(bib, file=display_path(bib))
        _echo_findings(bibliography.findings)
        if bibliography.library is None:
            sys.exit(EXIT_FINDINGS)
    if output is not None and output.exists() and not force:
        click.echo(f"{output}: exists; use --force to overwrite it", err=True)
        sys.exit(EXIT_FINDINGS)
    fmt = output_format or ("json" if output and output.suffix.lower() == ".json" else "yaml")
    base = output.parent if output is not None else Path(".")
    claim_set = run(
        text,
        doc_id=doc_id or document.stem,
        path=_relative(document, base),
        sha256=hashlib.sha256(raw).hexdigest(),
        bibliography=bibliography,
        bibliography_path=_relative(bib, base) if bib is not None else None,
    )
    data = to_json(claim_set) if fmt == "json" else to_yaml(claim_set, schema_ref=_schema_ref(base))
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        atomic_write(output, data)
    kinds = Counter(c.kind for c in claim_set.claims)
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    where = f"wrote {output}" if output is not None else "extracted"
    click.echo(
        f"{where}: {len(claim_set.claims)} draft claims ({summary or 'none'}); "
        "every one is a suggestion to review",
        err=True,
    )
