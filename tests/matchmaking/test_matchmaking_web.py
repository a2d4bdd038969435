"""The matchmaking pages and their JSON twins through Flask's test client."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.matchmaking_fixtures import org
from vdk_graph.config import Settings
from vdk_graph.matchmaking.suggestions import Suggestions
from vdk_graph.store import MemoryStore
from webapp import create_app
from webapp.views import match as match_view


def app_for(store: MemoryStore) -> Flask:
    return create_app(Settings(store="memory:"), {"TESTING": True}, store=store)


@pytest.fixture(scope="module")
def app(match_store: MemoryStore) -> Flask:
    return app_for(match_store)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A fresh client per test: the language cookie one test sets must not leak into the next."""
    return app.test_client()


def test_the_match_page_has_the_form_the_nav_link_and_no_inline_script(client: FlaskClient) -> None:
    page = client.get("/match")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'href="/match"' in html and 'aria-current="page"' in html
    assert 'id="org"' in html and 'name="idea"' in html and 'value="knowledge"' in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert "style=" not in html
    assert page.headers["Content-Security-Policy"].startswith("default-src 'self'")


def test_suggestions_show_reasons_evidence_links_and_a_map(client: FlaskClient) -> None:
    html = client.get("/match?org=Nordlys+Studio").get_data(as_text=True)
    first = html.split('id="s1"')[1].split('id="s2"')[0]
    assert 'href="/id/organisation/uni">Aarhus Animation University</a>' in first
    assert "both partner with Filmby Aarhus" in first
    assert 'href="/id/organisation/filmby"' in first and 'href="/id/topic/xr"' in first
    assert "<svg" in first and "lead in" in first
    assert 'href="/connect?a=' in first
    assert 'value="Nordlys Studio"' in html and f'value="{org("studio")}"' in html


def test_the_json_twin(client: FlaskClient) -> None:
    data = client.get(f"/match.json?org={org('studio')}&top=2").get_json()
    assert data["organisation"]["iri"] == org("studio")
    assert [s["iri"] for s in data["suggestions"]] == [org("uni"), org("gamesco")]
    assert data["suggestions"][0]["reasons"][0] and data["weights"]["topics"] > 0
    filtered = client.get("/match.json?org=Nordlys+Studio&kind=knowledge&include_partners=1").get_json()
    assert {s["kind"] for s in filtered["suggestions"]} == {"knowledge"}


def test_every_suggestion_says_why_now_and_a_newcomer_is_told_it_is_a_cold_start(client: FlaskClient) -> None:
    html = client.get("/match?org=Nordlys+Studio").get_data(as_text=True)
    first = html.split('id="s1"')[1].split('id="s2"')[0]
    assert 'class="why-now"' in first and "active in 1 project since 2021" in first
    assert 'id="cold-start"' not in html
    cold = client.get("/match?org=Pixel+North").get_data(as_text=True)
    assert 'id="cold-start"' in cold and "Cold start" in cold
    data = client.get("/match.json?org=Pixel+North").get_json()
    assert data["cold_start"] is True
    assert all(s["reasons"][0].startswith("a cold-start suggestion") for s in data["suggestions"])


@pytest.mark.parametrize("weights", ["topics=nan", "topics=inf", "topics=-1", "geography=-inf"])
def test_a_weight_that_is_not_a_finite_number_is_a_400_with_a_sentence(client: FlaskClient,
                                                                        weights: str) -> None:
    response = client.get(f"/match.json?org=Nordlys+Studio&weights={weights}")
    assert response.status_code == 400
    body = response.get_json()  # valid JSON, not a NaN in the body
    assert body["error"] == "MatchError" and "finite number" in body["message"]
    page = client.get(f"/match?org=Nordlys+Studio&weights={weights}")
    assert page.status_code == 400 and 'id="org"' in page.get_data(as_text=True)  # the form stays
    assert client.get("/match.json?org=Nordlys+Studio&weights=colour=2").status_code == 400
    assert client.get("/match.json?org=Nordlys+Studio&weights=topics=2").status_code == 200


def test_danish(client: FlaskClient) -> None:
    html = client.get("/match?org=Nordlys+Studio&lang=da").get_data(as_text=True)
    assert "Partnere til Nordlys Studio" in html and "begge samarbejder med Filmby Aarhus" in html
    assert "Aarhus Animationsuniversitet" in html and "Videninstitution" in html


