"""Names shared by the interchange exporters (render/) and importers (io/).

A claim travels to other tools as tags (``kind:claim``, ``source-type:animal_study``,
``source:matsumoto2005``), the form Hypothesis and most annotation tools keep, plus an
extension vocabulary for what the W3C Web Annotation model has no place for. Keeping the
names in one module is what lets an import read back exactly what an export wrote.
"""

from __future__ import annotations

import base64

EC_VOCAB = "urn:evidence-claims:vocab:"
"""The extension namespace (the ``ec:`` prefix of Web Annotation exports)."""

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT: list[object] = [ANNO_CONTEXT, {"ec": EC_VOCAB}]

# tag prefix -> claim field it carries
TAG_KIND = "kind"
TAG_TOPIC = "topic"
TAG_SOURCE_TYPE = "source-type"
TAG_BASIS = "basis"
TAG_SOURCE = "source"
TAG_CERTAINTY = "certainty"
TAG_REVIEW = "review"
TAG_ID = "id"


def tag(prefix: str, value: str) -> str:
    return f"{prefix}:{value}"


def split_tag(text: str) -> tuple[str, str] | None:
    """``("kind", "claim")`` for ``"kind:claim"``; None for a tag without a prefix."""
    prefix, sep, value = text.partition(":")
    if not sep or not prefix or not value:
        return None
    return prefix.strip(), value.strip()


def caveat_text(code: str, note: str | None) -> str:
    """A caveat as one line: its rule code, then ``: note`` (codes hold no colon)."""
    return f"{code}: {note}" if note else code


def split_caveat(text: str) -> tuple[str, str | None]:
    code, sep, note = text.partition(":")
    return code.strip(), (note.strip() or None) if sep else None


def document_uri(sha256: str) -> str:
    """The document as a Named Information URI (RFC 6920) of its SHA-256: it names the
    exact bytes the claims quote, wherever the file lives."""
    digest = base64.urlsafe_b64encode(bytes.fromhex(sha256)).decode("ascii").rstrip("=")
    return f"ni:///sha-256;{digest}"


def default_base(document_id: str) -> str:
    """Where claim URIs start unless the user gives a base: a URN of the set."""
    return f"urn:evidence-claims:{document_id}:"
