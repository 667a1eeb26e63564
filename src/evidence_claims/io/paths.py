"""Where a claim set's files may live: one rule, used by every command and by the library.

A claim file comes from a pull request, and the document and bibliography it names are read
and quoted back in findings: a name that reaches ``.git/config`` (where CI checkout keeps its
token) or a file outside the repository would print that file in pieces. So every path named
in a claim file passes :func:`resolve_inside`:

1. the *repository root* is ``--root`` (``root=``) when given; else the nearest folder above
   the claim file that holds ``.git``, ``pyproject.toml`` or ``.evidence-claims-root``; else
   the working directory when the claim file lies below it (drafts written by ``extract``
   beside their documents); else the claim file's own folder (:func:`find_root`);
2. the path is relative, uses ``/``, and once every ``..`` and symbolic link is followed it
   stays inside the root;
3. no part of it below the root is hidden (a name that begins with ``.``: ``.git``, ``.env``,
   ``.ssh``): those hold the repository's machinery and secrets, never a claim set's text;
4. when the configuration lists ``documents`` (globs relative to the root, such as
   ``["claims/**", "docs/*.txt"]``), the path matches one of them.

A refusal says which rule failed and how to allow the file.
"""

from __future__ import annotations

import fnmatch
import os
import re
from pathlib import Path

ROOT_MARKERS = (".git", "pyproject.toml", ".evidence-claims-root")
_DRIVE = re.compile(r"^[A-Za-z]:")
HOW_TO_WIDEN = (
    "; move it inside, or name a wider root with --root (or a .evidence-claims-root file in "
    "the folder that holds both)"
)


def resolve(path: Path) -> Path | None:
    """``path`` with every symbolic link followed, or None when that fails (a link loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def find_root(path: Path, cwd: Path | None = None) -> Path:
    """The repository a claim file belongs to (rule 1 of the module's docstring).

    The search starts in the folder that holds ``path`` as named, not where a symbolic link
    named ``path`` points: a link must not carry the root along with it.
    """
    folder = Path(os.path.abspath(path)).parent
    start = resolve(folder) or folder
    for candidate in (start, *start.parents):
        try:
            if any((candidate / marker).exists() for marker in ROOT_MARKERS):
                return candidate
        except OSError:
            continue
    here = resolve(cwd or Path.cwd())
    if here is not None and here != Path(here.anchor) and is_inside(start, here):
        return here
    return start


def is_inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def resolve_inside(
    base: Path, relative: str, root: Path, documents: tuple[str, ...] = ()
) -> tuple[Path | None, str | None]:
    """Resolve a path named in a claim file; refuse one the claim set does not own.

    Claim files come from pull requests, so the path is untrusted: it must be relative, use
    ``/`` (a ``\\`` is a Windows separator on one system and a file-name character on
    another), hold no NUL byte, stay inside ``root`` once every ``..`` and every symbolic link
    is followed, pass through no hidden file or folder, and match one of ``documents`` when
    any are given. Returns (path, None) or (None, the problem in words).
    """
    if "\0" in relative:
        return None, "contains a NUL byte"
    if "://" in relative:
        return None, "is a URL; claim files name local files, relative to the claim file"
    if os.path.isabs(relative) or relative.startswith(("/", "\\")) or _DRIVE.match(relative):
        return None, "is absolute; use a path relative to the claim file"
    if "\\" in relative:
        return None, "uses '\\'; separate folders with '/' so the path works on every system"
    inside = resolve(root)
    candidate = resolve(base / relative)
    if inside is None or candidate is None:
        return None, "cannot be resolved (a loop of symbolic links?)"
    if not is_inside(candidate, inside):
        return None, f"leaves the repository ({root}){HOW_TO_WIDEN}"
    below = candidate.relative_to(inside)
    hidden = next((part for part in below.parts if part.startswith(".")), None)
    if hidden is not None:
        return None, (
            f"is inside a hidden file or folder ({hidden}); a claim set's document and "
            "bibliography are its own text files, never the repository's settings or secrets"
        )
    if documents and not any(_matches(below.as_posix(), glob) for glob in documents):
        shown = ", ".join(documents)
        return None, (
            f"is not where the configuration allows documents ({shown}); move it, or add "
            "its folder to 'documents' in [tool.evidence-claims]"
        )
    return candidate, None


def _matches(path: str, glob: str) -> bool:
    """``fnmatch`` with ``**`` for any number of folders (``claims/**`` matches below claims)."""
    glob = glob.strip("/")
    if glob.endswith("/**"):
        folder = glob[:-3]
        if path == folder or path.startswith(folder + "/"):
            return True
    return fnmatch.fnmatchcase(path, glob.replace("**/", "*/").replace("**", "*"))
