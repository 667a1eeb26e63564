"""How names are compared: lower case without accents.

Authors' surnames ("Müller" cited as "Muller") and bodies' names ("Organización Mundial de la
Salud") are written with and without their accents in text and in bibliographies alike, so
the resolver of author-year mentions and the reader of corporate authors fold them the same
way.
"""

from __future__ import annotations

import unicodedata


def fold_accents(text: str) -> str:
    """``text`` in lower case with its combining marks dropped (NFKD), for comparing names."""
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )
