"""``/ontology`` and ``/ontology/shapes``: the vocabulary served at its namespace, for people and machines.

``https://w3id.org/vdk/ontology#`` redirects here (``deploy/w3id/.htaccess``).
A browser gets a documentation page listing every class and property with
their English and Danish labels and definitions; ``Accept: text/turtle``,
``application/rdf+xml``, ``application/ld+json`` or ``application/n-triples``
(or the suffixes ``.ttl``, ``.rdf``, ``.jsonld``, ``.nt``) get the ontology
itself, and ``/ontology/shapes`` the SHACL shapes the data keeps.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, url_for

from vdk_graph.ontology import doc as ontology_doc
from vdk_graph.results import GRAPH_FORMATS
from webapp.i18n import register_strings
from webapp.negotiation import ALTERNATES, link_header, negotiate, split_suffix
from webapp.params import accepts

bp = Blueprint("ontology", __name__)

register_strings({
    "ontology.title": {"en": "The vdk-graph ontology", "da": "vdk-graph-ontologien"},
    "ontology.namespace": {"en": "Namespace", "da": "Navnerum"},
    "ontology.version": {"en": "Version", "da": "Version"},
    "ontology.classes": {"en": "Classes", "da": "Klasser"},
    "ontology.properties": {"en": "Properties", "da": "Egenskaber"},
    "ontology.shapes": {"en": "SHACL shapes the data keeps", "da": "SHACL-former, som data overholder"},
    "ontology.subclass": {"en": "Subclass of", "da": "Underklasse af"},
    "ontology.subproperty": {"en": "Subproperty of", "da": "Underegenskab af"},
    "ontology.domain": {"en": "Domain", "da": "Domæne"},
    "ontology.range": {"en": "Range", "da": "Værdiområde"},
    "ontology.kind.class": {"en": "class", "da": "klasse"},
    "ontology.kind.object property": {"en": "object property", "da": "objektegenskab"},
    "ontology.kind.datatype property": {"en": "datatype property", "da": "dataegenskab"},
    "ontology.kind.annotation property": {"en": "annotation property", "da": "annotationsegenskab"},
    "ontology.formats": {"en": "As data", "da": "Som data"},
})


def _rdf(which: str, fmt: str) -> Response:
    response = Response(ontology_doc.serialized(which, fmt), mimetype=GRAPH_FORMATS[fmt][0])
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/ontology", defaults={"suffix": ""})
@bp.get("/ontology<any('.ttl', '.rdf', '.jsonld', '.nt'):suffix>")
@accepts()
def index(suffix: str) -> Response:
    _, fmt = split_suffix(suffix)
    fmt = fmt or negotiate(json=False)
    if fmt != "html":
        return _rdf("ontology", fmt)
    page = render_template("ontology.html", doc=ontology_doc.document(), links=ALTERNATES)
    response = Response(page, mimetype="text/html")
    response.headers["Link"] = link_header(url_for("ontology.index", suffix=""))
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/ontology/shapes", defaults={"suffix": ""})
@bp.get("/ontology/shapes<any('.ttl', '.rdf', '.jsonld', '.nt'):suffix>")
@accepts()
def shapes(suffix: str) -> Response:
    _, fmt = split_suffix(suffix)
    fmt = fmt or negotiate(json=False)
    return _rdf("shapes", "turtle" if fmt == "html" else fmt)  # the shapes have no page: Turtle reads well
