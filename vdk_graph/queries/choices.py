"""Organisation and project parameters: offering them by name, and turning a name back into an IRI.

Analysts know "Filmby Aarhus", not ``https://w3id.org/vdk/id/organisation/filmby-aarhus``.
A form offers the names; the command line and the URL accept either. A name is
matched by its key (:func:`vdk_graph.names.name_key`: case, accents and Danish
letters folded, legal forms dropped) against labels, alternative labels,
acronyms and short titles; then, failing that, as a whole-word part of one. A
name that fits several entities is an :class:`~vdk_graph.errors.AmbiguousName`
listing them, so the user can pick the IRI.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from vdk_graph.errors import AmbiguousName, ParameterError
from vdk_graph.names import name_key
from vdk_graph.queries.params import Param
from vdk_graph.results import SelectResult
from vdk_graph.store.base import Store
from vdk_graph.texts import pick

NAMES = ("rdfs:label", "skos:altLabel", "vdk:acronym", "vdk:shortTitle", "dcterms:title")
PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX vdk: <https://w3id.org/vdk/ontology#>
"""
#: Candidates named in an ambiguity error.
SHOWN = 8


@dataclass(frozen=True)
class Choice:
    iri: str
    label: str


def _names(store: Store, entity_class: str, properties: tuple[str, ...],
           limit: int | None = None) -> list[tuple[str, str, str]]:
    """(IRI, name, language) for every entity of the class (subclasses included) and each of its names."""
    paths = "|".join(properties)
    target = ox.NamedNode(entity_class)
    result = store.query(
        f"{PREFIXES}SELECT DISTINCT ?e ?name WHERE {{ ?class rdfs:subClassOf* {target} ."
        f" ?e a ?class ; {paths} ?name }}" + (f" LIMIT {limit}" if limit else "")
    )
    assert isinstance(result, SelectResult)
    out = []
    for entity, name in result.rows:
        if isinstance(entity, ox.NamedNode) and isinstance(name, ox.Literal):
            out.append((entity.value, name.value, name.language or ""))
    return out


def options(store: Store, param: Param, lang: str = "en", limit: int = 1000) -> list[Choice] | None:
    """The entities a form offers for ``param``, sorted by label; None when there are more than ``limit``."""
    entity_class = param.kind.entity_class
    if entity_class is None:
        return None
    labels: dict[str, dict[str, str]] = {}
    most = 3 * limit  # labels to read at most (an entity has one or two): a big graph is not read whole
    names = _names(store, entity_class, ("rdfs:label",), most + 1)
    if len(names) > most:
        return None
    for iri, name, language in names:
        labels.setdefault(iri, {}).setdefault(language, name)
        if len(labels) > limit:
            return None
    choices = [Choice(iri, _pick(names, lang)) for iri, names in labels.items()]
    return sorted(choices, key=lambda c: (c.label.casefold(), c.iri))


def _pick(names: dict[str, str], lang: str) -> str:
    return pick(names, lang) or ""


def resolve(store: Store, param: Param, text: str) -> ox.NamedNode:
    """The IRI that ``text`` (an IRI or a name) means for an organisation or project parameter."""
    entity_class = param.kind.entity_class
    value = text.strip()
    if entity_class is None or value.lower().startswith(("http://", "https://", "<")):
        return param.coerce(value)  # type: ignore[return-value]
    if not value:
        raise ParameterError(f"parameter '{param.name}' is empty; give {param.kind.expected}",
                             param.name, param.kind.expected)
    names = _names(store, entity_class, NAMES)
    key = name_key(value)
    exact = sorted({iri for iri, name, _ in names if name_key(name) == key})
    if len(exact) == 1:
        return ox.NamedNode(exact[0])
    candidates = exact
    if not candidates and len(key) >= 3:
        padded = f" {key} "
        candidates = sorted({iri for iri, name, _ in names if padded in f" {name_key(name)} "})
        if len(candidates) == 1:
            return ox.NamedNode(candidates[0])
    what = "organisation" if param.type == "organisation" else "project"
    if candidates:
        label = {iri: name for iri, name, _ in sorted(names, key=lambda n: n[2] != "en")}
        listed = [(iri, label.get(iri, iri)) for iri in candidates]
        shown = "; ".join(f"{name} <{iri}>" for iri, name in listed[:SHOWN])
        more = f" and {len(listed) - SHOWN} more" if len(listed) > SHOWN else ""
        raise AmbiguousName(
            f"parameter '{param.name}': '{value}' fits {len(listed)} {what}s ({shown}{more}); "
            "give a longer name or the IRI", listed,
        )
    raise ParameterError(f"parameter '{param.name}': no {what} called '{value}' in the graph; "
                         "give its name as the graph has it, or its IRI", param.name, param.kind.expected)
