"""The company's figures on the rep's cards and in the preview: what other reps did with an asset reaches
marketing through a real folder hub, marketing publishes the figures, and the rep's next sync shows them."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from enablement_app.paths import DataPaths
from enablement_app.sync.catalog_signing import generate_signing_key
from enablement_app.sync.hub import AssetFigures, create_hub
from tests.ui.conftest import App, save_rep, start_app
from tests.ui.hub_usage import ingest_and_publish, push_usage, trust_key, usage
from tests.ui.test_main_window import WAIT, search_for
from tests.ui.test_sync_status import set_hub
from ui import theme
from ui.search.result_delegate import CARD_HEIGHT, FIGURES_HEIGHT
from ui.search.results_model import CardFigures, Rating, ResultRole

PRICING, DECK = "Pricing sheet 2026", "Lumora Forecast pitch deck"


def row_of(app: App, title: str) -> QModelIndex:
    model = app.window.results
    rows = [model.index(row) for row in range(model.rowCount())]
    return next(index for index in rows if index.data() == title)


def star_pixels(image: QImage, rect: QRect) -> int:
    """How many pixels in ``rect`` have the colour filled stars are painted in."""
    star = theme.STAR
    count = 0
    for y in range(max(0, rect.top()), min(image.height(), rect.bottom() + 1)):
        for x in range(max(0, rect.left()), min(image.width(), rect.right() + 1)):
            colour = QColor(image.pixel(x, y))
            if (
                abs(colour.red() - star.red()) < 12
                and abs(colour.green() - star.green()) < 12
                and abs(colour.blue() - star.blue()) < 12
            ):
                count += 1
    return count


def preview(qtbot: QtBot, app: App, index: QModelIndex) -> None:
    window = app.window
    window.result_view.setCurrentIndex(index)
    with qtbot.waitSignal(window.renderer.source_loaded, timeout=WAIT):
        window.preview_current()


def test_cards_show_what_the_company_does_with_an_asset_once_marketing_published_it(
    qtbot: QtBot, data_paths: DataPaths, library: Path, tmp_path: Path, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    hub_url = (tmp_path / "hub").as_uri()
    create_hub(hub_url).close()
    key = generate_signing_key()
    save_rep(data_paths)
    set_hub(data_paths, hub_url)
    trust_key(data_paths, key)
    app = start_app(qtbot, data_paths, library, tmp_path)
    window = app.window

    search_for(qtbot, app, "forecast")
    pricing, deck = row_of(app, PRICING), row_of(app, DECK)
    assert pricing.data(ResultRole.FIGURES) is None  # nothing published yet, nothing rated here
    pricing_id, deck_id = pricing.data(ResultRole.ASSET_ID), deck.data(ResultRole.ASSET_ID)

    # Two other reps use the pricing sheet (Ana is a top rep); nobody touches the deck.
    ana, ben = str(uuid.uuid4()), str(uuid.uuid4())
    ana_device, ben_device = str(uuid.uuid4()), str(uuid.uuid4())
    push_usage(
        hub_url,
        ana_device,
        [usage("open", ana, pricing_id, ana_device) for _ in range(5)]
        + [usage("share", ana, pricing_id, ana_device)]
        + [usage("rate", ana, pricing_id, ana_device, stars=5, comment="", used_in_deal=True)],
    )
    push_usage(
        hub_url,
        ben_device,
        [usage("open", ben, pricing_id, ben_device) for _ in range(2)]
        + [usage("share", ben, pricing_id, ben_device, channel="link")]
        + [usage("rate", ben, pricing_id, ben_device, stars=4, comment="", used_in_deal=False)],
    )
    published = ingest_and_publish(DataPaths(tmp_path / "marketing"), hub_url, library, key, top_reps={ana})
    assert published.assets_with_figures == 1

    with qtbot.waitSignal(window.sync.sync_finished, timeout=WAIT):
        window.sync_action.trigger()
    search_for(qtbot, app, "forecast")
    pricing, deck = row_of(app, PRICING), row_of(app, DECK)

    figures = pricing.data(ResultRole.FIGURES)
    assert figures == CardFigures(
        rating=Rating(4.5, 2), opens=7, shares=2, used_in_deals=1, top_reps_pick=True, top_reps=1
    )
    assert pricing.data(ResultRole.RATING) == Rating(4.5, 2)
    line = "★ 4.5 (2) · 7 opens · 2 shares · used in 1 deal · used by 1 top rep this quarter · top reps' pick"
    assert pricing.data(Qt.ItemDataRole.AccessibleDescriptionRole) == line
    assert pricing.data(Qt.ItemDataRole.ToolTipRole) == (
        "Pricing/pricing-2026.pdf\nRated 4.5 out of 5 by 2 reps, opened 7 times, shared 2 times, "
        "used in 1 deal, used by 1 top rep this quarter; top reps open it far more than most"
    )
    assert deck.data(ResultRole.ASSET_ID) == deck_id
    assert deck.data(ResultRole.FIGURES) is None
    assert deck.data(ResultRole.RATING) is None
    assert deck.data(Qt.ItemDataRole.AccessibleDescriptionRole) is None
    assert deck.data(Qt.ItemDataRole.ToolTipRole) == "Decks/forecast-pitch.pptx"
    qtmodeltester.check(window.results)

    # What the rep sees: the pricing card is taller by the figures line, painted with the rating's stars;
    # the deck's card has no such line and no star anywhere.
    view = window.result_view
    image = view.viewport().grab().toImage()
    pricing_rect, deck_rect = view.visualRect(pricing), view.visualRect(deck)
    assert pricing_rect.height() == CARD_HEIGHT + FIGURES_HEIGHT
    assert deck_rect.height() == CARD_HEIGHT
    figures_line = QRect(
        pricing_rect.left(), pricing_rect.bottom() - FIGURES_HEIGHT, pricing_rect.width(), FIGURES_HEIGHT
    )
    assert star_pixels(image, figures_line) > 40
    assert star_pixels(image, deck_rect) == 0

    preview(qtbot, app, pricing)
    pane = window.preview
    assert pane.figures_label.isVisible()
    assert pane.figures_label.text() == line
    preview(qtbot, app, deck)
    assert not pane.figures_label.isVisible()
    window.close()


def test_a_rating_recorded_here_shows_until_the_hub_has_ratings(qtbot: QtBot, app: App) -> None:
    """Without company figures the card shows this computer's ratings, with how many were used in deals."""
    window = app.window
    search_for(qtbot, app, "onboarding")
    card = window.results.row_at(0).card  # type: ignore[union-attr]
    from ui.rating.rating_widgets import RatingChoice

    with qtbot.waitSignal(window.rating_saved, timeout=WAIT):
        window.save_rating(card, RatingChoice(4, "", used_in_deal=True))
    first = window.results.index(0)
    assert first.data(ResultRole.FIGURES) == CardFigures(rating=Rating(4.0, 1), used_in_deals=1)
    assert first.data(Qt.ItemDataRole.AccessibleDescriptionRole) == "★ 4.0 (1) · used in 1 deal"
    assert window.result_view.visualRect(first).height() == CARD_HEIGHT + FIGURES_HEIGHT


def test_figures_show_only_what_happened_in_the_rep_s_words() -> None:
    assert CardFigures().empty
    assert CardFigures(rating=Rating(0.0, 0)).empty
    assert CardFigures(opens=12_430).text() == "12,430 opens"
    assert CardFigures(opens=1, shares=1, used_in_deals=1).text() == "1 open · 1 share · used in 1 deal"
    assert CardFigures(rating=Rating(4.26, 1_204), shares=3).text() == "★ 4.3 (1,204) · 3 shares"
    assert CardFigures(opens=9, top_reps_pick=True).sentence() == (
        "Opened 9 times; top reps open it far more than most"
    )


def test_top_reps_pick_needs_a_large_share_of_opens_by_top_reps() -> None:
    assert AssetFigures("a", opens=12, top_rep_opens=5).top_reps_pick  # 42% of opens
    assert not AssetFigures("a", opens=13, top_rep_opens=5).top_reps_pick  # 38%
    assert not AssetFigures("a", opens=4, top_rep_opens=4).top_reps_pick  # all, but too few to mean much
    assert not AssetFigures("a").top_reps_pick
