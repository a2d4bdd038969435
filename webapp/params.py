"""Which query-string parameters each page takes: anything else is a 400 that names the accepted ones.

A parameter a page does not know used to be ignored: ``/map?from_year=2021``
drew the whole, unfiltered map, and the visitor believed it was filtered
(issue 10). So every view declares its parameters with :func:`accepts` (``lang``
is accepted everywhere), and one ``before_request`` hook refuses the rest. A
view whose parameters depend on its arguments (a named query's form) passes a
function of the view arguments instead of names.

A view that declares nothing is not checked: the SPARQL endpoint reads its
own protocol (``webapp/views/sparql.py``), and static files take none. A test
walks the URL map so that no page is forgotten.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from flask import Flask, current_app, request

from vdk_graph.errors import ParameterError

#: Accepted by every page: the language switch.
COMMON = ("lang",)
#: The attribute of a view function that holds what it accepts.
ATTRIBUTE = "vdk_params"

View = TypeVar("View", bound=Callable[..., Any])
Accepted = Iterable[str] | Callable[..., Iterable[str]]


def accepts(*names: str, dynamic: Callable[..., Iterable[str]] | None = None) -> Callable[[View], View]:
    """Declare the query-string parameters of a view (``dynamic``: more, from the view's arguments)."""

    def mark(view: View) -> View:
        setattr(view, ATTRIBUTE, (frozenset(names), dynamic))
        return view

    return mark


def check() -> None:
    """Refuse (400) a request whose query string holds a parameter its view does not take."""
    view = current_app.view_functions.get(request.endpoint or "")
    declared = getattr(view, ATTRIBUTE, None)
    if declared is None or not request.args:
        return
    names, dynamic = declared
    accepted = set(names) | set(COMMON)
    if dynamic is not None:
        accepted |= set(dynamic(**(request.view_args or {})))
    unknown = sorted(set(request.args) - accepted)
    if unknown:
        shown = ", ".join(repr(name[:40]) for name in unknown[:5])
        raise ParameterError(
            f"{request.path} does not take the parameter{'s' if len(unknown) > 1 else ''} {shown}; "
            f"it takes {', '.join(sorted(accepted))}",
            unknown[0][:40],
        )


def register(app: Flask) -> None:
    app.before_request(check)


def declared(view: Callable[..., Any]) -> bool:
    """Whether a view declared its parameters (tests walk the URL map with it)."""
    return getattr(view, ATTRIBUTE, None) is not None
