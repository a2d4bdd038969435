"""Interface strings of the matchmaking pages in English and Danish (registered by ``webapp.views.match``).

The reasons themselves come from :mod:`vdk_graph.matchmaking.reasons`, which writes
them in the language asked for; these are the words around them.
"""

from __future__ import annotations

from vdk_graph.kinds import ORGANISATION_KINDS_IN_ORDER, kind_name
from vdk_graph.texts import Rows, Texts

MATCH: Rows = (
    ("title", "Matchmaking", "Matchmaking"),
    ("lead", "Find partners for an organisation, or a consortium for a project idea. Every suggestion says "
             "why, and links to the evidence.",
     "Find partnere til en organisation eller et konsortium til en projektidé. Hvert forslag siger hvorfor "
     "og linker til belæggene."),
    ("tab.match", "Suggestions", "Forslag"),
    ("tab.connect", "Connections", "Forbindelser"),
    ("tab.brokers", "Brokers", "Brobyggere"),
    ("tab.communities", "Communities", "Fællesskaber"),
    ("form.org", "Organisation", "Organisation"),
    ("form.org.placeholder", "Type a name, e.g. Filmby Aarhus", "Skriv et navn, fx Filmby Aarhus"),
    ("form.options", "Matching organisations", "Organisationer, der passer"),
    ("form.or", "… or describe a project idea", "… eller beskriv en projektidé"),
    ("form.idea", "Project idea", "Projektidé"),
    ("form.idea.placeholder", "e.g. virtual production for an animated series",
     "fx virtuel produktion til en animationsserie"),
    ("form.topics", "Topics (comma-separated)", "Emner (adskilt med komma)"),
    ("form.members", "Already in the consortium (comma-separated)",
     "Allerede i konsortiet (adskilt med komma)"),
    ("form.kinds", "Kinds of partner", "Slags partner"),
    ("form.region", "Region or city", "Region eller by"),
    ("form.include_partners", "Include existing partners", "Medtag nuværende partnere"),
    ("form.top", "How many", "Antal"),
    ("form.advanced", "Fine-tune the ranking", "Finjustér rækkefølgen"),
    ("form.advanced.help",
     "For spreading a list beyond the busiest organisations, the benchmark's setting is weights "
     "hubness=3, keep the first 8, floor 0.5. Empty fields keep the fitted defaults.",
     "Vil du sprede listen ud over de mest aktive organisationer, er benchmarkens indstilling vægtene "
     "hubness=3, behold de første 8, bund 0,5. Tomme felter beholder de tilpassede standardværdier."),
    ("form.weights", "Weights (e.g. topics=2,geography=0)", "Vægte (fx topics=2,geography=0)"),
    ("form.keep_first", "Keep the first places as ranked by evidence",
     "Behold de første pladser efter evidens"),
    ("form.floor", "Floor for the spread places (0–1)", "Bund for de spredte pladser (0–1)"),
    ("form.cold_uncapped", "For a newcomer: count candidates' activity in full",
     "For en nytilkommen: tæl kandidaternes aktivitet fuldt ud"),
    ("form.submit", "Suggest partners", "Foreslå partnere"),
    ("form.submit_idea", "Suggest a consortium", "Foreslå et konsortium"),
    ("results.org", "Partners for {name}", "Partnere til {name}"),
    ("results.idea", "Who to invite into the consortium", "Hvem der kan inviteres ind i konsortiet"),
    ("results.topics", "Topics of the idea:", "Idéens emner:"),
    ("results.unmatched", "Not a known topic (used as text):", "Ikke et kendt emne (brugt som tekst):"),
    ("none", "No suggestions: every organisation the signals reach is filtered out or already a partner.",
     "Ingen forslag: alle de organisationer, signalerne når, er filtreret fra eller allerede partnere."),
    ("score", "score", "score"),
    ("partner", "already a partner", "allerede partner"),
    ("route", "Shortest connection", "Korteste forbindelse"),
    ("all_paths", "all connections", "alle forbindelser"),
    ("signals", "What each signal added", "Hvad hvert signal bidrog med"),
    ("ambiguous", "Several organisations match. Which one do you mean?",
     "Flere organisationer passer. Hvilken mener du?"),
    ("find", "find partners", "find partnere"),
    ("data", "This page as data:", "Denne side som data:"),
    ("why_now", "Why now:", "Hvorfor nu:"),
    ("invests", "invests", "investerer"),
    ("cold_start", "Cold start: no projects of this organisation are on record yet, so these suggestions "
                   "rest on its kind, fields and place and on how active the others are.",
     "Kold start: der er endnu ingen registrerede projekter for denne organisation, så forslagene bygger på "
     "dens type, fagområder og sted og på, hvor aktive de andre er."),
)
#: What the forms and tags call each organisation kind (the kinds table's names).
KINDS: Rows = tuple((kind, kind_name(kind, "en"), kind_name(kind, "da"))
                    for kind in ORGANISATION_KINDS_IN_ORDER)
