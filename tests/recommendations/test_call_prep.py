"""Call prep, the stage shelf and the top reps' sort on a library whose right answers are known by
construction: which asset fits which situation, and how many top reps used each this quarter."""

from __future__ import annotations

import datetime as dt

from enablement_app.library.search import AssetCard
from enablement_app.recommendations.call_prep import (
    Situation,
    facet_values,
    infer_situation,
    prepare_call,
)
from enablement_app.recommendations.top_rep_picks import by_top_reps, stage_shelf, stage_values
from enablement_app.sync.hub import AssetFigures

INDUSTRIES = ("Healthcare", "Financial services", "Manufacturing", "SaaS", "Retail")
CHANGED = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)


def card(title: str, **facets: tuple[str, ...]) -> AssetCard:
    return AssetCard(
        id=title.casefold().replace(" ", "-"),
        path=f"{title}.pdf",
        title=title,
        kind="pdf",
        status="approved",
        page_count=12,
        version=1,
        facets={**facets, "kind": ("pdf",)},
        approved_by=None,
        approved_at=CHANGED,
        expires_at=None,
        content_changed_at=CHANGED,
        supersedes_id=None,
        superseded_by_id=None,
    )


# Decision-stage assets for a CFO in healthcare, made for it or generic, with known top-rep use.
HOSPITAL_ROI = card("Hospital ROI model", industry=("Healthcare",), persona=("CFO",), stage=("decision",))
CLINIC_CASE = card("Clinic case study", industry=("Healthcare",), persona=("CFO", "CRO"), stage=("decision",))
PAYER_BRIEF = card("Payer CFO brief", industry=("Healthcare",), persona=("CFO",), stage=("decision",))
GENERIC_PRICING = card("Pricing sheet", industry=INDUSTRIES, persona=("CFO",), stage=("decision",))
NO_INDUSTRY_TCO = card("TCO calculator", persona=("CFO",), stage=("decision",))
BANK_DECK = card("Bank CFO deck", industry=("Financial services",), persona=("CFO",), stage=("decision",))
HOSPITAL_INTRO = card("Hospital intro deck", industry=("Healthcare",), persona=("CFO",), stage=("awareness",))
CRO_PLAYBOOK = card("CRO playbook", industry=("Healthcare",), persona=("CRO",), stage=("consideration",))
LIBRARY = [
    HOSPITAL_ROI,
    CLINIC_CASE,
    PAYER_BRIEF,
    GENERIC_PRICING,
    NO_INDUSTRY_TCO,
    BANK_DECK,
    HOSPITAL_INTRO,
    CRO_PLAYBOOK,
]


def used(asset: AssetCard, reps: int, shares: int = 0, pages: tuple[int, ...] = ()) -> AssetFigures:
    return AssetFigures(
        asset.id,
        opens=reps * 10,
        top_rep_opens=reps * 2,
        top_reps_this_quarter=reps,
        top_rep_shares=shares,
        best_pages=pages,
    )


FIGURES = {
    figures.asset_id: figures
    for figures in (
        used(HOSPITAL_ROI, 3, 1, (4, 7, 2)),
        used(CLINIC_CASE, 2, 5, (1,)),
        used(GENERIC_PRICING, 5, 8, (2, 3)),  # generic: counts as 2.5 top reps, between 3 and 2
        used(NO_INDUSTRY_TCO, 1),  # generic: 0.5
        used(BANK_DECK, 9, 9),  # the wrong industry, however popular
        used(HOSPITAL_INTRO, 9, 9),  # the wrong stage
        used(CRO_PLAYBOOK, 4),  # the wrong persona and stage
    )
}
HEALTHCARE_CFO_DECISION = Situation(industry="Healthcare", persona="CFO", stage="decision")


def test_call_prep_ranks_fitting_assets_by_top_reps_with_generic_ones_lower() -> None:
    prep = prepare_call(LIBRARY, FIGURES, HEALTHCARE_CFO_DECISION)
    assert [item.card.title for item in prep.suggestions] == [
        "Hospital ROI model",  # 3 top reps
        "Pricing sheet",  # 5 top reps, but generic for the industry: 2.5
        "Clinic case study",  # 2 top reps
        "TCO calculator",  # 1 top rep, generic: 0.5
        "Payer CFO brief",  # fits, no top rep used it
    ]
    assert prep.from_top_reps and prep.notice is None
    first, pricing = prep.suggestions[0], prep.suggestions[1]
    assert first.best_pages == (4, 7, 2)
    assert first.reason() == "used by 3 of the top reps this quarter · shared once"
    assert pricing.generic == ("industry",)
    assert pricing.reason() == ("used by 5 of the top reps this quarter · shared 8 times · for any industry")
    assert prep.suggestions[-1].reason() == "not used by top reps this quarter"


