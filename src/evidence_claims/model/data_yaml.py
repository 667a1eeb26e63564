"""Read the package's own data files (taxonomy, lexicons) as YAML 1.2, quickly.

The data files are ours and small, but ruamel.yaml's pure-Python loader took 60 ms of every
command's start for the taxonomy alone. PyYAML's LibYAML loader reads them in about 1 ms;
its resolver follows YAML 1.1 (``no``, ``on`` and ``off`` become booleans, ``010`` octal,
``1:20`` a number), so the loader here resolves plain scalars as YAML 1.2's core schema does,
as ruamel.yaml did (a test compares both on every data file).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Core12Loader(_BASE):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader with YAML 1.2 core schema resolution of plain scalars."""


_Core12Loader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _Core12Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first)
    )


def _int12(loader: Any, node: Any) -> int:
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


_Core12Loader.add_constructor("tag:yaml.org,2002:int", _int12)


def load_data_yaml(text: str) -> Any:
    """The data of one of the package's YAML files."""
    return yaml.load(text, Loader=_Core12Loader)  # a safe loader
