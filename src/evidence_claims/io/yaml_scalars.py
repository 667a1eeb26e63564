"""Resolve a plain YAML scalar to its value, as ruamel.yaml's round-trip loader does.

:func:`resolve` is the scalar half of :mod:`.yaml_fast`'s reader: it turns an untagged plain
scalar into None, a bool, an int, a float, a timestamp's ISO 8601 string or :data:`STRING`
(keep the text), with ruamel.yaml's YAML 1.2 rules (``no`` stays a string, ``0o17`` is octal,
``017`` decimal) or, for a ``%YAML 1.1`` document, its 1.1 rules. What resolves but cannot be
built (a merge key, ``!!value``, a date that names no real day, a number longer than ``int()``
and ``str()`` accept) raises :class:`Refused` with the rule code, for the reader to locate.
"""

from __future__ import annotations

import math
import re
import sys
from typing import Any

# ruamel.yaml's implicit resolvers (ruamel/yaml/resolver.py), YAML 1.2 and 1.1, in its order
_BOOL_12 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_BOOL_11 = re.compile(
    r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"
)
_FLOAT_12 = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_FLOAT_11 = re.compile(
    r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_INT_12 = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
_INT_11 = re.compile(
    r"""^(?:[-+]?0b[0-1_]+|[-+]?0?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
    re.X,
)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TIMESTAMP = re.compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.X,
)

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
STRING = object()  # resolution: keep the text
_NUMBER_START = frozenset("-+0123456789.")


class Refused(Exception):
    """A scalar that resolves but cannot be built: (rule code, message parameters)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def resolve(value: str, version: tuple[int, int]) -> Any:
    """The value of a plain, untagged scalar (ruamel.yaml's resolution for ``version``)."""
    if not value:
        return None
    v11 = version == (1, 1)
    if len(value) < 19 and value.isdigit() and value.isascii() and not v11:
        return int(value)  # the most common number, decimal in YAML 1.2 even with a leading 0
    first = value[0]
    if (first in "tTfF" or (v11 and first in "yYnNoO")) and (_BOOL_11 if v11 else _BOOL_12).match(
        value
    ):
        return value in ("true", "True", "TRUE") or (
            v11 and value in ("y", "Y", "yes", "Yes", "YES", "on", "On", "ON")
        )
    if first in _NUMBER_START:
        if (_FLOAT_11 if v11 else _FLOAT_12).match(value):
            return _float(value)
        if first != "." and (_INT_11 if v11 else _INT_12).match(value):
            return _int(value, v11)
    if first == "<" and value == "<<":
        raise Refused("file.yaml-merge-key")
    if first in "~nN" and _NULL.match(value):
        return None
    if first.isdigit() and _TIMESTAMP.match(value):
        return _timestamp(value)
    if first == "=" and value == "=":
        raise Refused("file.yaml-tag", tag="!!value")
    return STRING


def _float(text: str) -> float:
    cleaned = text.replace("_", "").lower()
    sign = -1.0 if cleaned.startswith("-") else 1.0
    body = cleaned.lstrip("+-")
    if body == ".inf":
        return sign * math.inf
    if body == ".nan":
        return math.nan
    if ":" in body:  # YAML 1.1 sexagesimal
        total = 0.0
        for part in body.split(":"):
            total = total * 60 + float(part)
        return sign * total
    return sign * float(body)


def _int(text: str, v11: bool) -> int:
    cleaned = text.replace("_", "")
    sign = -1 if cleaned.startswith("-") else 1
    body = cleaned.lstrip("+-")
    most = sys.get_int_max_str_digits()
    digits = len(body)
    if most and digits > most:
        raise _too_long(digits, most)
    try:
        if body.startswith("0b"):
            value = int(body[2:], 2)
        elif body.startswith("0x"):
            value = int(body[2:], 16)
        elif body.startswith("0o"):
            value = int(body[2:], 8)
        elif v11 and ":" in body:
            value = 0
            for part in body.split(":"):
                value = value * 60 + int(part)
        elif v11 and len(body) > 1 and body[0] == "0":
            value = int(body, 8)
        else:
            value = int(body)
    except ValueError:  # "_" or "0x_" alone: the resolver's pattern allows them
        raise Refused(
            "file.syntax", format="YAML", reason=f"{text!r} is not a number; quote it"
        ) from None
    # another base can hold a number whose decimal form str() refuses to write
    if most and value.bit_length() * math.log10(2) >= most:
        raise _too_long(int(value.bit_length() * math.log10(2)) + 1, most)
    return sign * value


def _too_long(digits: int, most: int) -> Refused:
    return Refused(
        "limits.size", what="a number", problem=f"has {digits:,} digits, more than {most:,}"
    )


def _timestamp(text: str) -> str:
    """A timestamp as its ISO 8601 string (what ruamel.yaml's value gives with ``isoformat``)."""
    from yaml.constructor import SafeConstructor
    from yaml.nodes import ScalarNode

    try:
        value = SafeConstructor().construct_yaml_timestamp(ScalarNode(_TIMESTAMP_TAG, text))
    except (ValueError, OverflowError, TypeError) as exc:
        raise Refused(
            "file.syntax",
            format="YAML",
            reason=f"{text!r} looks like a date but is not one ({exc}); quote it",
        ) from None
    return value.isoformat()
