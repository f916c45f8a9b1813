"""Marketing signs the catalog; a rep's app refuses one that does not verify.

Anyone who can write to a shared folder, reps included, could edit a manifest there, so approval cannot
rest on file permissions. Marketing holds an Ed25519 private key (made once by ``enablement hub init`` and
kept in marketing's data folder, readable by its owner only); reps pin the public key when they connect to
the hub and accept only manifests signed by it, and never one older than the one they already use (a
replayed old catalog could bring back a retired asset).

The signature covers a fixed prefix, the serial, the publish time and the manifest bytes, so none of them
can be changed without breaking it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import tempfile
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from enablement_app.catalog import Catalog, CatalogError
from enablement_app.catalog.manifest import parse_catalog
from enablement_app.sync.hub import SignedCatalog

KEY_PREFIX = "ed25519:"
_SIGNED_PREFIX = b"enablement-catalog-v1\n"


class SignatureError(Exception):
    """A key or a signed catalog cannot be trusted; the message says what is wrong and what to do."""


class MissingSigningKeyError(SignatureError):
    """This computer has no signing key: it is not marketing's, or the key was never copied to it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"no signing key at {path}: only marketing can publish the catalog (run `enablement hub init`)"
        )
        self.path = path


def generate_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def save_signing_key(key: Ed25519PrivateKey, path: Path) -> None:
    """Write the private key readable by its owner only, atomically, never over an existing key."""
    if path.exists():
        raise SignatureError(f"{path} already holds a signing key; move it aside first to make a new one")
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    handle, temp_name = tempfile.mkstemp(prefix=".signing-key-", dir=path.parent)  # created 0600
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(pem)
            stream.flush()
            os.fsync(stream.fileno())
        os.link(temp_name, path)  # fails if a key appeared meanwhile, unlike a rename
    finally:
        Path(temp_name).unlink(missing_ok=True)


def load_signing_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError as error:
        raise MissingSigningKeyError(path) from error
    except (OSError, ValueError, TypeError) as error:
        raise SignatureError(f"the signing key at {path} cannot be read: {error}") from error
    if not isinstance(key, Ed25519PrivateKey):
        raise SignatureError(f"the key at {path} is not an Ed25519 signing key")
    return key


def public_key_text(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    """The public key as one short line (``ed25519:<base64>``) that can be pasted into a rep's settings."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return KEY_PREFIX + base64.b64encode(raw).decode("ascii")


def key_fingerprint(text: str) -> str:
    """A public key as four groups of four characters, short enough to read out over the phone when a rep
    checks with marketing that the key their app is about to trust is marketing's."""
    raw = parse_public_key(text).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest()[:16].upper()
    return " ".join(digest[start : start + 4] for start in range(0, 16, 4))


def parse_public_key(text: str) -> Ed25519PublicKey:
    cleaned = text.strip()
    if not cleaned.startswith(KEY_PREFIX):
        raise SignatureError(f"{cleaned[:40]!r} is not a catalog key: it should start with {KEY_PREFIX}")
    try:
        raw = base64.b64decode(cleaned.removeprefix(KEY_PREFIX), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as error:
        raise SignatureError("the catalog key is damaged: copy it again from marketing") from error


def _signed_bytes(manifest: bytes, serial: int, published_at: dt.datetime) -> bytes:
    stamp = published_at.astimezone(dt.UTC).isoformat()
    return _SIGNED_PREFIX + f"{serial}\n{stamp}\n".encode("ascii") + manifest


def sign_catalog(
    key: Ed25519PrivateKey, manifest: bytes, *, serial: int, published_at: dt.datetime
) -> SignedCatalog:
    if serial < 1:
        raise ValueError("a catalog serial starts at 1")
    signature = key.sign(_signed_bytes(manifest, serial, published_at))
    return SignedCatalog(
        manifest=manifest,
        signature=signature,
        serial=serial,
        published_at=published_at,
        public_key=public_key_text(key),
    )


def verify_catalog(
    public_key: Ed25519PublicKey, signed: SignedCatalog, *, in_use_serial: int | None = None
) -> Catalog:
    """The catalog in ``signed`` once its signature and freshness check out; ``SignatureError`` otherwise."""
    try:
        public_key.verify(
            signed.signature, _signed_bytes(signed.manifest, signed.serial, signed.published_at)
        )
    except InvalidSignature as error:
        raise SignatureError(
            "the catalog on the hub is not signed by marketing's key; it is ignored and the last good "
            "catalog stays in force"
        ) from error
    if in_use_serial is not None and signed.serial < in_use_serial:
        raise SignatureError(
            f"the catalog on the hub (number {signed.serial}) is older than the one in use "
            f"(number {in_use_serial}); it is ignored"
        )
    try:
        text = signed.manifest.decode("utf-8-sig")
        return parse_catalog(text, source="the hub's catalog")
    except UnicodeDecodeError as error:
        raise SignatureError("the signed catalog is not UTF-8 text") from error
    except CatalogError as error:
        raise SignatureError(str(error)) from error
