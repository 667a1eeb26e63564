"""The committed JSON Schema file's exact text, generated from the models."""

from __future__ import annotations

import json

from .records import json_schema


def schema_text() -> str:
    """The schema as committed in ``schemas/claim-file.schema.json``.

    Two-space indented JSON with a final newline, so the file diffs cleanly.
    """
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
