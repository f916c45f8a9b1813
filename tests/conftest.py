"""Fixtures that build real things: a collateral folder of generated files, a data folder with a real
SQLite store and Whoosh index, and a guard that fails any test which logs an unexpected warning."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from enablement_app.catalog import Catalog, CatalogEntry, save_catalog
from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths
from tests.builders import make_docx, make_pdf, make_pptx

# a throwaway PostgreSQL server for the hub tests, started only when a test asks for it
pytest_plugins = ["tests.postgres"]

OUR_LOGGERS = ("enablement_app", "indexer", "ui")
FIXED_NOW = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] in OUR_LOGGERS:
            self.records.append(record)


@pytest.fixture
def log_warnings() -> Iterator[list[logging.LogRecord]]:
    """For tests that expect our code to log warnings: the records, to assert on."""
    collector = _WarningCollector()
    logging.getLogger().addHandler(collector)
    try:
        yield collector.records
    finally:
        logging.getLogger().removeHandler(collector)


@pytest.fixture(autouse=True)
def _fail_on_unexpected_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    if "log_warnings" in request.fixturenames:
        yield
        return
    collector = _WarningCollector()
    logging.getLogger().addHandler(collector)
    try:
        yield
    finally:
        logging.getLogger().removeHandler(collector)
    if collector.records:
        lines = "\n".join(f"{record.name}: {record.getMessage()}" for record in collector.records)
        pytest.fail(f"unexpected warnings were logged:\n{lines}")


class Clock:
    """A settable UTC clock for services that take one."""

    def __init__(self, now: dt.datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def data_paths(tmp_path: Path) -> DataPaths:
    return DataPaths(tmp_path / "data")


@pytest.fixture
def workspace(data_paths: DataPaths, clock: Clock) -> Iterator[Workspace]:
    with Workspace(data_paths, clock=clock, workers=1) as opened:
        yield opened


PRICING_2026 = [
    (
        "Lumora Forecast pricing 2026. Team plan 49 dollars per seat per month. Discount approval: "
        "discounts above 15 percent need VP Sales approval."
    ),
    "Security and compliance: SOC 2 Type II report, GDPR data processing agreement, single sign-on.",
]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A small collateral folder: PDFs, a deck with notes, a Word guide, Markdown, and a catalog."""
    root = tmp_path / "collateral"
    (root / "Pricing").mkdir(parents=True)
    (root / "Decks").mkdir()
    (root / "Guides").mkdir()
    make_pdf(root / "Pricing" / "pricing-2026.pdf", PRICING_2026, title="Pricing sheet 2026")
    make_pdf(
        root / "Pricing" / "pricing-2025.pdf",
        ["Lumora Forecast pricing 2025. Team plan 45 dollars per seat."],
        title="Pricing sheet 2025",
    )
    make_pptx(
        root / "Decks" / "forecast-pitch.pptx",
        [
            ("Why forecasts miss", "Spreadsheets hide pipeline risk", "Ask the CRO how they forecast today"),
            ("Lumora Forecast", "AI forecasting with Salesforce integration", "Demo the pipeline view"),
            (
                "Customer results",
                "Acme Robotics improved forecast accuracy by 30 percent",
                "Pause for questions",
            ),
        ],
        title="Lumora Forecast pitch deck",
    )
    make_docx(
        root / "Guides" / "onboarding.docx",
        [
            ("Your first week", "Shadow three discovery calls and read the battlecards."),
            ("Objection handling", "When a prospect says the cost is too high, anchor on ROI."),
        ],
        title="New rep onboarding guide",
    )
    (root / "Guides" / "battlecard-forecastly.md").write_text(
        "# Battlecard: Forecastly\n\nForecastly lacks a native Salesforce integration.\n\n"
        "## Landmines\n\nAsk about data residency in the EU.\n",
        encoding="utf-8",
    )
    approved = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)
    save_catalog(
        root,
        Catalog(
            library="Test collateral",
            entries={
                "Pricing/pricing-2026.pdf": CatalogEntry(
                    status="approved",
                    approved_by="maria@lumora.example",
                    approved_at=approved,
                    expires_at=dt.date(2027, 12, 31),
                    facets={"product": ("Lumora Forecast",), "stage": ("decision",), "persona": ("CFO",)},
                    supersedes="Pricing/pricing-2025.pdf",
                ),
                "Pricing/pricing-2025.pdf": CatalogEntry(status="retired", approved_at=approved),
                "Decks/forecast-pitch.pptx": CatalogEntry(
                    status="approved",
                    approved_at=approved,
                    facets={
                        "product": ("Lumora Forecast",),
                        "stage": ("consideration",),
                        "persona": ("CRO",),
                    },
                ),
                "Guides/onboarding.docx": CatalogEntry(
                    status="approved", approved_at=approved, facets={"stage": ("onboarding",)}
                ),
                "Guides/battlecard-forecastly.md": CatalogEntry(
                    status="approved",
                    approved_at=approved,
                    expires_at=dt.date(2026, 6, 30),  # already expired at FIXED_NOW
                    facets={"stage": ("decision",)},
                ),
            },
        ),
    )
    return root
