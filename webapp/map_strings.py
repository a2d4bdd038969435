"""The map's interface strings in English and Danish (registered by :mod:`webapp.views.map`).

Kinds and relations take their names from :mod:`vdk_graph.kinds`, the
table the legend, tooltips and exports use, so the page and the data agree.
``map.js`` gets the strings it needs from a JSON block in the page.
"""

from __future__ import annotations

from vdk_graph.kinds import NODE_KINDS, RELATION_TEXTS, kind_label
from vdk_graph.texts import Rows, Texts

MAP: Rows = (
    ("title", "Network map", "Netværkskort"),
    ("lead", "Organisations, projects, programmes, funders, investors, people and topics of the Danish "
             "digital visual industry, and how they are linked. Click a node for its facts; double-click to "
             "show its neighbours.",
     "Organisationer, projekter, programmer, finansieringskilder, investorer, personer og emner i den danske "
     "digitale visuelle industri, og hvordan de hænger sammen. Klik på en knude for at se fakta; "
     "dobbeltklik for at vise dens naboer."),
    ("controls", "Map controls", "Kortets indstillinger"),
    ("search.label", "Find on the map", "Find på kortet"),
    ("search.placeholder", "Name, e.g. Aarhus", "Navn, fx Aarhus"),
    ("search.none", "Nothing by that name", "Intet med det navn"),
    ("search.elsewhere", "not in this view: focus on it", "ikke i denne visning: fokusér på den"),
    ("kinds", "Show", "Vis"),
    ("filters", "Filters", "Filtre"),
    ("topic", "Topic", "Emne"),
    ("programme", "Programme", "Program"),
    ("region", "Region", "Region"),
    ("any", "any", "alle"),
    ("years", "Years (from project dates)", "År (ud fra projekternes datoer)"),
    ("from", "from", "fra"),
    ("to", "to", "til"),
    ("play", "Show over time", "Vis over tid"),
    ("stop", "Stop", "Stop"),
    ("year_now", "Year {year}", "År {year}"),
    ("focus", "Focus", "Fokus"),
    ("focus.on", "Focused on", "Fokus på"),
    ("hops", "Links away", "Led væk"),
    ("focus.clear", "Show the whole network", "Vis hele netværket"),
    ("focus.here", "Focus here", "Fokusér her"),
    ("size", "Size by", "Størrelse efter"),
    ("size.degree", "Links (degree)", "Forbindelser (grad)"),
    ("size.pagerank", "Influence (PageRank)", "Indflydelse (PageRank)"),
    ("size.betweenness", "Brokerage (betweenness)", "Brobygning (betweenness)"),
    ("max", "Nodes at most", "Højst antal knuder"),
    ("apply", "Update the map", "Opdatér kortet"),
    ("legend", "Legend", "Signaturforklaring"),
    ("legend.kinds", "Kinds (click to show or hide)", "Arter (klik for at vise eller skjule)"),
    ("legend.relations", "Links", "Forbindelser"),
    ("status", "{shown} of {matching} nodes and {edges} of {all_edges} links shown.",
     "{shown} af {matching} knuder og {edges} af {all_edges} forbindelser vises."),
    ("hidden", "The {hidden} less connected nodes are hidden: filter, focus, or raise the limit to see them.",
     "De {hidden} mindre forbundne knuder er skjult: filtrér, fokusér eller hæv grænsen for at se dem."),
    ("still", "Laid out on the server; drag nodes to rearrange.",
     "Placeret på serveren; træk i knuderne for at flytte dem."),
    ("expanded", "{label}: {count} more nodes shown.", "{label}: {count} knuder mere vises."),
    ("loading", "Loading the map …", "Henter kortet …"),
    ("error", "The map could not be loaded:", "Kortet kunne ikke hentes:"),
    ("empty", "Nothing matches these choices.", "Intet passer til disse valg."),
    ("canvas", "Network map; the table link gives the same nodes and links as text",
     "Netværkskort; tabel-linket giver de samme knuder og forbindelser som tekst"),
    ("canvas.role", "network map", "netværkskort"),
    ("keys",
     "Keyboard: Tab to the map, then the arrow keys move it, + and − zoom, 0 fits it; N and P go from "
     "node to node, the best connected first; Enter goes into its details, Escape closes them.",
     "Tastatur: Tab til kortet, så flytter piletasterne det, + og − zoomer, 0 tilpasser; N og P går fra "
     "knude til knude, de bedst forbundne først; Enter går ind i dens detaljer, Escape lukker dem."),
    ("keys.node", "{label}: node {n} of {total}", "{label}: knude {n} af {total}"),
    ("panel", "Details", "Detaljer"),
    ("panel.close", "Close", "Luk"),
    ("panel.page", "Open its page", "Åbn dens side"),
    ("panel.expand", "Show its neighbours", "Vis dens naboer"),
    ("panel.also", "Also called", "Også kaldet"),
    ("fit", "Fit to screen", "Tilpas til skærmen"),
    ("downloads", "Download and share", "Hent og del"),
    ("png", "Picture (PNG, with names, legend and source)", "Billede (PNG med navne, forklaring og kilde)"),
    ("svg", "Picture (SVG)", "Billede (SVG)"),
    ("nodes.csv", "Nodes (CSV: Kumu, Graph Commons, Flourish)",
     "Knuder (CSV: Kumu, Graph Commons, Flourish)"),
    ("edges.csv", "Links (CSV)", "Forbindelser (CSV)"),
    ("xlsx", "Nodes and links (XLSX, as Kumu imports them)",
     "Knuder og forbindelser (XLSX, som Kumu læser dem)"),
    ("picture.title", "The Danish digital visual industry: who works with whom",
     "Den danske digitale visuelle industri: hvem arbejder med hvem"),
    ("picture.source", "Source: vdk-graph, {url} · data from public sources, CC BY 4.0 · {date}",
     "Kilde: vdk-graph, {url} · data fra offentlige kilder, CC BY 4.0 · {date}"),
    ("gexf", "GEXF (Gephi)", "GEXF (Gephi)"),
    ("graphml", "GraphML", "GraphML"),
    ("standalone", "HTML file that works offline", "HTML-fil, der virker uden net"),
    ("embed", "Embed this view", "Indlejr denne visning"),
    ("embed.help", "Copy this into a web page:", "Kopiér dette ind på en webside:"),
    ("sparql", "Show SPARQL", "Vis SPARQL"),
    ("sparql.help", "The links behind this view as a SPARQL query over the whole graph.",
     "Forbindelserne bag denne visning som en SPARQL-forespørgsel over hele grafen."),
    ("sparql.run", "Run it", "Kør den"),
    ("table", "The same nodes and links as a table", "De samme knuder og forbindelser som tabel"),
    ("table.title", "The network map as a table", "Netværkskortet som tabel"),
    ("table.nodes", "Nodes", "Knuder"),
    ("table.edges", "Links", "Forbindelser"),
    ("col.name", "Name", "Navn"),
    ("col.kind", "Kind", "Art"),
    ("col.place", "Place", "Sted"),
    ("col.years", "Years", "År"),
    ("col.links", "Links", "Forbindelser"),
    ("col.source", "From", "Fra"),
    ("col.relation", "Link", "Forbindelse"),
    ("col.target", "To", "Til"),
    ("back", "Back to the map", "Tilbage til kortet"),
    ("open_full", "Open the full map", "Åbn hele kortet"),
    ("no_script", "The interactive map needs JavaScript. The table shows the same nodes and links.",
     "Det interaktive kort kræver JavaScript. Tabellen viser de samme knuder og forbindelser."),
    ("static.note", "A snapshot of the vdk-graph network map, made {date}; it works offline. "
                    "Every fact has a public source: follow a node's link to its page.",
     "Et øjebliksbillede af vdk-graphs netværkskort, lavet {date}; det virker uden net. "
     "Hvert faktum har en offentlig kilde: følg en knudes link til dens side."),
)


MAP_STRINGS: tuple[Texts, ...] = (
    Texts(MAP, "map."),
    Texts(tuple((kind, kind_label(kind, "en"), kind_label(kind, "da")) for kind in NODE_KINDS), "map.kind."),
    Texts(RELATION_TEXTS.rows, "map.relation."),
)

#: The strings map.js uses (it gets them in the page's language).
SCRIPT_KEYS = (
    "search.none", "search.elsewhere", "play", "stop", "year_now", "status", "hidden", "still", "expanded",
    "loading", "error", "empty", "panel.page", "panel.expand", "panel.also", "focus.here", "focus.on",
    "embed", "title", "keys.node",
)
