"""What every hub backend keeps true (``hub`` is parametrized over the backends in conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from enablement_app.sync.hub import (
    Aggregates,
    AssetFigures,
    EventBatch,
    Hub,
    SignedCatalog,
)
from tests.sync.events import batch_of, make_events, new_device
from tests.sync.hubs import pull_all


def test_pushed_batches_come_back_whole_and_in_order(hub: Hub) -> None:
    dana, lee = new_device(), new_device()
    dana_events, lee_events = make_events(30, dana), make_events(12, lee, offset=100)
    hub.push(batch_of(dana_events[:20], dana, 1))
    hub.push(batch_of(lee_events, lee, 1))
    hub.push(batch_of(dana_events[20:], dana, 21))

    pulled, cursor = pull_all(hub)

    assert sorted(pulled, key=lambda event: event.id) == sorted(
        dana_events + lee_events, key=lambda event: event.id
    )
    # one device's events arrive in its outbox order
    assert [event for event in pulled if event.device_id == dana] == dana_events
    assert pull_all(hub, cursor)[0] == []


def test_a_cursor_hands_out_only_what_came_after_it(hub: Hub) -> None:
    device = new_device()
    events = make_events(15, device)
    hub.push(batch_of(events[:10], device, 1))
    first, cursor = pull_all(hub)
    hub.push(batch_of(events[10:], device, 11))

    later, cursor = pull_all(hub, cursor)

    assert first == events[:10]
    assert later == events[10:]
    assert pull_all(hub, cursor)[0] == []


def test_a_batch_pushed_twice_is_pulled_once(hub: Hub) -> None:
    device = new_device()
    batch = batch_of(make_events(8, device), device, 1)
    hub.push(batch)
    hub.push(batch)
    pulled, cursor = pull_all(hub)
    hub.push(batch)  # again after marketing read it: a rep killed before it noted the push

    assert pulled == list(batch.events)
    assert pull_all(hub, cursor)[0] == []


def test_a_resend_cut_differently_is_pulled_once(hub: Hub) -> None:
    """A rep killed after pushing 1-5 sends 1-7 next time (more events came), or 1-3 and 4-10 with another
    batch size: every event still reaches marketing exactly once, whenever marketing pulls."""
    device = new_device()
    events = make_events(10, device)
    hub.push(batch_of(events[:5], device, 1))
    early, cursor = pull_all(hub)
    hub.push(batch_of(events[:7], device, 1))
    hub.push(batch_of(events[:3], device, 1))
    hub.push(batch_of(events[3:10], device, 4))

    late, _ = pull_all(hub, cursor)
    everything, _ = pull_all(hub)

    assert early == events[:5]
    assert late == events[5:]
    assert Counter(event.id for event in everything) == Counter(event.id for event in events)


def test_a_limit_caps_the_pull_and_the_rest_follows_the_cursor(hub: Hub) -> None:
    """At most ``limit`` events per pull (the folder hub stops at a batch boundary below it, PostgreSQL at
    the limit itself), ``more`` while something is left, and nothing lost or repeated across pulls."""
    device = new_device()
    events = make_events(50, device)
    for start in range(0, 50, 10):
        hub.push(batch_of(events[start : start + 10], device, start + 1))

    first = hub.pull_events(None, limit=25)
    assert 0 < len(first.events) <= 25
    assert first.more
    rest, _ = pull_all(hub, first.cursor, limit=25)
    assert list(first.events) + rest == events


def test_an_empty_hub_has_nothing_published(hub: Hub) -> None:
    assert hub.catalog() is None
    assert hub.aggregates() is None
    pulled = hub.pull_events(None)
    assert pulled.events == ()
    assert not pulled.more


def test_published_catalog_and_aggregates_read_back_as_published(hub: Hub) -> None:
    published_at = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
    catalog = SignedCatalog(
        manifest=b'{"entries": {}}',
        signature=bytes(range(64)),
        serial=7,
        published_at=published_at,
        public_key="ed25519:" + "A" * 43 + "=",
    )
    aggregates = Aggregates(
        generated_at=published_at,
        assets={
            "a" * 32: AssetFigures(
                "a" * 32,
                opens=120,
                shares=9,
                ratings=4,
                average_rating=4.5,
                used_in_deal=2,
                top_rep_opens=30,
                top_reps_this_quarter=3,
                top_rep_shares=4,
                best_pages=(4, 7, 2),
            ),
            "b" * 32: AssetFigures("b" * 32, opens=3),
        },
    )
    hub.publish_catalog(catalog)
    hub.publish_aggregates(aggregates)

    assert hub.catalog() == catalog
    assert hub.aggregates() == aggregates

    newer = SignedCatalog(manifest=b"{}", signature=b"s" * 64, serial=8, published_at=published_at)
    hub.publish_catalog(newer)
    assert hub.catalog() == newer


def test_an_empty_batch_is_accepted_and_stores_nothing(hub: Hub) -> None:
    device = new_device()
    hub.push(EventBatch(EventBatch.make_id(device, 1, 1), device, ()))
    assert pull_all(hub)[0] == []
