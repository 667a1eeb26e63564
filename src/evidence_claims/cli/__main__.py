"""``python -m evidence_claims.cli``: the same as the ``evidence-claims`` command."""

from .app import main

main()
