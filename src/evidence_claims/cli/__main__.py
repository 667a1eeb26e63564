"""``python -m evidence_claims.cli``: the same as the ``evidence-claims`` command."""

from .main import main

main()
