"""CORDIS's codes and what they mean in the ontology: programmes, roles, activity types, countries.

Data, not code: a new CORDIS role or activity type is one row here.
"""

from __future__ import annotations

from vdk_graph.vocab import VDK

PROGRAMMES = {
    "H2020": "Horizon 2020",
    "HORIZON": "Horizon Europe",
    "HE": "Horizon Europe",
    "FP7": "FP7",
}
ROLES = {
    "coordinator": VDK.LeadPartner,
    "participant": VDK.ProjectPartner,
    "partner": VDK.ProjectPartner,
    "beneficiary": VDK.ProjectPartner,
    "internationalpartner": VDK.ProjectPartner,
    "associatedpartner": VDK.AssociatedPartner,
    "thirdparty": VDK.UnspecifiedRole,
}
#: CORDIS activity types: higher or secondary education, research organisation, private for-profit,
#: public body, other.
KINDS = {
    "HES": VDK.KnowledgeInstitution,
    "REC": VDK.KnowledgeInstitution,
    "PRC": VDK.Company,
    "PUB": VDK.PublicAuthority,
    "OTH": VDK.Organisation,
}
#: ISO 3166 codes as CORDIS writes them (EL for Greece, UK for the United Kingdom) → English names.
COUNTRIES = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "CH": "Switzerland",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DE": "Germany",
    "DK": "Denmark",
    "EE": "Estonia",
    "EL": "Greece",
    "GR": "Greece",
    "ES": "Spain",
    "FI": "Finland",
    "FO": "Faroe Islands",
    "FR": "France",
    "GL": "Greenland",
    "HR": "Croatia",
    "HU": "Hungary",
    "IE": "Ireland",
    "IL": "Israel",
    "IS": "Iceland",
    "IT": "Italy",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "LV": "Latvia",
    "MT": "Malta",
    "NL": "Netherlands",
    "NO": "Norway",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "RS": "Serbia",
    "SE": "Sweden",
    "SI": "Slovenia",
    "SK": "Slovakia",
    "TR": "Turkey",
    "UA": "Ukraine",
    "UK": "United Kingdom",
    "GB": "United Kingdom",
    "US": "United States",
    "CA": "Canada",
    "AU": "Australia",
    "JP": "Japan",
}
