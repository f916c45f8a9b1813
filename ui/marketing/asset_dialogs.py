"""The questions marketing's Library page asks before changing the catalog: the bulk edit of facets, tags
and expiry, the newer asset that supersedes an older one, and a new expiry date for expired assets being
approved again. Each dialog only gathers the answer; the page makes the change."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QStringListModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enablement_app.catalog import UNCHANGED, EntryEdit, Unchanged
from enablement_app.library.governed_assets import GovernedAsset
from ui.marketing.library_model import COLUMN, COLUMNS, LibraryFilter, LibraryModel, LibraryRole

# The facets a bulk edit sets, in the order the form shows them; free tags are added and removed instead.
EDITED_FACETS = (
    ("stage", "Stage"),
    ("persona", "Persona"),
    ("product", "Product"),
    ("industry", "Industry"),
    ("region", "Region"),
)
MIXED = "(mixed)"
TAGS_SHOWN = 5
KEEP_EXPIRY, SET_EXPIRY, NO_EXPIRY = range(3)


def split_values(text: str) -> tuple[str, ...]:
    """ "decision, negotiation" -> ("decision", "negotiation"): a field holds several values."""
    return tuple(dict.fromkeys(value.strip() for value in text.split(",") if value.strip()))


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(qdate: QDate) -> dt.date:
    return dt.date(qdate.year(), qdate.month(), qdate.day())


def _what(assets: Sequence[GovernedAsset]) -> str:
    return f"“{assets[0].title}”" if len(assets) == 1 else f"{len(assets)} assets"


class ValuesCompleter(QCompleter):
    """Completes the value after the last comma, so one field can hold several values."""

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        widget = self.widget()
        current = widget.text() if isinstance(widget, QLineEdit) else ""
        head = current.rsplit(",", 1)[0] + ", " if "," in current else ""
        return head + super().pathFromIndex(index)


def _values_field(known: Sequence[str]) -> QLineEdit:
    field = QLineEdit()
    completer = ValuesCompleter(QStringListModel(sorted(known, key=str.casefold)), field)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    field.setCompleter(completer)
    return field


class BulkEditDialog(QDialog):
    """Facets, free tags and expiry of the selected assets. A field showing "(mixed)" keeps each asset's own
    values unless something is typed into it; a field with the assets' common values replaces them with
    what it holds when edited (emptied: removes them)."""

    def __init__(
        self,
        assets: Sequence[GovernedAsset],
        known: Mapping[str, Sequence[str]],
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.assets = tuple(assets)
        self.setWindowTitle(f"Edit {_what(assets)}")
        self.setMinimumWidth(520)
        self._edited: set[str] = set()
        self._mixed: set[str] = set()
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Changes apply to {_what(assets)}. A field showing {MIXED} keeps each asset's own values "
            "unless you type new ones; separate several values with commas."
            if len(assets) > 1
            else f"Changes apply to {_what(assets)}; separate several values with commas."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.fields: dict[str, QLineEdit] = {}
        for facet, label in EDITED_FACETS:
            field = _values_field(known.get(facet, ()))
            values = {asset.facets.get(facet, ()) for asset in assets}
            if len(values) == 1:
                field.setText(", ".join(next(iter(values))))
                field.setPlaceholderText("none")
            else:
                self._mixed.add(facet)
                field.setPlaceholderText(MIXED)
                field.setToolTip("The assets differ here: left empty, each keeps its own; typed, all get it")
            field.setAccessibleName(label)
            field.textEdited.connect(lambda _text, facet=facet: self._edited.add(facet))
            form.addRow(f"{label}:", field)
            self.fields[facet] = field

        tag_counts = Counter(tag for asset in assets for tag in asset.facets.get("tag", ()))
        tags = [
            tag if len(assets) == 1 else f"{tag} ({count})"
            for tag, count in sorted(tag_counts.items(), key=lambda item: (-item[1], item[0].casefold()))
        ]
        # The most common first, wrapped rather than cut at the dialog's edge; the tooltip has them all.
        shown = ", ".join(tags[:TAGS_SHOWN]) + (f", … {len(tags)} in all" if len(tags) > TAGS_SHOWN else "")
        self.tags_label = QLabel(shown or "none")
        self.tags_label.setWordWrap(True)
        self.tags_label.setObjectName("muted")
        self.tags_label.setToolTip("\n".join(tags))
        form.addRow("Tags now:", self.tags_label)
        self.add_tags = _values_field(known.get("tag", ()))
        self.add_tags.setPlaceholderText("tags to add")
        self.add_tags.setAccessibleName("Tags to add")
        form.addRow("Add tags:", self.add_tags)
        self.remove_tags = _values_field(list(tag_counts))
        self.remove_tags.setPlaceholderText("tags to remove")
        self.remove_tags.setAccessibleName("Tags to remove")
        form.addRow("Remove tags:", self.remove_tags)

        expiry_row = QHBoxLayout()
        self.expiry_choice = QComboBox()
        expiries = {asset.expires_at for asset in assets}
        common = next(iter(expiries)) if len(expiries) == 1 else UNCHANGED
        if common is UNCHANGED:
            kept = f"Keep each asset's date {MIXED}"
        elif common is None:
            kept = "Keep: no expiry date"
        else:
            kept = f"Keep: {common.isoformat()}"
        self.expiry_choice.addItems([kept, "Expires on", "No expiry date"])
        self.expiry_choice.setAccessibleName("Expiry")
        self.expiry_date = QDateEdit()
        self.expiry_date.setCalendarPopup(True)
        self.expiry_date.setDisplayFormat("yyyy-MM-dd")
        self.expiry_date.setDate(
            _qdate(common if isinstance(common, dt.date) else today + dt.timedelta(days=365))
        )
        self.expiry_date.setEnabled(False)
        self.expiry_choice.currentIndexChanged.connect(
            lambda choice: self.expiry_date.setEnabled(choice == SET_EXPIRY)
        )
        expiry_row.addWidget(self.expiry_choice, 1)
        expiry_row.addWidget(self.expiry_date)
        form.addRow("Expiry:", expiry_row)
        layout.addLayout(form)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(f"Apply to {_what(assets)}" if len(assets) > 1 else "Apply")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def edit(self) -> EntryEdit:
        """The change to make: only the fields touched, a mixed field left empty staying as it was."""
        facets = {}
        for facet in sorted(self._edited):
            values = split_values(self.fields[facet].text())
            if values or facet not in self._mixed:
                facets[facet] = values
        choice = self.expiry_choice.currentIndex()
        expires_at: dt.date | Unchanged | None = UNCHANGED
        if choice == SET_EXPIRY:
            expires_at = _date(self.expiry_date.date())
        elif choice == NO_EXPIRY:
            expires_at = None
        return EntryEdit(
            facets=facets,
            tags_added=split_values(self.add_tags.text()),
            tags_removed=split_values(self.remove_tags.text()),
            expires_at=expires_at,
        )


def edit_summary(edit: EntryEdit) -> str:
    """What a bulk edit changed, in a few words: "stage, tags and expiry date"."""
    parts = [label.lower() for facet, label in EDITED_FACETS if facet in edit.facets]
    if edit.tags_added or edit.tags_removed:
        parts.append("tags")
    if edit.expires_at is not UNCHANGED:
        parts.append("expiry date")
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


class SupersedeDialog(QDialog):
    """Which asset replaces an older one: the newer one gets approved, the older one retired."""

    def __init__(self, older: GovernedAsset, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.older = older
        self.setWindowTitle(f"Supersede “{older.title}”")
        self.resize(760, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Which asset replaces “{older.title}”? The one you choose is approved and the older one retired, "
            "so reps find only the newer one."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter by title or path")
        self.filter_box.setClearButtonEnabled(True)
        layout.addWidget(self.filter_box)
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(model)
        self.proxy.set_excluded({older.path})
        self.proxy.sort(COLUMN["title"], Qt.SortOrder.AscendingOrder)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        for number, (name, _title) in enumerate(COLUMNS):
            self.table.setColumnHidden(number, name not in ("title", "standing", "path"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMN["title"], QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COLUMN["standing"], 170)
        self.table.setColumnWidth(COLUMN["path"], 240)
        self.table.verticalHeader().setDefaultSectionSize(28)
        layout.addWidget(self.table, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.supersede_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.supersede_button.setText("Approve it in place of the older one")
        self.supersede_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.filter_box.textChanged.connect(self.proxy.set_text)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.supersede_button.setEnabled(self.newer() is not None)
        )
        self.table.doubleClicked.connect(lambda _index: self.accept())

    def choose(self, path: str) -> bool:
        """Select the asset at ``path``, as a click would; False when it is not listed."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            asset = index.data(LibraryRole.ASSET)
            if asset is not None and asset.path == path:
                self.table.selectRow(row)
                return True
        return False

    def newer(self) -> GovernedAsset | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        asset = rows[0].data(LibraryRole.ASSET)
        return asset if isinstance(asset, GovernedAsset) else None


