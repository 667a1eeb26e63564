from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evidence_claims.io.bib import parse_bibliography
from evidence_claims.render.citations import cite, full_citation, plain_text, short_citation

from .conftest import KRATOM


@pytest.fixture(scope="module")
def kratom_bib():
    return parse_bibliography((KRATOM / "references.bib").read_text("utf-8"))


def test_short_citations_of_the_bundled_sources(kratom_bib) -> None:
    assert cite("matsumoto2005", kratom_bib) == "Matsumoto K et al. (2005) Life Sciences 78(1):2–7"
    assert (
        cite("suwanlert1975", kratom_bib) == "Suwanlert S (1975) Bulletin on Narcotics 27(3):21–27"
    )
    # four named authors: the first, then et al.; a LaTeX ampersand becomes "&"
    assert cite("assanangkornchai2007", kratom_bib) == (
        "Assanangkornchai S et al. (2007) Substance Use & Misuse 42(14):2145–2157"
    )


def test_full_citation_lists_every_author_title_and_identifiers(kratom_bib) -> None:
    text = full_citation(kratom_bib["saingam2013"])
    assert text.startswith("Saingam D, Assanangkornchai S, Geater AF, Balthip Q (2013). Pattern")
    assert "(Mitragyna speciosa Korth.)" in text  # braces protecting case are dropped
    assert text.endswith("PMID 23083922. doi:10.1016/j.drugpo.2012.09.004")
    assert "http" not in text  # identifiers stay text: the report page must make no request


def test_two_authors_are_both_named_and_a_missing_author_falls_back() -> None:
    bib = parse_bibliography(
        "@article{a, author = {Smith, John A. and de la Cruz, Maria}, year = {2001},"
        " journal = {J}, volume = {1}}\n"
        "@misc{b, title = {Kratom review}, year = {2021}}\n"
        "@misc{c, title = {Untitled {Note}}}\n"
    )
    assert short_citation(bib["a"]) == "Smith JA, de la Cruz M (2001) J 1"
    assert short_citation(bib["b"]) == "(2021) Kratom review"
    assert short_citation(bib["c"]) == "Untitled Note"


def test_a_key_missing_from_the_bibliography_is_marked_not_hidden() -> None:
    assert cite("nobody1999", None) == "nobody1999 (not in bibliography)"
    assert cite("nobody1999", parse_bibliography("")) == "nobody1999 (not in bibliography)"


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        ("Substance Use \\& Misuse", "Substance Use & Misuse"),
        ("pages 2--7", "pages 2–7"),
        ("a---b", "a—b"),
        ("{Thai} {Mitragyna  speciosa}", "Thai Mitragyna speciosa"),
        ("\\emph{in vivo}~study", "in vivo study"),
    ],
)
def test_plain_text(latex: str, plain: str) -> None:
    assert plain_text(latex) == plain


def test_author_names_keep_a_braced_corporate_author_whole() -> None:
    from evidence_claims.render.citations import author_names

    names, truncated = author_names("{World Health Organization} and Smith, J. and others")
    assert names == ["World Health Organization", "Smith J"]
    assert truncated


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        ('M\\"{u}ller', "Müller"),
        ('M\\"uller', "Müller"),
        ("{\\'E}mile", "Émile"),
        ("Fran{\\c{c}}ois", "François"),
        ("$\\alpha$-synuclein", "α-synuclein"),
        ("50 % of users", "50 % of users"),
        ("\\url{https://example.org/a}", "https://example.org/a"),
    ],
)
def test_latex_accents_and_symbols_become_text(latex: str, plain: str) -> None:
    assert plain_text(latex) == plain


def test_an_accented_author_is_cited_in_plain_text() -> None:
    bib = parse_bibliography(
        '@article{m2001, author = {M\\"{u}ller, J{\\"o}rg and Others, A.}, year = {2001},'
        " journal = {J}}"
    )
    assert short_citation(bib["m2001"]) == "Müller J, Others A (2001) J"


@given(st.text(alphabet=st.sampled_from(list("\\{}$%~-_^&#ab \"'`c")), max_size=40))
def test_plain_text_never_raises(value: str) -> None:
    assert isinstance(plain_text(value), str)


def test_a_macro_pylatexenc_cannot_read_keeps_its_arguments() -> None:
    assert plain_text("\\href{https://example.org}{label}") == "https://example.org label"
