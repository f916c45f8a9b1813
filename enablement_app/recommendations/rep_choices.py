"""What a rep chose about top reps' signals, kept in the data folder's settings so it survives restarts:
how results are sorted and which stage the empty screen's shelf shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the window reads SORTS on its start-up path, before SQLAlchemy is loaded
    from enablement_app.store import Store

RESULTS_SORT_SETTING = "results_sort"
HOME_STAGE_SETTING = "home_stage"
RELEVANCE, TOP_REPS = "relevance", "top_reps"
SORTS = {RELEVANCE: "Relevance", TOP_REPS: "Top reps' picks"}
DEFAULT_STAGE = "decision"  # where what top reps send matters most; used when the library has it


def load_results_sort(store: Store) -> str:
    value = store.get_setting(RESULTS_SORT_SETTING)
    return value if value in SORTS else RELEVANCE  # a sort of another version: the default, not a crash


def save_results_sort(store: Store, sort: str) -> None:
    if sort not in SORTS:
        raise ValueError(f"{sort!r} is not a sort; use one of {', '.join(SORTS)}")
    store.set_setting(RESULTS_SORT_SETTING, sort)


def load_home_stage(store: Store) -> str | None:
    return store.get_setting(HOME_STAGE_SETTING) or None


def save_home_stage(store: Store, stage: str) -> None:
    store.set_setting(HOME_STAGE_SETTING, stage)


def pick_stage(stages: list[str], wanted: str | None) -> str | None:
    """The shelf's stage: ``wanted`` when the library still has it (any case), else decision, else the
    first stage; None when no asset has a stage."""
    by_fold = {stage.casefold(): stage for stage in stages}
    for candidate in (wanted, DEFAULT_STAGE):
        if candidate and candidate.casefold() in by_fold:
            return by_fold[candidate.casefold()]
    return stages[0] if stages else None
