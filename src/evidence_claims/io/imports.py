"""Save claim records read from another tool: a new claim file, or the changes to one.

An import into a claim file that exists changes only the claims that differ, field by field,
through the locked round-trip save (:func:`evidence_claims.io.storage.save_claim_file`), so
comments, quoting and every untouched line stay as they were; when nothing differs the file
is not written at all (an export then import without edits is byte-identical). The changes
are returned so the command can say what the curator changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..model.records import Claim, ClaimFile


@dataclass
class Changes:
    """What an import changed in a claim file, per claim id."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, list[tuple[str, Any, Any]]] = field(default_factory=dict)
    created: bool = False  # a new claim file was written

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed or self.created)

    def lines(self) -> list[str]:
        out = [f"  added {claim_id}" for claim_id in self.added]
        out += [f"  removed {claim_id}" for claim_id in self.removed]
        for claim_id, fields in self.changed.items():
            for name, old, new in fields:
                out.append(f"  changed {claim_id}: {name}: {_short(old)} -> {_short(new)}")
        return out


def _short(value: Any) -> str:
    text = "—" if value is None or value == [] else str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def validate_records(
    document: dict[str, Any], records: list[dict[str, Any]]
) -> tuple[ClaimFile | None, list[str]]:
    """The claim file model of imported records, or the reasons it is not one."""
    try:
        model = ClaimFile.model_validate({"document": document, "claims": records}, strict=False)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = error["loc"]
            if len(where) >= 2 and where[0] == "claims" and isinstance(where[1], int):
                claim = records[where[1]].get("id", where[1])
                path = ".".join(str(p) for p in where[2:])
                problems.append(f"claim {claim}: {path}: {error['msg']}")
            else:
                problems.append(f"{'.'.join(str(p) for p in where)}: {error['msg']}")
        return None, problems
    ids = [c.id for c in model.claims]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        return None, [f"claim ids used twice: {', '.join(duplicates)}"]
    return model, []


def _data(claim: Claim) -> dict[str, Any]:
    return claim.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)


def diff(old: list[Claim], new: list[Claim]) -> Changes:
    """Claims added, removed, and changed field by field (``evidence.type`` and the like)."""
    changes = Changes()
    before = {c.id: c for c in old}
    after = {c.id: c for c in new}
    changes.added = [i for i in after if i not in before]
    changes.removed = [i for i in before if i not in after]
    for claim_id, claim in after.items():
        if claim_id not in before or before[claim_id] == claim:
            continue
        a, b = _data(before[claim_id]), _data(claim)
        fields = []
        for key in dict.fromkeys([*a, *b]):
            if a.get(key) == b.get(key):
                continue
            if isinstance(a.get(key), dict) and isinstance(b.get(key), dict) and key != "anchor":
                for sub in dict.fromkeys([*a[key], *b[key]]):
                    if a[key].get(sub) != b[key].get(sub):
                        fields.append((f"{key}.{sub}", a[key].get(sub), b[key].get(sub)))
            else:
                fields.append((key, a.get(key), b.get(key)))
        changes.changed[claim_id] = fields
    return changes


def write_new(path: Path, model: ClaimFile) -> None:
    """Write ``model`` as a new claim file (YAML, or JSON for a ``.json`` name)."""
    from .json_files import dump_json
    from .storage import save_claim_file
    from .yaml_style import dump_yaml

    data = {
        "document": model.document.model_dump(mode="json", by_alias=True, exclude_none=True),
        "claims": [_data_full(c) for c in model.claims],
    }
    raw = dump_json(data) if path.suffix.lower() == ".json" else dump_yaml(data)
    save_claim_file(path, raw, None)


def _data_full(claim: Claim) -> dict[str, Any]:
    data = claim.model_dump(mode="json", by_alias=True, exclude_none=True, exclude_defaults=True)
    data["evidence"] = claim.evidence.model_dump(mode="json", exclude_none=True)
    return {k: data[k] for k in Claim.model_fields if k in data}


def update_file(path: Path, model: ClaimFile, current: ClaimFile) -> Changes:
    """Apply the claims of ``model`` to the claim file at ``path``, whose claims are
    ``current`` (as loaded); untouched lines stay byte for byte."""
    from .claim_file import parse_claim_file
    from .storage import render_claim_file, save_claim_file

    parsed = parse_claim_file(path)
    changes = diff(current.claims, model.claims)
    if not changes:
        return changes
    root = parsed.tree if parsed.format == "yaml" else parsed.data
    claims = root["claims"]
    positions = {str(item.get("id")): n for n, item in enumerate(claims)}
    wanted = {c.id: c for c in model.claims}
    for claim_id in changes.changed:
        target = claims[positions[claim_id]]
        new = _data_full(wanted[claim_id])
        for key in list(target):
            if key not in new:
                del target[key]
        for key, value in new.items():
            if key == "evidence" and isinstance(target.get(key), dict):
                evidence = target[key]
                for sub in list(evidence):
                    if sub not in value:
                        del evidence[sub]
                for sub, sub_value in value.items():
                    if evidence.get(sub) != sub_value:
                        evidence[sub] = sub_value
            elif key == "anchor" and isinstance(target.get(key), dict):
                for sub, sub_value in value.items():
                    if target[key].get(sub) != sub_value:
                        target[key][sub] = sub_value
            elif _plain(target.get(key)) != value:
                target[key] = value
    for claim_id in changes.removed:
        del claims[[str(item.get("id")) for item in claims].index(claim_id)]
    for claim_id in changes.added:
        claims.append(_data_full(wanted[claim_id]))
    save_claim_file(parsed, render_claim_file(parsed))
    return changes


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
