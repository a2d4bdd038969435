"""One view per page: a page and its JSON/CSV twins are one function, the format in the route."""

from __future__ import annotations

import pytest
from flask import Blueprint, Flask, jsonify

from tests.factories import app_for
from vdk_graph.store import MemoryStore
from webapp.negotiation import wsgi_error_format
from webapp.pages import with_twins

#: Pages whose ".json" is another resource than the page's data (none left: the home page, the
#: workbench and the named queries' pages are one view each, like every other page).
NOT_TWINS: set[str] = set()
#: Twins whose path is not the page's plus a suffix: "/" has none to add, so its twin is /index.json.
PAGE_OF = {"/index": "/"}


def test_one_view_answers_the_page_and_its_twins() -> None:
    bp = Blueprint("t", __name__)

    @with_twins(bp, "/thing", "json", "csv")
    def thing(fmt: str) -> object:
        return jsonify({"fmt": fmt}) if fmt != "html" else "<p>html</p>"

    app = Flask(__name__)
    app.register_blueprint(bp)
    client = app.test_client()
    assert client.get("/thing").text == "<p>html</p>"
    assert client.get("/thing.json").json == {"fmt": "json"}
    assert client.get("/thing.csv").json == {"fmt": "csv"}
    assert client.get("/thing.xml").status_code == 404
    with app.test_request_context():
        from flask import url_for

        assert url_for("t.thing") == "/thing" and url_for("t.thing", fmt="json") == "/thing.json"


def test_a_page_without_twins_is_refused() -> None:
    with pytest.raises(ValueError, match="twins"):
        with_twins(Blueprint("u", __name__), "/x")


def test_every_json_twin_in_the_app_is_its_page_s_own_view() -> None:
    app = app_for(MemoryStore())
    rules = {rule.rule: rule.endpoint for rule in app.url_map.iter_rules()}
    split = [r for r in rules if ".<any(" in r and r.endswith(":fmt>")]  # registered by with_twins
    assert {"/match.<any('json'):fmt>", "/connect.<any('json'):fmt>", "/data.<any('json'):fmt>",
            "/search.<any('json'):fmt>", "/data/quality.<any('json'):fmt>", "/index.<any('json'):fmt>",
            "/query.<any('json'):fmt>", "/queries/<name>.<any('json', 'csv'):fmt>"} <= set(split)
    for rule in split:
        page = rule.split(".<any(")[0]
        assert rules[rule] == rules[PAGE_OF.get(page, page)], rule
    written_twice = [r for r in rules if r.endswith((".json", ".csv")) and r[: r.rindex(".")] in rules
                     and rules[r] != rules[r[: r.rindex(".")]] and r not in NOT_TWINS]
    assert written_twice == []


@pytest.mark.parametrize(("path", "accept", "expected"), [
    ("/match.json", None, "json"),
    ("/match", "application/ld+json, text/html;q=0.5", "json"),
    ("/match", "text/html,application/json;q=0.9", "text"),
    ("/match", None, "text"),
])
def test_the_page_deadline_answers_in_the_format_negotiation_chooses(
        path: str, accept: str | None, expected: str) -> None:
    """The deadline's 503 is made outside any request; its format is still negotiation's decision."""
    assert wsgi_error_format(path, accept) == expected
