"""``benchmarks/bench_floor.py`` writes the variants it measures as it says: each keeps what
its name promises of every claim, and the files beside the claim file are copied."""

from __future__ import annotations

import json
from pathlib import Path

from .benchmark_scripts import load_benchmark

_CLAIM = {
    "id": "c1",
    "text": "Three trials found less pain (Smith et al.).",
    "anchor": {"start": 0, "end": 44},
    "kind": "claim",
    "evidence": {"type": "clinical_trial", "sources": ["smith2020"], "basis": "explicit"},
    "hedges": [{"cue": "less", "start": 19, "end": 23}],
    "caveats": [{"code": "imprecision.small_sample"}],
    "relations": [{"type": "supports", "target": "c2"}],
    "suppress": [{"code": "imprecision.small_sample", "reason": "checked"}],
}


def test_variants_keep_what_their_names_say(tmp_path: Path) -> None:
    bench = load_benchmark("bench_floor")
    source = tmp_path / "set"
    source.mkdir()
    (source / "claims.json").write_text(json.dumps({"document": {}, "claims": [_CLAIM]}))
    (source / "document.txt").write_text("text")
    (source / "references.bib").write_text("@article{smith2020, title = {T}}")
    paths = bench.write_variants(source / "claims.json", tmp_path / "out")
    claims = {name: json.loads(path.read_text())["claims"][0] for name, path in paths.items()}
    assert claims["full"] == _CLAIM
    assert claims["fixed"]["text"] == claims["sources"]["text"] == "No."
    assert claims["text"]["text"] == _CLAIM["text"]
    assert claims["text"]["hedges"] == _CLAIM["hedges"]
    for name in ("fixed", "text"):
        assert claims[name]["evidence"]["sources"] == []
        assert not {"caveats", "relations", "suppress"} & claims[name].keys()
    for name in ("fixed", "sources"):
        assert "hedges" not in claims[name]
    assert claims["sources"]["evidence"]["sources"] == ["smith2020"]
    assert claims["sources"]["caveats"] == _CLAIM["caveats"]
    for name, path in paths.items():
        assert claims[name]["kind"] == "claim"
        assert claims[name]["evidence"]["type"] == "clinical_trial"
        assert (path.parent / "document.txt").read_text() == "text"
        assert (path.parent / "references.bib").exists()
