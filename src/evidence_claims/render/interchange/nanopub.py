"""Claims as nanopublications: TriG, one nanopublication per claim, built with rdflib.

Each nanopublication has the four graphs of the Nanopublication Guidelines:

- head: the nanopublication and its three graphs;
- assertion: the claim as a ``schema:Claim`` with its text and kind, the certainty the claim
  file states (``ec:certainty``, a GRADE level) and its relations to the set's other claims
  (``ec:supports``, ``ec:challenges``, ``ec:qualifies``);
- provenance: where the assertion comes from: the quoted span of the document as a Web
  Annotation SpecificResource (``oa:hasSource`` the document, a TextPositionSelector in code
  points and a TextQuoteSelector), the source type (its ECO class where the taxonomy has
  one), the basis and the BibTeX keys of the cited sources;
- publication info: what the nanopublication is (its label, the claim set it belongs to,
  the tool that wrote it).

URIs start at ``base`` (default ``http://purl.org/nanopub/temp/evidence-claims/<document>/``,
the temporary namespace nanopub tools use before a nanopublication is signed and given its
trusty URI). :func:`evidence_claims.io.nanopub.check_dataset` checks every nanopublication
before anything is written. rdflib is imported here only (``evidence-claims[interchange]``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...io.claimset import ClaimSet
from ...model.interchange import EC_VOCAB, document_uri
from ...model.taxonomy import source_types

TEMP_BASE = "http://purl.org/nanopub/temp/evidence-claims/"
NP = "http://www.nanopub.org/nschema#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
DCT = "http://purl.org/dc/terms/"
OBO = "http://purl.obolibrary.org/obo/"


@dataclass
class Nanopubs:
    """The nanopublications of a claim set: an rdflib Dataset and its graphs in claim order."""

    dataset: Any
    graphs: list[Any] = field(default_factory=list)


def nanopub_base(document_id: str) -> str:
    return f"{TEMP_BASE}{document_id}/"


@dataclass(frozen=True)
class _Vocab:
    """rdflib's namespaces and term classes, imported once per dataset (rdflib is optional)."""

    np: Any
    oa: Any
    prov: Any
    schema: Any
    dct: Any
    ec: Any
    rdf: Any
    rdfs: Any
    xsd: Any
    literal: Any
    uri: Any


def _vocab() -> _Vocab:
    from rdflib import Literal, Namespace, URIRef
    from rdflib.namespace import RDF, RDFS, XSD

    return _Vocab(
        np=Namespace(NP),
        oa=Namespace(OA),
        prov=Namespace(PROV),
        schema=Namespace(SCHEMA),
        dct=Namespace(DCT),
        ec=Namespace(EC_VOCAB),
        rdf=RDF,
        rdfs=RDFS,
        xsd=XSD,
        literal=Literal,
        uri=URIRef,
    )


def nanopub_dataset(
    claim_set: ClaimSet, *, base: str | None = None, tool: str = "evidence-claims"
) -> Nanopubs:
    """One nanopublication per claim of the set, in an rdflib Dataset."""
    from rdflib import Dataset

    v = _vocab()
    document = claim_set.document
    base = base or nanopub_base(document.id)
    dataset = Dataset()
    nanopubs = Nanopubs(dataset)
    for prefix, namespace in (
        ("np", NP),
        ("oa", OA),
        ("prov", PROV),
        ("schema", SCHEMA),
        ("dct", DCT),
        ("ec", EC_VOCAB),
        ("obo", OBO),
        ("xsd", str(v.xsd)),
        ("rdfs", str(v.rdfs)),
    ):
        dataset.bind(prefix, namespace)
    source = v.uri(document_uri(document.sha256))
    claim_uri = {c.id: v.uri(f"{base}{c.id}/claim") for c in claim_set.claims}
    types = source_types()
    for claim in claim_set.claims:
        this = v.uri(f"{base}{claim.id}")
        graph = {
            name: v.uri(f"{base}{claim.id}/{name}")
            for name in ("Head", "assertion", "provenance", "pubinfo")
        }
        nanopubs.graphs += list(graph.values())
        head = dataset.graph(graph["Head"])
        head.add((this, v.rdf.type, v.np.Nanopublication))
        head.add((this, v.np.hasAssertion, graph["assertion"]))
        head.add((this, v.np.hasProvenance, graph["provenance"]))
        head.add((this, v.np.hasPublicationInfo, graph["pubinfo"]))
        _add_assertion(dataset.graph(graph["assertion"]), v, claim, claim_uri, base)
        provenance = dataset.graph(graph["provenance"])
        quote = v.uri(f"{base}{claim.id}/quote")
        provenance.add((graph["assertion"], v.prov.wasDerivedFrom, quote))
        _add_quote(provenance, v, claim, quote, source)
        _add_evidence(provenance, v, claim, graph["assertion"], types)
        pubinfo = dataset.graph(graph["pubinfo"])
        pubinfo.add((this, v.rdfs.label, v.literal(f"{document.id}: {claim.id}")))
        pubinfo.add((this, v.dct.isPartOf, v.uri(base)))
        pubinfo.add((this, v.dct.creator, v.literal(tool)))
    return nanopubs


