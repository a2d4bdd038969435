"""HTTP for data that changes only when the graph does: validators, 304s, CORS, downloads, compression.

* **Validators.** Every page and data answer is a function of the data version,
  the URL, the language and what the client accepts, so its ``ETag`` is a hash
  of exactly those (weak: the bytes may be compressed) and its ``Last-Modified``
  the time the data last changed. A client revalidating (``If-None-Match`` /
  ``If-Modified-Since``) gets ``304 Not Modified`` *before* the page is made.
  ``Cache-Control: no-cache`` lets caches keep a copy but ask every time, so
  an import is seen at once.
* **CORS.** Read-only data (JSON and CSV twins, entity pages in RDF, search,
  map data, the ontology, dumps) may be read by browser tools on other sites:
  ``Access-Control-Allow-Origin: *``. HTML pages are for people and get none.
* **Downloads.** CSV answers come as attachments named after the page; with
  ``?bom=1`` they start with a UTF-8 byte-order mark, without which Danish Excel
  reads æ, ø and å wrongly.
* **Compression** (gzip, brotli) of text and data answers over 500 bytes is
  Flask-Compress's (``init``), not ours.

The SPARQL endpoint (its own protocol, its own CORS) and static files
(Flask's own validators) are left alone.
"""

from __future__ import annotations

import hashlib

from flask import Flask, Response, request
from flask_compress import Compress

from webapp.i18n import current_lang
from webapp.state import store

#: Answers of these media types are data: CORS open, CSV as downloads.
DATA_TYPES = frozenset({
    "application/json", "application/ld+json", "application/n-triples", "application/n-quads",
    "application/rdf+xml", "application/trig", "text/turtle", "text/csv", "text/tab-separated-values",
    "application/gexf+xml", "application/graphml+xml", "application/xml", "text/xml",
    "application/gzip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
})
COMPRESSED_TYPES = [
    "text/html", "text/css", "text/plain", "text/csv", "text/tab-separated-values", "text/turtle",
    "application/json", "application/javascript", "text/javascript", "application/ld+json",
    "application/n-triples", "application/n-quads", "application/rdf+xml", "application/trig",
    "application/sparql-results+json", "application/sparql-results+xml", "application/xml",
    "application/gexf+xml", "application/graphml+xml", "image/svg+xml",
]
#: Paths left to their own rules.
EXEMPT = ("/sparql", "/static/", "/.well-known/void")


def _applies() -> bool:
    return request.method in ("GET", "HEAD") and not request.path.startswith(EXEMPT)


def _etag() -> str:
    """What the answer depends on, hashed: the data, the URL, the language, the formats accepted."""
    parts = (store().data_version(), request.full_path, current_lang(), request.headers.get("Accept", ""))
    return hashlib.sha1("\x00".join(parts).encode()).hexdigest()[:24]


def not_modified() -> Response | None:
    """Answer 304 at once when the client's copy is of the same data (before the page is made)."""
    if not _applies() or not (request.if_none_match or request.if_modified_since):
        return None
    tag = _etag()
    if request.if_none_match:
        fresh = request.if_none_match.contains_weak(tag)
    else:
        modified = store().modified()
        fresh = modified is not None and request.if_modified_since is not None and \
            modified <= request.if_modified_since
    if not fresh:
        return None
    response = Response(status=304)
    _validators(response, tag)
    return response


def _validators(response: Response, tag: str) -> None:
    response.set_etag(tag, weak=True)
    modified = store().modified()
    if modified is not None:
        response.last_modified = modified
    response.headers.setdefault("Cache-Control", "public, no-cache")


def headers(response: Response) -> Response:
    """Validators on every data answer; CORS and download names on data; the BOM when asked."""
    if not _applies() or response.status_code != 200:
        return response
    if response.direct_passthrough:  # a file sent as it is (send_file): Flask set its own validators
        return response
    _validators(response, _etag())
    if response.mimetype in DATA_TYPES:
        response.headers.setdefault("Access-Control-Allow-Origin", "*")
        response.headers.setdefault("Access-Control-Expose-Headers", "ETag, Last-Modified, X-VDK-Truncated")
    if response.mimetype == "text/csv":
        name = request.path.rstrip("/").rsplit("/", 1)[-1] or "data.csv"
        response.headers.setdefault("Content-Disposition", f'attachment; filename="{name}"')
        if request.args.get("bom") == "1" and not response.is_streamed:
            body = response.get_data()
            if not body.startswith(b"\xef\xbb\xbf"):
                response.set_data(b"\xef\xbb\xbf" + body)
    return response


def init(app: Flask) -> None:
    """Register compression, then the validators, CORS and downloads.

    Flask runs ``after_request`` functions in reverse order of registration: compression,
    registered first, runs last, on the body :func:`headers` has finished (the BOM added).
    """
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_EVALUATE_CONDITIONAL_REQUEST", False)  # not_modified() decides
    Compress(app)
    app.before_request(not_modified)
    app.after_request(headers)
