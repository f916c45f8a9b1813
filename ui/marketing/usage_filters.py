"""The Usage page's filter bar: which weeks, and whose usage (team, region, role, top reps or the rest) of
which assets (stage). It only says what was chosen; the page turns that into a ``UsageFilter``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QToolButton, QWidget

from enablement_app.usage.profile import ROLE_LABELS

if TYPE_CHECKING:
    from enablement_app.analytics.heatmaps import FilterOptions, Tier, UsageFilter

WEEK_CHOICES = (("Last 4 weeks", 4), ("Last 12 weeks", 12), ("Last 26 weeks", 26), ("Last 52 weeks", 52))
ALL_TIME = 0
TIER_CHOICES: tuple[tuple[str, Tier], ...] = (("All reps", "all"), ("Top reps", "top"), ("The rest", "rest"))
NO_TOP_REPS_TIP = "Import the CRM's results (enablement crm import) to compare top reps with the rest"


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role.replace("_", " ").capitalize())


class ChoiceButton(QToolButton):
    """A button with a menu of checkable values; none checked means all of them."""

    changed = Signal()

    def __init__(
        self, name: str, plural: str, label: Callable[[str], str] = str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._name, self._plural, self._label = name, plural, label
        self.setObjectName("chip")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAccessibleName(name)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self._values: list[str] = []
        self._actions: dict[str, QAction] = {}
        self._update_text()

    def set_values(self, values: Sequence[str]) -> None:
        """Offer ``values``, keeping those chosen that are still offered."""
        chosen = self.chosen() & set(values)
        self.menu_.clear()
        self._actions.clear()
        self._values = list(values)
        everyone = self.menu_.addAction(f"All {self._plural}")
        everyone.triggered.connect(self.clear)
        self.menu_.addSeparator()
        for value in values:
            action = self.menu_.addAction(self._label(value))
            action.setCheckable(True)
            action.setChecked(value in chosen)
            action.toggled.connect(self._on_action_toggled)
            self._actions[value] = action
        self.setEnabled(bool(values))
        self.setToolTip("" if values else f"No {self._plural} in the usage yet")
        self._update_text()

    def action_for(self, value: str) -> QAction:
        return self._actions[value]

    def chosen(self) -> set[str]:
        return {value for value, action in self._actions.items() if action.isChecked()}

    def choose(self, values: Collection[str]) -> None:
        for value, action in self._actions.items():
            action.blockSignals(True)
            action.setChecked(value in values)
            action.blockSignals(False)
        self._update_text()
        self.changed.emit()

    def clear(self) -> None:
        if self.chosen():
            self.choose(())

    def describe(self) -> str:
        """The choice in words for titles ("Enterprise, SMB"), "" for all."""
        return ", ".join(self._label(value) for value in self._values if value in self.chosen())

    def _on_action_toggled(self, _checked: bool) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = [value for value in self._values if value in self.chosen()]
        if not chosen:
            shown = "all"
        elif len(chosen) == 1:
            shown = self._label(chosen[0])
        else:
            shown = f"{len(chosen)} of {len(self._values)}"
        self.setText(f"{self._name}: {shown} ▾")


class UsageFilterBar(QWidget):
    """Weeks, team, region, role, rep tier and stage; ``filter_changed`` after any change."""

    filter_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")  # the text has its ▾
        self.weeks = QComboBox()
        self.weeks.setAccessibleName("Weeks")
        for text, weeks in WEEK_CHOICES:
            self.weeks.addItem(text, weeks)
        self.weeks.addItem("All time", ALL_TIME)
        self.weeks.setCurrentIndex(1)
        self.teams = ChoiceButton("Team", "teams")
        self.regions = ChoiceButton("Region", "regions")
        self.roles = ChoiceButton("Role", "roles", role_label)
        self.stages = ChoiceButton("Stage", "stages", str.capitalize)
        self.tier = QComboBox()
        self.tier.setAccessibleName("Rep tier")
        for text, tier in TIER_CHOICES:
            self.tier.addItem(text, tier)
        self.tier.setEnabled(False)
        self.tier.setToolTip(NO_TOP_REPS_TIP)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear filters")
        self.clear_button.setToolTip("Every rep's usage of every asset")
        self.clear_button.setVisible(False)
        shown = QLabel("Show")
        shown.setObjectName("muted")
        layout.addWidget(shown)
        layout.addWidget(self.weeks)
        layout.addSpacing(6)
        for widget in (self.teams, self.regions, self.roles, self.tier, self.stages, self.clear_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.weeks.currentIndexChanged.connect(self._on_choice_changed)
        self.tier.currentIndexChanged.connect(self._on_choice_changed)
        for button in (self.teams, self.regions, self.roles, self.stages):
            button.changed.connect(self._on_choice_changed)
        self.clear_button.clicked.connect(self.clear)

    def set_options(self, options: FilterOptions, top_reps: int) -> None:
        """Offer what the usage has; choices that are still offered stay chosen."""
        for button, values in (
            (self.teams, options.teams),
            (self.regions, options.regions),
            (self.roles, options.roles),
            (self.stages, options.stages),
        ):
            button.blockSignals(True)
            button.set_values(values)
            button.blockSignals(False)
        self.tier.blockSignals(True)
        if top_reps:
            self.tier.setEnabled(True)
            self.tier.setToolTip(f"Top reps: the {top_reps:,} best performers of the CRM's last import")
        else:
            self.tier.setCurrentIndex(0)
            self.tier.setEnabled(False)
            self.tier.setToolTip(NO_TOP_REPS_TIP)
        self.tier.blockSignals(False)
        self._update_clear()

    def weeks_wanted(self) -> int:
        """How many weeks back from this one; ALL_TIME for every week with usage."""
        return int(self.weeks.currentData())

    def tier_wanted(self) -> Tier:
        tier: Tier = self.tier.currentData()
        return tier

    def usage_filter(
        self, clock: Callable[[], dt.datetime], top_reps: frozenset[str], first_week: dt.date | None
    ) -> UsageFilter:
        from enablement_app.analytics.heatmaps import UsageFilter, week_of

        weeks = self.weeks_wanted()
        if weeks == ALL_TIME:
            this_week = week_of(clock().astimezone(dt.UTC).date())
            start = min(first_week or this_week, this_week)
            weeks = (this_week - start).days // 7 + 1
        return UsageFilter.last_weeks(
            clock,
            weeks,
            teams=frozenset(self.teams.chosen()),
            regions=frozenset(self.regions.chosen()),
            roles=frozenset(self.roles.chosen()),
            tier=self.tier_wanted(),
            top_reps=top_reps,
            stages=frozenset(self.stages.chosen()),
        )

    def describe(self, *, stages: bool = True) -> str:
        """Whose usage, in words: "Enterprise · EMEA · Top reps", or "All reps"."""
        parts = [self.teams.describe(), self.regions.describe(), self.roles.describe()]
        if self.tier_wanted() != "all":
            parts.append(self.tier.currentText())
        if stages and self.stages.describe():
            parts.append(f"stage {self.stages.describe()}")
        shown = " · ".join(part for part in parts if part)
        return shown or "All reps"

    def is_filtered(self) -> bool:
        return bool(
            self.teams.chosen()
            or self.regions.chosen()
            or self.roles.chosen()
            or self.stages.chosen()
            or self.tier_wanted() != "all"
        )

    def clear(self) -> None:
        """Every rep, every stage; the weeks stay as chosen."""
        for button in (self.teams, self.regions, self.roles, self.stages):
            button.blockSignals(True)
            button.choose(())
            button.blockSignals(False)
        self.tier.blockSignals(True)
        self.tier.setCurrentIndex(0)
        self.tier.blockSignals(False)
        self._on_choice_changed()

    def _on_choice_changed(self, *_: object) -> None:
        self._update_clear()
        self.filter_changed.emit()

    def _update_clear(self) -> None:
        self.clear_button.setVisible(self.is_filtered())
