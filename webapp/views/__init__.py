"""Blueprints, one per concern: each ``webapp/views/<name>.py`` defines ``bp`` (and may define ``NAV``).

``NAV = (order, label_en, label_da, endpoint)`` puts a link in the site header
(its words registered as the string ``nav.<endpoint>``); new views need no edit
anywhere else.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import NamedTuple

from flask import Flask

from vdk_graph.texts import Texts
from webapp.i18n import register_strings


class NavItem(NamedTuple):
    order: int
    label_en: str
    label_da: str
    endpoint: str


def register_views(app: Flask) -> None:
    nav: list[NavItem] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        blueprint = getattr(module, "bp", None)
        if blueprint is None:
            continue
        app.register_blueprint(blueprint)
        if hasattr(module, "NAV"):
            nav.append(NavItem(*module.NAV))
    app.config["VDK_NAV"] = sorted(nav)
    # The header's words, as rows like every other string: t("nav." + endpoint).
    register_strings(Texts(tuple((item.endpoint, item.label_en, item.label_da) for item in nav), "nav."))
