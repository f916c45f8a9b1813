"""Call prep: for an industry, a persona and a stage, the few assets top reps used in that situation.

A rep names the situation with the library's own facet values, or describes the account in their words
("Regional hospital network, the CFO is comparing vendors before signing"), from which the situation is
inferred: a facet value named in the text, else a modest table of common words (hospital -> Healthcare,
bank -> Financial services, CFO or finance -> the finance persona, signing or contract -> decision). Only
values the library has are ever inferred, and the rep sees and can change each one.

Ranking: an asset fits when, for every facet chosen, it names the value, or does not narrow that facet at
all (no value, or most of the library's values: a generic asset). What top reps did with it this quarter
ranks it (``top_rep_picks.standing``), and a generic fit counts half per generic facet, so an asset made for
the situation beats a generic one top reps used about as much. Without published top-rep figures the list
is the library's best matches by fit, and ``CallPrep.notice`` says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from enablement_app.recommendations.top_rep_picks import has_top_rep_figures, standing, used_by_text
from enablement_app.sync.hub import AssetFigures

if TYPE_CHECKING:
    from enablement_app.library.search import AssetCard

CALL_PREP_FACETS = ("industry", "persona", "stage")
FACET_WORDS = {"industry": "industry", "persona": "persona", "stage": "stage"}
CALL_PREP_SIZE = 5
# An asset listing more than this share of a facet's values in the library, and at least this many, is
# generic for that facet: a deck for "CFO and CRO" is still aimed, one for every industry is not.
GENERIC_SHARE = 0.5
GENERIC_MIN_VALUES = 3
GENERIC_WEIGHT = 0.5

# Common words for facet values, tried in order after the values themselves; each maps to the values it
# may mean, the first one the library has wins. Kept modest on purpose: a wrong guess costs more than none.
SYNONYMS: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "industry": (
        (r"hospital|clinic|health ?care|health system|medical|patients?|pharma\w*", ("Healthcare",)),
        (
            r"banks?|banking|insur\w+|credit union|fintech|lenders?|lending|asset manag\w+|financial",
            ("Financial services",),
        ),
        (r"factor(y|ies)|plants?|manufactur\w+|industrial|oem|assembly", ("Manufacturing",)),
        (r"saas|software|cloud|start-?ups?|tech company", ("SaaS",)),
        (r"retail\w*|stores?|shops?|e-?commerce|grocer\w*", ("Retail",)),
        (r"universit(y|ies)|schools?|college|education", ("Education",)),
        (r"government|public sector|agenc(y|ies)|municipal\w*|council", ("Public sector",)),
    ),
    "persona": (
        (r"cfo|finance|financial officer|controller|treasurer|budget owner", ("CFO", "Finance")),
        (r"cro|chief revenue|revenue leader", ("CRO",)),
        (r"vp sales|vp of sales|sales vp|head of sales|sales director|sales leader", ("VP Sales",)),
        (r"revops|revenue operations|sales ops|sales operations", ("RevOps",)),
        (r"ciso|cio|cto|it team|it department|security team|security", ("IT/Security", "IT")),
        (r"sales reps?|account executives?|aes?|sdrs?|bdrs?", ("Sales rep",)),
    ),
    "stage": (
        (
            (
                r"sign\w*|contract\w*|proposals?|negotiat\w+|procurement|closing|close the deal|final"
                r"|legal review|purchase order"
            ),
            ("decision",),
        ),
        (
            r"renewals?|renewing|upsell\w*|expan\w+|more seats|existing customer|cross-?sell\w*",
            ("expansion",),
        ),
        (r"onboarding|kick-?off|implementation|rollout|go-?live", ("onboarding",)),
        (
            r"compar\w+|evaluat\w+|short-?list\w*|demos?|trials?|pilots?|rfp|alternatives|vendors?",
            ("consideration", "evaluation"),
        ),
        (
            r"first call|first meeting|intro\w*|discovery|cold|never heard|new logo|prospect\w*",
            ("awareness",),
        ),
    ),
}


@dataclass(frozen=True, slots=True)
class Situation:
    """What the call is about; ``None`` for a facet means any value."""

    industry: str | None = None
    persona: str | None = None
    stage: str | None = None

    def chosen(self) -> dict[str, str]:
        return {facet: value for facet in CALL_PREP_FACETS if (value := getattr(self, facet))}

    def describe(self) -> str:
        """ "Healthcare · CFO · decision", or "any situation"."""
        return " · ".join(self.chosen().values()) or "any situation"


@dataclass(frozen=True, slots=True)
class Inferred:
    situation: Situation
    # per inferred facet, the words of the description it was inferred from
    evidence: Mapping[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        """ "industry Healthcare (from “hospital”), persona CFO (from “CFO”)", or a sentence that nothing
        was recognised."""
        if not self.evidence:
            return "No industry, persona or stage recognised: choose them below"
        chosen = self.situation.chosen()
        return ", ".join(
            f"{FACET_WORDS[facet]} {chosen[facet]} (from “{words}”)" for facet, words in self.evidence.items()
        )


def facet_values(cards: Iterable[AssetCard]) -> dict[str, list[str]]:
    """Each call-prep facet's values in the library, by name."""
    found: dict[str, set[str]] = {facet: set() for facet in CALL_PREP_FACETS}
    for card in cards:
        for facet in CALL_PREP_FACETS:
            found[facet].update(card.facets.get(facet, ()))
    return {facet: sorted(values, key=str.casefold) for facet, values in found.items()}


