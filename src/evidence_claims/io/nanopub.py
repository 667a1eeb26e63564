"""Nanopublications read back from TriG and checked for well-formedness.

The rules are those of the Nanopublication Guidelines ("Well-formed Nanopublications",
https://github.com/Nanopublication/Guidelines) as nanopub-java (``NanopubImpl``) applies
them; ``tests/data/vendor/nanopub-testsuite`` holds official cases they accept and reject:

1. every triple sits in a named graph;
2. a nanopublication is named by exactly one ``N rdf:type np:Nanopublication`` in a graph H,
   its head;
3. the head names exactly one assertion A, provenance P and publication info I
   (``np:hasAssertion``, ``np:hasProvenance``, ``np:hasPublicationInfo``);
4. the head holds nothing else (but ``rdfg:subGraphOf`` links);
5. H, A, P and I are four different graphs, none of them named N;
6. A, P and I are not empty;
7. P says something about A (A is the subject or object of one of its triples);
8. I says something about N;
9. every triple belongs to the graphs of a nanopublication;
10. every literal is well-typed (a lexical form its datatype accepts).

Used by the tests and by ``export --format nanopub``, which writes nothing malformed.
rdflib is imported here only (``pip install "evidence-claims[interchange]"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NP = "http://www.nanopub.org/nschema#"
RDFG_SUBGRAPH = "http://www.w3.org/2004/03/trix/rdfg-1/subGraphOf"
FILE = ""  # the key of problems that belong to no nanopublication


def check_trig(text: str) -> dict[str, list[str]]:
    """Problems per nanopublication URI of a TriG text ([] when well-formed).

    Problems of the file itself (not TriG, no nanopublication, triples outside every
    nanopublication) are listed under the key ``""``, present only when there are some.
    """
    import logging
    import warnings

    import rdflib

    dataset = rdflib.Dataset()
    # rdflib logs a traceback (and warns) for every ill-typed literal: rule 10 reports them
    term_log = logging.getLogger("rdflib.term")
    level = term_log.level
    term_log.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dataset.parse(data=text, format="trig")
    except Exception as exc:  # rdflib raises many types for syntax errors
        return {FILE: [f"not TriG: {_one_line(exc)}"]}
    finally:
        term_log.setLevel(level)
    return check_dataset(dataset)


Triple = tuple[Any, Any, Any]


@dataclass(frozen=True)
class _Quads:
    """A dataset's triples by named graph, with what was found while sorting them."""

    by_graph: dict[Any, list[Triple]]
    ill_typed: dict[Any, list[str]]
    outside: list[str]


def _sort_quads(dataset: Any) -> _Quads:
    from rdflib import Literal
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    quads = _Quads({}, {}, [])
    for s, p, o, g in dataset.quads((None, None, None, None)):
        graph = getattr(g, "identifier", g)
        if graph is None or graph == DATASET_DEFAULT_GRAPH_ID:
            quads.outside.append(f"triple outside a named graph: {s} {p} {o}")  # rule 1
            continue
        quads.by_graph.setdefault(graph, []).append((s, p, o))
        if isinstance(o, Literal) and getattr(o, "ill_typed", False):  # rule 10
            quads.ill_typed.setdefault(graph, []).append(f"ill-typed literal {o!s} ({o.datatype})")
    return quads


def check_dataset(dataset: Any) -> dict[str, list[str]]:
    """Problems per nanopublication URI of an rdflib Dataset (see :func:`check_trig`)."""
    from rdflib import RDF, URIRef

    np_type = URIRef(NP + "Nanopublication")
    quads = _sort_quads(dataset)
    typings = [
        (s, g)
        for g, triples in quads.by_graph.items()
        for s, p, o in triples
        if p == RDF.type and o == np_type
    ]
    if not typings:
        return {FILE: [*quads.outside, "no nanopublication (no rdf:type np:Nanopublication)"]}
    results: dict[str, list[str]] = {}
    owned: set[Any] = set()
    named = [n for n, _ in typings]
    for nanopub, head in typings:
        problems: list[str] = []
        if named.count(nanopub) > 1:  # rule 2
            problems.append("typed np:Nanopublication more than once")
        graphs = _check_graphs(nanopub, head, quads, problems)
        owned.update(graphs)
        for graph in dict.fromkeys(graphs):
            problems += [
                f"{problem} in graph {graph}" for problem in quads.ill_typed.get(graph, [])
            ]
        results[str(nanopub)] = problems
    file_problems = list(quads.outside)
    for graph in quads.by_graph:  # rule 9
        if graph not in owned:
            file_problems.append(f"graph {graph} belongs to no nanopublication")
            file_problems += [f"{p} in graph {graph}" for p in quads.ill_typed.get(graph, [])]
    if file_problems:
        results[FILE] = file_problems
    return results


def _check_graphs(nanopub: Any, head: Any, quads: _Quads, problems: list[str]) -> list[Any]:
    """Rules 3 to 8 for one nanopublication; returns its graphs (head first)."""
    from rdflib import RDF, URIRef

    np_type, has_a = URIRef(NP + "Nanopublication"), URIRef(NP + "hasAssertion")
    has_p, has_i = URIRef(NP + "hasProvenance"), URIRef(NP + "hasPublicationInfo")
    by_graph = quads.by_graph
    head_triples = by_graph.get(head, [])
    parts = {}
    for predicate, name in ((has_a, "assertion"), (has_p, "provenance"), (has_i, "pubinfo")):
        found = [o for s, p, o in head_triples if s == nanopub and p == predicate]
        if len(found) != 1:  # rule 3
            problems.append(f"head names {len(found)} {name} graph(s), not exactly one")
        parts[name] = found[0] if found else None
    for s, p, o in head_triples:  # rule 4
        own = s == nanopub and ((p == RDF.type and o == np_type) or p in (has_a, has_p, has_i))
        if not own and str(p) != RDFG_SUBGRAPH:
            problems.append(f"the head holds another triple: {s} {p} {o}")
    graphs = [head, *(g for g in parts.values() if g is not None)]
    if len(set(graphs)) != len(graphs):  # rule 5
        problems.append("head, assertion, provenance and pubinfo are not four different graphs")
    if nanopub in graphs:
        problems.append("the nanopublication URI is also the URI of one of its graphs")
    for name, graph in parts.items():  # rule 6
        if graph is not None and not by_graph.get(graph):
            problems.append(f"the {name} graph is empty")
    assertion, provenance, pubinfo = parts["assertion"], parts["provenance"], parts["pubinfo"]
    if (
        provenance is not None
        and assertion is not None
        and by_graph.get(provenance)
        and not any(assertion in (s, o) for s, _, o in by_graph[provenance])
    ):  # rule 7
        problems.append("the provenance says nothing about the assertion")
    if (
        pubinfo is not None
        and by_graph.get(pubinfo)
        and not any(nanopub in (s, o) for s, _, o in by_graph[pubinfo])
    ):  # rule 8
        problems.append("the publication info says nothing about the nanopublication")
    return graphs


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__
