"""The whole graph to take away, and a map of the site for search engines.

* ``/data/vdk.nq.gz`` and ``/data/vdk.ttl.gz``: the dumps of ``vdk_graph.curation.dumps``,
  written once per data version (and warmed after every import), sent as files;
* ``/sitemap.xml``: every page worth indexing — the front pages, the named
  queries and one page per entity (``/id/…``) — as a sitemap, or, past
  :data:`PER_SITEMAP` addresses, a sitemap index of ``/sitemap-N.xml`` files
  (the protocol allows 50,000 addresses per file).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from flask import Blueprint, Response, abort, send_file, url_for

from vdk_graph import queries
from vdk_graph.curation.dumps import DUMPS, write_dumps
from vdk_graph.derived import Derived
from vdk_graph.results import SelectResult
from vdk_graph.store import Store
from webapp.filters import href
from webapp.params import accepts
from webapp.state import settings, store

bp = Blueprint("dumps", __name__)

#: Seconds a download waits for a dump of new data to be written before it hears "come back".
WAIT = 5.0
#: Addresses per sitemap file (the protocol's limit is 50,000).
PER_SITEMAP = 45_000
MEDIA = {"vdk.nq.gz": "application/n-quads", "vdk.ttl.gz": "text/turtle"}

#: The dumps of the current data.
FILES: Derived[dict] = Derived("dumps of the graph", write_dumps, keys=1, warm=((),))


def _entities(s: Store, base: str) -> list[str]:
    result = s.query(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        f'SELECT DISTINCT ?e WHERE {{ ?e rdfs:label ?l FILTER(STRSTARTS(STR(?e), "{base}")) }} ORDER BY ?e'
    )
    assert isinstance(result, SelectResult)
    return [row[0].value for row in result.rows if row[0] is not None]  # type: ignore[union-attr]


#: The entity IRIs of the current data, for the sitemap.
ENTITIES: Derived[list[str]] = Derived("sitemap entities", _entities, keys=2)


@bp.get("/data/<any('vdk.nq.gz', 'vdk.ttl.gz'):name>")
@accepts()
def dump(name: str) -> Response:
    files = FILES.get(store(), wait=WAIT)
    response = send_file(files[name], mimetype=MEDIA[name], as_attachment=True, download_name=name,
                         conditional=True, max_age=0)
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def _urls(entities: list[str]) -> list[str]:
    fixed = [url_for(endpoint, _external=True) for endpoint in
             ("home.index", "map.index", "data.index", "queries.index", "ontology.index", "match.index")
             if endpoint in _endpoints()]
    named = [url_for("queries.page", name=q.name, _external=True) for q in queries.load_all()]
    return [*fixed, *named, *(url_for("entity.show", key=href(e).removeprefix("/id/"), _external=True)
                             for e in entities)]


def _endpoints() -> set[str]:
    from flask import current_app

    return set(current_app.view_functions)


def _xml(body: str) -> Response:
    return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + body, mimetype="application/xml")


@bp.get("/sitemap.xml")
@accepts()
def sitemap() -> Response:
    urls = _urls(ENTITIES.get(store(), settings().base_iri, wait=WAIT))
    if len(urls) <= PER_SITEMAP:
        return _xml(_urlset(urls))
    parts = -(-len(urls) // PER_SITEMAP)
    locations = (url_for("dumps.sitemap_part", number=n, _external=True) for n in range(1, parts + 1))
    items = "".join(f"<sitemap><loc>{escape(loc)}</loc></sitemap>" for loc in locations)
    return _xml(f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</sitemapindex>')


@bp.get("/sitemap-<int:number>.xml")
@accepts()
def sitemap_part(number: int) -> Response:
    urls = _urls(ENTITIES.get(store(), settings().base_iri, wait=WAIT))
    chunk = urls[(number - 1) * PER_SITEMAP: number * PER_SITEMAP]
    if number < 1 or not chunk:
        abort(404)
    return _xml(_urlset(chunk))


def _urlset(urls: list[str]) -> str:
    items = "".join(f"<url><loc>{escape(u)}</loc></url>" for u in urls)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}</urlset>'


__all__ = ["DUMPS", "bp"]
