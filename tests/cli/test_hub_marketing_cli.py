"""Two reps and a marketer on one machine, one shared folder hub: usage flows in, the signed catalog out."""

from __future__ import annotations

import json
import logging
import re
import stat
from pathlib import Path

from click.testing import CliRunner, Result

from enablement_app.analytics.rollups import pending_events, rolled_up_to
from enablement_app.cli.main import EXIT_BAD_DATA, EXIT_HUB_REFUSED, cli
from enablement_app.store import open_store
from enablement_app.sync.catalog_signing import parse_public_key, verify_catalog
from enablement_app.sync.folder_hub import FolderHub
from enablement_app.usage.profile import device_id
from tests.sync.events import record


def _invoke(data: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data), *args], catch_exceptions=False)


def _record(data: Path, count: int) -> None:
    store = open_store(data / "library.sqlite3")
    try:
        record(store, count, device_id(store))
    finally:
        store.close()


def test_reps_usage_reaches_marketing_and_the_signed_catalog_reaches_the_hub(
    tmp_path: Path, library: Path
) -> None:
    hub, marketer, ana, ben = (tmp_path / name for name in ("hub", "marketer", "ana", "ben"))
    assert _invoke(marketer, "hub", "connect", "--create", str(hub)).exit_code == 0
    initialised = _invoke(marketer, "hub", "init")
    assert initialised.exit_code == 0, initialised.output
    public_key = re.search(r"Public key for reps: (ed25519:\S+)", initialised.output)
    assert public_key is not None
    assert stat.S_IMODE((marketer / "catalog-signing-key.pem").stat().st_mode) == 0o600
    assert _invoke(marketer, "hub", "init").exit_code == EXIT_BAD_DATA  # never over the existing key

    for rep, count in ((ana, 12), (ben, 7)):
        assert _invoke(rep, "hub", "connect", str(hub)).exit_code == 0
        _record(rep, count)
        assert _invoke(rep, "sync").exit_code == 0

    ingested = _invoke(marketer, "hub", "ingest")
    assert ingested.exit_code == 0, ingested.output
    assert ingested.output == "Ingested 19 new events\n"
    assert _invoke(marketer, "hub", "ingest").output == "Ingested 0 new events\n"
    store = open_store(marketer / "library.sqlite3")
    try:  # the reports' rollups already count every ingested event
        assert (pending_events(store), rolled_up_to(store)) == (0, 19)
    finally:
        store.close()

    assert _invoke(marketer, "index", str(library)).exit_code == 0
    published = _invoke(marketer, "hub", "publish")
    assert published.exit_code == 0, published.output
    assert published.output.startswith("Published catalog number 1 (5 assets) and figures for ")
    signed = FolderHub(hub).catalog()
    assert signed is not None
    catalog = verify_catalog(parse_public_key(public_key.group(1)), signed)
    assert catalog.entries["Pricing/pricing-2026.pdf"].status == "approved"


def test_a_rep_without_the_key_cannot_publish(tmp_path: Path, library: Path) -> None:
    rep = tmp_path / "rep"
    assert _invoke(rep, "hub", "connect", "--create", str(tmp_path / "hub")).exit_code == 0
    assert _invoke(rep, "index", str(library)).exit_code == 0
    refused = _invoke(rep, "hub", "publish")
    assert refused.exit_code == EXIT_HUB_REFUSED
    assert "only marketing can publish" in refused.output
    assert FolderHub(tmp_path / "hub").catalog() is None


def _search(data: Path, query: str) -> list[str]:
    found = _invoke(data, "search", query, "--json")
    return [hit["asset"]["path"] for hit in json.loads(found.output)["hits"]] if found.exit_code == 0 else []


