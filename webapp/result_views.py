"""What the result views of ``/query`` and ``/queries/NAME`` need from the server: their strings in
English and Danish, and the map's kinds and styles for the graph view.

The views are JavaScript (``frontend/src/views/``, bundled into ``webapp/static/dist``); they get
the strings in the page's language as JSON and the graph settings from ``/query.json`` (the
workbench) or the page's data block (a named query). The graph view colours a node as the map
does: its kind is the first class of :data:`vdk_graph.network.ORGANISATION_KINDS` /
``OTHER_KINDS`` it has, and its style is :func:`vdk_graph.mapview.style.node_style`.
"""

from __future__ import annotations

from typing import Any

from flask import url_for

from vdk_graph.mapview.assets import VIS_VERSION
from vdk_graph.mapview.style import KINDS, edge_style, kind_label, node_style
from vdk_graph.network import NODE_KINDS, ORGANISATION_KINDS, OTHER_KINDS
from vdk_graph.texts import Rows, Texts
from webapp.i18n import register_strings, t

VIEWS: Rows = (
    ("view_as", "View as", "Vis som"),
    ("view_table", "Table", "Tabel"),
    ("view_chart", "Chart", "Diagram"),
    ("view_graph", "Graph", "Graf"),
    ("view_timeline", "Timeline", "Tidslinje"),
    ("chart_none", "Nothing to chart: the result has no numbers, years, dates or categories.",
     "Intet at tegne: resultatet har ingen tal, år, datoer eller kategorier."),
    ("graph_none", "No IRIs to draw as a graph.", "Ingen IRI'er at tegne som graf."),
    ("timeline_none", "A timeline needs a start and an end column (years or dates).",
     "En tidslinje kræver en start- og en slutkolonne (år eller datoer)."),
    # the table
    ("filter", "Filter rows", "Filtrér rækker"),
    ("filter_placeholder", "text in any column", "tekst i en vilkårlig kolonne"),
    ("page_size", "Rows per page", "Rækker pr. side"),
    ("all", "all", "alle"),
    ("pages", "Pages", "Sider"),
    ("prev", "Previous page", "Forrige side"),
    ("next", "Next page", "Næste side"),
    ("page_of", "Page {page} of {pages}", "Side {page} af {pages}"),
    ("showing", "Rows {from}–{to} of {n}", "Række {from}–{to} af {n}"),
    ("matching", "Rows {from}–{to} of the {n} that match (of {total})",
     "Række {from}–{to} af de {n}, der matcher (af {total})"),
    ("no_rows", "No rows: nothing in the graph matches the query.",
     "Ingen rækker: intet i grafen matcher forespørgslen."),
    ("no_match", "No row matches the filter (of {total}).", "Ingen række matcher filteret (af {total})."),
    ("sort", "Sort by this column; again to reverse, a third time to undo",
     "Sortér efter denne kolonne; igen for at vende, en tredje gang for at fortryde"),
    ("table_region", "Result rows (scroll for more)", "Resultatets rækker (rul for flere)"),
    # charts
    ("chart_type", "Chart", "Diagram"),
    ("chart_bar", "Bars", "Søjler"),
    ("chart_line", "Line", "Linje"),
    ("chart_pie", "Pie", "Lagkage"),
    ("chart_scatter", "Scatter", "Punkter"),
    ("chart_x", "Along", "Langs"),
    ("chart_y", "Values", "Værdier"),
    ("chart_count", "number of rows", "antal rækker"),
    ("chart_label", "{type}: {y} by {x}", "{type}: {y} efter {x}"),
    ("chart_capped", "The {n} largest of {total} groups are shown.",
     "De {n} største af {total} grupper vises."),
    ("chart_scatter_needs", "A scatter chart needs numbers (or years) along both axes.",
     "Et punktdiagram kræver tal (eller år) langs begge akser."),
    ("drawing_failed", "The drawing library could not be loaded; the table view has every row.",
     "Tegnebiblioteket kunne ikke hentes; tabelvisningen har alle rækker."),
    # the timeline
    ("timeline_about", "One bar per row from ?{start} to ?{end}, named by ?{name}; earliest first.",
     "Én bjælke pr. række fra ?{start} til ?{end}, navngivet efter ?{name}; tidligste først."),
    ("timeline_capped", "The first {n} of {total} are shown.", "De første {n} af {total} vises."),
    ("timeline_label", "Timeline of {n} rows", "Tidslinje med {n} rækker"),
    ("timeline_open", "(no end given)", "(ingen slutning angivet)"),
    # the graph
    ("graph_loading", "Drawing the graph …", "Tegner grafen …"),
    ("graph_status", "{nodes} nodes and {edges} links.", "{nodes} knuder og {edges} forbindelser."),
    ("graph_capped", "Drawn from the first {n} of {total} rows.",
     "Tegnet ud fra de første {n} af {total} rækker."),
    ("graph_failed", "The graph could not be drawn.", "Grafen kunne ikke tegnes."),
    ("graph_legend", "Kinds", "Arter"),
    ("graph_other", "Other", "Andet"),
    # downloads
    ("download", "Download:", "Hent:"),
    ("xlsx_title", "The whole result as an Excel workbook", "Hele resultatet som Excel-projektmappe"),
    ("xlsx_failed", "The workbook could not be written:", "Projektmappen kunne ikke skrives:"),
)

RESULT_STRINGS = Texts(VIEWS, prefix="results.js.")
register_strings(RESULT_STRINGS)


def script_strings() -> dict[str, str]:
    """The views' strings in the page's language, for the script."""
    return {key: t(f"results.js.{key}") for key, _, _ in VIEWS}


def graph_config(lang: str) -> dict[str, Any]:
    """The map's kinds for the graph view: class → kind (most specific first), styles, labels, vis-network."""
    classes = [[iri, kind] for iri, kind in (*ORGANISATION_KINDS, *OTHER_KINDS.items())]
    return {
        "classes": classes,
        "kinds": {kind: {"label": kind_label(kind, lang), "colour": KINDS[kind].colour, **node_style(kind)}
                  for kind in NODE_KINDS},
        "edge": edge_style("participant"),
        "vis_js": url_for("map.vendor", version=VIS_VERSION, name="vis-network.min.js"),
        "vis_css": url_for("map.vendor", version=VIS_VERSION, name="vis-network.css"),
    }


__all__ = ["RESULT_STRINGS", "graph_config", "script_strings"]