def _add_assertion(graph: Any, v: _Vocab, claim: Any, claim_uri: dict[str, Any], base: str) -> None:
    """The claim itself: text, kind, topic, stated certainty and relations to other claims."""
    subject = claim_uri[claim.id]
    graph.add((subject, v.rdf.type, v.schema.Claim))
    graph.add((subject, v.schema.text, v.literal(claim.text)))
    graph.add((subject, v.ec.kind, v.literal(claim.kind)))
    if claim.topic:
        graph.add((subject, v.ec.topic, v.literal(claim.topic)))
    if claim.certainty is not None:
        graph.add((subject, v.ec.certainty, v.literal(claim.certainty)))
    for relation in claim.relations:
        target = claim_uri.get(relation.target, v.uri(f"{base}{relation.target}/claim"))
        graph.add((subject, v.ec[relation.type], target))


def _add_quote(graph: Any, v: _Vocab, claim: Any, quote: Any, source: Any) -> None:
    """The quoted span as a Web Annotation SpecificResource with position and quote selectors."""
    position, text_quote = v.uri(f"{quote}#position"), v.uri(f"{quote}#text")
    graph.add((quote, v.rdf.type, v.oa.SpecificResource))
    graph.add((quote, v.oa.hasSource, source))
    graph.add((quote, v.oa.hasSelector, position))
    graph.add((position, v.rdf.type, v.oa.TextPositionSelector))
    count = v.xsd.nonNegativeInteger
    graph.add((position, v.oa.start, v.literal(claim.anchor.start, datatype=count)))
    graph.add((position, v.oa.end, v.literal(claim.anchor.end, datatype=count)))
    graph.add((quote, v.oa.hasSelector, text_quote))
    graph.add((text_quote, v.rdf.type, v.oa.TextQuoteSelector))
    graph.add((text_quote, v.oa.exact, v.literal(claim.text)))
    if claim.anchor.prefix:
        graph.add((text_quote, v.oa.prefix, v.literal(claim.anchor.prefix)))
    if claim.anchor.suffix:
        graph.add((text_quote, v.oa.suffix, v.literal(claim.anchor.suffix)))


def _add_evidence(graph: Any, v: _Vocab, claim: Any, assertion: Any, types: dict[str, Any]) -> None:
    """Source type (with its ECO class where the taxonomy has one), basis and cited keys."""
    evidence = claim.evidence
    graph.add((assertion, v.ec.sourceType, v.literal(evidence.type)))
    eco = types[evidence.type].eco if evidence.type in types else None
    if eco:
        graph.add((assertion, v.ec.evidenceClass, v.uri(OBO + eco.replace(":", "_"))))
    graph.add((assertion, v.ec.basis, v.literal(evidence.basis)))
    for key in evidence.sources:
        graph.add((assertion, v.ec.citesSource, v.literal(key)))


def nanopub_trig(nanopubs: Nanopubs) -> str:
    """TriG text of :func:`nanopub_dataset`'s result, in a fixed order: the prefixes, then
    each nanopublication's head, assertion, provenance and publication info, claim by claim.

    rdflib writes a dataset's graphs in the order of a hash set, which changes from run to
    run; each graph is written by rdflib on its own here and the graphs put in claim order, so
    the same claim file always gives the same bytes (and a diff shows what changed).
    """
    from rdflib import Dataset

    prefixes: set[str] = set()
    blocks = []
    dataset = nanopubs.dataset
    for graph_id in nanopubs.graphs:
        single = Dataset()
        single.namespace_manager = dataset.namespace_manager
        graph = single.graph(graph_id)
        for triple in dataset.graph(graph_id):
            graph.add(triple)
        text = single.serialize(format="trig")
        lines = text.splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        blocks.append("\n".join(line for line in lines if not line.startswith("@prefix")).strip())
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(blocks) + "\n"
