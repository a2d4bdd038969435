"""Danish / English for the whole interface.

The language comes from ``?lang=da|en`` (remembered in a cookie), else the
cookie, else the browser's Accept-Language, else English. Templates call
``t("key")``; view modules add their own strings with :func:`register_strings`
so each concern keeps its words next to its code. Data labels are chosen with
:func:`pick`: the chosen language when the graph has it, else the other.
Dates, numbers and money are written the language's way by the filters in
:mod:`webapp.filters`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from flask import Flask, Response, g, request

LANGS = ("en", "da")
COOKIE = "vdk_lang"

STRINGS: dict[str, dict[str, str]] = {
    "site.licence": {"en": "The data may be reused under", "da": "Data må genbruges under"},
    "site.downloads": {"en": "Download everything", "da": "Hent det hele"},
    "site.ontology": {"en": "Ontology", "da": "Ontologi"},
    "site.tagline": {
        "en": "A knowledge graph of the Danish digital visual industry around Vision Denmark. "
              "Every fact links to its public source.",
        "da": "En vidensgraf over den danske digitale visuelle industri omkring Vision Denmark. "
              "Hvert faktum linker til sin offentlige kilde.",
    },
    "lang.switch": {"en": "Dansk", "da": "English"},
    "lang.switch.title": {"en": "Vis siden på dansk", "da": "Show this page in English"},
    "home.title": {"en": "The Danish digital visual industry as a graph",
                   "da": "Den danske digitale visuelle industri som graf"},
    "home.lead": {"en": "Games, film, TV, animation and XR around the cluster Vision Denmark: {n} facts, "
                        "each traceable to its source.",
                  "da": "Spil, film, tv, animation og XR omkring klyngen Vision Denmark: {n} fakta, "
                        "hvert med sin kilde."},
    "home.holds": {"en": "What the graph holds", "da": "Hvad grafen rummer"},
    "home.kind": {"en": "Kind", "da": "Art"},
    "home.count": {"en": "Count", "da": "Antal"},
    "home.empty": {"en": "The store is empty. Run vdk-graph build to load the curated data.",
                   "da": "Lageret er tomt. Kør vdk-graph build for at indlæse de kuraterede data."},
    "home.projects": {"en": "Projects", "da": "Projekter"},
    "home.no_projects": {"en": "No projects yet.", "da": "Ingen projekter endnu."},
    "col.project": {"en": "Project", "da": "Projekt"},
    "col.acronym": {"en": "Acronym", "da": "Akronym"},
    "col.status": {"en": "Status", "da": "Status"},
    "col.period": {"en": "Period", "da": "Periode"},
    "col.lead": {"en": "Lead", "da": "Leder"},
    "col.participants": {"en": "Participants", "da": "Deltagere"},
    "error.back": {"en": "Back to the overview", "da": "Tilbage til overblikket"},
    "error.status.400": {"en": "Bad request", "da": "Ugyldig forespørgsel"},
    "error.status.403": {"en": "Not allowed", "da": "Ikke tilladt"},
    "error.status.404": {"en": "Not found", "da": "Ikke fundet"},
    "error.status.405": {"en": "Method not allowed", "da": "Metoden er ikke tilladt"},
    "error.status.406": {"en": "No acceptable format", "da": "Intet acceptabelt format"},
    "error.status.413": {"en": "Request too large", "da": "Forespørgslen er for stor"},
    "error.status.422": {"en": "The input has errors", "da": "Inddata har fejl"},
    "error.status.500": {"en": "Something went wrong", "da": "Noget gik galt"},
    "error.status.501": {"en": "Not available here", "da": "Ikke tilgængelig her"},
    "error.status.502": {"en": "The store did not answer", "da": "Lageret svarede ikke"},
    "error.status.503": {"en": "Busy or too slow; try again", "da": "Optaget eller for langsom; prøv igen"},
    "nav.main": {"en": "Main", "da": "Hovedmenu"},
    "site.skip": {"en": "Skip to the content", "da": "Spring til indholdet"},
    "search.label": {"en": "Search the graph", "da": "Søg i grafen"},
    "search.placeholder": {"en": "Organisation, project, person …", "da": "Organisation, projekt, person …"},
    "search.button": {"en": "Search", "da": "Søg"},
    "common.yes": {"en": "yes", "da": "ja"},
    "common.no": {"en": "no", "da": "nej"},
}


def register_strings(strings: dict[str, dict[str, str]]) -> None:
    """Add a view's interface strings (keys must not clash with others')."""
    for key, texts in strings.items():
        if key in STRINGS and STRINGS[key] != texts:
            raise ValueError(f"interface string {key!r} is defined twice with different texts")
        STRINGS[key] = texts


def current_lang() -> str:
    lang = getattr(g, "vdk_lang", None)
    if lang:
        return str(lang)
    asked = request.args.get("lang")
    if asked in LANGS:
        lang = asked
    elif request.cookies.get(COOKIE) in LANGS:
        lang = request.cookies[COOKIE]
    else:
        lang = request.accept_languages.best_match(LANGS) or "en"
    g.vdk_lang = lang
    return lang


def other_lang(lang: str | None = None) -> str:
    return "da" if (lang or current_lang()) == "en" else "en"


def t(key: str, default: str | None = None, *, lang: str | None = None, **values: Any) -> str:
    """The interface string ``key`` in ``lang`` or the request's language (English, else ``default``/key).

    ``lang`` serves work done outside a request (a page computed in the background).
    """
    texts = STRINGS.get(key)
    if texts is None:
        return default if default is not None else key
    text = texts.get(lang or current_lang()) or texts.get("en") or key
    return text.format(**values) if values else text


def has_text(key: str) -> bool:
    return key in STRINGS


def pick(labels: dict[str, str], lang: str | None = None) -> str | None:
    """A label in the chosen language when there is one, else untagged, else the other language."""
    lang = lang or current_lang()
    found = labels.get(lang) or labels.get("") or labels.get(other_lang(lang))
    return found or next(iter(labels.values()), None)


def switch_url(lang: str) -> str:
    return switch_args(lang=lang)


def switch_args(**changes: object) -> str:
    """This page's URL with some query parameters changed (a pager's next page, the other language)."""
    args = request.args.to_dict(flat=False)
    for name, value in changes.items():
        args[name] = [str(value)]
    return f"{quote(request.path)}?{urlencode(args, doseq=True)}"


def remember_lang(response: Response) -> Response:
    asked = request.args.get("lang")
    if asked in LANGS and request.cookies.get(COOKIE) != asked:
        response.set_cookie(COOKIE, asked, max_age=365 * 24 * 3600, samesite="Lax")
    if request.endpoint and not response.headers.get("Content-Language") and response.mimetype == "text/html":
        response.headers["Content-Language"] = current_lang()
    vary = response.headers.get("Vary", "")
    if "Cookie" not in vary:
        response.headers["Vary"] = ", ".join(v for v in (vary, "Cookie", "Accept-Language") if v)
    return response


def init_i18n(app: Flask) -> None:
    app.jinja_env.globals.update(t=t, current_lang=current_lang, other_lang=other_lang, switch_url=switch_url,
                                 switch_args=switch_args, pick=pick, has_text=has_text)
    app.after_request(remember_lang)
