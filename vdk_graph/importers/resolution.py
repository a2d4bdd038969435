"""Entity resolution: one organisation named in many sources is one node.

An incoming organisation name is matched, in order, by

1. a confirmed merge in the alias file (``data/aliases.csv``, see ``docs/aliases.md``):
   the curator's word beats every rule below;
2. the normalised key of its name or of a known alias (``skos:altLabel``),
   :func:`vdk_graph.names.name_key`: case, spacing, punctuation, æ/ø/å and
   ae/oe/aa, legal forms, a leading "The";
3. an identifier, CVR number or website, when the name itself is new (a name
   already known keeps its node even if a source gives it another node's
   website: ``vdk-graph duplicates`` shows such pairs for a curator to decide);

and only then minted as a new IRI from its key. The index is filled from the
store before an import, then the alias file is applied on top, and it learns
every organisation the import itself adds, so two files of one import naming
the same partner agree too. Projects and people have simpler indexes
(:class:`NameIndex`): a project is found by its title, short title or acronym,
a person by the key of their name.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDFS

from vdk_graph.errors import ImportFailed, Problem
from vdk_graph.iris import Minter
from vdk_graph.names import fold, name_key
from vdk_graph.namespaces import VDK_NS
from vdk_graph.ontology import load_ontology
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store
from vdk_graph.vocab import ORG

#: The alias file's name in the data folder.
ALIAS_FILE = "aliases.csv"
ALIAS_COLUMNS = ("name", "same_as", "different_from", "note")


@cache
def organisation_classes() -> frozenset[str]:
    """Every class the ontology places under org:Organization (vdk:Company, vdk:University ...)."""
    ontology = load_ontology()
    found = {str(ORG.Organization)}
    changed = True
    while changed:
        changed = False
        for sub, _, sup in ontology.triples((None, RDFS.subClassOf, None)):
            if isinstance(sub, URIRef) and str(sup) in found and str(sub) not in found:
                found.add(str(sub))
                changed = True
    return frozenset(found)


def normalise_website(url: str) -> str:
    """``https://www.Filmfyn.dk/`` and ``filmfyn.dk`` are one website; ``via.dk/taw`` is not ``via.dk``.

    Scheme, ``www.``, query, fragment, a trailing slash and an ``index.html`` go;
    host and path stay, so a unit with a page under its parent's site keeps its own identity.
    """
    text = fold(url.strip())
    text = re.sub(r"^[a-z]+://", "", text)
    text = text.removeprefix("www.")
    text = re.split(r"[?#]", text, maxsplit=1)[0]
    text = re.sub(r"/(?:index|default)\.(?:html?|php|aspx?)$", "", text)
    return text.rstrip("/")


def normalise_cvr(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


# --------------------------------------------------------------------------- the alias file


@dataclass
class AliasFile:
    """Confirmed merges (name → canonical name or IRI) and confirmed non-duplicates from ``aliases.csv``."""

    #: (name, canonical name or IRI, row) per merge.
    same: list[tuple[str, str, int]] = field(default_factory=list)
    #: Name keys of pairs a curator confirmed to be different organisations.
    different: set[frozenset[str]] = field(default_factory=set)
    path: Path | None = None


def load_aliases(path: Path) -> AliasFile:
    """Read the alias file (absent file: no aliases); every bad row is reported, with its line."""
    aliases = AliasFile(path=path)
    if not path.is_file():
        return aliases
    text = path.read_text(encoding="utf-8-sig")
    lines = [
        (n, line)
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        return aliases
    numbers = [n for n, _ in lines]
    reader = csv.reader(io.StringIO("\n".join(line for _, line in lines)))
    header = [h.strip().casefold() for h in next(reader)]
    problems: list[Problem] = []
    unknown = [h for h in header if h not in ALIAS_COLUMNS]
    if unknown or "name" not in header:
        raise ImportFailed(
            problems=[
                Problem(
                    f"unknown or missing columns in the header ({', '.join(unknown) or 'no name'})",
                    file=path.name,
                    line=numbers[0],
                    expected="name,same_as,different_from,note",
                )
            ],
            summary=f"{path} has errors; nothing was written",
        )
    for line, record in zip(numbers[1:], reader, strict=False):
        row = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header)}
        name, same, different = row.get("name", ""), row.get("same_as", ""), row.get("different_from", "")
        if not name or bool(same) == bool(different):
            problems.append(
                Problem(
                    "each row needs a name and exactly one of same_as or different_from",
                    file=path.name,
                    line=line,
                    field="same_as",
                    expected="name,same_as,,note or name,,different_from,note",
                )
            )
        elif same and name_key(same) == name_key(name):
            problems.append(
                Problem(
                    f"'{name}' and '{same}' already have the same key; the row does nothing",
                    file=path.name,
                    line=line,
                    field="same_as",
                    severity="warning",
                )
            )
        elif same:
            aliases.same.append((name, same, line))
        else:
            aliases.different.add(frozenset((name_key(name), name_key(different))))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ImportFailed(problems=problems, summary=f"{path} has errors; nothing was written")
    return aliases


# --------------------------------------------------------------------------- organisations


@dataclass
class OrganisationIndex:
    """Known organisations by name key, alias key, CVR number and website, plus the alias file's merges."""

    by_key: dict[str, URIRef] = field(default_factory=dict)
    by_cvr: dict[str, URIRef] = field(default_factory=dict)
    by_website: dict[str, URIRef] = field(default_factory=dict)
    labels: dict[URIRef, str] = field(default_factory=dict)
    #: Name keys the alias file sends to a node, whatever else is known.
    merged: dict[str, URIRef] = field(default_factory=dict)
    #: Name keys of pairs confirmed to be different (only ``vdk-graph duplicates`` reads them).
    different: set[frozenset[str]] = field(default_factory=set)

    @classmethod
    def from_store(cls, store: Store) -> OrganisationIndex:
        index = cls()
        for org, kind, value in _organisation_names(store):
            index.learn(URIRef(org), **{kind: [value]})
        return index

    def learn(
        self,
        iri: URIRef,
        label: Iterable[str] = (),
        alias: Iterable[str] = (),
        cvr: Iterable[str] = (),
        website: Iterable[str] = (),
    ) -> None:
        """Remember an organisation under its names and identifiers (first writer of a key wins)."""
        for name in [*label, *alias]:
            key = name_key(name)
            if key:
                self.by_key.setdefault(key, iri)
        for name in label:
            self.labels.setdefault(iri, name)
        for number in cvr:
            self.by_cvr.setdefault(normalise_cvr(number), iri)
        for url in website:
            self.by_website.setdefault(normalise_website(url), iri)

    def apply_aliases(self, aliases: AliasFile, minter: Minter) -> None:
        """Make every confirmed merge of the alias file win over what the store or the sources say.

        A canonical name is followed through further merges ("A → B", "B → C" sends A to C);
        a canonical name nobody has used yet gets the IRI it will be minted under.
        """
        targets = {name_key(name): target for name, target, _ in aliases.same}
        problems: list[Problem] = []
        for name, target, line in aliases.same:
            seen = {name_key(name)}
            while not _is_iri(target) and name_key(target) in targets:
                if name_key(target) in seen:
                    problems.append(
                        Problem(
                            f"the merges starting at '{name}' go round in a circle",
                            file=ALIAS_FILE,
                            line=line,
                            field="same_as",
                        )
                    )
                    break
                seen.add(name_key(target))
                target = targets[name_key(target)]
            iri = (
                URIRef(target)
                if _is_iri(target)
                else (self.by_key.get(name_key(target)) or minter.organisation(target))
            )
            self.merged[name_key(name)] = iri
            self.by_key[name_key(name)] = iri
        if problems:
            raise ImportFailed(problems=problems, summary=f"{aliases.path or ALIAS_FILE} has errors")
        self.different |= aliases.different

    def find(self, name: str, *, cvr: str | None = None, website: str | None = None) -> URIRef | None:
        """The known organisation this name (or, for a new name, identifier) denotes, if any."""
        key = name_key(name)
        if key in self.merged:
            return self.merged[key]
        if key in self.by_key:
            return self.by_key[key]
        if cvr and normalise_cvr(cvr) in self.by_cvr:
            return self.by_cvr[normalise_cvr(cvr)]
        if website and normalise_website(website) in self.by_website:
            return self.by_website[normalise_website(website)]
        return None

    def resolve(
        self, name: str, minter: Minter, *, cvr: str | None = None, website: str | None = None
    ) -> tuple[URIRef, bool]:
        """The IRI for an organisation name: a known one (True) or a newly minted one (False), learnt."""
        hit = self.find(name, cvr=cvr, website=website)
        if hit is not None:
            self.learn(hit, alias=[name], cvr=[cvr] if cvr else (), website=[website] if website else ())
            return hit, True
        iri = minter.organisation(name)
        self.learn(iri, label=[name], cvr=[cvr] if cvr else (), website=[website] if website else ())
        return iri, False

    def label(self, iri: URIRef, fallback: str) -> str:
        """The name the node was first learnt under: one display label however sources spell it."""
        return self.labels.get(iri, fallback)


