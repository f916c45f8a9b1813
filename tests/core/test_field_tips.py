"""Field tips on a rep's computer and in the catalog: recording, withdrawing and reading back own tips, and
promoted tips in catalog.json (round trip, malformed entries refused with a sentence)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from enablement_app.catalog import Catalog, CatalogError, load_catalog, save_catalog
from enablement_app.catalog.field_tips import PromotedTip, changed_field_tips, tips_for_asset
from enablement_app.catalog.manifest import parse_catalog
from enablement_app.library.workspace import Workspace
from enablement_app.tips.rep_tips import MAX_TIP_CHARS, TipError, own_tips
from enablement_app.usage.profile import RepProfile, save_profile
from enablement_app.usage.queries import events_since
from enablement_app.usage.recorder import UsageRecorder
from tests.conftest import Clock

DECK = "d" * 32
PRICING = "a" * 32
LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def recorder(workspace: Workspace) -> UsageRecorder:
    profile = save_profile(
        workspace.store,
        RepProfile.new(name="Dana Reyes", email="dana@lumora.example", team="Enterprise West", region="NA"),
    )
    return workspace.open_recorder(profile)


def test_a_tip_is_recorded_as_an_event_and_read_back_as_the_reps_own(
    workspace: Workspace, recorder: UsageRecorder, clock: Clock
) -> None:
    on_page = recorder.record_tip(DECK, 2, "  I open with slide 4\n for CFOs  ", page=4)
    clock.now += dt.timedelta(minutes=1)
    whole = recorder.record_tip(DECK, 2, "Skip the agenda slide on renewals")
    recorder.record_tip(PRICING, 1, "Bring the discount approval matrix")
    assert recorder.flush()

    assert on_page.kind == "tip" and on_page.asset_id == DECK
    assert dict(on_page.details) == {
        "tip_id": on_page.details["tip_id"],
        "text": "I open with slide 4 for CFOs",  # spaces and line breaks tidied
        "page": 4,
        "withdrawn": False,
    }
    stored = events_since(workspace.store, LONG_AGO, kinds=["tip"])
    assert [event.id for event in stored] == [on_page.id, whole.id, stored[2].id]

    mine = own_tips(workspace.store, recorder.profile.rep_id, DECK)
    # the asset-wide tip first, then by page
    assert [(tip.text, tip.page) for tip in mine] == [
        ("Skip the agenda slide on renewals", None),
        ("I open with slide 4 for CFOs", 4),
    ]
    assert len(own_tips(workspace.store, recorder.profile.rep_id)) == 3
    assert own_tips(workspace.store, "someone-else") == []


def test_withdrawing_a_tip_is_a_new_fact_and_the_tip_is_gone_for_its_author(
    workspace: Workspace, recorder: UsageRecorder, clock: Clock
) -> None:
    tip = recorder.record_tip(DECK, 1, "Ask about their forecast cadence first", page=1)
    kept = recorder.record_tip(DECK, 1, "Demo the pipeline view live", page=2)
    clock.now += dt.timedelta(minutes=5)
    recorder.record_tip(
        DECK, 1, str(tip.details["text"]), page=1, tip_id=str(tip.details["tip_id"]), withdrawn=True
    )
    assert recorder.flush()

    assert [t.tip_id for t in own_tips(workspace.store, recorder.profile.rep_id, DECK)] == [
        kept.details["tip_id"]
    ]
    # both events of the withdrawn tip stay in the outbox: facts are never changed
    tips = events_since(workspace.store, LONG_AGO, kinds=["tip"])
    assert [event.details["withdrawn"] for event in tips] == [False, False, True]


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("   \n ", "A tip needs a few words"),
        (
            "x" * (MAX_TIP_CHARS + 1),
            f"at most {MAX_TIP_CHARS} characters and this one has {MAX_TIP_CHARS + 1}",
        ),
    ],
)
def test_an_empty_or_too_long_tip_is_refused_with_a_sentence(
    workspace: Workspace, recorder: UsageRecorder, text: str, sentence: str
) -> None:
    with pytest.raises(TipError, match=sentence):
        recorder.record_tip(DECK, 1, text)
    assert recorder.flush()
    assert events_since(workspace.store, LONG_AGO, kinds=["tip"]) == []
    # exactly the limit is fine
    recorder.record_tip(DECK, 1, "y" * MAX_TIP_CHARS)


def _promoted(tip_id: str, page: int | None = 4, text: str = "I open with slide 4 for CFOs") -> PromotedTip:
    return PromotedTip(
        tip_id=tip_id,
        asset_id=DECK,
        text=text,
        author="Dana Reyes",
        author_team="Enterprise West",
        promoted_by="Maria Chen",
        promoted_at=dt.datetime(2026, 11, 3, 10, 0, tzinfo=dt.UTC),
        page=page,
    )


def test_promoted_tips_round_trip_through_catalog_json(tmp_path: Path) -> None:
    catalog = Catalog(library="Demo", field_tips=(_promoted("t-2"), _promoted("t-1", page=None)))
    save_catalog(tmp_path, catalog)
    raw = json.loads((tmp_path / "catalog.json").read_text())
    assert raw["format"] == 1
    assert [tip["tip_id"] for tip in raw["field_tips"]] == ["t-1", "t-2"]  # stable order: by page
    assert raw["field_tips"][1] == {
        "tip_id": "t-2",
        "asset_id": DECK,
        "page": 4,
        "text": "I open with slide 4 for CFOs",
        "author": "Dana Reyes",
        "author_team": "Enterprise West",
        "promoted_by": "Maria Chen",
        "promoted_at": "2026-11-03T10:00:00+00:00",
    }
    loaded = load_catalog(tmp_path)
    assert loaded is not None
    assert set(loaded.field_tips) == set(catalog.field_tips)
    assert [tip.byline for tip in tips_for_asset(loaded.field_tips, DECK)] == [
        "Dana Reyes, Enterprise West"
    ] * 2
    # a catalog without tips writes no key, as before
    save_catalog(tmp_path, Catalog(library="Demo"))
    assert "field_tips" not in json.loads((tmp_path / "catalog.json").read_text())


@pytest.mark.parametrize(
    ("field_tips", "sentence"),
    [
        ({"tip_id": "x"}, "field_tips must be a list of tips"),
        (["not a tip"], "field tip 1 must be an object"),
        ([{**_promoted("t-9").to_json(), "text": " "}], "field tip 't-9': text must be a non-empty text"),
        (
            [{**_promoted("t-3").to_json(), "page": 0}],
            "field tip 't-3': page must be a page number from 1",
        ),
        (
            [{**_promoted("t-4").to_json(), "asset_id": "deck"}],
            "field tip 't-4': asset_id must be an asset's id",
        ),
        (
            [{**_promoted("t-5").to_json(), "promoted_at": "yesterday"}],
            "field tip 't-5': promoted_at 'yesterday' is not an ISO date and time",
        ),
        ([_promoted("t-6").to_json(), _promoted("t-6").to_json()], "field tip 't-6' is listed twice"),
    ],
)
def test_a_malformed_field_tip_is_refused_with_a_sentence_naming_it(
    field_tips: object, sentence: str
) -> None:
    text = json.dumps({"format": 1, "assets": {}, "field_tips": field_tips})
    with pytest.raises(CatalogError, match=f"^catalog.json: {sentence}"):
        parse_catalog(text)


def test_an_older_catalog_without_tips_reads_as_none_and_changes_are_counted() -> None:
    assert parse_catalog('{"format": 1, "assets": {}}').field_tips == ()
    one, two = _promoted("t-1"), _promoted("t-2")
    assert changed_field_tips((one, two), ()) == 2
    assert changed_field_tips((one,), (one, two)) == 1  # unpromoted
    assert changed_field_tips((_promoted("t-1", text="Open with slide 4"),), (one,)) == 1  # reworded
    assert changed_field_tips((one,), (one,)) == 0


def test_marketing_lists_promoted_tips_it_has_no_events_of_after_reps_tips(
    workspace: Workspace, library: Path
) -> None:
    """The demo's tips, or ones promoted on another marketer's computer: listed so they can be unpromoted."""
    from sqlalchemy import select

    from enablement_app.store.models import Asset
    from enablement_app.tips.marketing_tips import find_tip, ingested_tips

    workspace.index(library)
    with workspace.store.sessions() as session:
        deck = session.scalar(select(Asset.id).where(Asset.path == "Decks/forecast-pitch.pptx"))
    assert deck is not None
    tip = dataclasses.replace(_promoted("demo-tip-1"), asset_id=deck)
    [listed] = ingested_tips(workspace.store, Catalog(field_tips=(tip,)))
    assert (listed.asset_title, listed.author, listed.status, listed.page) == (
        "Lumora Forecast pitch deck",
        "Dana Reyes",
        "promoted",
        4,
    )
    assert find_tip([listed], "DEMO-TIP") is listed  # a prefix of the id, whatever its case
    with pytest.raises(TipError, match="No field tip has the id 'nope'"):
        find_tip([listed], "nope")
