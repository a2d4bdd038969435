"""The vdk-graph web app (Flask app factory) and the commands that need it.

``create_app(settings)`` (:mod:`webapp.app`) builds an app around one store; nothing
is read at import time. One blueprint per concern lives in ``webapp/views``; every
HTML page that shows data has a JSON twin. The app imports the library
(``vdk_graph``), never the reverse: ``vdk-graph serve`` and ``vdk-graph map``
(:mod:`webapp.commands`) join the command line through the ``vdk_graph.commands``
entry point, so the library's CLI knows nothing of Flask.

Importing this package loads nothing heavy (``create_app`` is looked up on first
use), so the command line's start-up stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vdk_graph.lazy import exports

if TYPE_CHECKING:
    from webapp.app import create_app

__getattr__ = exports("webapp", {"create_app": "app"})

__all__ = ["create_app"]
