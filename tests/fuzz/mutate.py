"""Deterministic mutators for fuzzing: structure-level (claim data) and byte-level (any file).

Each takes a ``random.Random`` so a failing input is reproduced from its seed. Used by the
suite (``tests/fuzz``, ``tests/test_schema_agreement.py``) and by the large runs in
``benchmarks/fuzz.py`` and ``benchmarks/schema_agreement.py``.
"""

from __future__ import annotations

import codecs
import copy
import random
from typing import Any

from evidence_claims.io.annotations import FIELD_ORDER

# Values at and around every boundary the claim-file contract draws: types, numbers, lengths,
# patterns, enums of other fields, nulls, and characters where regex engines disagree.
BOUNDARY_VALUES: list[Any] = [
    0,
    -1,
    1,
    1.0,
    -0.0,
    2.5,
    1e300,
    -1e300,
    10**20,
    2**63,
    -(2**63),
    True,
    False,
    None,
    "",
    " ",
    "x",
    "X",
    "x" * 100,
    "x" * 101,
    "x" * 200,
    "x" * 201,
    "x" * 1000,
    "x" * 1001,
    "x" * 2000,
    "x" * 2001,
    "a\n",
    "\na",
    "a b",
    "a\tb",
    "a\x1cb",
    "a\x85b",
    "a\u00a0b",
    "a\u2028b",
    "a\ufeffb",
    "é",
    "ß",
    "K",  # Kelvin sign: case-folds to k
    "İ",
    "٣",  # an Arabic-Indic digit: \d in some engines
    "0" * 64,
    "0" * 63,
    "0" * 65,
    "A" * 64,
    "f" * 64 + "\n",
    "g" * 64,
    "mini-001",
    "Mini_001.x:y",
    "-x",
    ".x",
    "a.b",
    "a..b",
    "a.b-c",
    "A.b",
    "indirectness.animal",
    "indirectness.",
    "1a",
    "a_b",
    "a b",
    "suwanlert1975",
    "key,with,commas",
    "key{",
    "key#",
    "claim",
    "meta",
    "question",
    "recommendation",
    "explicit",
    "context",
    "inferred",
    "none",
    "high",
    "moderate",
    "low",
    "very_low",
    "ungraded",
    "supports",
    "challenges",
    "qualifies",
    "suggested",
    "confirmed",
    "overridden",
    "animal_study",
    "observational_study",
    "not_a_type",
    [],
    {},
    [1],
    ["x"],
    [None],
    {"a": 1},
    {"start": 0, "end": 1},
    {"code": "indirectness.animal"},
    {"type": "supports", "target": "mini-001"},
    {"cue": "may", "start": 0, "end": 3},
    {"status": "confirmed"},
]

FIELD_NAMES = [
    *FIELD_ORDER,  # a claim's keys, then those of its parts and of the header
    "start",
    "end",
    "prefix",
    "suffix",
    "type",
    "sources",
    "basis",
    "note",
    "code",
    "reason",
    "target",
    "status",
    "by",
    "why",
    "cue",
    "path",
    "sha256",
    "title",
    "citation",
    "bibliography",
    "document",
    "claims",
    "$schema",
    "unknown",
    "Text",
]


def _containers(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) slot in the tree, breadth first."""
    slots: list[tuple[Any, Any]] = []
    queue = [data]
    while queue:
        node = queue.pop(0)
        if isinstance(node, dict):
            for key, value in node.items():
                slots.append((node, key))
                queue.append(value)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                slots.append((node, index))
                queue.append(value)
    return slots


def _maps(data: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    queue = [data]
    while queue:
        node = queue.pop()
        if isinstance(node, dict):
            found.append(node)
            queue.extend(node.values())
        elif isinstance(node, list):
            queue.extend(node)
    return found


def mutate_data(data: Any, rng: random.Random, steps: int | None = None) -> Any:
    """A copy of JSON-like ``data`` with 1-3 structural mutations near validity's boundary."""
    data = copy.deepcopy(data)
    for _ in range(steps if steps is not None else rng.randint(1, 3)):
        slots = _containers(data)
        op = rng.randrange(9)
        if not slots or op == 0:
            maps = _maps(data)
            if maps:  # an extra key, known at another level or unknown
                rng.choice(maps)[rng.choice(FIELD_NAMES)] = rng.choice(BOUNDARY_VALUES)
            continue
        container, key = rng.choice(slots)
        value = container[key]
        if op in (1, 2, 3):
            container[key] = copy.deepcopy(rng.choice(BOUNDARY_VALUES))
        elif op == 4:
            del container[key]
        elif op == 5:
            container[key] = [value] if rng.random() < 0.5 else None
        elif op == 6 and isinstance(value, str):
            container[key] = rng.choice(
                [value + "\n", " " + value, value.upper(), value[:-1], value * 3, value + "\x00"]
            )
        elif op == 7 and isinstance(value, int | float) and not isinstance(value, bool):
            container[key] = rng.choice([value - 1, value + 1, -value, float(value), value * 1e6])
        elif op == 8 and isinstance(value, list):
            if value and rng.random() < 0.5:
                value.append(copy.deepcopy(rng.choice(value)))
            else:
                value.clear()
        else:
            container[key] = copy.deepcopy(rng.choice(BOUNDARY_VALUES))
    return data


