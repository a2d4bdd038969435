"""The named-query pages (/queries, /queries/<name> and their twins) and the workbench page (/query)."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from vdk_graph import queries
from vdk_graph.ontology import load_ontology
from vdk_graph.vocab import PREFIXES, VDK_NS

NAMES = [q.name for q in queries.load_all()]
ROOT = Path(__file__).parent.parent.parent


@pytest.fixture
def client(queries_app: Flask) -> FlaskClient:
    return queries_app.test_client()


class Links(HTMLParser):
    """Every element's attributes, to find links, scripts and inputs without regular expressions."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.inline_scripts = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script" and not dict(attrs).get("src")

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def find(self, tag: str, **wanted: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in wanted.items())]


def parse(html: str) -> Links:
    links = Links()
    links.feed(html)
    return links


# --------------------------------------------------------------------------- /queries


def test_the_list_shows_every_query_in_the_chosen_language(client: FlaskClient) -> None:
    english = client.get("/queries?lang=en").get_data(as_text=True)
    danish = client.get("/queries?lang=da").get_data(as_text=True)
    for named in queries.load_all():
        assert f'href="/queries/{named.name}"' in english
        assert named.title["en"] in english.replace("&#39;", "'")
        assert named.title["da"] in danish.replace("&#39;", "'")


def test_the_list_has_a_json_twin_with_parameters(client: FlaskClient) -> None:
    data = client.get("/queries.json").get_json()
    listed = {q["name"]: q for q in data["queries"]}
    assert set(listed) == set(NAMES)
    partners = listed["project-partners"]
    assert partners["params"] == [{"name": "project", "type": "project", "label": "Project", "required": True,
                                   "default": None, "example": "VDK"}]
    assert partners["json"] == "/queries/project-partners.json"
    assert partners["csv"] == "/queries/project-partners.csv"
    assert "VALUES (?project) { (UNDEF) }" in partners["example"]


# --------------------------------------------------------------------------- /queries/<name>


def test_a_page_shows_a_table_with_labelled_links(client: FlaskClient) -> None:
    response = client.get("/queries/project-partners?project=VDK")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    page = parse(html)
    link = page.find("a", href="/id/organisation/filmby-aarhus")
    assert link and link[0]["title"] == "https://w3id.org/vdk/id/organisation/filmby-aarhus"
    assert ">Filmby Aarhus</a>" in html
    headers = re.findall(r'<th scope="col">([^<]+)</th>', html)
    assert headers == ["partner", "role", "kind"]  # partnerLabel and roleLabel are folded into the links
    assert "7 rows" in html
    assert page.find("a", id="csv-twin")[0]["href"] == "/queries/project-partners.csv?project=VDK"


def test_the_json_twin_has_rows_labels_and_the_bound_query(client: FlaskClient) -> None:
    data = client.get("/queries/project-partners.json?project=VDK").get_json()
    assert data["columns"] == ["partner", "partnerLabel", "role", "roleLabel", "kind"]
    assert len(data["rows"]) == 7 and data["truncated"] is False
    assert data["rows"][0]["roleLabel"] == "Lead partner"
    assert data["labels"]["https://w3id.org/vdk/id/organisation/filmby-aarhus"] == "Filmby Aarhus"
    assert data["params"] == {"project": "VDK"}
    assert "VALUES (?project) { (<https://w3id.org/vdk/id/project/" in data["query"]["sparql"]


def test_the_csv_twin_has_the_same_rows(client: FlaskClient) -> None:
    response = client.get("/queries/project-partners.csv?project=VDK")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    json_rows = client.get("/queries/project-partners.json?project=VDK").get_json()["rows"]
    assert [r["partner"] for r in table] == [r["partner"] for r in json_rows]


def test_json_numbers_stay_numbers(client: FlaskClient) -> None:
    data = client.get("/queries/projects-active-in-year.json?year=2015").get_json()
    assert data["rows"] and all(isinstance(r["from"], int) and isinstance(r["participants"], int)
                                for r in data["rows"])


def test_the_form_has_typed_inputs_and_names_to_choose_from(client: FlaskClient) -> None:
    page = parse(client.get("/queries/grants").get_data(as_text=True))
    assert page.find("input", name="since")[0]["type"] == "date"
    assert page.find("input", name="min_amount")[0]["inputmode"] == "decimal"
    organisation = page.find("input", name="organisation")[0]
    assert organisation["list"] == "list-organisation"
    options = page.find("option")
    assert any(o.get("value") == "https://w3id.org/vdk/id/organisation/filmby-aarhus" for o in options)
    boolean = parse(client.get("/queries/organisation-projects").get_data(as_text=True))
    values = {o["value"] for o in boolean.find("option")}
    assert {"", "true", "false"} <= values


def test_a_page_without_its_required_parameters_shows_the_form_only(client: FlaskClient) -> None:
    response = client.get("/queries/project-partners")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="query-form"' in html and 'id="results-table"' not in html
    assert "Fill in the required parameters" in html
    twin = client.get("/queries/project-partners.json")
    assert twin.status_code == 400
    assert "needs parameter 'project'" in twin.get_json()["message"]


def test_a_bad_parameter_is_shown_on_the_page_with_status_400(client: FlaskClient) -> None:
    response = client.get("/queries/projects-active-in-year?year=soon")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "parameter &#39;year&#39; must be a year" in html and 'id="query-form"' in html
    assert 'value="soon"' in html  # the form keeps what was typed
    ambiguous = client.get("/queries/organisation-projects?organisation=Studio")
    assert ambiguous.status_code == 400
    assert "give a longer name or the IRI" in ambiguous.get_data(as_text=True)
    as_csv = client.get("/queries/grants.csv?since=yesterday")
    # a script reading the table gets one line saying what is wrong, not a web page
    assert as_csv.status_code == 400 and as_csv.mimetype == "text/plain"
    assert as_csv.get_data(as_text=True).startswith("400 ") and "since" in as_csv.get_data(as_text=True)
    assert client.get("/queries/no-such.csv").mimetype == "text/plain"