SIGNALS: Rows = (
    ("topics", "Shared own fields", "Fælles egne fagområder"),
    ("project_topics", "Shared project keywords", "Fælles projektnøgleord"),
    ("popularity", "Well connected", "Godt forbundet"),
    ("activity", "Active lately", "Aktiv for nylig"),
    ("repeat", "Worked together before", "Har arbejdet sammen før"),
    ("text", "Similar descriptions", "Lignende beskrivelser"),
    ("common_partners", "Common partners", "Fælles partnere"),
    ("adamic_adar", "Rare common partners", "Sjældne fælles partnere"),
    ("pagerank", "Close in the network", "Tæt på i netværket"),
    ("complementarity", "Complementary kinds", "Komplementære typer"),
    ("funding", "Shared programmes and funders", "Fælles programmer og finansiering"),
    ("geography", "Nearby", "Tæt på geografisk"),
    ("field_activity", "Active in your fields", "Aktiv inden for jeres fagområder"),
    ("exposure", "Already suggested to many (penalty)", "Allerede foreslået til mange (fradrag)"),
    ("hubness", "Partner of many already (penalty)", "Allerede partner for mange (fradrag)"),
)
CONNECT: Rows = (
    ("title", "How are they connected?", "Hvordan er de forbundet?"),
    ("lead", "The shortest paths between two organisations, with every relation named.",
     "De korteste veje mellem to organisationer, med hver relation navngivet."),
    ("a", "From", "Fra"),
    ("b", "To", "Til"),
    ("k", "Paths", "Stier"),
    ("submit", "Show connections", "Vis forbindelser"),
    ("none", "{a} and {b} are not connected in the graph.", "{a} og {b} er ikke forbundet i grafen."),
    ("steps", "{n} steps", "{n} led"), ("step", "{n} step", "{n} led"),
)
STRUCTURE: Rows = (
    ("computing", "The network measures are being computed; this page refreshes itself.",
     "Netværksmålene bliver beregnet; siden opdaterer sig selv."),
    ("stale", "Showing the measures of the previous data while the new ones are computed.",
     "Viser målene for de forrige data, mens de nye beregnes."),
    ("method", "Betweenness estimated from {samples} of {n} organisations (seed {seed}); "
               "Louvain communities; computed {when}.",
     "Mellemlæggende centralitet anslået ud fra {samples} af {n} organisationer (seed {seed}); "
     "Louvain-fællesskaber; beregnet {when}."),
)
BROKERS: Rows = (
    ("title", "Brokers", "Brobyggere"),
    ("lead", "Organisations on many of the shortest routes between others, whose partners sit in several "
             "communities: the ones who can make introductions.",
     "Organisationer på mange af de korteste veje mellem andre, hvis partnere er i flere fællesskaber: "
     "dem, der kan introducere."),
    ("col.org", "Organisation", "Organisation"),
    ("col.betweenness", "Betweenness", "Mellemlæggende centralitet"),
    ("col.bridging", "Bridging", "Brobygning"),
    ("col.bridges", "Communities it bridges (partners there)", "Fællesskaber, den forbinder (partnere der)"),
    ("none", "No brokers: no organisation has partners in two communities.",
     "Ingen brobyggere: ingen organisation har partnere i to fællesskaber."),
)
COMMUNITIES: Rows = (
    ("title", "Communities", "Fællesskaber"),
    ("lead", "Groups that work more among themselves than with others (Louvain), named after their most "
             "typical topics.",
     "Grupper, der samarbejder mere indbyrdes end med andre (Louvain), navngivet efter deres mest "
     "typiske emner."),
    ("size", "{n} organisations", "{n} organisationer"),
    ("members", "Best connected", "Bedst forbundne"),
    ("topics", "Typical topics", "Typiske emner"),
    ("none", "No communities: there are no collaborations in the graph yet.",
     "Ingen fællesskaber: der er endnu ingen samarbejder i grafen."),
    ("outreach", "Organisations without collaborations", "Organisationer uden samarbejder"),
    ("outreach.lead", "No shared project, funding, investment or cluster tie in the graph: the ones to call.",
     "Intet fælles projekt, ingen finansiering, investering eller klyngetilknytning i grafen: "
     "dem, der skal ringes op."),
    ("outreach.none", "Every organisation has at least one collaboration.",
     "Alle organisationer har mindst ét samarbejde."),
)

STRINGS: tuple[Texts, ...] = (
    Texts(MATCH, "match."), Texts(KINDS, "match.kind."), Texts(SIGNALS, "match.signal."),
    Texts(CONNECT, "connect."), Texts(STRUCTURE, "structure."), Texts(BROKERS, "brokers."),
    Texts(COMMUNITIES, "communities."),
)