def test_a_catalog_change_by_marketing_reaches_both_reps_and_a_forgery_does_not(
    tmp_path: Path, library: Path, log_warnings: list[logging.LogRecord]
) -> None:
    hub, marketer, ana, ben = (tmp_path / name for name in ("hub", "marketer", "ana", "ben"))
    _invoke(marketer, "hub", "connect", "--create", str(hub))
    key = re.search(r"(ed25519:\S+)", _invoke(marketer, "hub", "init").output).group(1)  # type: ignore[union-attr]
    _invoke(marketer, "index", str(library))
    assert _invoke(marketer, "hub", "publish").exit_code == 0
    for rep in (ana, ben):
        assert _invoke(rep, "hub", "connect", str(hub), "--key", key).exit_code == 0
        assert _invoke(rep, "index", str(library)).exit_code == 0
        synced = _invoke(rep, "sync")
        assert "Took the newest catalog from marketing." in synced.output
        assert "Pricing/pricing-2026.pdf" in _search(rep, "pricing")

    assert _invoke(marketer, "retire", "Pricing/pricing-2026.pdf").exit_code == 0
    assert _invoke(marketer, "hub", "publish").output.startswith("Published catalog number 2 ")
    for rep in (ana, ben):
        assert "Took the newest catalog from marketing." in _invoke(rep, "sync").output
        assert "Pricing/pricing-2026.pdf" not in _search(rep, "pricing")

    # A rep who edits the shared folder's manifest changes nothing for anyone on the hub...
    assert _invoke(ana, "approve", "Pricing/pricing-2026.pdf").exit_code == 0
    assert "Pricing/pricing-2026.pdf" not in _search(ana, "pricing")
    _invoke(ben, "index", str(library))
    assert "Pricing/pricing-2026.pdf" not in _search(ben, "pricing")
    # ...and a catalog a rep signs with a key of their own is refused.
    _invoke(ana, "hub", "init")
    forged = _invoke(ana, "hub", "publish")
    assert forged.exit_code == 0  # the hub folder is writable by reps: the signature is the protection
    refused = _invoke(ben, "sync")
    assert "not signed by marketing" in refused.output
    assert "Pricing/pricing-2026.pdf" not in _search(ben, "pricing")
    assert any("not signed by marketing" in record.getMessage() for record in log_warnings)


def test_a_rep_trusts_the_key_published_on_the_hub_by_its_fingerprint(
    tmp_path: Path, library: Path, log_warnings: list[logging.LogRecord]
) -> None:
    """Trust on first use: the rep sees the fingerprint marketing sees, and pins the key only when told to."""
    hub, marketer, ana, ben = (tmp_path / name for name in ("hub", "marketer", "ana", "ben"))
    _invoke(marketer, "hub", "connect", "--create", str(hub))
    early = _invoke(ana, "hub", "connect", str(hub))
    assert early.exit_code == 0 and "has not published a signed catalog" in early.output
    initialised = _invoke(marketer, "hub", "init").output
    fingerprint = re.search(r"fingerprint, for reps to check: ([0-9A-F ]{19})", initialised).group(1)  # type: ignore[union-attr]
    _invoke(marketer, "index", str(library))
    assert _invoke(marketer, "hub", "publish").exit_code == 0

    asked = _invoke(ana, "hub", "connect", str(hub))  # not a terminal: nothing is trusted without the flag
    assert f"has the fingerprint {fingerprint}" in asked.output and "Not trusted yet" in asked.output
    assert "cannot be trusted yet" in _invoke(ana, "sync").output
    trusted = _invoke(ana, "hub", "connect", str(hub), "--trust-hub-key")
    assert "Trusted: catalogs signed with this key will be applied." in trusted.output
    _invoke(ana, "index", str(library))
    assert "Took the newest catalog from marketing." in _invoke(ana, "sync").output

    # A key already trusted is never swapped for the one on the hub, even when asked to trust.
    key = re.search(r"(ed25519:\S+)", initialised).group(1)  # type: ignore[union-attr]
    assert _invoke(ben, "hub", "connect", str(hub), "--key", key).exit_code == 0
    _invoke(ben, "index", str(library))
    _invoke(ben, "hub", "init")
    assert _invoke(ben, "hub", "publish").exit_code == 0  # a forgery signed with a key of Ben's own
    again = _invoke(ana, "hub", "connect", str(hub), "--trust-hub-key")
    assert "signed with another key than the one this computer trusts" in again.output
    assert "not signed by marketing" in _invoke(ana, "sync").output
