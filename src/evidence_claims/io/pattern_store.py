"""Large compiled regular expressions, kept on disk between runs.

Every run of ``extract`` builds the kind rules' and the attribution cues' alternations from
their data (grouped by first character, :mod:`..extraction.first_chars`) and compiles them:
about 0.4 s of CPU before the first statement is read, about as much as drafting 4,000
statements; every ``validate`` compiles the assessment's phrase lists and number patterns.
Python's ``re`` compiles a pattern in Python code (a parser, then a code generator) and keeps
nothing between processes, so the same work was done at every start.

Here a pattern is looked up by its *inputs* (the rules' patterns and options that determine
its source, and a fingerprint of the code that builds it); a hit gives the pattern's source
and the matcher program ``re`` made for it, which ``_sre.compile`` (what ``re`` itself calls
last) turns into the pattern without parsing: the same object, compared equal to
``re.compile(source, flags)`` (a pattern's equality compares its flags, source and program).
A miss builds and compiles the pattern as before and stores the entry. A store is one file
per user (``extraction`` and ``assessment`` each have theirs, so that a validation does not
read the extraction rules' programs), interpreter version and matcher generation
(``_sre.MAGIC``) in the user's cache folder (``$XDG_CACHE_HOME/evidence-claims``, else
``~/.cache/evidence-claims``), written atomically (:func:`.storage.atomic_write`);
``EVIDENCE_CLAIMS_PATTERN_CACHE`` names another folder, or turns the stores off when set to
``off`` (or empty). Any problem with a store (unreadable, corrupt, read-only, another
interpreter) falls back to compiling; results never depend on it.

Only CPython with the private compiler interface of 3.11+ uses the store: the interface is
checked once, and anything unexpected disables it.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ENVIRONMENT = "EVIDENCE_CLAIMS_PATTERN_CACHE"
# What a store keeps: the entries this process used, then the newest others, up to this
# many program words in all (the bundled rules take about 300,000: a file of some 1.5 MB).
MAX_PROGRAM = 2_000_000
_FORMAT = 1  # bumped when an entry's layout changes

try:  # the private compiler interface (CPython 3.11+)
    import _sre
    from re import _compiler, _parser

    _TAG = (
        "-".join([sys.implementation.cache_tag, *map(str, sys.version_info[:3]), str(_sre.MAGIC)])
        + f"-{_FORMAT}"
    )
except (ImportError, AttributeError):  # pragma: no cover - another implementation
    _TAG = None

# (source, flags, code, groups, groupindex, indexgroup): the arguments of ``_sre.compile``.
Entry = tuple[str, int, list[int], int, dict[str, int], tuple[str | None, ...]]

_stores: dict[Path, dict[str, Entry]] = {}  # each store file's entries, read once per process


PATTERNS = "patterns"
"""The store of the extraction rules (the first one, whose file name it keeps)."""
ASSESSMENT = "assessment-patterns"
"""The store of the assessment's patterns (phrase lists, numbers, the GRADE domain reader)."""
STORE_PROGRAM = {ASSESSMENT: 250_000}
"""A smaller limit for a store every validation reads whole at its start: the assessment's
patterns take about 110,000 program words, and the compositional reader's patterns of phrase
sets (one per set of phrases met) would otherwise pile up from run to run."""


def cache_file(store: str = PATTERNS) -> Path | None:
    """Where the store named ``store`` is for this interpreter, or None when it is off."""
    if _TAG is None:
        return None
    folder = os.environ.get(ENVIRONMENT)
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "evidence-claims")
    elif folder.strip().lower() in ("", "off", "0", "no", "false"):
        return None
    return Path(folder) / f"{store}-{_TAG}.marshal"


def fingerprint(*files: str | None) -> str:
    """A digest of the source files of the code that builds a pattern: an entry made by
    other code is never used. Empty when a file cannot be read (the store is then skipped)."""
    digest = hashlib.sha256()
    for file in files:
        if file is None:
            return ""
        try:
            digest.update(Path(file).read_bytes())
        except OSError:
            return ""
    return digest.hexdigest()


