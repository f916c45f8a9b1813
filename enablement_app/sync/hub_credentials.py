"""Where a hub's password lives: never in the settings, but in the environment or the OS keyring.

The hub URL a rep saves (``postgresql://rep@host/db``) carries no password. ``hub_password`` looks in
``$ENABLEMENT_HUB_PASSWORD``, then in the OS keyring under the URL; a URL typed with a password is split by
``split_password`` so only the bare URL is saved and the password goes to the keyring (``remember_password``).
The keyring is optional: on a machine without a keyring backend these functions say so instead of failing.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from urllib.parse import unquote, urlsplit

from enablement_app.sync.hub import HUB_PASSWORD_ENV

log = logging.getLogger(__name__)

KEYRING_SERVICE = "enablement-hub"


def split_password(url: str) -> tuple[str, str | None]:
    """``url`` without its password, and the password (percent-decoded) or None if it had none."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    userinfo, _, hostinfo = parts.netloc.rpartition("@")
    user = userinfo.split(":", 1)[0]
    bare = parts._replace(netloc=f"{user}@{hostinfo}").geturl()
    return bare, unquote(parts.password)


def hub_password(url: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The password for the bare hub ``url``: the environment first, then the OS keyring, else None."""
    environ = os.environ if environ is None else environ
    if environ.get(HUB_PASSWORD_ENV):
        return environ[HUB_PASSWORD_ENV]
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, split_password(url)[0])
    except ImportError:
        return None
    except Exception as error:  # any backend failure only means "no password from the keyring"
        log.info("no hub password from the OS keyring (%s: %s)", error.__class__.__name__, error)
        return None


def remember_password(url: str, password: str) -> bool:
    """Keep ``password`` for the hub ``url`` in the OS keyring; False when this machine has none."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, split_password(url)[0], password)
    except ImportError:
        return False
    except Exception as error:  # NoKeyringError, a locked or absent backend
        log.info(
            "the hub password cannot be kept in the OS keyring (%s: %s)", error.__class__.__name__, error
        )
        return False
    return True
