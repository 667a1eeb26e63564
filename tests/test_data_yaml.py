"""The package's data files read as ruamel.yaml (YAML 1.2) reads them."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from evidence_claims.model.data_yaml import load_data_yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "evidence_claims" / "data"


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_every_data_file_reads_as_ruamel_yaml_reads_it(path: Path) -> None:
    text = path.read_text("utf-8")
    assert load_data_yaml(text) == YAML(typ="safe", pure=True).load(text)


def test_yaml_1_2_scalars() -> None:
    text = "a: no\nb: on\nc: 010\nd: 0o10\ne: 1:20\nf: true\ng: ~\nh: 1e3\ni: .5\nj: 0x1F\n"
    assert load_data_yaml(text) == YAML(typ="safe", pure=True).load(text)
    assert load_data_yaml(text)["a"] == "no"