def _is_iri(text: str) -> bool:
    return bool(re.match(r"^[a-z][a-z0-9+.-]*://", text, re.I))


def _organisation_names(store: Store) -> list[tuple[str, str, str]]:
    classes = " ".join(f"<{c}>" for c in sorted(organisation_classes()))
    return _rows(
        store,
        f"""
        SELECT DISTINCT ?org ?kind ?value WHERE {{
          VALUES ?class {{ {classes} }}
          ?org a ?class .
          {{ ?org rdfs:label ?value BIND("label" AS ?kind) }}
          UNION {{ ?org skos:altLabel ?value BIND("alias" AS ?kind) }}
          UNION {{ ?org skos:prefLabel ?value BIND("alias" AS ?kind) }}
          UNION {{ ?org vdk:acronym ?value BIND("alias" AS ?kind) }}
          UNION {{ ?org vdk:cvr ?value BIND("cvr" AS ?kind) }}
          UNION {{ ?org vdk:website ?value BIND("website" AS ?kind) }}
        }} ORDER BY ?org ?kind ?value""",
    )


def _rows(store: Store, sparql: str) -> list[tuple[str, str, str]]:
    prefixes = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
        f"PREFIX vdk: <{VDK_NS}>\n"
    )
    result = store.query(prefixes + sparql)
    assert isinstance(result, SelectResult)
    return [
        (row[0].value, row[1].value, row[2].value)  # type: ignore[union-attr]
        for row in result.rows
        if row[0] is not None and row[1] is not None and row[2] is not None
    ]


