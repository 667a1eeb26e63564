"""The rule catalogue: every finding the validator can emit has a stable code here.

Following frictionless's error catalogue, each rule carries a code (never reused or renamed once
published), a title, a default severity, a message template and a longer description that
explains why the rule exists and how to fix what it reports. Findings are built only through
:meth:`Rule.finding`, so an unknown code or a message that lacks a field fails loudly in tests
instead of reaching a user.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..model.report import Finding

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Rule:
    """One kind of finding."""

    code: str
    title: str
    severity: Severity
    message: str
    description: str
    category: str

    def format(self, **params: Any) -> str:
        return self.message.format(**params)

    def finding(
        self,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        claim_id: str | None = None,
        path: str | None = None,
        severity: Severity | None = None,
        **params: Any,
    ) -> Finding:
        """A finding of this rule; ``params`` fill the message template."""
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=self.format(**params),
            file=file,
            line=line,
            column=column,
            claim_id=claim_id,
            path=path,
        )


RULES: dict[str, Rule] = {}


def register(
    code: str, title: str, severity: Severity, message: str, description: str, category: str
) -> Rule:
    """Add a rule to the catalogue; codes are unique."""
    if code in RULES:
        raise ValueError(f"rule code {code!r} is registered twice")
    rule = Rule(code, title, severity, message, " ".join(description.split()), category)
    RULES[code] = rule
    return rule
