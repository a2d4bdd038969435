"""The titles of the quality report's figures and checks, in English and Danish.

One row per figure or check: ``(key, English, Danish)``, keyed ``figure.KEY`` and
``check.KEY`` by the key the report, the command line and ``/data/quality.json``
name it by. The JSON carries both languages (``{"en": …, "da": …}``, via
:meth:`vdk_graph.texts.Texts.by_lang`), because a report travels as data; the
page and the command line read one.
"""

from __future__ import annotations

from vdk_graph.texts import Texts

TEXTS = Texts((
    ("figure.organisations", "Organisations", "Organisationer"),
    ("figure.organisations-with-kind", "Organisations with a kind", "Organisationer med en art"),
    ("figure.organisations-with-place", "Organisations with a place", "Organisationer med et sted"),
    ("figure.organisations-with-city-region-country", "Organisations in a city with its region and country",
     "Organisationer i en by med region og land"),
    ("figure.organisations-linked", "Organisations linked to another organisation",
     "Organisationer forbundet med en anden organisation"),
    ("figure.organisations-with-cvr", "Organisations with a CVR number", "Organisationer med CVR-nummer"),
    ("figure.dvi-organisations", "Organisations of the digital visual industry",
     "Organisationer i den digitale visuelle industri"),
    ("figure.danish-dvi-companies", "Danish companies of the digital visual industry",
     "Danske virksomheder i den digitale visuelle industri"),
    ("figure.projects", "Projects", "Projekter"),
    ("figure.projects-with-start", "Projects with a start", "Projekter med en start"),
    ("figure.projects-with-two-participants", "Projects with at least two participants",
     "Projekter med mindst to deltagere"),
    ("figure.projects-with-start-and-two-participants", "Projects with a start and at least two participants",
     "Projekter med en start og mindst to deltagere"),
    ("figure.grants", "Grants", "Bevillinger"),
    ("figure.grants-with-amount", "Grants with an amount", "Bevillinger med et beløb"),
    ("figure.grants-with-period", "Grants with a period (a start or an end)", "Bevillinger med en periode"),
    ("figure.grants-saying-annual-or-not", "Grants with an amount that say whether it is annual",
     "Bevillinger med beløb, der siger, om det er årligt"),
    ("figure.sources-read-on-a-known-day", "Sources read on a known day", "Kilder læst på en kendt dag"),
    ("check.organisations-without-kind", "Organisations without a kind", "Organisationer uden art"),
    ("check.organisations-without-place", "Organisations without a place", "Organisationer uden sted"),
    ("check.organisations-without-links", "Organisations linked to no other organisation",
     "Organisationer uden forbindelse til en anden organisation"),
    ("check.projects-without-dates", "Projects without a start or an end", "Projekter uden start og slut"),
    ("check.projects-with-fewer-than-two-participants", "Projects with fewer than two participants",
     "Projekter med færre end to deltagere"),
    ("check.grants-without-amount", "Grants without an amount", "Bevillinger uden beløb"),
    ("check.grants-without-period", "Grants without a period", "Bevillinger uden periode"),
    ("check.statuses-contradicting-dates", "Project statuses the dates contradict",
     "Projektstatusser, som datoerne modsiger"),
    ("check.organisations-active-after-closing",
     "Organisations starting a project after the year they closed",
     "Organisationer, der starter et projekt efter det år, de ophørte"),
    ("check.suspected-duplicates", "Suspected duplicates", "Mulige dubletter"),
    ("check.sources-with-placeholder-read-dates", "Sources without a known read date",
     "Kilder uden kendt læsedato"),
))
