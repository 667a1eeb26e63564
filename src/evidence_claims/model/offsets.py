"""Text offsets in the two units annotation tools use: code points and UTF-16 code units.

Claim files count code points (Python ``str`` indexes), as W3C Web Annotation's
TextPositionSelector does. Hypothesis, Label Studio and UIMA/INCEpTION count UTF-16 code
units (JavaScript and Java string indexes), where every character outside the Basic
Multilingual Plane (😊 U+1F60A, 𝛽 U+1D6FD) takes two. Each exporter and importer converts
explicitly through :class:`Utf16Index` and says which unit its output uses.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Literal

OffsetUnit = Literal["code-point", "utf-16"]
CODE_POINT: OffsetUnit = "code-point"
UTF16: OffsetUnit = "utf-16"


class Utf16Index:
    """Converts offsets into one text between code points and UTF-16 code units.

    Only the positions of astral characters are kept (none for most texts), so a
    conversion is a binary search, whatever the text's length.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # code point index of every astral character, in order
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # its UTF-16 index: each earlier astral character adds one unit
        self._astral16 = [i + n for n, i in enumerate(self._astral)]
        self.length16 = len(text) + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 offset of a code point offset (0..len(text))."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} is outside the text (0..{len(self.text)})")
        return offset + bisect_left(self._astral, offset)

    def to_code_point(self, offset: int) -> int:
        """The code point offset of a UTF-16 offset; ValueError inside a surrogate pair."""
        if not 0 <= offset <= self.length16:
            raise ValueError(f"UTF-16 offset {offset} is outside the text (0..{self.length16})")
        before = bisect_left(self._astral16, offset)
        if before and self._astral16[before - 1] == offset - 1:
            raise ValueError(f"UTF-16 offset {offset} falls inside a surrogate pair")
        return offset - before