class RenewDialog(QDialog):
    """Before approving assets some of which already expired: until when the approval holds."""

    def __init__(
        self, assets: Sequence[GovernedAsset], expired: int, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Approve {_what(assets)}")
        layout = QVBoxLayout(self)
        if len(assets) == 1:
            question = f"“{assets[0].title}” expired on {assets[0].expires_at}. Approve it again:"
        else:
            gone = "has" if expired == 1 else "have"
            question = (
                f"{expired} of the {len(assets)} assets {gone} expired, so approving needs a new expiry "
                f"date. It applies to all {len(assets)}:"
            )
        label = QLabel(question)
        label.setWordWrap(True)
        layout.addWidget(label)
        row = QHBoxLayout()
        self.until = QRadioButton("Until")
        self.until.setChecked(True)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMinimumDate(_qdate(today + dt.timedelta(days=1)))
        self.date.setDate(_qdate(today + dt.timedelta(days=365)))
        self.no_expiry = QRadioButton("No expiry date")
        self.until.toggled.connect(self.date.setEnabled)
        row.addWidget(self.until)
        row.addWidget(self.date)
        row.addSpacing(16)
        row.addWidget(self.no_expiry)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Approve")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def expires_at(self) -> dt.date | None:
        return _date(self.date.date()) if self.until.isChecked() else None
