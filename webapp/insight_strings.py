"""The insight pages' interface strings in English and Danish (registered by :mod:`webapp.views.insights`).

Keys are ``insights.<key>``; the charts' script gets the ones it needs (``SCRIPT``) as JSON in the page.
"""

from __future__ import annotations

from vdk_graph.texts import Rows, Texts

STRINGS: Rows = (
    ("nav", "Insights", "Indsigter"),
    ("title", "Insights: money, time and place", "Indsigter: penge, tid og sted"),
    ("lead",
     "Three questions the graph answers for the whole ecosystem: where the money flows, how the ecosystem "
     "grew, and where it happens. Each page has its numbers as JSON and CSV, and the SPARQL behind it.",
     "Tre spørgsmål, grafen besvarer for hele økosystemet: hvor pengene går hen, hvordan økosystemet "
     "voksede, og hvor det sker. Hver side har sine tal som JSON og CSV og SPARQL-forespørgslerne bag."),
    ("money.title", "Money flows", "Pengestrømme"),
    ("money.lead",
     "From funders through programmes to recipients and their projects. The width of a band is its money; "
     "click a band, or a name in the tables, to list its grants.",
     "Fra bevillingsgivere gennem programmer til modtagere og deres projekter. Et bånds bredde er dets "
     "penge; klik på et bånd eller et navn i tabellerne for at se dets bevillinger."),
    ("money.card",
     "Who funds what: funders, programmes, recipients and projects, per currency.",
     "Hvem finansierer hvad: bevillingsgivere, programmer, modtagere og projekter, pr. valuta."),
    ("time.title", "The ecosystem over time", "Økosystemet over tid"),
    ("time.lead",
     "Organisations, projects, partnerships and money year by year, and how many partners of each year's "
     "new projects were new to the ecosystem.",
     "Organisationer, projekter, partnerskaber og penge år for år, og hvor mange af partnerne i hvert års "
     "nye projekter der var nye i økosystemet."),
    ("time.card",
     "Organisations, projects, partnerships and money per year; new and returning partners.",
     "Organisationer, projekter, partnerskaber og penge pr. år; nye og tilbagevendende partnere."),
    ("places.title", "Where it happens", "Hvor det sker"),
    ("places.lead",
     "Organisations, projects and money per region and municipality, from where the organisations are "
     "based.",
     "Organisationer, projekter og penge pr. region og kommune, ud fra hvor organisationerne har hjemsted."),
    ("places.card",
     "Organisations, projects and money per region and municipality.",
     "Organisationer, projekter og penge pr. region og kommune."),
    ("open", "Open", "Åbn"),
    ("way", "Follow the money, the years, the places", "Følg pengene, årene og stederne"),
    ("way.note",
     "money flows, the ecosystem over time, and where it happens",
     "pengestrømme, økosystemet over tid, og hvor det sker"),
    ("filters", "Narrow the page", "Afgræns siden"),
    ("from", "From year", "Fra år"),
    ("to", "To year", "Til år"),
    ("topic", "Topic", "Emne"),
    ("any", "(any)", "(alle)"),
    ("apply", "Show", "Vis"),
    ("narrowed", "Narrowed to", "Afgrænset til"),
    ("remove", "Remove this narrowing", "Fjern denne afgrænsning"),
    ("clear", "Show everything", "Vis alt"),
    ("col.funder", "Funder", "Bevillingsgiver"),
    ("col.programme", "Programme", "Program"),
    ("col.recipient", "Recipient", "Modtager"),
    ("col.project", "Project", "Projekt"),
    ("rates.none",
     "The data records no exchange rates, so each currency is shown on its own: amounts in different "
     "currencies are never added together.",
     "Data rummer ingen valutakurser, så hver valuta vises for sig: beløb i forskellige valutaer lægges "
     "aldrig sammen."),
    ("rates.some",
     "Amounts in other currencies are converted to DKK at the rates the data records:",
     "Beløb i andre valutaer er omregnet til DKK med de kurser, data rummer:"),
    ("rates.apart",
     "Amounts no recorded rate converts are shown in their own currency.",
     "Beløb, som ingen registreret kurs omregner, vises i deres egen valuta."),
    ("rate.any", "any year", "alle år"),
    ("source", "source", "kilde"),
    ("totals", "Totals per currency", "I alt pr. valuta"),
    ("total.line", "{money} in {n} grants", "{money} i {n} bevillinger"),
    ("total.dkk", "{money} in DKK", "{money} i DKK"),
    ("without_amount",
     "{n} grants have no amount and are only listed.",
     "{n} bevillinger har intet beløb og er kun listet."),
    ("no_grants", "No grant matches.", "Ingen bevilling passer."),
    ("diagram.title", "Flows in {currency}", "Strømme i {currency}"),
    ("diagram.converted",
     "Flows in DKK (other currencies converted)",
     "Strømme i DKK (andre valutaer omregnet)"),
    ("diagram.alt",
     "Flow diagram: {money} from {funders} funders to {recipients} recipients. The table below lists every"
     " flow.",
     "Strømdiagram: {money} fra {funders} bevillingsgivere til {recipients} modtagere. Tabellen nedenfor "
     "viser hver strøm."),
    ("diagram.scroll", "Flow diagram (scrolls sideways)", "Strømdiagram (rul til siden)"),
    ("flows.table", "The flows as a table", "Strømmene som tabel"),
    ("col.from", "From", "Fra"),
    ("col.to", "To", "Til"),
    ("col.amount", "Amount", "Beløb"),
    ("col.grants", "Grants", "Bevillinger"),
    ("col.dkk", "In DKK", "I DKK"),
    ("col.year", "Year", "År"),
    ("col.years", "Years", "År"),
    ("col.topic", "Topic", "Emne"),
    ("col.grant", "Grant", "Bevilling"),
    ("node.none.funder", "funder not named", "bevillingsgiver ikke nævnt"),
    ("node.none.programme", "no programme named", "intet program nævnt"),
    ("node.none.recipient", "recipient not named", "modtager ikke nævnt"),
    ("node.none.project", "no project named", "intet projekt nævnt"),
    ("node.others", "{n} others", "{n} andre"),
    ("by_year", "Money per year", "Penge pr. år"),
    ("by_year.note",
     "A grant counts in the year it starts; an amount per year in every year of its period.",
     "En bevilling tælles i det år, den begynder; et beløb pr. år i hvert år af perioden."),
    ("by_topic", "Money per topic", "Penge pr. emne"),
    ("by_topic.note",
     "A grant counts under every topic of its project and the broader topics above them, so the rows "
     "overlap.",
     "En bevilling tælles under hvert af projektets emner og de bredere emner over dem, så rækkerne "
     "overlapper."),
    ("grants", "The grants", "Bevillingerne"),
    ("grants.all", "All {n} grants", "Alle {n} bevillinger"),
    ("grants.of", "The {n} grants of this selection", "De {n} bevillinger i dette udvalg"),
    ("grants.shown",
     "The {n} largest are listed here; the CSV and JSON have them all.",
     "De {n} største er vist her; CSV og JSON har dem alle."),
    ("per_year", "per year", "pr. år"),
    ("time.partners",
     "Partners of new projects: new and returning",
     "Partnere i nye projekter: nye og tilbagevendende"),
    ("time.activity", "Projects and organisations active", "Aktive projekter og organisationer"),
    ("time.money", "Money per year", "Penge pr. år"),
    ("time.table", "Year by year", "År for år"),
    ("col.projects_active", "Projects running", "Projekter i gang"),
    ("col.projects_started", "Projects started", "Projekter startet"),
    ("col.organisations_active", "Organisations active", "Aktive organisationer"),
    ("col.new_partners", "New partners", "Nye partnere"),
    ("col.returning_partners", "Returning partners", "Tilbagevendende partnere"),
    ("col.partnerships", "Partnerships", "Partnerskaber"),
    ("col.new_partnerships", "New partnerships", "Nye partnerskaber"),
    ("col.money", "Money", "Penge"),
    ("time.rules", "How it is counted", "Sådan tælles der"),
    ("time.rule.projects",
     "A project runs from its start year to its end year; one without an end is counted in its start year "
     "only.",
     "Et projekt løber fra sit startår til sit slutår; et uden slut tælles kun i sit startår."),
    ("time.rule.partners",
     "Among the partners of the projects starting in a year, an organisation is new when it had never "
     "taken part in a project before, else returning.",
     "Blandt partnerne i de projekter, der begynder i et år, er en organisation ny, når den aldrig før har"
     " deltaget i et projekt, ellers tilbagevendende."),
    ("time.rule.pairs",
     "A partnership is two organisations in one project; it is new in the year their first common project "
     "starts.",
     "Et partnerskab er to organisationer i ét projekt; det er nyt i det år, deres første fælles projekt "
     "begynder."),
    ("time.undated",
     "{projects} projects without dates and {grants} grants without a year are not on the timeline.",
     "{projects} projekter uden datoer og {grants} bevillinger uden år er ikke med på tidslinjen."),
    ("time.empty", "No dated projects or grants yet.", "Ingen daterede projekter eller bevillinger endnu."),
    ("places.regions", "Regions", "Regioner"),
    ("places.municipalities", "Municipalities and cities", "Kommuner og byer"),
    ("places.municipalities.note",
     "An organisation's municipality is the city of its seat: the data takes each Danish city as the "
     "municipality of the same name. Cities abroad are listed with their country.",
     "En organisations kommune er byen for dens hjemsted: data tager hver dansk by som kommunen af samme "
     "navn. Byer i udlandet står med deres land."),
    ("places.rules", "How it is counted", "Sådan tælles der"),
    ("places.rule",
     "An organisation counts where its seat is; a project wherever one of its participants is based; a "
     "grant's money where its recipient is based (or, without a recipient, its project's lead).",
     "En organisation tælles, hvor den har hjemsted; et projekt, hvor en af dets deltagere har hjemsted; "
     "en bevillings penge, hvor modtageren har hjemsted (eller, uden modtager, projektets leder)."),
    ("col.place", "Place", "Sted"),
    ("col.region", "Region", "Region"),
    ("col.organisations", "Organisations", "Organisationer"),
    ("col.projects", "Projects", "Projekter"),
    ("level.country", "{place} (no region recorded)", "{place} (ingen region registreret)"),
    ("level.none", "no place recorded", "intet sted registreret"),
    ("places.totals",
     "{organisations} organisations and {projects} projects in all.",
     "{organisations} organisationer og {projects} projekter i alt."),
    ("places.chart", "Organisations and projects per region", "Organisationer og projekter pr. region"),
    ("places.money", "Money per region", "Penge pr. region"),
    ("places.top", "The {n} busiest municipalities", "De {n} travleste kommuner"),
    ("sparql", "Show SPARQL", "Vis SPARQL"),
    ("sparql.lead",
     "The page counts the rows of these named queries:",
     "Siden tæller rækkerne fra disse færdige forespørgsler:"),
    ("downloads", "Download", "Hent"),
    ("chart.alt",
     "Chart; the table below has the same numbers.",
     "Diagram; tabellen nedenfor har de samme tal."),
)

#: The strings the charts' script needs (from ``STRINGS``).
SCRIPT = ("node.none.funder", "node.none.programme", "node.none.recipient", "node.none.project",
          "node.others", "col.grants", "col.new_partners", "col.returning_partners", "col.projects_active",
          "col.organisations_active", "col.organisations", "col.projects", "col.dkk", "col.money",
          "level.none")


def register() -> None:
    from webapp.i18n import register_strings

    register_strings(Texts(STRINGS, "insights."))
