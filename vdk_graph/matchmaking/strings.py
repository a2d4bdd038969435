"""The words of matchmaking's reasons and of the ``match`` command, in English and Danish.

One row per sentence: ``(key, English, Danish)``, read through :data:`TEXTS`
(``TEXTS("topics.pair", lang, items=…)``). The keys ending in ``.pair`` speak
of two organisations, those in ``.idea`` of a candidate and a consortium;
``tie.*`` say an existing tie from the candidate's side (``who``: the one
asking); ``role.*`` follow a kind ("a company that invests"); ``path.*`` read a
relation along a connection, from the edge's subject to its object;
``print.*`` are the command line's. The kinds' own names are the kinds table's
(:func:`vdk_graph.kinds.kind_phrase`).
"""

from __future__ import annotations

from vdk_graph.texts import Texts

TEXTS = Texts((
    ("existing", "already partners in {items}", "allerede partnere i {items}"),
    ("existing.tie", "already tied to {items}", "allerede forbundet med {items}"),
    ("topics.pair", "both work on {items}", "begge arbejder med {items}"),
    ("topics.idea", "works on {items}", "arbejder med {items}"),
    ("projects.pair", "both have projects on {items}", "begge har projekter om {items}"),
    ("projects.idea", "has projects on {items}", "har projekter om {items}"),
    ("projects.mine", "has projects on {items}, which {who} works on",
     "har projekter om {items}, som {who} arbejder med"),
    ("projects.theirs", "works on {items}, which {who} has projects on",
     "arbejder med {items}, som {who} har projekter om"),
    ("popular", "well connected: {n} partners so far", "godt forbundet: {n} partnere indtil nu"),
    ("now.active", "active in {n} projects since {year}", "aktiv i {n} projekter siden {year}"),
    ("now.active.one", "active in 1 project since {year}", "aktiv i 1 projekt siden {year}"),
    ("now.last", "last active in {year}", "sidst aktiv i {year}"),
    ("now.undated", "in {n} projects, none dated", "i {n} projekter, ingen dateret"),
    ("now.undated.one", "in 1 project, not dated", "i 1 projekt, ikke dateret"),
    ("now.none", "no projects on record yet", "ingen projekter registreret endnu"),
    ("cold",
     "a cold-start suggestion: with no projects on record yet, it rests on kind, fields, place and activity",
     "et kold-start-forslag: uden registrerede projekter bygger det på type, fagområder, sted og aktivitet"),
    ("text.pair", "their projects are described in the same words ({items})",
     "deres projekter beskrives med de samme ord ({items})"),
    ("text.idea", "its projects are described in words like yours ({items})",
     "dens projekter beskrives med ord som jeres ({items})"),
    ("partners.pair", "both partner with {items}", "begge samarbejder med {items}"),
    ("partners.idea", "shares partners with the consortium: {items}",
     "har fælles partnere med konsortiet: {items}"),
    ("direct", "already works with {items}", "arbejder allerede sammen med {items}"),
    ("steps", "is {n} steps away in the collaboration network, through {items}",
     "er {n} led væk i samarbejdsnetværket, via {items}"),
    ("kinds.pair", "one is {a} and one {b}", "den ene er {a} og den anden {b}"),
    ("kinds.idea", "is {b}, which the consortium lacks", "er {b}, som konsortiet mangler"),
    ("programmes.pair", "both take part in {items}", "begge deltager i {items}"),
    ("programmes.idea", "also takes part in {items}", "deltager også i {items}"),
    ("funders.pair", "both are funded by {items}", "begge er finansieret af {items}"),
    ("funders.idea", "is also funded by {items}", "er også finansieret af {items}"),
    ("funds.partner", "has funded {items}, a partner of {who}",
     "har finansieret {items}, som er partner til {who}"),
    ("funds.partners", "has funded {items}, partners of {who}",
     "har finansieret {items}, som er partnere til {who}"),
    ("city.pair", "both are based in {items}", "begge har hjemsted i {items}"),
    ("city.idea", "is also based in {items}", "har også hjemsted i {items}"),
    ("region.pair", "both are in {items}", "begge ligger i {items}"),
    ("region.idea", "is also in {items}", "ligger også i {items}"),
    ("consortium", "the consortium", "konsortiet"),
    ("more", "{n} more", "{n} flere"),
    ("one.more", "1 more", "1 mere"),
    ("and", "and", "og"),
    ("tie.founded", "is among the founders of {who}", "er blandt stifterne af {who}"),
    ("tie.founded_by", "{who} is among its founders", "{who} er blandt dens stiftere"),
    ("tie.owns", "is an owner of {who}", "er ejer af {who}"),
    ("tie.owned_by", "{who} is an owner of it", "{who} er ejer af den"),
    ("tie.part_of", "is part of {who}", "er en del af {who}"),
    ("tie.has_part", "{who} is part of it", "{who} er en del af den"),
    ("tie.formed_from", "was formed from {who}", "er dannet af {who}"),
    ("tie.formed_into", "{who} was formed from it", "{who} er dannet af den"),
    ("tie.member_of", "is a member of {who}", "er medlem af {who}"),
    ("tie.has_member", "{who} is a member of it", "{who} er medlem af den"),
    ("tie.invests_in", "has invested in {who}", "har investeret i {who}"),
    ("tie.invested_by", "{who} has invested in it", "{who} har investeret i den"),
    ("tie.funds", "has funded {who} or its projects", "har finansieret {who} eller dens projekter"),
    ("tie.funded_by", "{who} has funded it or its projects",
     "{who} har finansieret den eller dens projekter"),
    ("role.invests", "that invests", "der investerer"),
    ("role", "{kind} {role}", "{kind}, {role}"),
    ("community", "Community {n}", "Fællesskab {n}"),
    ("path.lead", "lead in", "leder af"),
    ("path.partner", "partner in", "partner i"),
    ("path.participant", "takes part in", "deltager i"),
    ("path.funds", "funds", "finansierer"),
    ("path.invests", "invests in", "investerer i"),
    ("path.member", "member of", "medlem af"),
    ("path.part", "part of", "del af"),
    ("path.founder", "founded", "stiftede"),
    ("path.owner", "owns", "ejer"),
    ("path.formed", "formed from", "dannet af"),
    ("path.programme", "part of", "del af"),
    ("path.topic", "about", "om"),
    ("path.position", "works at", "arbejder i"),
    ("print.partners", "Partners for {who}:", "Partnere til {who}:"),
    ("print.idea", "Consortium for the idea:", "Konsortium til idéen:"),
    ("print.cold",
     "cold start: no projects on record yet; suggestions rest on kind, fields, place and activity",
     "kold start: ingen registrerede projekter endnu; forslagene bygger på type, fagområder, sted og "
     "aktivitet"),
    ("print.none", "no suggestions (every organisation the signals reach is filtered out or a partner)",
     "ingen forslag"),
    ("print.now", "now", "nu"),
))

__all__ = ["TEXTS"]