# --------------------------------------------------------------------------- projects and people


@dataclass
class NameIndex:
    """Known projects (by title, short title, acronym) or people (by name), keyed by folded name."""

    by_key: dict[str, URIRef] = field(default_factory=dict)
    labels: dict[URIRef, str] = field(default_factory=dict)

    def learn(self, iri: URIRef, label: str | None = None, others: Iterable[str] = ()) -> None:
        for name in [*([label] if label else []), *others]:
            key = name_key(name, drop_legal_form=False)
            if key:
                self.by_key.setdefault(key, iri)
        if label:
            self.labels.setdefault(iri, label)

    def find(self, name: str) -> URIRef | None:
        return self.by_key.get(name_key(name, drop_legal_form=False))

    @classmethod
    def projects_in(cls, store: Store) -> NameIndex:
        index = cls()
        for project, kind, value in _rows(
            store,
            """
            SELECT DISTINCT ?p ?kind ?value WHERE { ?p a vdk:Project .
              { ?p dcterms:title ?value BIND("label" AS ?kind) }
              UNION { ?p rdfs:label ?value BIND("other" AS ?kind) }
              UNION { ?p vdk:acronym ?value BIND("other" AS ?kind) }
              UNION { ?p vdk:shortTitle ?value BIND("other" AS ?kind) } } ORDER BY ?p ?kind ?value""",
        ):
            index.learn(
                URIRef(project), value if kind == "label" else None, [] if kind == "label" else [value]
            )
        return index

    @classmethod
    def people_in(cls, store: Store) -> NameIndex:
        index = cls()
        for person, _, name in _rows(
            store,
            """
            SELECT DISTINCT ?p ("label" AS ?kind) ?name WHERE { ?p a vdk:Person ; rdfs:label ?name }
            ORDER BY ?p ?name""",
        ):
            index.learn(URIRef(person), name)
        return index