def compiled(source: str, flags: int = 0, *, store: str = PATTERNS) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the store when it holds it."""
    return cached_pattern((source,), "source", lambda: source, flags, store=store)


def assessment_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """:func:`compiled` in the :data:`ASSESSMENT` store: for the patterns an assessment module
    compiles once, when it is imported (some 30 ms of every command that grades)."""
    return compiled(source, flags, store=ASSESSMENT)


def cached_pattern(
    inputs: Iterable[Any],
    code: str,
    build: Callable[[], str],
    flags: int = 0,
    *,
    store: str = PATTERNS,
) -> re.Pattern[str]:
    """``re.compile(build(), flags)``, from the store when an entry for ``inputs`` (whose
    ``repr`` determines what ``build`` returns) and ``code`` (a :func:`fingerprint`) is there.
    An exception of ``build`` passes through (and nothing is stored).
    """
    flags = int(flags)
    path = cache_file(store) if code else None
    if path is None:
        return re.compile(build(), flags)
    key = hashlib.sha256(repr((tuple(inputs), flags, code)).encode("utf-8")).hexdigest()
    entries = _read(path)
    entry = entries.get(key)
    _used.add(key)
    if entry is not None:
        try:
            return _sre.compile(*entry)
        except Exception:  # a damaged entry: compile as if it were not there
            pass
    source = build()
    try:
        pattern, entry = _compile(source, flags)
    except Exception:  # the interface is not what it was: plain compile
        return re.compile(source, flags)
    entries[key] = entry
    _limits[path] = STORE_PROGRAM.get(store, MAX_PROGRAM)
    _save_at_exit(path)
    return pattern


_pending: set[Path] = set()
_used: set[str] = set()  # the keys looked up in this process


_limits: dict[Path, int] = {}  # each store file's limit, in program words


def _save_at_exit(path: Path) -> None:
    """Write the store once, when the process ends, however many entries it gained."""
    if not _pending:
        atexit.register(save)
    _pending.add(path)


def save() -> None:
    """Write the entries gained in this process now (also done at exit)."""
    for path in sorted(_pending):
        _write(path, _stores[path])
    _pending.clear()


def _compile(source: str, flags: int) -> tuple[re.Pattern[str], Entry]:
    """What ``re._compiler.compile`` does, keeping the program: the pattern and its entry.
    Checked against ``re.compile`` (equal patterns) before it is trusted."""
    tree = _parser.parse(source, flags)
    # (the opcodes are an int subclass, which marshal does not write)
    program = [int(op) for op in _compiler._code(tree, flags)]
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    entry: Entry = (
        source,
        flags | tree.state.flags,
        program,
        tree.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )
    pattern = _sre.compile(*entry)
    if pattern != re.compile(source, flags):
        raise ValueError("the compiler interface gave another pattern")
    return pattern, entry


def _read(path: Path) -> dict[str, Entry]:
    store = _stores.get(path)
    if store is None:
        try:
            loaded = marshal.loads(path.read_bytes())
            store = loaded if isinstance(loaded, dict) else {}
        except (OSError, EOFError, ValueError, TypeError):
            store = {}
        _stores[path] = store
    return store


def _write(path: Path, store: dict[str, Entry]) -> None:
    """Save ``store`` atomically, within :data:`MAX_PROGRAM` and the store's own limit
    (:data:`STORE_PROGRAM`; failures are ignored): old versions of the rules leave entries
    nobody looks up any more."""
    limit = min(MAX_PROGRAM, _limits.get(path, MAX_PROGRAM))
    kept: dict[str, Entry] = {}
    size = 0
    used = [k for k in store if k in _used]
    for key in [*used, *(k for k in reversed(store) if k not in _used)]:
        entry = store[key]
        try:
            size += len(entry[2])
        except (TypeError, IndexError):
            continue
        if size > limit and kept:
            break
        kept[key] = entry
    try:
        data = marshal.dumps(kept)
        path.parent.mkdir(parents=True, exist_ok=True)
        # (imported here: only a run that compiled something new writes, and the module
        # imports the claim file readers)
        from .storage import atomic_write

        atomic_write(path, data)
    except (OSError, ValueError):  # (ValueError: something marshal cannot write)
        pass


def forget() -> None:
    """Drop the entries read in this process, unsaved (the next lookup reads the file)."""
    _stores.clear()
    _pending.clear()
    _used.clear()
    _limits.clear()
