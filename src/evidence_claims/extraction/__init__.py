"""Extraction: from a document's text to a draft claim set for a person to review.

The pipeline runs one way: :mod:`.segment` cuts the text into statements with exact offsets,
:mod:`.cues` finds hedges and boosters, :mod:`.kinds` tells claims from advice, questions and
remarks about the text, :mod:`.attribute` decides what each statement rests on (following
passages and resolving informal mentions against the bibliography), and :mod:`.draft` builds the
claim file. :mod:`.reanchor` finds the claims again when the document changes.
"""

from __future__ import annotations
