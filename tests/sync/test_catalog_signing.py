"""Only marketing's key can publish a catalog that reps accept."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from enablement_app.catalog import Catalog, CatalogEntry
from enablement_app.sync.catalog_signing import (
    SignatureError,
    generate_signing_key,
    load_signing_key,
    parse_public_key,
    public_key_text,
    save_signing_key,
    sign_catalog,
    verify_catalog,
)

PUBLISHED = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def manifest(status: str = "approved") -> bytes:
    catalog = Catalog(library="Lumora", entries={"Pricing/sheet.pdf": CatalogEntry(status=status)})
    return json.dumps(catalog.to_json()).encode()


def test_signed_catalog_verifies_and_parses() -> None:
    key = generate_signing_key()
    signed = sign_catalog(key, manifest(), serial=3, published_at=PUBLISHED)
    catalog = verify_catalog(parse_public_key(public_key_text(key)), signed, in_use_serial=3)
    assert catalog.entries["Pricing/sheet.pdf"].status == "approved"


@pytest.mark.parametrize(
    "tamper",
    [
        lambda s: dataclasses.replace(s, manifest=manifest("retired")),
        lambda s: dataclasses.replace(s, serial=s.serial + 1),
        lambda s: dataclasses.replace(s, published_at=s.published_at + dt.timedelta(seconds=1)),
        lambda s: dataclasses.replace(s, signature=bytes(64)),
    ],
    ids=["manifest", "serial", "time", "signature"],
)
def test_any_change_breaks_the_signature(tamper) -> None:  # type: ignore[no-untyped-def]
    key = generate_signing_key()
    signed = sign_catalog(key, manifest(), serial=3, published_at=PUBLISHED)
    with pytest.raises(SignatureError, match="not signed by marketing"):
        verify_catalog(key.public_key(), tamper(signed))


def test_a_reps_own_key_is_refused() -> None:
    marketing, rep = generate_signing_key(), generate_signing_key()
    forged = sign_catalog(rep, manifest(), serial=9, published_at=PUBLISHED)
    with pytest.raises(SignatureError):
        verify_catalog(marketing.public_key(), forged)


def test_an_older_catalog_replayed_is_refused() -> None:
    key = generate_signing_key()
    old = sign_catalog(key, manifest(), serial=2, published_at=PUBLISHED)
    with pytest.raises(SignatureError, match="older than the one in use"):
        verify_catalog(key.public_key(), old, in_use_serial=5)


def test_key_file_is_private_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "marketing" / "catalog-signing-key.pem"
    key = generate_signing_key()
    save_signing_key(key, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert public_key_text(load_signing_key(path)) == public_key_text(key)
    with pytest.raises(SignatureError, match="already holds"):
        save_signing_key(generate_signing_key(), path)
    assert public_key_text(load_signing_key(path)) == public_key_text(key)


@pytest.mark.parametrize("text", ["", "rsa:AAAA", "ed25519:not base64!", "ed25519:AAAA"])
def test_bad_public_keys_get_a_sentence(text: str) -> None:
    with pytest.raises(SignatureError):
        parse_public_key(text)


def test_missing_or_damaged_private_key(tmp_path: Path) -> None:
    with pytest.raises(SignatureError, match="only marketing can publish"):
        load_signing_key(tmp_path / "none.pem")
    (tmp_path / "bad.pem").write_text("not a key")
    with pytest.raises(SignatureError, match="cannot be read"):
        load_signing_key(tmp_path / "bad.pem")
