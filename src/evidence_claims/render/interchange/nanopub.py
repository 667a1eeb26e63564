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


def nanopub_dataset(
    claim_set: ClaimSet, *, base: str | None = None, tool: str = "evidence-claims"
) -> Nanopubs:
    """One nanopublication per claim of the set, in an rdflib Dataset."""
    from rdflib import Dataset, Literal, Namespace, URIRef
    from rdflib.namespace import RDF, RDFS, XSD

    np_, oa, prov = Namespace(NP), Namespace(OA), Namespace(PROV)
    schema, dct, ec = Namespace(SCHEMA), Namespace(DCT), Namespace(EC_VOCAB)
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
        ("xsd", str(XSD)),
        ("rdfs", str(RDFS)),
    ):
        dataset.bind(prefix, namespace)
    source = URIRef(document_uri(document.sha256))
    claim_uri = {c.id: URIRef(f"{base}{c.id}/claim") for c in claim_set.claims}
    types = source_types()
    for claim in claim_set.claims:
        this = URIRef(f"{base}{claim.id}")
        graph = {
            name: URIRef(f"{base}{claim.id}/{name}")
            for name in ("Head", "assertion", "provenance", "pubinfo")
        }
        nanopubs.graphs += list(graph.values())
        head = dataset.graph(graph["Head"])
        head.add((this, RDF.type, np_.Nanopublication))
        head.add((this, np_.hasAssertion, graph["assertion"]))
        head.add((this, np_.hasProvenance, graph["provenance"]))
        head.add((this, np_.hasPublicationInfo, graph["pubinfo"]))

        assertion = dataset.graph(graph["assertion"])
        subject = claim_uri[claim.id]
        assertion.add((subject, RDF.type, schema.Claim))
        assertion.add((subject, schema.text, Literal(claim.text)))
        assertion.add((subject, ec.kind, Literal(claim.kind)))
        if claim.topic:
            assertion.add((subject, ec.topic, Literal(claim.topic)))
        if claim.certainty is not None:
            assertion.add((subject, ec.certainty, Literal(claim.certainty)))
        for relation in claim.relations:
            target = claim_uri.get(relation.target, URIRef(f"{base}{relation.target}/claim"))
            assertion.add((subject, ec[relation.type], target))

        provenance = dataset.graph(graph["provenance"])
        quote = URIRef(f"{base}{claim.id}/quote")
        position, text_quote = URIRef(f"{quote}#position"), URIRef(f"{quote}#text")
        provenance.add((graph["assertion"], prov.wasDerivedFrom, quote))
        provenance.add((quote, RDF.type, oa.SpecificResource))
        provenance.add((quote, oa.hasSource, source))
        provenance.add((quote, oa.hasSelector, position))
        provenance.add((position, RDF.type, oa.TextPositionSelector))
        provenance.add(
            (position, oa.start, Literal(claim.anchor.start, datatype=XSD.nonNegativeInteger))
        )
        provenance.add(
            (position, oa.end, Literal(claim.anchor.end, datatype=XSD.nonNegativeInteger))
        )
        provenance.add((quote, oa.hasSelector, text_quote))
        provenance.add((text_quote, RDF.type, oa.TextQuoteSelector))
        provenance.add((text_quote, oa.exact, Literal(claim.text)))
        if claim.anchor.prefix:
            provenance.add((text_quote, oa.prefix, Literal(claim.anchor.prefix)))
        if claim.anchor.suffix:
            provenance.add((text_quote, oa.suffix, Literal(claim.anchor.suffix)))
        evidence = claim.evidence
        provenance.add((graph["assertion"], ec.sourceType, Literal(evidence.type)))
        eco = types[evidence.type].eco if evidence.type in types else None
        if eco:
            provenance.add(
                (graph["assertion"], ec.evidenceClass, URIRef(OBO + eco.replace(":", "_")))
            )
        provenance.add((graph["assertion"], ec.basis, Literal(evidence.basis)))
        for key in evidence.sources:
            provenance.add((graph["assertion"], ec.citesSource, Literal(key)))

        pubinfo = dataset.graph(graph["pubinfo"])
        pubinfo.add((this, RDFS.label, Literal(f"{document.id}: {claim.id}")))
        pubinfo.add((this, dct.isPartOf, URIRef(base)))
        pubinfo.add((this, dct.creator, Literal(tool)))
    return nanopubs


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
