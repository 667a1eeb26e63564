"""Progress on long work: a callback protocol for the library, a bar for the terminal.

The library never prints: functions that work through many files (``validate``, extraction)
accept an optional ``progress(done, total)`` callback and call it once before the first file
(``done == 0``) and after each one. The command line turns that into a click progress bar on
stderr, and only when stderr is a terminal, so that piped or captured output (CI logs, JSON
on stdout) stays byte-for-byte what it was.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TextIO

ProgressCallback = Callable[[int, int], None]
"""``progress(done, total)``: ``done`` items of ``total`` are finished."""

MIN_ITEMS = 2  # one file finishes too fast for a bar to help


def is_terminal(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


@contextmanager
def terminal_progress(
    label: str, *, stream: TextIO | None = None, min_items: int = MIN_ITEMS
) -> Iterator[ProgressCallback | None]:
    """A callback that draws a progress bar on ``stream`` (stderr), or None off a terminal.

    The bar appears on the first call whose ``total`` reaches ``min_items`` and is closed (its
    line finished) when the block ends, also on error.
    """
    stream = stream if stream is not None else sys.stderr
    if not is_terminal(stream):
        yield None
        return
    import click

    with ExitStack() as stack:
        bar = None
        position = 0

        def update(done: int, total: int) -> None:
            nonlocal bar, position
            if bar is None:
                if total < min_items:
                    return
                bar = stack.enter_context(
                    click.progressbar(
                        length=total, label=label, file=stream, show_pos=True, show_eta=True
                    )
                )
            if done > position:
                bar.update(done - position)
                position = done

        yield update