def test_any_widens_the_situation_and_the_limit_keeps_the_list_short() -> None:
    prep = prepare_call(LIBRARY, FIGURES, Situation(industry="Healthcare"), limit=3)
    assert [item.card.title for item in prep.suggestions] == [
        "Hospital intro deck",  # 9 top reps
        "CRO playbook",  # 4
        "Hospital ROI model",  # 3
    ]


def test_without_figures_the_list_is_the_best_fit_and_says_so() -> None:
    prep = prepare_call(LIBRARY, {}, HEALTHCARE_CFO_DECISION)
    titles = [item.card.title for item in prep.suggestions]
    # made for the situation first (by title), then the generic ones
    assert titles == [
        "Clinic case study",
        "Hospital ROI model",
        "Payer CFO brief",
        "Pricing sheet",
        "TCO calculator",
    ]
    assert not prep.from_top_reps
    # nothing is claimed about top reps when no figure was published
    assert [item.reason() for item in prep.suggestions[2:]] == [
        "made for this situation",
        "for any industry",
        "for any industry",
    ]
    assert prep.notice is not None and prep.notice.startswith("No top-rep figures have been published yet")


def test_nothing_fitting_is_said_in_a_sentence() -> None:
    prep = prepare_call(LIBRARY, FIGURES, Situation(industry="Retail", persona="CRO", stage="expansion"))
    assert prep.suggestions == ()
    assert prep.notice == "No approved asset fits Retail · CRO · expansion: set one of the choices to Any"


def test_the_situation_is_inferred_from_an_account_s_description() -> None:
    values = facet_values(LIBRARY)
    inferred = infer_situation(
        "Regional hospital network, the CFO is comparing vendors before signing", values
    )
    assert inferred.situation == HEALTHCARE_CFO_DECISION
    assert inferred.describe() == (
        "industry Healthcare (from “hospital”), persona CFO (from “CFO”), stage decision (from “signing”)"
    )
    bank = infer_situation("A mid-size bank; their finance team wants a proposal by Friday", values)
    assert bank.situation == Situation("Financial services", "CFO", "decision")
    assert infer_situation(
        "Clinic chain evaluating us against two alternatives", values
    ).situation == Situation("Healthcare", None, "consideration")
    # only values the library has: it has no Education asset, so a university infers no industry
    nothing = infer_situation("A university wants a demo", values)
    assert nothing.situation == Situation(None, None, "consideration")
    assert (
        infer_situation("", values).describe()
        == "No industry, persona or stage recognised: choose them below"
    )


def test_the_stage_shelf_is_what_top_reps_shared_most_at_that_stage() -> None:
    shelf = stage_shelf(LIBRARY, FIGURES, "Decision")
    assert [item.card.title for item in shelf] == [
        "Bank CFO deck",  # shared 9 times
        "Pricing sheet",  # 8
        "Clinic case study",  # 5
        "Hospital ROI model",  # 1
        "TCO calculator",  # used, never shared
    ]
    assert shelf[2].note == "shared 5 times by top reps this quarter"
    assert shelf[4].note == "used by 1 top rep this quarter"
    assert stage_shelf(LIBRARY, {}, "decision") == []
    assert stage_values(LIBRARY) == ["awareness", "consideration", "decision"]


def test_the_top_reps_sort_keeps_relevance_among_equals() -> None:
    relevance = [PAYER_BRIEF, CLINIC_CASE, BANK_DECK, HOSPITAL_ROI, CRO_PLAYBOOK]
    ordered = by_top_reps(relevance, FIGURES, lambda asset: asset.id)
    assert [asset.title for asset in ordered] == [
        "Bank CFO deck",
        "CRO playbook",
        "Hospital ROI model",
        "Clinic case study",
        "Payer CFO brief",
    ]
