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
from vdk_graph.texts import Texts
from webapp.i18n import register_strings
from webapp.negotiation import ALTERNATES, link_header, negotiate, split_suffix
from webapp.params import accepts

bp = Blueprint("ontology", __name__)

register_strings(Texts((
    ("title", "The vdk-graph ontology", "vdk-graph-ontologien"),
    ("namespace", "Namespace", "Navnerum"),
    ("version", "Version", "Version"),
    ("classes", "Classes", "Klasser"),
    ("properties", "Properties", "Egenskaber"),
    ("shapes", "SHACL shapes the data keeps", "SHACL-former, som data overholder"),
    ("subclass", "Subclass of", "Underklasse af"),
    ("subproperty", "Subproperty of", "Underegenskab af"),
    ("domain", "Domain", "Domæne"),
    ("range", "Range", "Værdiområde"),
    ("kind.class", "class", "klasse"),
    ("kind.object property", "object property", "objektegenskab"),
    ("kind.datatype property", "datatype property", "dataegenskab"),
    ("kind.annotation property", "annotation property", "annotationsegenskab"),
    ("formats", "As data", "Som data"),
), prefix="ontology."))


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
