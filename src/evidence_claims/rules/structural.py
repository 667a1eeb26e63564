"""Rules about the files themselves: reading, syntax, schema, anchors, citations, relations.

Evidence rules (certainty, caveats, wording) are in :mod:`.assessment`. Over 400 lines because
it is a catalogue, one ``register`` call per rule with its description: split further, a
reader looking for a code would have to guess the file.
"""

from __future__ import annotations

from .catalogue import register

# --- reading and parsing ---------------------------------------------------------------------
FILE_NOT_FOUND = register(
    "file.not-found",
    "File not found",
    "error",
    "{what} not found: {name}",
    "A path given on the command line, or named inside a claim file, does not exist.",
    "file",
)
FILE_UNREADABLE = register(
    "file.unreadable",
    "File cannot be read",
    "error",
    "cannot read {name}: {reason}",
    "The operating system refused to read the file (permissions, a directory where a file was "
    "expected, ...).",
    "file",
)
FILE_FORMAT = register(
    "file.format",
    "Unsupported file format",
    "error",
    "{name}: claim files must end in .yaml, .yml or .json",
    "Claim files are YAML or JSON; the format is chosen by the file's extension.",
    "file",
)
FILE_ENCODING = register(
    "file.encoding",
    "Not UTF-8",
    "error",
    "{what} is not valid UTF-8: {reason}",
    "Claim files, documents and bibliographies must be UTF-8. Offsets count characters of the "
    "decoded text, so a file in another encoding cannot be anchored reliably. Re-save the file "
    "as UTF-8.",
    "file",
)
FILE_BOM = register(
    "file.bom",
    "Byte order mark",
    "warning",
    "{what} starts with a UTF-8 byte order mark",
    "A UTF-8 byte order mark is invisible in most editors but shifts byte offsets and upsets "
    "some tools. It is tolerated and preserved on save; remove it when you can.",
    "file",
)
FILE_EMPTY = register(
    "file.empty",
    "Empty file",
    "error",
    "the claim file is empty",
    "A claim file must hold a `document` header and a list of `claims`.",
    "file",
)
FILE_SYNTAX = register(
    "file.syntax",
    "Syntax error",
    "error",
    "{format} syntax error: {reason}",
    "The file is not well-formed YAML or JSON. The position given is where the parser gave up; "
    "the mistake is often just before it (a missing quote, colon, comma or bracket).",
    "file",
)
FILE_DUPLICATE_KEY = register(
    "file.duplicate-key",
    "Duplicate key",
    "error",
    "key '{key}' appears twice in one mapping",
    "YAML and JSON parsers silently keep one of two equal keys, so the other value would be "
    "lost without notice. Remove or rename one of them.",
    "file",
)
FILE_YAML_TAG = register(
    "file.yaml-tag",
    "YAML tag",
    "error",
    "YAML tag {tag} is not allowed",
    "Claim files hold plain data. Explicit YAML tags (`!!python/object`, `!custom`, ...) can "
    "construct objects in some loaders and are never needed here.",
    "file",
)
FILE_NON_FINITE = register(
    "file.non-finite",
    "NaN or Infinity",
    "error",
    "{value} is not valid JSON",
    "JSON has no NaN or Infinity; Python's json module accepts them, other tools do not.",
    "file",
)
FILE_LONE_SURROGATE = register(
    "file.lone-surrogate",
    "Lone surrogate escape",
    "error",
    "{where} holds {escape}, half of a UTF-16 surrogate pair and no character",
    "JSON's \\uD800-\\uDFFF escapes (and YAML's \\U0000D800...) stand for halves of UTF-16 "
    "surrogate pairs; alone they are not Unicode characters (RFC 8259 section 8.2; I-JSON, "
    "RFC 7493 section 2.1, forbids them). Such a string cannot be written as UTF-8, compared "
    "with the document or shown, so the file is not read further. Write the character itself, "
    "or its full surrogate pair.",
    "file",
)

