"""The interface strings of the entity pages, in English and Danish (registered by ``webapp.views.entity``).

Group and column keys match those of :mod:`vdk_graph.entity.kinds` and
:mod:`vdk_graph.entity.tables`: ``entity.group.<key>``, ``entity.col.<column>``,
``entity.note.<note>``; ``entity.kind.<kind>`` and ``entity.relation.<relation>``
name the kinds and relations of the network (the focus map's legend).
"""

from __future__ import annotations

from vdk_graph.kinds import NODE_KINDS, RELATION_TEXTS, kind_label
from vdk_graph.texts import Rows, Texts

PAGE: Rows = (
    ("not_found", "There is no entity <{iri}> in the graph.", "Der er ingen enhed <{iri}> i grafen."),
    ("formats", "This page as data:", "Denne side som data:"),
    ("sources", "Sources", "Kilder"),
    ("sources.lead", "Each fact above is marked with the number of the source that states it.",
     "Hvert faktum ovenfor er mærket med nummeret på den kilde, der angiver det."),
    ("source.graph", "graph", "graf"),
    ("source.retrieved", "read {date}", "læst {date}"),
    ("source.imported", "imported {date}", "indlæst {date}"),
    ("source.title", "Source {n}: {label}", "Kilde {n}: {label}"),
    ("source.none", "no public source recorded", "ingen offentlig kilde registreret"),
    ("source.more", "Also sources {numbers}", "Også kilderne {numbers}"),
    ("focus", "Neighbourhood", "Nærmeste forbindelser"),
    ("focus.more", "and {n} more connections", "og {n} forbindelser mere"),
    ("focus.open", "Open on the map", "Åbn på kortet"),
    ("focus.alt", "{label} and its direct connections", "{label} og dets direkte forbindelser"),
    ("truncated", "This entity has very many statements; the first ones are shown.",
     "Denne enhed har meget mange udsagn; de første vises."),
    ("inverse", "stated the other way round: the linked thing points here",
     "angivet den anden vej: den linkede ting peger hertil"),
    ("per_year", "per year", "om året"),
    ("identifier", "Identifier", "Identifikator"),
    ("also", "Also called", "Også kaldet"),
    ("details", "details", "detaljer"),
)
#: The map's names of the kinds and relations (one source for the legend, the focus map and these pages).
KINDS: Rows = tuple((kind, kind_label(kind, "en"), kind_label(kind, "da")) for kind in NODE_KINDS)
RELATIONS: Rows = RELATION_TEXTS.rows
GROUPS: Rows = (
    ("names", "Names", "Navne"), ("about", "Facts", "Fakta"), ("description", "Description", "Beskrivelse"),
    ("projects", "Projects", "Projekter"), ("partners", "Partners", "Partnere"),
    ("grants_received", "Grants received", "Modtagne bevillinger"),
    ("grants_given", "Grants given", "Givne bevillinger"), ("funds", "Funds", "Finansierer"),
    ("budgets", "Budgets", "Budgetter"),
    ("investments_made", "Investments made", "Foretagne investeringer"),
    ("invests_in", "Invests in", "Investerer i"),
    ("investments_received", "Investments received", "Modtagne investeringer"),
    ("investors", "Investors", "Investorer"), ("memberships", "Memberships", "Medlemskaber"),
    ("members", "Members", "Medlemmer"), ("people", "People", "Personer"),
    ("positions", "Positions", "Stillinger"), ("topics", "Topics", "Emner"),
    ("certifications", "Certifications", "Certificeringer"), ("indicators", "Indicators", "Indikatorer"),
    ("sub_organisations", "Sub-organisations", "Underorganisationer"),
    ("organised", "Events and networks organised", "Arrangerede begivenheder og netværk"),
    ("participants", "Participants", "Deltagere"), ("funding", "Funding", "Finansiering"),
    ("keywords", "Keywords", "Nøgleord"), ("research_areas", "Research areas", "Forskningsområder"),
    ("grants", "Grants", "Bevillinger"), ("organisations", "Organisations", "Organisationer"),
    ("organisations_via_projects", "Organisations working on it", "Organisationer, der arbejder med det"),
    ("based_here", "Organisations based here", "Organisationer hjemmehørende her"),
    ("active_here", "Organisations active here", "Organisationer aktive her"),
    ("places_within", "Places within", "Steder heri"),
    ("based_within", "Organisations based within", "Organisationer hjemmehørende heri"),
    ("contents", "What this source graph holds", "Hvad denne kildegraf rummer"),
    ("source_graphs", "Graphs read from this source", "Grafer læst fra denne kilde"),
    ("other", "Other facts", "Andre fakta"),
)
COLUMNS: Rows = (
    ("property", "Property", "Egenskab"), ("value", "Value", "Værdi"), ("project", "Project", "Projekt"),
    ("role", "Role", "Rolle"), ("period", "Period", "Periode"), ("status", "Status", "Status"),
    ("partner", "Partner", "Partner"), ("shared", "Shared projects", "Fælles projekter"),
    ("shared_projects", "Projects", "Projekter"), ("grant", "Grant", "Bevilling"),
    ("funder", "Funder", "Bevillingsgiver"), ("recipient", "Recipient", "Modtager"),
    ("programme", "Programme", "Program"), ("amount", "Amount", "Beløb"),
    ("investment", "Investment", "Investering"), ("investee", "Company", "Virksomhed"),
    ("investor", "Investor", "Investor"), ("date", "Date", "Dato"), ("stake", "Stake", "Ejerandel"),
    ("funded", "Funded", "Finansieret"), ("budget", "Budget", "Budget"),
    ("provider", "Provided by", "Stillet til rådighed af"), ("purpose", "For", "Til"),
    ("cluster", "Cluster", "Klynge"),
    ("member", "Member", "Medlem"), ("person", "Person", "Person"),
    ("organisation", "Organisation", "Organisation"), ("job_title", "Job title", "Stillingsbetegnelse"),
    ("certification", "Certification", "Certificering"), ("level", "Level", "Niveau"),
    ("score", "Score", "Score"), ("awarded_by", "Awarded by", "Tildelt af"),
    ("indicator", "Measure", "Måling"), ("baseline", "Baseline", "Udgangspunkt"),
    ("target", "Target", "Mål"), ("change", "Change", "Ændring"),
    ("sentence", "Original sentence", "Oprindelig sætning"), ("participant", "Participant", "Deltager"),
    ("event", "Event", "Begivenhed"), ("place", "Place", "Sted"), ("class", "Kind", "Art"),
    ("count", "Count", "Antal"), ("graph", "Graph", "Graf"), ("projects", "Projects", "Projekter"),
)
NOTES: Rows = (
    ("partners", "Organisations taking part in the same projects; each row cites both sides.",
     "Organisationer, der deltager i de samme projekter; hver række angiver begge siders kilder."),
    ("partners_top", "The 200 partners with most shared projects.",
     "De 200 partnere med flest fælles projekter."),
    ("via_projects", "Counted from the projects on this topic.", "Optalt ud fra projekterne om dette emne."),
    ("based_within", "Organisations based in a place that lies within this one.",
     "Organisationer hjemmehørende et sted, der ligger heri."),
    ("contents", "Things this graph states a kind for, by kind.",
     "Ting, som denne graf angiver en art for, efter art."),
)

ENTITY_STRINGS: tuple[Texts, ...] = (
    Texts(PAGE, "entity."), Texts(KINDS, "entity.kind."), Texts(RELATIONS, "entity.relation."),
    Texts(GROUPS, "entity.group."), Texts(COLUMNS, "entity.col."), Texts(NOTES, "entity.note."),
)
