"""The ``evidence-claims`` command.

Exit codes follow ruff: 0 no errors (warnings may print), 1 errors found, 2 usage or internal
error. Heavy libraries (pandas, matplotlib, jsonschema) are imported only by the subcommands that
need them, so ``validate`` starts fast.
"""

from __future__ import annotations

import contextlib
import importlib
import sys

import click

from ..pipeline.parallel import freeze_imports, imports_frozen
from .options import EXIT_ERROR

# Subcommands that live in their own modules, imported only when run (or listed in --help), so
# that one command's heavy imports never slow another down. name -> "module:attribute".
LAZY_COMMANDS: dict[str, str] = {
    "validate": ".validate:validate",
    "schema": ".schema:schema",
    "export": ".export:export",
    "extract": ".extract:extract",
    "import": ".import_claims:import_claims",
    "reanchor": ".reanchor:reanchor",
    "report": ".report:report",
    "rules": ".rules:rules",
    "table": ".table:table",
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that subcommand is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in LAZY_COMMANDS:
            module_name, attribute = LAZY_COMMANDS[cmd_name].split(":")
            with imports_frozen():
                module = importlib.import_module(module_name, package=__package__)
            return getattr(module, attribute)
        return super().get_command(ctx, cmd_name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="evidence-claims")
def cli() -> None:
    """Source-anchored claim records and the strength of the evidence behind each."""


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
    freeze_imports()
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