# --- schema ----------------------------------------------------------------------------------
_SCHEMA_DESC = (
    "The claim file does not match the claim-file JSON Schema (schemas/claim-file.schema.json)."
)
SCHEMA_REQUIRED = register(
    "schema.required",
    "Missing field",
    "error",
    "{where}: required field '{field}' is missing",
    _SCHEMA_DESC + " A required field is missing.",
    "schema",
)
SCHEMA_UNKNOWN_FIELD = register(
    "schema.unknown-field",
    "Unknown field",
    "error",
    "{where}: unknown field '{field}'{hint}",
    _SCHEMA_DESC + " Unknown fields are rejected so that a misspelt field name is not silently "
    "ignored.",
    "schema",
)
SCHEMA_TYPE = register(
    "schema.type",
    "Wrong type",
    "error",
    "{where}: expected {expected}, got {got}",
    _SCHEMA_DESC + " A value has the wrong type (a string where a number is expected, a single "
    "value where a list is expected, ...). Values are never coerced: quote strings, do not "
    "quote numbers.",
    "schema",
)
SCHEMA_ENUM = register(
    "schema.enum",
    "Value not allowed",
    "error",
    "{where}: {value} is not one of {allowed}{hint}",
    _SCHEMA_DESC + " The value must be one of a fixed list (kinds, source types, certainty "
    "levels, relation types, review statuses).",
    "schema",
)
SCHEMA_PATTERN = register(
    "schema.pattern",
    "Malformed value",
    "error",
    "{where}: {value} {problem}",
    _SCHEMA_DESC + " The value does not have the required form (identifiers, BibTeX keys, rule "
    "codes, topics, SHA-256 digests).",
    "schema",
)
SCHEMA_RANGE = register(
    "schema.range",
    "Value out of range",
    "error",
    "{where}: {value} {problem}",
    _SCHEMA_DESC + " A number or a string length is out of bounds (negative offsets, empty "
    "text, over-long strings).",
    "schema",
)
SCHEMA_INVALID = register(
    "schema.invalid",
    "Invalid value",
    "error",
    "{where}: {problem}",
    _SCHEMA_DESC,
    "schema",
)

# --- identity --------------------------------------------------------------------------------
ID_DUPLICATE = register(
    "id.duplicate",
    "Duplicate claim id",
    "error",
    "claim id '{id}' is used again (first at line {first_line})",
    "Claim ids must be unique within a set: relations, suppressions and baselines refer to "
    "claims by id.",
    "identity",
)

# --- document --------------------------------------------------------------------------------
DOCUMENT_PATH = register(
    "document.path",
    "Document path escapes",
    "error",
    "{what} path {name!r} {problem}",
    "Paths inside a claim file are relative to the claim file and must stay inside the "
    "repository: no absolute paths, no `..` that leaves it, no symbolic link that points out "
    "of it. A claim file from an untrusted pull request must not make the validator read "
    "arbitrary files.",
    "document",
)
DOCUMENT_HASH = register(
    "document.hash-mismatch",
    "Document changed",
    "error",
    "the document's SHA-256 is {actual}, the header says {expected}",
    "The document changed since the claims were anchored, so offsets may point at the wrong "
    "text. Re-anchor the claims (`evidence-claims reanchor`) and update `sha256`.",
    "document",
)

