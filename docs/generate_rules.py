"""Write docs/rules.md from the rule catalogue: ``python docs/generate_rules.py``.

tests/test_docs.py checks that the committed page is what this script writes.
"""

from __future__ import annotations

from pathlib import Path

from evidence_claims.cli.rules import markdown_table
from evidence_claims.rules import all_rules

PAGE = Path(__file__).with_name("rules.md")

HEADER = """# Rules

Every finding has a stable code (never reused or renamed once published), a default severity, a
message and a description of why the rule exists. Caveat codes (category `evidence`) are also
what claim files use in `caveats` and `suppress`. `evidence-claims rules CODE` explains one rule;
`evidence-claims rules --format markdown` prints this table, `--format json` the catalogue as
data. Severities can be changed per code or prefix in `[tool.evidence-claims.severity]`
([ci.md](ci.md#configuration)).

This page is generated from the catalogue (`python docs/generate_rules.py`); a test fails while
it is stale.

"""


def rules_page() -> str:
    """The text of docs/rules.md."""
    return HEADER + markdown_table(all_rules()) + "\n"


if __name__ == "__main__":
    PAGE.write_text(rules_page(), encoding="utf-8")
    print(f"wrote {PAGE}")