# --- bytes -------------------------------------------------------------------------------------

TOKENS: list[bytes] = [
    b"&a ",
    b"*a",
    b"&a [*a, *a, *a]",
    b"<<: *a\n",
    b"!!python/object/apply:os.system ['true']",
    b"!!python/name:os.system",
    b"!custom ",
    b"!!binary aGk=",
    b"!!set {a, b}",
    b"? [a, b]\n: c\n",
    b"[" * 300,
    b"]" * 300,
    b"{" * 300,
    b"- " * 200,
    b"  " * 100,
    b"\t",
    b"\x00",
    b"\r",
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xed\xa0\x80",
    b"\xc3",
    b"\xf4\x90\x80\x80",
    b"%YAML 1.1\n---\n",
    b"---\n",
    b"...\n",
    b"|\n  block\n",
    b">-\n  folded\n",
    b'"\\uD800"',
    b'"\\x',
    b"'",
    b'"',
    b"#",
    b": ",
    b", ",
    b"NaN",
    b"Infinity",
    b"-Infinity",
    b"1e400",
    b"9" * 5000,
    b"0x" + b"f" * 100,
    b"2024-13-45",
    b"2001-12-14t21:59:43.10-05:00",
    b".inf",
    b".nan",
    b"~",
    b"null",
    b"true",
    b"@article{",
    b"@string{a = {",
    b"@comment{",
    b"@preamble{",
    b"}" * 50,
    b"{" * 50,
    b"author = {",
    b" and ",
    b'= "',
    b"#",
    b"[tool.evidence-claims]\n",
    b"[tool.evidence-claims.limits]\n",
    b"max-depth = 0\n",
    b'select = ["x"]\n',
    b"[[tool]]\n",
    b'"""',
    b"'''",
    b"\\u0000",
    "\u2028".encode(),
    "\U0001f600".encode(),
    "é".encode("latin-1"),
]


def mutate_bytes(raw: bytes, rng: random.Random, steps: int | None = None) -> bytes:
    """``raw`` with 1-4 byte-level mutations: flips, cuts, splices, tokens, encodings."""
    data = bytearray(raw)
    for _ in range(steps if steps is not None else rng.randint(1, 4)):
        n = len(data)
        op = rng.randrange(11)
        at = rng.randint(0, n)
        if op == 0 and n:  # flip bits of one byte
            i = rng.randrange(n)
            data[i] ^= 1 << rng.randrange(8)
        elif op == 1 and n:  # a random byte
            data[rng.randrange(n)] = rng.randrange(256)
        elif op == 2 and n:  # delete a span
            end = min(n, at + rng.randint(1, 64))
            del data[at:end]
        elif op == 3:  # insert a token
            data[at:at] = rng.choice(TOKENS)
        elif op == 4 and n:  # duplicate a span elsewhere
            start = rng.randrange(n)
            span = data[start : start + rng.randint(1, 200)]
            data[at:at] = span
        elif op == 5 and n:  # truncate
            del data[at:]
        elif op == 6 and n:  # swap two lines
            lines = bytes(data).split(b"\n")
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                data = bytearray(b"\n".join(lines))
        elif op == 7:  # re-encode the whole text
            try:
                text = bytes(data).decode("utf-8")
                codec = rng.choice(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"])
                data = bytearray(text.encode(codec, errors="replace"))
            except UnicodeDecodeError:
                data = bytearray(codecs.BOM_UTF8) + data
        elif op == 8 and n:  # change indentation of a line
            lines = bytes(data).split(b"\n")
            i = rng.randrange(len(lines))
            lines[i] = b" " * rng.randint(0, 12) + lines[i].lstrip(b" ")
            data = bytearray(b"\n".join(lines))
        elif op == 9:  # repeat a token many times (depth, length, alias counts)
            data[at:at] = rng.choice(TOKENS[:14]) * rng.randint(2, 400)
        else:  # line endings
            data = bytearray(bytes(data).replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n"])))
    return bytes(data)
