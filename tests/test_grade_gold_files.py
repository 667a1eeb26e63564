"""Every item of every GRADE agreement gold file is well-formed.

The gold files (benchmarks/grade/dev.yaml, blind.yaml, blind-2.yaml, val.yaml; format in
benchmarks/grade/README.md) feed benchmarks/grade_agreement.py. A malformed item would be scored
as "ungraded" or crash the benchmark, so its figures would silently measure the file, not the
engine. These tests check the shape only: required fields, the allowed values of level, area,
design and GRADE domain, the optional batch label (a non-empty string naming the batch an item
was written in, so that a batch's first score can be reported apart), a BibTeX entry that
parses, and a statement that cites that entry by author and year. They assert nothing about
what the engine says of an item, and a failure names the file, the item id and the rule, never
the item's text (the blind files are not to be read by whoever tunes the rules).
"""

from __future__ import annotations

import logging
import re
import runpy
import unicodedata
from pathlib import Path

import bibtexparser
import pytest
import yaml

from .benchmark_scripts import load_benchmark

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "grade"
TAXONOMY = ROOT / "src" / "evidence_claims" / "data" / "taxonomy.yaml"
FILES = ("dev.yaml", "blind.yaml", "blind-2.yaml", "val.yaml")
ID_PATTERN = {
    "dev.yaml": re.compile(r"^grade-dev-\d{3}$"),
    "blind.yaml": re.compile(r"^grade-blind-\d{3}$"),
    "blind-2.yaml": re.compile(r"^grade-blind2-\d{3}$"),
    "val.yaml": re.compile(r"^grade-val-\d{3}$"),
}
REQUIRED = (
    "id",
    "area",
    "review",
    "source_url",
    "licence",
    "outcome",
    "statement",
    "bibtex",
    "source_type",
    "primary_design",
    "authors_certainty",
    "authors_reasons",
)
LEVELS = {"high", "moderate", "low", "very_low"}
AREAS = {"drug", "supplement", "behavioural", "diagnostic", "other"}
DESIGNS = {
    "randomized_trial",
    "observational",
    "diagnostic_accuracy",
    "mixed",
    "case_series",
    "animal",
    "other",
}
DOMAINS = frozenset(runpy.run_path(str(ROOT / "benchmarks" / "grade_gold.py"))["DOMAINS"])
"""The GRADE domains the benchmarks score, read from the module they share (benchmarks/ is not
a package)."""
UPGRADES = {"large_effect", "dose_response", "plausible_confounding"}


def _items(name: str) -> list[dict]:
    path = GOLD / name
    if not path.exists():
        pytest.skip(f"{name} not present")
    items = yaml.safe_load(path.read_text("utf-8"))
    assert isinstance(items, list) and items, f"{name}: not a non-empty YAML list"
    return items


