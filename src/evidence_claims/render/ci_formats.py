"""Formats for continuous integration: GitHub workflow annotations and SARIF 2.1.0.

- ``github``: one workflow command per finding,
  ``::warning file=F,line=L,col=C,title=CODE::message``. GitHub shows these as annotations on
  the pull request. Data (the message) escapes ``%``, CR and LF; property values also escape
  ``:`` and ``,`` (the rules of GitHub's ``@actions/core`` toolkit, ``escapeData`` and
  ``escapeProperty``). ``info`` findings become ``notice`` commands.
- ``sarif``: a SARIF 2.1.0 log (OASIS standard, errata 01) with one run, every rule of the
  catalogue as ``reportingDescriptor`` metadata, and one result per finding with its region
  (``startLine``/``startColumn``, columns counted in Unicode code points) and a stable
  ``partialFingerprints`` entry, so code-scanning services can track a finding across commits.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._version import __version__
from ..model.report import ClaimAssessment, Finding, Report
from ..pipeline.baseline import fingerprint
from ..rules import all_rules
from .json_lines import LazyArray, json_lines
from .json_records import AssessmentLines

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
FINGERPRINT_KEY = "evidenceClaims/v1"


def escape_data(text: str) -> str:
    """Escape a workflow command's message: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_line(f: Finding) -> str:
    props = []
    if f.file:
        props.append(f"file={escape_property(f.file.replace(chr(92), '/'))}")
        if f.line is not None:
            props.append(f"line={f.line}")
            if f.column is not None:
                props.append(f"col={f.column}")
    props.append(f"title={escape_property(f.code)}")
    message = f"[{f.claim_id}] {f.message}" if f.claim_id else f.message
    return (
        f"::{GITHUB_COMMANDS.get(f.severity, 'notice')} {','.join(props)}::{escape_data(message)}"
    )


def format_github(report: Report) -> str:
    """One GitHub workflow command per finding, sorted by location."""
    return "\n".join(github_line(f) for f in sorted(report.findings, key=Finding.sort_key))


def _rule_descriptor(rule: Any) -> dict[str, Any]:
    return {
        "id": rule.code,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description},
        "messageStrings": {"default": {"text": rule.message}},
        "defaultConfiguration": {"level": SARIF_LEVELS[rule.severity]},
        "help": {"text": rule.description, "markdown": f"**{rule.title}**\n\n{rule.description}"},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def sarif_log(report: Report) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (a plain dict, ready for ``json.dumps``)."""
    findings = sorted(report.findings, key=Finding.sort_key)
    rules = all_rules()
    result = _Results(rules)
    results = [result(f) for f in findings]
    return _log(rules, results, [a.to_dict() for a in report.assessments])


class _Results:
    """A finding as a SARIF result (rules indexed once)."""

    __slots__ = ("index",)

    def __init__(self, rules: Any) -> None:
        self.index = {rule.code: i for i, rule in enumerate(rules)}

    def __call__(self, f: Finding) -> dict[str, Any]:
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": SARIF_LEVELS.get(f.severity, "note"),
            "message": {"text": f.message},
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f)},
        }
        if f.code in self.index:
            result["ruleIndex"] = self.index[f.code]
        if f.file:
            location: dict[str, Any] = {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": f.file.replace("\\", "/"),
                        "uriBaseId": "%SRCROOT%",
                    }
                }
            }
            if f.line is not None:
                region: dict[str, int] = {"startLine": f.line}
                if f.column is not None:
                    region["startColumn"] = f.column
                location["physicalLocation"]["region"] = region
            if f.claim_id:
                location["logicalLocations"] = [
                    {"name": f.claim_id, "kind": "object", "fullyQualifiedName": f.claim_id}
                ]
            result["locations"] = [location]
        properties = {k: v for k, v in (("claimId", f.claim_id), ("jsonPointer", f.path)) if v}
        if properties:
            result["properties"] = properties
        return result


def _log(rules: Any, results: Any, assessments: Any) -> dict[str, Any]:
    """The SARIF log around its results and the assessments (lists, or
    :class:`~.json_lines.LazyArray` when written a line at a time)."""
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "evidence-claims",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule_descriptor(rule) for rule in rules],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "assessments": assessments,
                },
            }
        ],
    }


def sarif_lines(report: Report) -> Iterator[str]:
    """SARIF 2.1.0 JSON with rule metadata from the catalogue and a region per finding (one
    rule, result or assessment per line): the lines of ``json_lines(sarif_log(report))``, each
    result and assessment made as its line is written (the log of a large report as one
    value took more memory than the report)."""
    findings = sorted(report.findings, key=Finding.sort_key)
    rules = all_rules()
    results = LazyArray(findings, _Results(rules))
    assessments = LazyArray(report.assessments, ClaimAssessment.to_dict, AssessmentLines())
    return json_lines(_log(rules, results, assessments))