def test_an_idea(client: FlaskClient) -> None:
    data = client.get("/match.json?idea=animation+pipeline+for+museums&topic=XR&kind=knowledge").get_json()
    assert data["idea"]["topics"][0]["label"] in ("XR", "animation")
    assert data["suggestions"][0]["iri"] == org("uni")
    html = client.get("/match?idea=animation+pipeline&org=Nordlys+Studio").get_data(as_text=True)
    assert "Who to invite into the consortium" in html and "which the consortium lacks" in html


def test_ambiguous_and_unknown_names(client: FlaskClient) -> None:
    page = client.get("/match?org=Pixel")
    assert page.status_code == 400
    html = page.get_data(as_text=True)
    assert "Which one do you mean?" in html and f'href="/match?org={org("pixel-north")}' in html.replace(
        "%3A", ":").replace("%2F", "/")
    data = client.get("/match.json?org=Pixel").get_json()
    assert data["error"] == "AmbiguousName" and [c["label"] for c in data["candidates"]] == ["Pixel North",
                                                                                            "Pixel South"]
    page = client.get("/match?org=Zebra")
    assert page.status_code == 404 and 'id="org"' in page.get_data(as_text=True)
    assert "no organisation called &#39;Zebra&#39;" in page.get_data(as_text=True)
    missing = client.get("/match.json?org=Zebra")
    assert missing.status_code == 404 and "no organisation called 'Zebra'" in missing.get_json()["message"]
    assert client.get("/match.json").status_code == 400
    assert client.get("/match.json?org=Nordlys&kind=spaceship").status_code == 400


def test_organisation_search_for_the_typing_field(client: FlaskClient) -> None:
    found = client.get("/match/organisations.json?q=nord").get_json()
    assert found[0] == {"iri": org("studio"), "label": "Nordlys Studio", "kind": "company",
                        "kind_label": "Company"}
    assert client.get("/match/organisations.json?q=").get_json() == []


def test_connect_page_and_twin(client: FlaskClient) -> None:
    html = client.get("/connect?a=Nordlys+Studio&b=Aarhus+Animation+University").get_data(as_text=True)
    assert "<svg" in html and "4 steps" in html and "—partner in→" in html
    data = client.get("/connect.json?a=Nordlys+Studio&b=Copenhagen+Games&k=1").get_json()
    assert data["a"]["iri"] == org("studio") and len(data["paths"]) == 1
    assert client.get("/connect.json?a=Nordlys").status_code == 400
    one = client.get("/connect?a=West+Film+Fund&b=https://w3id.org/vdk/id/project/lab").get_data(as_text=True)
    assert '<span class="steps">1 step</span>' in one and "1 steps" not in one


def test_brokers_and_communities_with_twins(bridge_store: MemoryStore) -> None:
    client = app_for(bridge_store).test_client()
    brokers = client.get("/brokers.json").get_json()
    assert brokers["status"] == "ready" and brokers["brokers"][0]["iri"] == org("bridge")
    assert brokers["brokers"][0]["communities_bridged"] == 2
    html = client.get("/brokers").get_data(as_text=True)
    assert "Bridge University" in html and 'href="/communities#c' in html
    communities = client.get("/communities.json").get_json()
    assert [c["label"].split(" · ")[0] for c in communities["communities"]] in (["games", "film"],
                                                                                 ["film", "games"])
    assert communities["outreach"] == []
    assert "Brobyggere" in client.get("/brokers?lang=da").get_data(as_text=True)


def test_communities_page_lists_the_outreach(client: FlaskClient) -> None:
    html = client.get("/communities").get_data(as_text=True)
    outreach = html.split('id="outreach"')[1]
    assert "Lonely Pixels" in outreach and "Pixel South" in outreach and "Nordlys Studio" not in outreach


def test_keep_first_leaves_the_first_places_to_the_strongest_evidence(client: FlaskClient) -> None:
    plain = client.get("/match.json?org=Nordlys+Studio&top=3").get_json()
    spread = client.get("/match.json?org=Nordlys+Studio&top=3&weights=exposure=8&keep_first=1").get_json()
    assert spread["filters"]["keep_first"] == 1 and plain["filters"]["keep_first"] == 0
    assert spread["suggestions"][0]["iri"] == plain["suggestions"][0]["iri"]
    assert "exposure" not in spread["suggestions"][0]["signals"]
    assert client.get("/match.json?org=Nordlys+Studio&keep_first=some").status_code == 400


