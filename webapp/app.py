"""The Flask app factory: one app around one store.

``create_app(settings)`` builds an app around one store; nothing is read at
import time. One blueprint per concern lives in ``webapp/views``; every HTML
page that shows data has a JSON twin. The app imports the library
(``vdk_graph``), never the reverse.
"""

from __future__ import annotations

from typing import Any

from flask import Flask

from vdk_graph.config import Settings
from vdk_graph.store import Store, open_store
from webapp import caching
from webapp.errors import register_error_handlers
from webapp.filters import register_filters
from webapp.i18n import init_i18n
from webapp.params import register as register_params
from webapp.proxies import VisitorAddress
from webapp.security import add_security_headers
from webapp.state import VdkState


def create_app(settings: Settings | None = None, test_config: dict[str, Any] | None = None,
               store: Store | None = None) -> Flask:
    """An app serving ``settings.store`` (or an already open ``store``)."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(
        MAX_CONTENT_LENGTH=settings.max_request_bytes,
        JSON_SORT_KEYS=False,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
    )
    if test_config:
        app.config.update(test_config)
    if store is None:
        store = open_store(settings.store, memory_mirror_max_quads=settings.memory_mirror)
    app.extensions["vdk"] = VdkState(settings=settings, store=store)

    from webapp.views import register_views

    register_views(app)
    register_error_handlers(app)
    register_filters(app)
    register_params(app)
    caching.init(app)
    init_i18n(app)
    app.after_request(add_security_headers)
    # The visitor's address, from X-Forwarded-For only where a trusted proxy sent it (webapp/proxies.py).
    app.wsgi_app = VisitorAddress(app.wsgi_app, settings)  # type: ignore[method-assign]
    return app
