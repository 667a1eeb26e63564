"""The ``evidence-claims`` command.

Exit codes follow ruff: 0 no errors (warnings may print), 1 errors found, 2 usage or internal
error. Heavy libraries (pandas, matplotlib, jsonschema) are imported only by the subcommands that
need them, so ``validate`` starts fast.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from pathlib import Path

import click

from .options import jobs_option, root_option

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

# Subcommands that live in their own modules, imported only when run (or listed in --help), so
# that one command's heavy imports never slow another down. name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "export": ".export_command:export",
    "extract": ".extract_command:extract",
    "reanchor": ".reanchor_command:reanchor",
    "report": ".report_command:report",
    "rules": ".rules_command:rules",
    "table": ".table_command:table",
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that subcommand is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module_name, attribute = LAZY_COMMANDS[cmd_name].split(":")
            module = importlib.import_module(module_name, package=__package__)
            return getattr(module, attribute)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="evidence-claims")
def cli() -> None:
    """Source-anchored claim records and the strength of the evidence behind each."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "-f",
    "output_format",
    default="text",
    show_default=True,
    type=click.Choice(["text", "json", "github", "sarif"]),
    help="Output format: text for people, json for programs, github for workflow "
    "annotations, sarif for code scanning.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="pyproject.toml to read [tool.evidence-claims] from (default: the nearest one "
    "above the first path, else above the working directory).",
)
@click.option(
    "--fail-level",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Exit 1 when a finding is at or above this severity (default: the "
    "configuration's fail-level, else error).",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Report only findings that this baseline file does not hold.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Record the current findings in this baseline file and exit 0.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Keep each file's result in this folder (e.g. .evidence-claims-cache) and reuse it "
    "while the file, its document and bibliography, the configuration and the tool are "
    "unchanged (default: no cache).",
)
@root_option
@jobs_option
def validate(
    paths: tuple[Path, ...],
    output_format: str,
    output: Path | None,
    config_path: Path | None,
    fail_level: str | None,
    baseline: Path | None,
    write_baseline: Path | None,
    cache_dir: Path | None,
    root: Path | None,
    jobs: int,
) -> None:
    """Validate claim files (or directories of them): schema, anchors, citations, relations,
    and the evidence assessment (suggested certainty per claim, with its reasons)."""
    from .validate_command import run_validate

    sys.exit(
        run_validate(
            paths,
            output_format=output_format,
            output=output,
            config_path=config_path,
            fail_level=fail_level,
            baseline=baseline,
            write_baseline=write_baseline,
            root=root,
            jobs=jobs,
            cache_dir=cache_dir,
        )
    )


@cli.command()
@click.option("--check", is_flag=True, help="Exit 1 if the committed schema file is stale.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the schema to this file instead of printing it.",
)
@click.option(
    "--path",
    "schema_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("schemas/claim-file.schema.json"),
    show_default=True,
    help="The committed schema file that --check compares with.",
)
def schema(check: bool, output: Path | None, schema_path: Path) -> None:
    """Print the claim-file JSON Schema generated from the models."""
    from .files import atomic_write
    from .schema_file import schema_text

    text = schema_text()
    if check:
        try:
            committed = schema_path.read_text(encoding="utf-8")
        except OSError as exc:
            click.echo(f"{schema_path}: cannot read: {exc.strerror}", err=True)
            sys.exit(EXIT_FINDINGS)
        if committed != text:
            click.echo(
                f"{schema_path}: stale; regenerate it with "
                f"`evidence-claims schema -o {schema_path}`",
                err=True,
            )
            sys.exit(EXIT_FINDINGS)
        click.echo(f"{schema_path}: up to date")
        return
    if output is not None:
        atomic_write(output, text.encode("utf-8"))
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


def _pass_undecodable_names_through() -> None:
    """Let standard output and error write back file names that are not UTF-8.

    On POSIX a file name's undecodable bytes become lone surrogates (PEP 383); a UTF-8 stream
    with ``errors="strict"`` (the default outside the C locale) refuses to print them, so a
    report naming such a file would fail. ``surrogateescape`` writes the original bytes."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding == "utf8" and getattr(stream, "errors", None) == "strict":
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="surrogateescape")


def main(argv: list[str] | None = None) -> None:
    """Entry point: never shows a traceback for bad input; internal errors exit 2."""
    _pass_undecodable_names_through()
    try:
        cli.main(args=argv, prog_name="evidence-claims", standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # an internal error, never the user's input
        click.echo(f"evidence-claims: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("please report this with the input that caused it", err=True)
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":
    main()
