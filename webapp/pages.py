"""One view per page, the format in the route: `/match` and `/match.json` are one function.

A page that shows data has twins (``.json``, sometimes ``.csv``). Written as two
views they drift: one catches an error the other lets through, one builds its
error body by hand. :func:`with_twins` registers one view under the page's rule and
under ``rule.<format>``, and passes the format as ``fmt`` ("html" for the page).
The view builds its data once and chooses only how to render it; errors it does
not handle itself go to the one error renderer (:mod:`webapp.errors`), which
answers JSON on a ``.json`` path and HTML elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Blueprint

View = TypeVar("View", bound=Callable[..., Any])


def with_twins(bp: Blueprint, rule: str, *formats: str,
               endpoint: str | None = None) -> Callable[[View], View]:
    """Register the decorated view at ``rule`` (``fmt="html"``) and at ``rule.<format>`` for each format."""
    if not formats:
        raise ValueError(f"page {rule}: name its twins' formats (json, csv …)")

    def register(view: View) -> View:
        name = endpoint or view.__name__
        bp.add_url_rule(rule, name, view, defaults={"fmt": "html"}, methods=["GET"])
        choice = ", ".join(f"'{fmt}'" for fmt in formats)
        bp.add_url_rule(f"{rule}.<any({choice}):fmt>", name, view, methods=["GET"])
        return view

    return register
