"""The tables a synthetic ecosystem is drawn from: kinds of organisation, topics, places and names.

Data, not logic: :mod:`vdk_graph.synth.generator` draws from these tables and
:mod:`vdk_graph.synth.rdf` writes the topics and places as RDF, so changing a
table changes both the generated world and its vocabulary triples.
"""

from __future__ import annotations

from vdk_graph.kinds import node_kind
from vdk_graph.vocab import VDK

#: Appended to every generated name, so synthetic names never pass for real ones.
MARK = " (synthetic)"

# --- Kinds of organisation ----------------------------------------------------------------------
COMPANY = str(VDK.Company)
FUNDING_BODY, INVESTOR, CLUSTER = str(VDK.FundingBody), str(VDK.Investor), str(VDK.ClusterOrganisation)
#: (class, share, minimum count, group); companies are the rest (~70 %). The group is the class's kind in
#: the kinds table (:mod:`vdk_graph.kinds`), told apart as companies, knowledge institutions, finance
#: and the rest: funders and investors take part through grants and investments, not as project partners.
_SHARES: tuple[tuple[str, float, int], ...] = (
    (str(VDK.University), 0.03, 1),
    (str(VDK.UniversityCollege), 0.03, 0),
    (str(VDK.KnowledgeInstitution), 0.04, 0),
    (str(VDK.PublicAuthority), 0.02, 0),
    (str(VDK.Municipality), 0.03, 0),
    (FUNDING_BODY, 0.05, 1),
    (INVESTOR, 0.05, 1),
    (str(VDK.IndustryAssociation), 0.035, 0),
    (CLUSTER, 0.015, 1),
)
#: The synthetic generator's groups of the kinds table's organisation kinds.
_KIND_GROUPS = {"company": "company", "knowledge": "knowledge", "fund": "finance", "investor": "finance"}


def _group(cls: str) -> str:
    return _KIND_GROUPS.get(node_kind({cls}) or "", "other")


KINDS: tuple[tuple[str, float, int, str], ...] = tuple((c, s, m, _group(c)) for c, s, m in _SHARES)
GROUP = {kind: group for kind, _, _, group in KINDS} | {COMPANY: _group(COMPANY)}

# --- Topics -------------------------------------------------------------------------------------
#: (family, English label, Danish label). Families give a community a coherent profile.
TOPICS: tuple[tuple[str, str, str], ...] = (
    ("games", "Game development", "Spiludvikling"),
    ("games", "Game design", "Spildesign"),
    ("games", "Serious games", "Seriøse spil"),
    ("games", "Game engines", "Spilmotorer"),
    ("games", "Indie games", "Indiespil"),
    ("games", "Mobile games", "Mobilspil"),
    ("games", "Esports", "E-sport"),
    ("games", "Gamification", "Gamificering"),
    ("games", "Procedural generation", "Procedurel generering"),
    ("animation", "Animation", "Animation"),
    ("animation", "3D animation", "3D-animation"),
    ("animation", "Stop-motion animation", "Stop motion-animation"),
    ("animation", "Character design", "Karakterdesign"),
    ("animation", "Animated series", "Animationsserier"),
    ("animation", "Motion capture", "Motion capture"),
    ("animation", "Children's media", "Børnemedier"),
    ("vfx", "Visual effects", "Visuelle effekter"),
    ("vfx", "Compositing", "Compositing"),
    ("vfx", "Real-time rendering", "Realtidsrendering"),
    ("vfx", "Virtual production", "Virtuel produktion"),
    ("vfx", "Previsualisation", "Previsualisering"),
    ("vfx", "Post-production", "Postproduktion"),
    ("xr", "Extended reality", "Udvidet virkelighed (XR)"),
    ("xr", "Virtual reality", "Virtuel virkelighed"),
    ("xr", "Augmented reality", "Forøget virkelighed"),
    ("xr", "Immersive storytelling", "Immersiv historiefortælling"),
    ("xr", "Spatial audio", "Rumlig lyd"),
    ("xr", "Location-based experiences", "Stedbaserede oplevelser"),
    ("screen", "Film production", "Filmproduktion"),
    ("screen", "TV drama", "Tv-drama"),
    ("screen", "Documentary", "Dokumentarfilm"),
    ("screen", "Short film", "Kortfilm"),
    ("screen", "Screenwriting", "Manuskriptskrivning"),
    ("screen", "Sound design", "Lyddesign"),
    ("screen", "Music for media", "Musik til medier"),
    ("tech", "AI tools", "AI-værktøjer"),
    ("tech", "Generative AI", "Generativ AI"),
    ("tech", "Machine learning for media", "Maskinlæring til medier"),
    ("tech", "Cloud production pipelines", "Cloudbaserede produktionspipelines"),
    ("tech", "Digital twins", "Digitale tvillinger"),
    ("tech", "Data visualisation", "Datavisualisering"),
    ("tech", "Human-computer interaction", "Menneske-computer-interaktion"),
    ("applied", "Edtech", "Uddannelsesteknologi"),
    ("applied", "Healthtech visualisation", "Visualisering i sundhedsteknologi"),
    ("applied", "Architecture visualisation", "Arkitekturvisualisering"),
    ("applied", "Simulation and training", "Simulering og træning"),
    ("applied", "Cultural heritage", "Kulturarv"),
    ("applied", "Museum experiences", "Museumsoplevelser"),
    ("applied", "Advertising and branded content", "Reklame og branded content"),
    ("business", "Sustainability in production", "Bæredygtighed i produktionen"),
    ("business", "Talent development", "Talentudvikling"),
    ("business", "Distribution", "Distribution"),
    ("business", "Festivals", "Festivaler"),
    ("business", "Internationalisation", "Internationalisering"),
    ("business", "Business development", "Forretningsudvikling"),
    ("business", "Entrepreneurship", "Iværksætteri"),
    ("business", "Co-production", "Koproduktion"),
    ("business", "Intellectual property", "Immaterielle rettigheder"),
    ("business", "Diversity and inclusion", "Diversitet og inklusion"),
    ("business", "Audience development", "Publikumsudvikling"),
)
TOPIC_LABELS = tuple(en for _, en, _ in TOPICS)
#: How often each family is a community's main one ("business" topics are in every community).
FAMILIES = {"games": 4, "animation": 3, "vfx": 2, "xr": 2, "screen": 4, "tech": 2, "applied": 2}
FAMILY_WORDS = {
    "games": "games", "animation": "animation", "vfx": "visual effects", "xr": "XR", "screen": "film and TV",
    "tech": "creative technology", "applied": "applied visualisation",
}


