"""The small TF-IDF for Danish and English project texts."""

from __future__ import annotations

import pytest

from vdk_graph.matchmaking.text import TextIndex, cosine, shared_terms, tokens


def test_tokens_fold_danish_letters_drop_stopwords_of_both_languages_and_merge_forms() -> None:
    assert tokens("Virksomheden og projektet udvikler spil til børn") == [
        "virksomhed", "udvikl", "spil", "boern"]
    assert tokens("The games and a game for the museum's visitors") == ["game", "game", "museum", "visitor"]
    assert tokens("Produktioner, produktion; 2024 XR") == ["produktion", "produktion", "xr"]


def test_similar_texts_score_higher_than_unrelated_ones_across_languages() -> None:
    index = TextIndex.build(
        {"p1": "Motion capture for animated series", "p2": "Animerede serier med motion capture",
         "p3": "Festival for documentary film", "p4": "Esports tournament in Aalborg"},
        {"studio": ["p1"], "danish": ["p2"], "festival": ["p3"], "esports": ["p4"]},
    )
    query = index.vector("motion capture to animate a series")
    scores = index.similar(query)
    assert max(scores, key=scores.__getitem__) == "studio"
    assert scores["danish"] > scores.get("festival", 0.0)
    assert "festival" not in scores and "esports" not in scores
    assert cosine(index.groups["studio"], index.groups["studio"]) == pytest.approx(1.0)
    assert set(index.words(shared_terms(query, index.groups["studio"], 3))) == {"motion", "capture", "series"}


def test_rare_words_weigh_more_than_common_ones() -> None:
    docs = {f"d{i}": "museum visitors game" for i in range(8)}
    docs["rare"] = "museum volumetric capture"
    index = TextIndex.build(docs, {d: [d] for d in docs})
    vector = index.documents["rare"]
    assert vector["volumetric"] > vector["museum"]
