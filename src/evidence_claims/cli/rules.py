"""``evidence-claims rules``: list the rule catalogue, or explain one rule.

``rules`` lists every rule (structural and evidence); ``rules CODE`` explains one, and a code
prefix (``rules indirectness``) lists that family. ``--format markdown`` prints the table of
docs/rules.md (``python docs/generate_rules.py`` writes the page; a test keeps it current);
``--format json`` is for programs.
"""

from __future__ import annotations

import json
import sys

import click

from ..rules import all_rules
from ..rules.catalogue import Rule
from ..rules.suggest import closest
from .options import EXIT_ERROR, format_option


def _matches(code: str, prefix: str) -> bool:
    return code == prefix or code.startswith(prefix + ".")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(rules: list[Rule]) -> str:
    """The rules as a Markdown table: code, category, default severity, title, description."""
    lines = [
        "| Code | Category | Severity | Title | What it means |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rules:
        lines.append(
            f"| `{r.code}` | {r.category} | {r.severity} | {_cell(r.title)} | "
            f"{_cell(r.description)} |"
        )
    return "\n".join(lines)


def text_list(rules: list[Rule]) -> str:
    width = max((len(r.code) for r in rules), default=0)
    return "\n".join(f"{r.code:<{width}}  {r.severity:<7}  {r.title}" for r in rules)


def explain(rule: Rule) -> str:
    from ..rules.assessment import CAVEATS

    lines = [
        f"{rule.code}: {rule.title}",
        f"  category: {rule.category}",
        f"  default severity: {rule.severity}",
    ]
    caveat = CAVEATS.get(rule.code)
    if caveat is not None:
        lines.append(f"  role: {caveat.role} (domain: {caveat.domain.replace('_', ' ')})")
    lines += [f"  message: {rule.message}", "", *_wrap(rule.description, 78)]
    return "\n".join(lines)


def _wrap(text: str, width: int) -> list[str]:
    import textwrap

    return textwrap.wrap(text, width=width) or [""]


@click.command()
@click.argument("code", required=False)
@format_option(["text", "markdown", "json"], "text", "Output format.")
def rules(code: str | None, output_format: str) -> None:
    """List every rule code, or explain CODE (a code or a code prefix)."""
    catalogue = all_rules()
    chosen = [r for r in catalogue if code is None or _matches(r.code, code)]
    if not chosen:
        close = closest(code or "", [r.code for r in catalogue], n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        click.echo(f"evidence-claims: no rule {code!r}{hint}", err=True)
        sys.exit(EXIT_ERROR)
    if output_format == "markdown":
        click.echo(markdown_table(chosen))
    elif output_format == "json":
        data = [
            {
                "code": r.code,
                "category": r.category,
                "severity": r.severity,
                "title": r.title,
                "message": r.message,
                "description": r.description,
            }
            for r in chosen
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif len(chosen) == 1 and code is not None:
        click.echo(explain(chosen[0]))
    else:
        click.echo(text_list(chosen))