def test_the_tail_discount_is_asked_like_any_penalty(client: FlaskClient) -> None:
    """``weights=hubness=…&keep_first=…``: the popularity discount on the tail, a negative contribution of the
    places after the kept ones; the JSON keeps its shape and says the weight used."""
    plain = client.get("/match.json?org=Nordlys+Studio&top=6").get_json()
    tail = client.get("/match.json?org=Nordlys+Studio&top=6&weights=hubness=2.5&keep_first=1").get_json()
    assert tail["weights"]["hubness"] == 2.5 and plain["weights"]["hubness"] == 0.0
    assert set(tail["suggestions"][0]) == set(plain["suggestions"][0])
    assert tail["suggestions"][0]["iri"] == plain["suggestions"][0]["iri"]
    assert "hubness" not in tail["suggestions"][0]["signals"]
    discounted = [s for s in tail["suggestions"][1:] if "hubness" in s["signals"]]
    assert discounted and all(s["signals"]["hubness"] < 0 for s in discounted)
    assert all("hubness" not in s["signals"] for s in plain["suggestions"])


def test_the_floor_is_asked_with_the_other_tail_options(client: FlaskClient) -> None:
    """``floor=0.5``: said among the filters; floor 0 is the plain tail; a floor that is not a number from
    0 to 1 is a 400 with a sentence."""
    ask = "/match.json?org=Nordlys+Studio&top=6&weights=hubness=2.5&keep_first=1"
    tail, zero = client.get(ask).get_json(), client.get(ask + "&floor=0").get_json()
    floored = client.get(ask + "&floor=0.5").get_json()
    assert floored["filters"]["floor"] == 0.5 and tail["filters"]["floor"] == 0.0
    assert [s["iri"] for s in zero["suggestions"]] == [s["iri"] for s in tail["suggestions"]]
    assert set(floored["suggestions"][0]) == set(tail["suggestions"][0])
    for wrong in ("some", "2", "-1", "nan"):
        answer = client.get(ask + f"&floor={wrong}")
        assert answer.status_code == 400 and "floor" in answer.get_json()["message"], wrong


def test_the_uncapped_cold_start_is_asked_in_the_query_string(client: FlaskClient,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """``cold_uncapped=1`` asks the library's option and is said among the filters; absent or off, not."""
    asked: list[bool] = []
    real = match_view.suggest

    def spy(*args: Any, **kwargs: Any) -> Suggestions:
        asked.append(kwargs["cold_uncapped"])
        return real(*args, **kwargs)

    monkeypatch.setattr(match_view, "suggest", spy)
    ask = "/match.json?org=Pixel+North&top=6"
    answers = [client.get(ask + extra).get_json() for extra in ("", "&cold_uncapped=1", "&cold_uncapped=no",
                                                                  "&cold_uncapped=TRUE")]
    assert asked == [False, True, False, True]
    assert [a["filters"]["cold_uncapped"] for a in answers] == asked
    assert all(a["cold_start"] and a["suggestions"] for a in answers)


def test_the_form_fine_tunes_the_ranking_and_empty_fields_keep_the_defaults(client: FlaskClient) -> None:
    """The form sends every field, filled or not: empty ones are the defaults, filled ones are asked."""
    empty = "&weights=&keep_first=&floor="
    plain = client.get("/match?org=Nordlys+Studio")
    sent = client.get("/match?org=Nordlys+Studio" + empty)
    assert sent.status_code == 200
    assert 'id="advanced">' in sent.get_data(as_text=True)  # closed: nothing was asked
    shown = re.findall(r'class="name" href="[^"]+">([^<]+)<', plain.get_data(as_text=True))
    assert shown and re.findall(r'class="name" href="[^"]+">([^<]+)<', sent.get_data(as_text=True)) == shown
    assert client.get("/match.json?org=Nordlys+Studio" + empty).get_json()["filters"]["floor"] == 0.0
    asked = "&weights=hubness%3D2.5&keep_first=1&floor=0.5&cold_uncapped=1"
    tuned = client.get("/match?org=Nordlys+Studio" + asked)
    html = tuned.get_data(as_text=True)
    assert tuned.status_code == 200 and 'id="advanced" open>' in html
    assert 'name="keep_first" min="0" max="200" value="1"' in html
    assert 'name="floor" min="0" max="1" step="0.05" value="0.5"' in html
    assert 'name="weights" value="hubness=2.5"' in html
    assert re.search(r'name="cold_uncapped" value="1" checked', html)
    danish = client.get("/match?org=Nordlys+Studio&lang=da").get_data(as_text=True)
    assert "Finjustér rækkefølgen" in danish
