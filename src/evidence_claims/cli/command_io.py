"""What the commands share: configuration, loading a set for output, and writing files the
user names.

A command that renders a claim set cannot render a set that does not load; it prints the
located findings that say why (as ``validate`` would) and exits 1, never with a traceback.

Every file a command writes (``-o``, ``--write-baseline``) goes through :func:`save_output`:
the target must be a regular file or not exist yet. A symbolic link may be committed to the
repository and point anywhere (``-o report.html`` would then replace a file outside it), and
writing a device or pipe by rename replaces it with a regular file (``-o /dev/full`` as root);
both are refused unless ``--write-through`` asks for them. A failed write (a full disk) says
so and leaves the target as it was: writes are atomic.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from .options import EXIT_ERROR, EXIT_FINDINGS

if TYPE_CHECKING:  # imported when used: ``--help`` must not load the models (0.15 s)
    from ..io.claimset import ClaimSet
    from ..io.limits import Limits
    from ..pipeline.config import Config


def config_file(targets: tuple[Path, ...], config_path: Path | None) -> Path | None:
    """The pyproject.toml to read: the one given, else the nearest above the first path or
    the working directory."""
    from ..pipeline.config import find_pyproject

    if config_path is not None:
        return config_path
    return find_pyproject(targets[0]) or find_pyproject(Path.cwd())


def config_or_exit(path: Path, config_path: Path | None) -> Config:
    """The configuration ``validate`` would read for ``path`` (``--config``, else the nearest
    pyproject.toml), so that every command applies the same limits and rule settings; a
    problem in it is printed as ``validate`` prints it, and the defaults apply."""
    from ..pipeline.config import load_config

    if config_path is not None and not config_path.is_file():
        click.echo(f"evidence-claims: --config {config_path}: no such file", err=True)
        sys.exit(EXIT_ERROR)
    config, findings = load_config(config_file((path,), config_path))
    if findings:  # the report formats are imported only to print them (30 ms at start)
        from ..model.report import Report
        from ..render.formats import format_report

        click.echo(format_report(Report(findings=findings), "text"), err=True)
    return config


def load_or_exit(path: Path, *, root: Path | None = None, limits: Limits | None = None) -> ClaimSet:
    """The claim set at ``path``; on failure its findings go to stderr and the command exits 1."""
    from ..model.errors import ClaimFileError
    from ..pipeline.validation import load
    from ..render.formats import format_report

    try:
        return load(path, root=root, limits=limits)
    except ClaimFileError as exc:
        click.echo(format_report(exc.report, "text") if exc.report.findings else str(exc), err=True)
        sys.exit(EXIT_FINDINGS)


def write_output(text: str, output: Path | None, *, what: str, write_through: bool = False) -> None:
    """Print ``text``, or save it atomically to ``output`` and say where."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    # surrogateescape: a file name that is not UTF-8 is written back as its own bytes
    save_output(output, text.encode("utf-8", "surrogateescape"), write_through=write_through)
    click.echo(f"wrote {what} to {output}", err=True)


class StreamedOutput:
    """Text written in parts: to standard output as it comes, or to ``output`` (atomically,
    as :func:`save_output` writes); the file is created at the first part, so a command that
    finds it has nothing to stream writes nothing. Use as a context manager."""

    def __init__(self, output: Path | None, *, write_through: bool = False) -> None:
        import contextlib

        self.output, self.write_through = output, write_through
        self.stack = contextlib.ExitStack()
        self.handle: Any = None
        self.failed: OSError | None = None
        self.last = ""

    def __enter__(self) -> StreamedOutput:
        return self

    def write(self, text: str) -> None:
        if not text:
            return
        self.last = text[-1]
        if self.output is None:
            click.echo(text, nl=False)
            return
        if self.handle is None:
            from ..io.storage import atomic_file

            special = check_output(self.output, write_through=self.write_through)
            opened = open(self.output, "wb") if special else atomic_file(self.output)  # noqa: SIM115
            self.handle = self.stack.enter_context(opened)
        try:
            self.handle.write(text.encode("utf-8", "surrogateescape"))
        except OSError as error:  # a full disk: said as a failed write, not an internal error
            self.failed = error
            raise

    def __exit__(self, *exc: object) -> None:
        try:
            self.stack.__exit__(*exc)  # type: ignore[arg-type]
        except OSError as error:
            assert self.output is not None
            _fail(write_error(self.output, error, kept=True))
        if self.failed is not None and exc[1] is self.failed:
            assert self.output is not None
            _fail(write_error(self.output, self.failed, kept=True))  # the temporary is gone
        if exc[0] is None and self.output is None and self.last and self.last != "\n":
            click.echo("")  # as write_output ends a printed text


def check_output(path: Path, *, write_through: bool = False) -> bool:
    """Exit 2 unless ``path`` may be written; True when it is a special file to write in place.

    Called before any work that a refusal would waste, and again by :func:`save_output`."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        _fail(f"{path}: cannot write: {exc.strerror or exc}")
    if stat.S_ISLNK(info.st_mode):
        if not write_through:
            _fail(
                f"{path}: is a symbolic link (to {os.readlink(path)}); refusing to write "
                "through it. Name another file, or pass --write-through to write its target"
            )
        try:
            info = os.stat(path)
        except FileNotFoundError:
            return False  # a link to a file yet to be made: written through, as asked
        except OSError as exc:
            _fail(f"{path}: cannot write: {exc.strerror or exc}")
    if stat.S_ISDIR(info.st_mode):
        _fail(f"{path}: is a folder; name a file to write")
    if not stat.S_ISREG(info.st_mode):
        if not write_through:
            _fail(
                f"{path}: is not a regular file (a device or named pipe); refusing to replace "
                "it. Name another file, or pass --write-through to write into it"
            )
        return True
    return False


def save_output(path: Path, data: bytes, *, write_through: bool = False) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`check_output`); exit 2 if it fails."""
    from ..io.storage import atomic_write

    special = check_output(path, write_through=write_through)
    try:
        if special:
            with open(path, "wb") as handle:  # a device or pipe the user named: write into it
                handle.write(data)
        else:
            atomic_write(path, data)
    except OSError as exc:
        _fail(write_error(path, exc, kept=not special))


def write_error(path: Path, exc: OSError, *, kept: bool = True) -> str:
    """Why a file could not be written, and (for an atomic write) that it is as it was."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    tail = f"; {path} is unchanged" if kept and os.path.lexists(path) else ""
    tail = tail or ("; nothing was written" if kept else "")
    return f"{path}: cannot write: {reason}{tail}"


def _fail(message: str) -> NoReturn:
    click.echo(f"evidence-claims: {message}", err=True)
    sys.exit(EXIT_ERROR)