# --- anchors ---------------------------------------------------------------------------------
ANCHOR_RANGE = register(
    "anchor.out-of-range",
    "Anchor outside the document",
    "error",
    "anchor {start}..{end} is outside the document ({length} characters)",
    "Anchor offsets are character (code point) offsets into the document; `end` is exclusive "
    "and at most the document's length.",
    "anchor",
)
ANCHOR_INVERTED = register(
    "anchor.inverted",
    "Empty or inverted anchor",
    "error",
    "anchor end {end} must be greater than start {start}",
    "An anchor spans at least one character: `end` is exclusive and greater than `start`.",
    "anchor",
)
ANCHOR_TEXT = register(
    "anchor.text-mismatch",
    "Quote does not match the anchor",
    "error",
    "text does not match document[{start}:{end}] (they differ from character {differ} of "
    "the quote on){hint}",
    "A claim's `text` must be exactly the document's characters between `anchor.start` and "
    "`anchor.end`. Otherwise the claim may quote words the document does not say there, or "
    "drop words that change its meaning.",
    "anchor",
)
ANCHOR_CONTEXT = register(
    "anchor.context-mismatch",
    "Prefix or suffix does not match",
    "error",
    "anchor {which} {given!r} does not match the document (they differ from character "
    "{differ} of the {which} on)",
    "`prefix` must be the text just before the quote and `suffix` the text just after it "
    "(each up to 32 characters, W3C TextQuoteSelector). They let the quote be found again when "
    "the document changes.",
    "anchor",
)
CUE_TEXT = register(
    "cue.mismatch",
    "Cue does not match its offsets",
    "error",
    "{kind} '{cue}' does not match document[{start}:{end}] (they differ from character "
    "{differ} of the cue on){hint}",
    "Hedge and booster offsets are document offsets; the cue must be exactly the text there.",
    "anchor",
)
CUE_OUTSIDE = register(
    "cue.outside-claim",
    "Cue outside its claim",
    "error",
    "{kind} '{cue}' at {start}..{end} lies outside the claim's anchor {claim_start}..{claim_end}",
    "A hedge or booster belongs to the claim whose span contains it.",
    "anchor",
)

# --- bibliography and citations --------------------------------------------------------------
BIB_SYNTAX = register(
    "bib.syntax",
    "BibTeX syntax error",
    "error",
    "BibTeX entry could not be parsed: {reason}",
    "The bibliography has a block that bibtexparser could not read; citations to it cannot be "
    "checked.",
    "citation",
)
BIB_DUPLICATE_KEY = register(
    "bib.duplicate-key",
    "Duplicate BibTeX key",
    "error",
    "BibTeX key '{key}' is defined twice",
    "Two entries share a key, so a citation could mean either.",
    "citation",
)
BIB_DUPLICATE_FIELD = register(
    "bib.duplicate-field",
    "Duplicate BibTeX field",
    "error",
    "BibTeX entry repeats {reason}",
    "An entry sets the same field twice; one value would be lost.",
    "citation",
)
CITE_UNKNOWN = register(
    "cite.unknown-key",
    "Unknown citation key",
    "error",
    "source '{key}' is not in {bibliography}{hint}",
    "Every key in `evidence.sources` (and `document.citation`) must be an entry of the set's "
    "BibTeX bibliography.",
    "citation",
)
CITE_NO_BIBLIOGRAPHY = register(
    "cite.no-bibliography",
    "Citations without a bibliography",
    "error",
    "the claims cite {count} source key(s) but the file names no bibliography",
    "Set `document.bibliography` to the BibTeX file that defines the cited keys.",
    "citation",
)
EVIDENCE_BASIS = register(
    "evidence.basis-conflict",
    "Basis contradicts sources",
    "error",
    "{problem}",
    "`basis: none` means the statement gives no ground, so it cites no sources; `basis: "
    "inferred` means the annotator resolved a mention to references, so it cites at least one.",
    "citation",
)
EVIDENCE_INFERRED_NOTE = register(
    "evidence.inferred-undocumented",
    "Inferred source without a note",
    "warning",
    "source(s) {keys} were inferred by the annotator; say how in evidence.note",
    'When the text does not cite a reference in full ("the Thai studies"), the key chosen by '
    "the annotator is an interpretation. The note keeps that visible to readers.",
    "citation",
)

# --- relations -------------------------------------------------------------------------------
RELATION_TARGET = register(
    "relation.unknown-target",
    "Relation to an unknown claim",
    "error",
    "relation '{type}' targets '{target}', which is not a claim of this set{hint}",
    "Relations link claims of the same set by id.",
    "relation",
)
RELATION_SELF = register(
    "relation.self",
    "Relation to itself",
    "error",
    "claim '{id}' {type} itself",
    "A claim cannot support, challenge or qualify itself.",
    "relation",
)
RELATION_DUPLICATE = register(
    "relation.duplicate",
    "Repeated relation",
    "warning",
    "relation '{type}' to '{target}' is listed twice",
    "The same relation is listed more than once.",
    "relation",
)

