"""Searching as a rep and as a marketer: governance, facets, query syntax, suggestions, snippets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from enablement_app.library.search import FacetError
from enablement_app.library.workspace import Workspace
from tests.conftest import PRICING_2026, Clock


@pytest.fixture
def indexed(workspace: Workspace, library: Path) -> Workspace:
    workspace.index(library)
    return workspace


def _paths(workspace: Workspace, text: str, **kwargs: object) -> list[str]:
    return [hit.asset.path for hit in workspace.library_search.search(text, **kwargs).hits]  # type: ignore[arg-type]


def test_reps_see_only_approved_unexpired_current_assets(indexed: Workspace) -> None:
    # pricing-2025 is retired and superseded, the battlecard expired in June 2026.
    assert _paths(indexed, "pricing") == ["Pricing/pricing-2026.pdf"]
    assert _paths(indexed, "Forecastly") == []
    assert set(_paths(indexed, "pricing", include_all=True)) == {
        "Pricing/pricing-2026.pdf",
        "Pricing/pricing-2025.pdf",
    }
    assert _paths(indexed, "Forecastly", include_all=True) == ["Guides/battlecard-forecastly.md"]


def test_expiry_follows_the_clock(indexed: Workspace, clock: Clock) -> None:
    assert _paths(indexed, "SOC") == ["Pricing/pricing-2026.pdf"]
    clock.now = dt.datetime(2028, 1, 1, tzinfo=dt.UTC)
    assert _paths(indexed, "SOC") == []
    assert (
        indexed.library_search.cards()[
            indexed.library_search.search("SOC", include_all=True).hits[0].asset.id
        ].status
        == "expired"
    )


def test_results_carry_best_pages_and_highlighted_snippets(indexed: Workspace) -> None:
    results = indexed.library_search.search("GDPR")

    hit = results.hits[0]
    assert hit.asset.title == "Pricing sheet 2026"
    assert hit.pages[0].number == 2
    snippet = hit.pages[0].snippet
    assert snippet is not None
    assert [snippet.text[start:end] for start, end in snippet.spans] == ["GDPR"]


def test_facet_counts_and_filters(indexed: Workspace) -> None:
    results = indexed.library_search.search("Lumora Forecast")
    assert results.facet_counts["stage"] == {"decision": 1, "consideration": 1}
    assert results.facet_counts["kind"] == {"pdf": 1, "pptx": 1}

    filtered = indexed.library_search.search("Lumora Forecast", filters={"stage": ["Consideration"]})
    assert [hit.asset.path for hit in filtered.hits] == ["Decks/forecast-pitch.pptx"]
    assert filtered.total_assets == 1
    assert [
        hit.asset.path for hit in indexed.library_search.search("Lumora", filters={"kind": ["pdf"]}).hits
    ] == ["Pricing/pricing-2026.pdf"]
    with pytest.raises(FacetError):
        indexed.library_search.search("Lumora", filters={"colour": ["red"]})


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"Salesforce integration"', ["Decks/forecast-pitch.pptx"]),
        ("salesf*", ["Decks/forecast-pitch.pptx"]),
        ("title:pricing", ["Pricing/pricing-2026.pdf"]),
        ("forecast AND accuracy", ["Decks/forecast-pitch.pptx"]),
        ("GDPR OR accuracy", ["Pricing/pricing-2026.pdf", "Decks/forecast-pitch.pptx"]),
        ("Lumora NOT pricing", ["Decks/forecast-pitch.pptx"]),
        ("discounts", ["Pricing/pricing-2026.pdf"]),  # stemming: "discount" matches "discounts"
    ],
)
def test_query_syntax(indexed: Workspace, query: str, expected: list[str]) -> None:
    assert sorted(_paths(indexed, query)) == sorted(expected)


@pytest.mark.parametrize(
    "query", ["((", "title:", '"unclosed', "AND OR NOT", "*", "x" * 5000, "[a TO", "^^^ ~~ :::"]
)
def test_malformed_queries_never_raise(indexed: Workspace, query: str) -> None:
    results = indexed.library_search.search(query)
    assert results.query == query


def test_rejected_query_falls_back_to_plain_terms(indexed: Workspace) -> None:
    results = indexed.library_search.search("(( GDPR")
    assert [hit.asset.path for hit in results.hits] == ["Pricing/pricing-2026.pdf"]


def test_did_you_mean_only_when_the_correction_finds_something(indexed: Workspace) -> None:
    results = indexed.library_search.search("complaince")
    assert results.hits == ()
    assert results.suggestion == "compliance"
    assert indexed.library_search.search("zzqxv").suggestion is None
    assert indexed.library_search.search("compliance").suggestion is None


def test_a_page_found_by_its_title_alone_shows_how_it_begins(indexed: Workspace) -> None:
    results = indexed.library_search.search("title:sheet")
    snippet = results.hits[0].pages[0].snippet
    assert snippet is not None and snippet.spans == ()
    assert any(page.startswith(snippet.text.removesuffix(" …")) for page in PRICING_2026)


def test_a_phrase_needs_its_words_next_to_each_other(workspace: Workspace, library: Path) -> None:
    (library / "notes.md").write_text("# Notes\n\nThe integration we built for Salesforce pleased the CRO.\n")
    (library / "title.md").write_text("# Salesforce integration\n\nA page about pipelines.\n")
    workspace.index(library)

    phrase = _paths(workspace, '"Salesforce integration"', include_all=True)
    words = _paths(workspace, "Salesforce integration", include_all=True)

    assert "notes.md" not in phrase and "notes.md" in words
    assert "title.md" in phrase  # the title is part of every page's text
    assert "Decks/forecast-pitch.pptx" in phrase
    assert _paths(workspace, 'CRO "built for Salesforce"', include_all=True) == ["notes.md"]