# --- Places -------------------------------------------------------------------------------------
REGIONS = (
    "Region Hovedstaden", "Region Midtjylland", "Region Syddanmark", "Region Nordjylland", "Region Sjælland",
)
#: (city, region, weight): real Danish cities, weighted roughly by where the industry is.
CITIES: tuple[tuple[str, str, float], ...] = (
    ("København", "Region Hovedstaden", 30), ("Frederiksberg", "Region Hovedstaden", 5),
    ("Kongens Lyngby", "Region Hovedstaden", 3), ("Hillerød", "Region Hovedstaden", 1),
    ("Helsingør", "Region Hovedstaden", 1), ("Ballerup", "Region Hovedstaden", 1),
    ("Aarhus", "Region Midtjylland", 14), ("Viborg", "Region Midtjylland", 5),
    ("Herning", "Region Midtjylland", 2), ("Silkeborg", "Region Midtjylland", 1.5),
    ("Horsens", "Region Midtjylland", 1.5), ("Randers", "Region Midtjylland", 1),
    ("Holstebro", "Region Midtjylland", 1), ("Odense", "Region Syddanmark", 6),
    ("Kolding", "Region Syddanmark", 3), ("Vejle", "Region Syddanmark", 2),
    ("Esbjerg", "Region Syddanmark", 1.5), ("Sønderborg", "Region Syddanmark", 1),
    ("Svendborg", "Region Syddanmark", 1), ("Aalborg", "Region Nordjylland", 6),
    ("Hjørring", "Region Nordjylland", 1), ("Frederikshavn", "Region Nordjylland", 1),
    ("Roskilde", "Region Sjælland", 2), ("Næstved", "Region Sjælland", 1),
    ("Køge", "Region Sjælland", 1), ("Slagelse", "Region Sjælland", 1), ("Holbæk", "Region Sjælland", 1),
)

# --- Names --------------------------------------------------------------------------------------
#: Invented name stems (with æ, ø, å so name folding is exercised): head + tail.
STEM_HEADS = (
    "Nord", "Sølv", "Ræve", "Blå", "Grøn", "Hvid", "Ørne", "Å", "Lærke", "Kløver", "Bølge", "Skov",
    "Fjord", "Mørke", "Sø", "Sne", "Guld", "Stjerne", "Måne", "Sol", "Trane", "Æble", "Hjorte", "Ravn",
)
STEM_TAILS = ("lys", "høj", "dal", "vang", "bæk", "gård", "strøm", "fjeld", "lund", "holm", "næs", "bro",
              "sten", "skær", "mose", "våg")
NAME_PATTERNS = {
    COMPANY: ("{s} Studio", "{s} Games", "{s} Pictures", "{s} Animation", "{s} Interactive", "{s} Film",
              "{s} Media", "{s} Labs", "{s} Sound", "{s} VFX", "{s} XR", "{s} Digital"),
    str(VDK.University): ("University of {s}",),
    str(VDK.UniversityCollege): ("{s} University College",),
    str(VDK.KnowledgeInstitution): ("{s} Media Lab", "{s} Institute of Digital Design",
                                    "{s} Research Centre"),
    str(VDK.PublicAuthority): ("{s} Agency for Culture", "{s} Growth Board"),
    str(VDK.Municipality): ("{s} Kommune",),
    FUNDING_BODY: ("{s} Film Fund", "{s} Foundation", "{s} Fonden"),
    INVESTOR: ("{s} Ventures", "{s} Capital", "{s} Invest"),
    str(VDK.IndustryAssociation): ("{s} Producers' Association", "{s} Games Network"),
    CLUSTER: ("{s} Creative Cluster",),
}
PROGRAMME_LINES = ("Innovation", "Talent and Skills")
