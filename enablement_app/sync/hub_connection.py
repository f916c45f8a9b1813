"""Connecting this computer to marketing's hub, the same way from the command line and from the app.

Connecting is two steps because the second needs a person: ``probe_hub`` checks that the hub answers and
reads the catalog key marketing published there; the caller shows its fingerprint, and ``connect_hub``
saves the address (never a password: that goes to the OS keyring) and trusts the key the person accepted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from enablement_app.store import Store
from enablement_app.sync.catalog_signing import SignatureError, key_fingerprint, parse_public_key
from enablement_app.sync.hub import HUB_URL_SETTING, create_hub, open_hub, redact
from enablement_app.sync.hub_catalog import HUB_KEY_SETTING
from enablement_app.sync.hub_credentials import remember_password, split_password


def hub_address(typed: str, password: str = "") -> str:
    """The hub URL for what a person typed: a URL as it is, a folder path as a file:// URL; a password
    typed on its own joins a PostgreSQL address (``connect_hub`` keeps it in the keyring, not the
    settings)."""
    text = typed.strip()
    if not text:
        return ""
    if "://" not in text and not text.lower().startswith("file:"):
        return Path(text).expanduser().resolve().as_uri()
    parts = urlsplit(text)
    if password and parts.scheme.lower().startswith("postgres") and parts.username and parts.password is None:
        user, _, host = parts.netloc.rpartition("@")
        return parts._replace(netloc=f"{user}:{quote(password, safe='')}@{host}").geturl()
    return text


@dataclass(frozen=True, slots=True)
class HubProbe:
    """What a hub said when asked, before anything is saved."""

    url: str  # as typed, password included if it was typed
    offered_key: str  # the catalog key marketing published on the hub ("" when none yet)
    fingerprint: str  # of offered_key ("" when none, or when it is damaged)
    trusted_key: str  # the key this computer already trusts ("" when none)

    @property
    def shown_url(self) -> str:
        return redact(self.url)

    @property
    def key_conflict(self) -> bool:
        """The hub's catalog is signed with another key than the trusted one: it will be refused."""
        return bool(self.trusted_key and self.offered_key and self.offered_key != self.trusted_key)

    @property
    def needs_trust(self) -> bool:
        """No key trusted yet, and one on offer: the person should check its fingerprint with marketing."""
        return not self.trusted_key and bool(self.fingerprint)


def probe_hub(store: Store, url: str, *, create: bool = False) -> HubProbe:
    """Ask the hub at ``url`` for its catalog (creating the hub first with ``create``: marketing, once).

    Raises ``HubError`` when the hub cannot be used; saves nothing.
    """
    opened = create_hub(url) if create else open_hub(url)
    try:
        published = opened.catalog()  # also the cheapest question every backend answers
    finally:
        opened.close()
    offered = published.public_key if published is not None else ""
    try:
        fingerprint = key_fingerprint(offered) if offered else ""
    except SignatureError:
        fingerprint = ""  # a damaged key on the hub is never offered
    return HubProbe(url, offered, fingerprint, store.get_setting(HUB_KEY_SETTING) or "")


@dataclass(frozen=True, slots=True)
class Connected:
    password_kept: bool  # False: a typed password could not go to a keyring; the environment must hold it
    trusted_now: bool


def connect_hub(store: Store, probe: HubProbe, *, trust_key: str | None = None) -> Connected:
    """Save the probed hub's address, keep a typed password in the OS keyring, and trust ``trust_key``
    (a key marketing sent, or the offered one the person accepted). A trusted key is replaced only by a
    key given here, never by what the hub offers."""
    if trust_key is not None:
        parse_public_key(trust_key)  # raises SignatureError for a mistyped key before anything is saved
    bare, password = split_password(probe.url)
    store.set_setting(HUB_URL_SETTING, bare)
    kept = True if password is None else remember_password(bare, password)
    if trust_key is not None:
        store.set_setting(HUB_KEY_SETTING, trust_key.strip())
    return Connected(password_kept=kept, trusted_now=trust_key is not None)
