"""The one ruamel.yaml configuration of claim files: indentation, loading and dumping.

A load/save round trip of a file written in this style is byte-identical; a file in
another style is saved in its own indentation (:func:`guess_indent`).
"""

from __future__ import annotations

import codecs
from typing import Any

Indent = tuple[int, int, int]  # ruamel.yaml's (mapping, sequence, offset)
CLAIM_FILE_INDENT: Indent = (2, 4, 2)


def make_yaml(indent: Indent = CLAIM_FILE_INDENT) -> Any:
    """The one ruamel.yaml configuration used to load and save claim files.

    With these settings a load/save round trip of a file written in this style is byte-identical.
    Lines are never wrapped (a long quote stays on its line, so a diff shows what changed).
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = 1 << 30
    yaml.allow_unicode = True
    yaml.allow_duplicate_keys = False
    return yaml


def yaml_source(text: str) -> str:
    """The text handed to ruamel.yaml: CRLF line ends read as LF.

    YAML normalises line breaks in content anyway, but ruamel.yaml keeps the CR inside
    comments, where a later save would double it. Positions do not move: the CR was the last
    character of its line.
    """
    return text.replace("\r\n", "\n") if "\r\n" in text else text


def guess_indent(text: str) -> Indent:
    """The (mapping, sequence, offset) indentation a YAML text uses, for saving it alike.

    Read from the first nested mapping and the first block sequence under a key; the
    claim-file style (2, 4, 2) fills in what the text does not show.
    """
    mapping, sequence, offset = CLAIM_FILE_INDENT
    found_mapping = found_sequence = False
    previous: tuple[int, bool] | None = None  # (indent, line is "key:" alone)
    for line in text.splitlines():
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        indent = len(line) - len(body)
        if previous is not None and previous[1] and indent >= previous[0]:
            if body.startswith("- ") and not found_sequence:
                rest = body[2:]
                offset = indent - previous[0]
                sequence = offset + 2 + (len(rest) - len(rest.lstrip(" ")))
                found_sequence = True
            elif indent > previous[0] and not body.startswith("-") and not found_mapping:
                mapping = indent - previous[0]
                found_mapping = True
        if found_mapping and found_sequence:
            break
        key_alone = body.split(" #", 1)[0].rstrip().endswith(":") and not body.startswith("- ")
        previous = (indent, key_alone)
    if sequence < offset + 2:
        sequence = offset + 2
    return mapping, sequence, offset


def dump_yaml(
    tree: Any, *, bom: bool = False, newline: str = "\n", indent: Indent = CLAIM_FILE_INDENT
) -> bytes:
    """Serialise a round-trip tree in the claim-file style (or the given ``indent``).

    ``bom`` and ``newline`` restore what :func:`parse_claim_file` found (``ParsedFile.bom``,
    ``ParsedFile.newline``): ruamel.yaml reads CRLF as LF and drops a BOM, so both are put
    back here. A YAML text holds no raw LF that is not a line break (inside quotes and block
    scalars too, line breaks are the file's), so every LF of the output may be translated.
    For the least change to a file in another style, use
    :func:`evidence_claims.io.storage.render_claim_file`.
    """
    import io

    buffer = io.StringIO()
    make_yaml(indent).dump(tree, buffer)
    text = buffer.getvalue()
    if newline != "\n":
        text = text.replace("\n", newline)
    data = text.encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data
