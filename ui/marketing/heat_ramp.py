"""The heatmaps' colour ramp: sequential, colour-blind safe, readable in the light and the dark theme.

Light: ColorBrewer's YlGnBu, pale yellow to deep blue. Dark: viridis, deep blue to bright yellow, so that
on a dark window much use is bright, as little use is pale on a light one. Both keep their order for every
common colour-vision deficiency (they vary in lightness, not only hue). Counts are skewed (a few assets get
most opens), so a value's position on the ramp is the square root of its share of the largest value:
a cell with a tenth of the top still shows clearly coloured.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QColor, QPalette

from ui.theme import is_dark

_LIGHT = ("#edf8b1", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#253494", "#081d58")
_DARK = ("#3b2a6e", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725")


def heat_fraction(value: float, highest: float) -> float:
    """Where ``value`` sits on the ramp, 0 to 1: 0 for nothing, above 0 for anything."""
    if value <= 0 or highest <= 0:
        return 0.0
    return min(1.0, math.sqrt(value / highest))


def ramp_colour(fraction: float, palette: QPalette) -> QColor:
    """The ramp's colour at ``fraction`` (above 0); nothing (fraction 0) is left unfilled by callers."""
    stops = _DARK if is_dark(palette) else _LIGHT
    position = max(0.0, min(1.0, fraction)) * (len(stops) - 1)
    low = math.floor(position)
    high = min(low + 1, len(stops) - 1)
    share = position - low
    a, b = QColor(stops[low]), QColor(stops[high])
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )


def text_on(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill`` (by relative luminance)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(fill.red()) + 0.7152 * channel(fill.green()) + 0.0722 * channel(fill.blue())
    return QColor("#111111") if luminance > 0.32 else QColor("#ffffff")
