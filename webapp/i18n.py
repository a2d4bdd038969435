"""Danish / English for the whole interface.

The language comes from ``?lang=da|en`` (remembered in a cookie), else the
cookie, else the browser's Accept-Language, else English. Templates call
``t("key")``; view modules add their own strings with :func:`register_strings`
so each concern keeps its words next to its code, as rows of ``(key, English,
Danish)`` (:class:`vdk_graph.texts.Texts`, the one shape of the project's
strings). Data labels are chosen with :func:`pick`: the chosen language when
the graph has it, else the other.
Dates, numbers and money are written the language's way by the filters in
:mod:`webapp.filters`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from flask import Flask, Response, g, request

from vdk_graph import texts
from vdk_graph.texts import LANGS, Texts

COOKIE = "vdk_lang"

#: The site's own strings (header, footer, home, errors); each view registers its own beside its code.
SITE = Texts((
    ("site.licence", "The data may be reused under", "Data må genbruges under"),
    ("site.downloads", "Download everything", "Hent det hele"),
    ("site.ontology", "Ontology", "Ontologi"),
    ("site.tagline",
     "A knowledge graph of the Danish digital visual industry around Vision Denmark. Every fact links to "
     "its public source.",
     "En vidensgraf over den danske digitale visuelle industri omkring Vision Denmark. Hvert faktum "
     "linker til sin offentlige kilde."),
    ("lang.switch", "Dansk", "English"),
    ("lang.switch.title", "Vis siden på dansk", "Show this page in English"),
    ("home.title", "The Danish digital visual industry as a graph",
     "Den danske digitale visuelle industri som graf"),
    ("home.lead",
     "Games, film, TV, animation and XR around the cluster Vision Denmark: {n} facts, each traceable to "
     "its source.",
     "Spil, film, tv, animation og XR omkring klyngen Vision Denmark: {n} fakta, hvert med sin kilde."),
    ("home.holds", "What the graph holds", "Hvad grafen rummer"),
    ("home.kind", "Kind", "Art"),
    ("home.count", "Count", "Antal"),
    ("home.empty", "The store is empty. Run vdk-graph build to load the curated data.",
     "Lageret er tomt. Kør vdk-graph build for at indlæse de kuraterede data."),
    ("home.projects", "Projects", "Projekter"),
    ("home.no_projects", "No projects yet.", "Ingen projekter endnu."),
    ("col.project", "Project", "Projekt"),
    ("col.acronym", "Acronym", "Akronym"),
    ("col.status", "Status", "Status"),
    ("col.period", "Period", "Periode"),
    ("col.lead", "Lead", "Leder"),
    ("col.participants", "Participants", "Deltagere"),
    ("error.back", "Back to the overview", "Tilbage til overblikket"),
    ("error.status.400", "Bad request", "Ugyldig forespørgsel"),
    ("error.status.403", "Not allowed", "Ikke tilladt"),
    ("error.status.404", "Not found", "Ikke fundet"),
    ("error.status.405", "Method not allowed", "Metoden er ikke tilladt"),
    ("error.status.406", "No acceptable format", "Intet acceptabelt format"),
    ("error.status.413", "Request too large", "Forespørgslen er for stor"),
    ("error.status.422", "The input has errors", "Inddata har fejl"),
    ("error.status.500", "Something went wrong", "Noget gik galt"),
    ("error.status.501", "Not available here", "Ikke tilgængelig her"),
    ("error.status.502", "The store did not answer", "Lageret svarede ikke"),
    ("error.status.503", "Busy or too slow; try again", "Optaget eller for langsom; prøv igen"),
    ("nav.main", "Main", "Hovedmenu"),
    ("site.skip", "Skip to the content", "Spring til indholdet"),
    ("search.label", "Search the graph", "Søg i grafen"),
    ("search.placeholder", "Organisation, project, person …", "Organisation, projekt, person …"),
    ("search.button", "Search", "Søg"),
    ("common.yes", "yes", "ja"),
    ("common.no", "no", "nej"),
))
#: Every registered string: key → {language: text} (filled by :func:`register_strings`).
STRINGS: dict[str, dict[str, str]] = {}


def register_strings(*tables: Texts) -> None:
    """Add a view's interface strings (keys must not clash with others')."""
    for table in tables:
        for key, words in table.items():
            if key in STRINGS and STRINGS[key] != words:
                raise ValueError(f"interface string {key!r} is defined twice with different texts")
            STRINGS[key] = words


register_strings(SITE)


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
    return texts.other_lang(lang or current_lang())


def t(key: str, default: str | None = None, *, lang: str | None = None, **values: Any) -> str:
    """The interface string ``key`` in ``lang`` or the request's language (English, else ``default``/key).

    ``lang`` serves work done outside a request (a page computed in the background).
    """
    words = STRINGS.get(key)
    if words is None:
        return default if default is not None else key
    text = words.get(lang or current_lang()) or words.get("en") or key
    return text.format(**values) if values else text


def has_text(key: str) -> bool:
    return key in STRINGS


def pick(labels: dict[str, str], lang: str | None = None) -> str | None:
    """A label in the chosen language when there is one, else untagged, else the other language."""
    return texts.pick(labels, lang or current_lang())


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