def _fold(text: str) -> str:
    """Lower case without accents or BibTeX accent commands, so that "Bell{\\'o}n" in an entry,
    "Bellón" and "Bellon" in a statement all match."""
    text = re.sub(r"\\[`'\"^~=.]|\\[a-zA-Z]+\s*|[{}]", "", text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _entry(bibtex: str):
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(bibtex)
    return library


def _first_surname(author_field: str) -> str:
    first = re.split(r"\s+and\s+", author_field.strip())[0].strip().strip("{}")
    if "," in first:
        return first.split(",", 1)[0].strip().strip("{}")
    return first.split()[-1].strip("{}")


def _taxonomy_types() -> set[str]:
    return set(yaml.safe_load(TAXONOMY.read_text("utf-8"))["types"])


@pytest.mark.parametrize("name", FILES)
def test_items_have_the_required_fields_and_allowed_values(name: str) -> None:
    types = _taxonomy_types()
    problems = []
    for position, item in enumerate(_items(name)):
        label = f"{name}: item {item.get('id', position)}"
        missing = [key for key in REQUIRED if key not in item]
        if missing:
            problems.append(f"{label}: missing {missing}")
            continue
        if not ID_PATTERN[name].match(str(item["id"])):
            problems.append(f"{label}: id does not follow the file's pattern")
        if item["area"] not in AREAS:
            problems.append(f"{label}: area not one of {sorted(AREAS)}")
        if item["authors_certainty"] not in LEVELS:
            problems.append(f"{label}: authors_certainty not one of {sorted(LEVELS)}")
        if item["source_type"] not in types:
            problems.append(f"{label}: source_type is not a taxonomy type")
        if item["primary_design"] not in DESIGNS:
            problems.append(f"{label}: primary_design not one of {sorted(DESIGNS)}")
        for key in ("review", "source_url", "licence", "outcome", "statement"):
            if not isinstance(item[key], str) or not item[key].strip():
                problems.append(f"{label}: {key} is empty")
        if not str(item["source_url"]).startswith(("http://", "https://")):
            problems.append(f"{label}: source_url is not a web address")
        if "batch" in item and (not isinstance(item["batch"], str) or not item["batch"].strip()):
            problems.append(f"{label}: batch, when given, is not a non-empty string")
        reasons = item["authors_reasons"]
        if not isinstance(reasons, list):
            problems.append(f"{label}: authors_reasons is not a list")
            continue
        for reason in reasons:
            if not isinstance(reason, dict) or reason.get("domain") not in DOMAINS:
                problems.append(f"{label}: a reason's domain is not a GRADE domain")
                continue
            expected = "up" if reason["domain"] in UPGRADES else "down"
            if reason.get("direction") != expected:
                problems.append(f"{label}: {reason['domain']} must go {expected}")
            if reason.get("levels") not in (1, 2):
                problems.append(f"{label}: {reason['domain']} levels not 1 or 2")
            if not str(reason.get("why", "")).strip():
                problems.append(f"{label}: {reason['domain']} has no why")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", FILES)
def test_each_bibtex_entry_parses_and_the_statement_cites_it(name: str) -> None:
    problems = []
    for position, item in enumerate(_items(name)):
        label = f"{name}: item {item.get('id', position)}"
        library = _entry(str(item.get("bibtex", "")))
        if library.failed_blocks or len(library.entries) != 1:
            problems.append(f"{label}: bibtex is not exactly one well-formed entry")
            continue
        entry = library.entries[0]
        fields = {field.key.lower(): str(field.value) for field in entry.fields}
        for key in ("author", "title", "year"):
            if not fields.get(key, "").strip():
                problems.append(f"{label}: bibtex entry has no {key}")
        if not (fields.get("note", "").strip() or fields.get("abstract", "").strip()):
            problems.append(f"{label}: bibtex entry has neither note nor abstract")
        if "author" not in fields or "year" not in fields:
            continue
        statement = _fold(str(item.get("statement", "")))
        surname = _fold(_first_surname(fields["author"]))
        year = fields["year"].strip()
        if surname not in statement or year not in statement:
            problems.append(f"{label}: statement does not cite the entry's first author and year")
    assert not problems, "\n".join(problems)


def test_ids_are_unique_across_the_gold_files() -> None:
    seen: dict[str, str] = {}
    duplicates = []
    for name in FILES:
        path = GOLD / name
        if not path.exists():
            continue
        for item in yaml.safe_load(path.read_text("utf-8")):
            item_id = str(item.get("id"))
            if item_id in seen:
                duplicates.append(f"{item_id} in {seen[item_id]} and {name}")
            seen[item_id] = name
    assert not duplicates, "\n".join(duplicates)


def test_a_review_gives_at_most_three_items_per_file() -> None:
    """The gold format allows three outcomes per review at most, so that no single review
    weighs on the agreement figures more than that."""
    problems = []
    for name in FILES:
        path = GOLD / name
        if not path.exists():
            continue
        counts: dict[str, int] = {}
        for item in yaml.safe_load(path.read_text("utf-8")):
            library = _entry(str(item.get("bibtex", "")))
            if len(library.entries) != 1:
                continue
            key = "".join(c for c in library.entries[0].key.lower() if c.isalnum())
            counts[key] = counts.get(key, 0) + 1
        problems += [f"{name}: review {k} gives {n} items" for k, n in counts.items() if n > 3]
    assert not problems, "\n".join(problems)


def test_the_checks_see_a_citation_an_accent_and_a_broken_entry() -> None:
    """The helpers behind the file checks: a LaTeX accent in the entry still matches the plain
    name in a statement, and a truncated entry is not one well-formed entry."""
    assert _fold("Bell{\\'o}n") == _fold("Bellón") == "bellon"
    assert _first_surname("Martínez-Calderón, Javier and Doe, John") == "Martínez-Calderón"
    assert _first_surname("Jane Smith and John Doe") == "Smith"
    broken = _entry("@article{smith2021,\n  author = {Smith, Jane},\n  title = {x\n")
    assert broken.failed_blocks or len(broken.entries) != 1


def _review_keys(name: str) -> set[str]:
    """The reviews of a gold file, keyed as the agreement benchmark tells reviews apart."""
    path = GOLD / name
    if not path.exists():
        return set()
    review_key = load_benchmark("grade_agreement").review_key
    return {review_key(item) for item in yaml.safe_load(path.read_text("utf-8"))}


def test_the_validation_half_shares_no_review_with_the_other_gold_files() -> None:
    """val.yaml chooses between assessment methods, so none of its reviews may be one a rule was
    tuned on (dev) or one the blind halves measure; only a count is reported, so that a failure
    says nothing about a blind item."""
    val = _review_keys("val.yaml")
    if not val:
        pytest.skip("val.yaml not present")
    shared = {name: len(val & _review_keys(name)) for name in FILES if name != "val.yaml"}
    assert not any(shared.values()), f"reviews of val.yaml also in: {shared}"


def test_the_validation_half_is_large_enough_to_choose_with() -> None:
    """At least 80 items from at least 30 reviews (the size the validation half was grown to, for a
    95% margin of about 0.11 on exact agreement): fewer would make the choice between methods a
    coin toss."""
    path = GOLD / "val.yaml"
    if not path.exists():
        pytest.skip("val.yaml not present")
    items = yaml.safe_load(path.read_text("utf-8"))
    assert len(items) >= 80
    assert len(_review_keys("val.yaml")) >= 30