def test_an_unknown_query_is_404_in_html_and_json(client: FlaskClient) -> None:
    assert client.get("/queries/no-such").status_code == 404
    missing = client.get("/queries/no-such.json")
    assert missing.status_code == 404 and "project-partners" in missing.get_json()["message"]


def test_open_in_workbench_carries_the_bound_query(client: FlaskClient) -> None:
    page = parse(client.get("/queries/projects-active-in-year?year=2019&lang=da").get_data(as_text=True))
    [link] = page.find("a", id="open-workbench")
    query = parse_qs(urlsplit(link["href"] or "").query)["q"][0]
    assert urlsplit(link["href"] or "").path == "/query"
    assert "VALUES (?year) { (2019) }" in query


def test_a_parameter_from_the_url_cannot_reach_the_query_text(client: FlaskClient) -> None:
    attack = '") } } DROP ALL { ("'
    data = client.get("/queries/find-by-name.json", query_string={"text": attack}).get_json()
    assert data["rows"] == []
    assert data["query"]["sparql"].count("DROP ALL") == 1


# --------------------------------------------------------------------------- /query (the workbench page)


def test_the_workbench_page_loads_its_script_from_this_app_only(client: FlaskClient) -> None:
    response = client.get("/query")
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    page = parse(response.get_data(as_text=True))
    scripts = page.find("script")
    assert [s["src"] for s in scripts] == ["/static/dist/workbench.js"]
    assert page.inline_scripts == 0
    assert not [a for t, a in page.elements if any(k.startswith("on") for k in a)]  # no inline handlers
    with client.get("/static/dist/workbench.js") as bundle:
        assert bundle.status_code == 200 and len(bundle.data) > 100_000
    [root] = page.find("div", id="workbench")
    assert root["data-endpoint"] == "/sparql" and root["data-config"] == "/query.json"
    strings = json.loads(root["data-strings"] or "")
    assert "{ms}" in strings["rows_in"]


def test_the_committed_bundle_is_built_from_the_current_sources() -> None:
    """webapp/static/dist is committed (make run needs no node); it must match frontend/ and its lock file."""
    spec = importlib.util.spec_from_file_location("stamp", ROOT / "frontend" / "stamp.py")
    assert spec and spec.loader
    stamp = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stamp)
    assert "package-lock.json" in stamp.inputs() and "src/workbench.js" in stamp.inputs()
    assert stamp.built_digest() == stamp.digest(), "the bundle is stale: run 'make frontend' and commit dist/"
    lock = json.loads((ROOT / "frontend" / "package-lock.json").read_text())
    pinned = json.loads((ROOT / "frontend" / "package.json").read_text())["dependencies"]
    for name, version in pinned.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version, name


def test_the_permalink_puts_the_query_in_the_editor(client: FlaskClient) -> None:
    query = 'SELECT ?s WHERE { ?s a vdk:Project } # "quoted" <tags>'
    html = client.get("/query", query_string={"q": query}).get_data(as_text=True)
    assert ">SELECT ?s WHERE { ?s a vdk:Project } # &#34;quoted&#34; &lt;tags&gt;</textarea>" in html


def test_the_workbench_lists_every_named_query_as_an_example(client: FlaskClient) -> None:
    page = parse(client.get("/query?lang=da").get_data(as_text=True))
    examples = {a["data-example"]: a["href"] for t, a in page.elements if t == "a" and a.get("data-example")}
    assert set(examples) == set(NAMES)
    opened = parse_qs(urlsplit(examples["projects-active-in-year"] or "").query)["q"][0]
    assert opened == queries.get("projects-active-in-year").example()


def test_the_json_twin_offers_prefixes_and_every_ontology_term(client: FlaskClient) -> None:
    data = client.get("/query.json?lang=da").get_json()
    assert data["endpoint"] == "/sparql" and data["prefixes"] == PREFIXES
    terms = {t["name"]: t for t in data["terms"]}
    declared = {str(s) for s in load_ontology().subjects() if str(s).startswith(VDK_NS)}
    assert {"vdk:" + iri[len(VDK_NS):] for iri in declared} <= set(terms)
    assert terms["vdk:Project"]["kind"] == "class" and terms["vdk:Project"]["label"] == "Projekt"
    assert terms["vdk:participatesIn"]["kind"] == "property"
    assert terms["vdk:LeadPartner"]["kind"] == "individual"
    assert "rdfs:label" in terms and "schema:startDate" in terms
    assert {e["name"] for e in data["examples"]} == set(NAMES)


def test_sparql_without_a_query_sends_browsers_to_the_workbench(client: FlaskClient) -> None:
    response = client.get("/sparql", headers={"Accept": "text/html"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/query")


def test_a_named_query_cut_at_the_row_limit_still_makes_a_page(sparql_app) -> None:  # type: ignore[no-untyped-def]
    """The endpoint's cut JSON carries vdk:truncated after the bindings; the page must still read it."""
    app = sparql_app(kind="embedded", max_rows=1)
    response = app.test_client().get("/queries/sources.json")
    assert response.status_code == 200, response.get_data(as_text=True)
    data = response.get_json()
    assert data["truncated"] is True and len(data["rows"]) == 1