# --- review ----------------------------------------------------------------------------------
REVIEW_REASON = register(
    "review.reason-missing",
    "Override without a reason",
    "warning",
    "review status is 'overridden' but 'why' is empty",
    "An override of the suggested assessment must say why, so that readers can judge it.",
    "review",
)

# --- coverage --------------------------------------------------------------------------------
COVERAGE_GAP = register(
    "coverage.uncovered-text",
    "Text no claim covers",
    "warning",
    "document text not covered by any claim ({length})",
    "Every statement of the document should be recorded as a claim (with kind `meta` for text "
    "that makes no claim), so that nothing the document says escapes assessment.",
    "coverage",
)

# --- limits ----------------------------------------------------------------------------------
LIMITS_DEPTH = register(
    "limits.depth",
    "Nested too deeply",
    "error",
    "the file nests deeper than {limit} levels",
    "A claim file is at most a few levels deep. Very deep nesting is a sign of a broken or "
    "hostile file and is refused before it can exhaust the stack.",
    "limits",
)
LIMITS_SIZE = register(
    "limits.size",
    "Too large",
    "error",
    "{what} {problem}",
    "Inputs are bounded (file size, number of nodes, expanded aliases) so that validation "
    "finishes in bounded time and memory whatever the file holds.",
    "limits",
)
LIMITS_ALIASES = register(
    "limits.aliases",
    "Too many or recursive YAML aliases",
    "error",
    "{problem}",
    "YAML anchors (`&name`) and aliases (`*name`) let a few lines stand for a huge tree (the "
    "'billion laughs' attack). The number of aliases is bounded "
    "(`[tool.evidence-claims.limits] max-aliases`) and an alias inside the node it names is "
    "refused; both are detected while the file is read, before anything is expanded.",
    "limits",
)
LIMITS_CLAIMS = register(
    "limits.claims",
    "Too many claims",
    "error",
    "the file holds {count:,} claims, more than the limit of {limit:,}",
    "A claim file holds at most `max-claims` claims (`[tool.evidence-claims.limits]`); split "
    "a larger set into several files.",
    "limits",
)
LIMITS_STRING = register(
    "limits.string-length",
    "String too long",
    "error",
    "a string of {length:,} characters is longer than the limit of {limit:,}",
    "Strings in a claim file are bounded (`max-string-length` in "
    "`[tool.evidence-claims.limits]`), so that one value cannot exhaust memory or time.",
    "limits",
)
FILE_YAML_MERGE = register(
    "file.yaml-merge-key",
    "YAML merge key",
    "error",
    "merge key '<<' is not allowed; write the keys out",
    "Merge keys (`<<: *base`) belong to YAML 1.1 only: YAML 1.2 and JSON tools read `<<` as an "
    "ordinary key, so two tools would see different claims. They also hide the merged values "
    "from a reviewer reading the diff. Claim files spell every key out.",
    "file",
)
FILE_OUTSIDE_ROOT = register(
    "file.outside-root",
    "Claim file outside the repository",
    "error",
    "{name} is a symbolic link to {target}, outside the repository ({root})",
    "A claim file found in the repository must not be a symbolic link to a file outside it: "
    "a pull request could otherwise make the validator read, and print parts of, any file the "
    "CI runner can read.",
    "file",
)

FILE_NO_CLAIMS = register(
    "file.no-claim-files",
    "No claim files found",
    "error",
    "no claim files under {name} (looked for claims.yaml, claims.yml, claims.json and "
    "*.claims.yaml|yml|json)",
    "A directory given to `validate` holds no claim file, so nothing was checked; in CI this is "
    "almost always a wrong path.",
    "file",
)
SUPPRESS_UNUSED = register(
    "suppress.unused",
    "Unused suppression",
    "info",
    "suppression of '{code}' matches no finding on this claim",
    "A per-claim suppression that silences nothing is stale; remove it so it cannot hide a "
    "future finding.",
    "review",
)