def infer_situation(description: str, values: Mapping[str, Iterable[str]]) -> Inferred:
    """The situation an account's description names, using only ``values`` (each facet's library values)."""
    text = " ".join(description.split())
    chosen: dict[str, str] = {}
    evidence: dict[str, str] = {}
    for facet in CALL_PREP_FACETS:
        known = {value.casefold(): value for value in values.get(facet, ())}
        if not known:
            continue
        # the library's own values first, longest first ("VP Sales" before "Sales rep" could match)
        for folded in sorted(known, key=len, reverse=True):
            match = re.search(rf"(?<!\w){re.escape(folded)}(?!\w)", text, re.IGNORECASE)
            if match:
                chosen[facet], evidence[facet] = known[folded], match.group(0)
                break
        else:
            for pattern, meanings in SYNONYMS.get(facet, ()):
                match = re.search(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.IGNORECASE)
                value = next((known[m.casefold()] for m in meanings if m.casefold() in known), None)
                if match and value is not None:
                    chosen[facet], evidence[facet] = value, match.group(0)
                    break
    return Inferred(Situation(**chosen), evidence)


@dataclass(frozen=True, slots=True)
class Suggestion:
    card: AssetCard
    best_pages: tuple[int, ...]
    top_reps: int  # distinct top reps who used it this quarter
    top_rep_shares: int
    generic: tuple[str, ...]  # the chosen facets it fits only generically
    top_rep_figures: bool = True  # whether top-rep figures were published at all (else none is claimed)

    def reason(self) -> str:
        """ "used by 3 of the top reps this quarter · shared 4 times · for any industry": a generic asset
        says so, since the rep will have to make it fit the account."""
        parts = []
        if self.top_reps:
            parts.append(f"{used_by_text(self.top_reps)} this quarter")
        if self.top_rep_shares:
            parts.append(f"shared {'once' if self.top_rep_shares == 1 else f'{self.top_rep_shares} times'}")
        if not parts and self.top_rep_figures:
            parts.append("not used by top reps this quarter")
        elif not parts and not self.generic:
            parts.append("made for this situation")
        if self.generic:
            parts.append(f"for any {' or '.join(FACET_WORDS[facet] for facet in self.generic)}")
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class CallPrep:
    situation: Situation
    suggestions: tuple[Suggestion, ...]
    from_top_reps: bool  # ranked by top reps' use (else by fit alone)
    notice: str | None = None  # a sentence when the list is not what top reps used


def prepare_call(
    cards: Iterable[AssetCard],
    figures: Mapping[str, AssetFigures],
    situation: Situation,
    *,
    limit: int = CALL_PREP_SIZE,
) -> CallPrep:
    """The assets among ``cards`` (those the rep may see) that fit ``situation``, best first."""
    cards = list(cards)
    library_values = {
        facet: {value.casefold() for value in values} for facet, values in facet_values(cards).items()
    }
    chosen = {facet: value.casefold() for facet, value in situation.chosen().items()}
    from_top_reps = has_top_rep_figures(figures)
    ranked: list[tuple[tuple[float, ...], Suggestion]] = []
    for card in cards:
        generic = []
        for facet, wanted in chosen.items():
            values = {value.casefold() for value in card.facets.get(facet, ())}
            if not values or len(values) > max(
                GENERIC_MIN_VALUES - 1, GENERIC_SHARE * len(library_values[facet])
            ):
                if values and wanted not in values:
                    break
                generic.append(facet)
            elif wanted not in values:
                break
        else:
            weight = GENERIC_WEIGHT ** len(generic)
            item = figures.get(card.id)
            reps, shares, opens = standing(item)
            key = (
                -reps * weight,
                -shares * weight,
                -opens * weight,
                -weight,
                -(item.opens if item is not None else 0),
            )
            suggestion = Suggestion(
                card, item.best_pages if item is not None else (), reps, shares, tuple(generic), from_top_reps
            )
            ranked.append((key, suggestion))
    ranked.sort(key=lambda pair: (pair[0], pair[1].card.title.casefold()))
    suggestions = tuple(suggestion for _, suggestion in ranked[:limit])
    notice = None
    if not suggestions:
        notice = (
            f"No approved asset fits {situation.describe()}: set one of the choices to Any"
            if chosen
            else "The library has no approved asset yet"
        )
    elif not from_top_reps:
        notice = (
            "No top-rep figures have been published yet (marketing publishes them from a CRM import "
            "through the hub): these are the library's best matches for the situation"
        )
    elif not any(suggestion.top_reps or suggestion.top_rep_shares for suggestion in suggestions):
        notice = (
            "No top rep used an asset that fits this situation this quarter: these are the library's best "
            "matches"
        )
    return CallPrep(situation, suggestions, from_top_reps, notice)


class SituationError(ValueError):
    """A facet value the library does not have; the message lists those it has."""


def resolve_value(facet: str, text: str | None, values: Mapping[str, Iterable[str]]) -> str | None:
    """The library's spelling of ``text`` for ``facet`` (any case); ``None`` for no text or "any"."""
    if text is None or not text.strip() or text.strip().casefold() == "any":
        return None
    known = list(values.get(facet, ()))
    found = next((value for value in known if value.casefold() == text.strip().casefold()), None)
    if found is None:
        choices = ", ".join(known) if known else "none yet"
        raise SituationError(
            f"no approved asset has the {FACET_WORDS[facet]} {text.strip()!r}; the library has: {choices}"
        )
    return found
