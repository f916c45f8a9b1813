"""One look for the whole app: Fusion with a palette that follows the system's light or dark setting.

Colours are taken from the palette everywhere (widgets, delegates, the style sheet), so switching scheme
needs nothing but a new palette; the few brand colours live here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = QColor("#2563eb")
ACCENT_DARK = QColor("#60a5fa")
NEW_BADGE = QColor("#16a34a")
UPDATED_BADGE = QColor("#d97706")
STAR = QColor("#f59e0b")
# The text of the "top reps' pick" chip on its pale star-coloured fill: dark amber, light amber in the dark.
PICK_TEXT_LIGHT = QColor("#92400e")
PICK_TEXT_DARK = QColor("#fbbf24")
# An asset's standing in marketing's library (light, dark): approved, expiring soon, expired.
STANDING_COLOURS = {
    "approved": (QColor("#15803d"), QColor("#4ade80")),
    "expiring": (QColor("#b45309"), QColor("#fbbf24")),
    "expired": (QColor("#b91c1c"), QColor("#f87171")),
    "draft": (QColor("#64748b"), QColor("#94a3b8")),
}
# Retired and superseded assets: out of reps' sight, so greyed.
STANDING_GONE = (QColor("#a0a7b0"), QColor("#6b6f76"))
# The marketing charts' series (light, dark): opens blue and shares orange, apart for every colour vision;
# ratings in the star's amber, darker on a light page so a thin line still reads.
CHART_COLOURS = {
    "opens": (ACCENT, ACCENT_DARK),
    "shares": (QColor("#ea580c"), QColor("#fb923c")),
    "stars": (QColor("#b45309"), STAR),
}
HIGHLIGHT_LIGHT = QColor(255, 214, 10, 150)
HIGHLIGHT_DARK = QColor(255, 196, 0, 110)

KIND_COLOURS = {
    "pdf": QColor("#dc2626"),
    "pptx": QColor("#ea580c"),
    "docx": QColor("#2563eb"),
    "md": QColor("#475569"),
    "txt": QColor("#64748b"),
    "html": QColor("#0d9488"),
}


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def _palette(dark: bool) -> QPalette:
    palette = QPalette()
    if dark:
        colours = {
            QPalette.ColorRole.Window: "#1e1f22",
            QPalette.ColorRole.WindowText: "#e6e6e6",
            QPalette.ColorRole.Base: "#26272b",
            QPalette.ColorRole.AlternateBase: "#2c2d31",
            QPalette.ColorRole.Text: "#e6e6e6",
            QPalette.ColorRole.PlaceholderText: "#8b8d93",
            QPalette.ColorRole.Button: "#2c2d31",
            QPalette.ColorRole.ButtonText: "#e6e6e6",
            QPalette.ColorRole.Highlight: ACCENT_DARK.name(),
            QPalette.ColorRole.HighlightedText: "#0b1220",
            QPalette.ColorRole.ToolTipBase: "#2c2d31",
            QPalette.ColorRole.ToolTipText: "#e6e6e6",
            QPalette.ColorRole.Link: ACCENT_DARK.name(),
            QPalette.ColorRole.Mid: "#3a3b40",
            QPalette.ColorRole.Midlight: "#34353a",
        }
    else:
        colours = {
            QPalette.ColorRole.Window: "#f5f6f8",
            QPalette.ColorRole.WindowText: "#1f2328",
            QPalette.ColorRole.Base: "#ffffff",
            QPalette.ColorRole.AlternateBase: "#f7f8fa",
            QPalette.ColorRole.Text: "#1f2328",
            QPalette.ColorRole.PlaceholderText: "#8c959f",
            QPalette.ColorRole.Button: "#ffffff",
            QPalette.ColorRole.ButtonText: "#1f2328",
            QPalette.ColorRole.Highlight: ACCENT.name(),
            QPalette.ColorRole.HighlightedText: "#ffffff",
            QPalette.ColorRole.ToolTipBase: "#ffffff",
            QPalette.ColorRole.ToolTipText: "#1f2328",
            QPalette.ColorRole.Link: ACCENT.name(),
            QPalette.ColorRole.Mid: "#d0d7de",
            QPalette.ColorRole.Midlight: "#e5e8ec",
        }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#6b6f76") if dark else QColor("#a0a7b0")
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def _style_sheet(dark: bool) -> str:
    border = "#3a3b40" if dark else "#d0d7de"
    muted = "#a1a4ab" if dark else "#57606a"
    surface = "#26272b" if dark else "#ffffff"
    hover = "#34353a" if dark else "#eef1f4"
    accent = ACCENT_DARK.name() if dark else ACCENT.name()
    return f"""
    QLineEdit#searchBox {{
        border: 1px solid {border}; border-radius: 10px; padding: 8px 12px; font-size: 15px;
        background: {surface};
    }}
    QLineEdit#searchBox:focus {{ border: 2px solid {accent}; padding: 7px 11px; }}
    QLabel#muted, QLabel#resultSummary {{ color: {muted}; }}
    QLabel#paneTitle {{ font-size: 16px; font-weight: 600; }}
    QLabel#sectionTitle {{ font-weight: 600; color: {muted}; }}
    QLabel#cardTitle {{ font-size: 14px; font-weight: 600; }}
    QLabel#appTitle {{ font-size: 15px; font-weight: 700; }}
    QFrame#card, QFrame#banner, QFrame#ratePrompt {{
        background: {surface}; border: 1px solid {border}; border-radius: 8px;
    }}
    QFrame#banner {{ border-color: {UPDATED_BADGE.name()}; }}
    QToolButton {{ border: none; border-radius: 6px; padding: 4px 8px; }}
    QToolButton:hover {{ background: {hover}; }}
    QToolButton:checked {{ background: {hover}; }}
    QPushButton {{ border: 1px solid {border}; border-radius: 6px; padding: 5px 12px; background: {surface}; }}
    QPushButton:hover {{ background: {hover}; }}
    QPushButton:default {{ border: 1px solid {accent}; }}
    QListView, QTreeView, QTextBrowser, QScrollArea#pageArea {{ border: none; }}
    QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px 0; }}
    QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 0 2px; }}
    QScrollBar::handle {{ background: {border}; border-radius: 4px; min-height: 32px; min-width: 32px; }}
    QScrollBar::handle:hover {{ background: {muted}; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
    QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
    QSplitter::handle {{ background: {border}; }}
    QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
    QTreeView#facets::indicator {{
        width: 12px; height: 12px; border: 1px solid {muted}; border-radius: 3px; background: {surface};
    }}
    QTreeView#facets::indicator:checked {{ background: {accent}; border: 3px solid {surface}; outline: none; }}
    QStatusBar {{ color: {muted}; }}
    QLabel#pageMessage {{ color: {muted}; }}
    QFrame#viewSwitch {{ border: 1px solid {border}; border-radius: 8px; background: {surface}; }}
    QFrame#viewSwitch QToolButton {{ border-radius: 6px; padding: 4px 12px; margin: 2px; }}
    QFrame#viewSwitch QToolButton:checked {{ background: {accent}; color: {surface}; }}
    QFrame#marketingNav {{ border-right: 1px solid {border}; }}
    QFrame#marketingNav QToolButton {{ text-align: left; padding: 6px 12px; font-weight: 500; }}
    QFrame#marketingNav QToolButton:checked {{ background: {hover}; color: {accent}; font-weight: 600; }}
    QToolButton#chip {{ border: 1px solid {border}; border-radius: 12px; padding: 3px 10px; }}
    QToolButton#chip:checked {{ border-color: {accent}; color: {accent}; background: {hover}; }}
    QPushButton#primary {{ background: {accent}; color: {surface}; border-color: {accent}; font-weight: 600; }}
    QPushButton#primary:disabled {{ background: {hover}; color: {muted}; border-color: {border}; }}
    QTableView#libraryTable {{ border: 1px solid {border}; border-radius: 6px; background: {surface}; }}
    """


def apply_theme(app: QApplication, scheme: str = "system") -> bool:
    """Style ``app``; ``scheme`` is "light", "dark" or "system". Returns whether the result is dark."""
    dark = system_prefers_dark() if scheme == "system" else scheme == "dark"
    app.setStyle("Fusion")
    app.setPalette(_palette(dark))
    font = QFont(app.font())
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    app.setStyleSheet(_style_sheet(dark))
    return dark


def highlight_colour() -> QColor:
    return HIGHLIGHT_DARK if is_dark() else HIGHLIGHT_LIGHT


def muted_text_colour(palette: QPalette) -> QColor:
    colour = QColor(palette.color(QPalette.ColorRole.Text))
    colour.setAlphaF(0.62)
    return colour


def standing_colour(standing: str, palette: QPalette) -> QColor:
    """The colour of an asset's standing in marketing's library; grey for retired and superseded ones."""
    light, dark = STANDING_COLOURS.get(standing, STANDING_GONE)
    return dark if is_dark(palette) else light


def chart_colour(series: str, palette: QPalette) -> QColor:
    """The colour of a chart's series ("opens", "shares", "stars") in the palette's light or dark theme."""
    light, dark = CHART_COLOURS[series]
    return QColor(dark if is_dark(palette) else light)


def pick_text_colour(palette: QPalette) -> QColor:
    return PICK_TEXT_DARK if is_dark(palette) else PICK_TEXT_LIGHT
