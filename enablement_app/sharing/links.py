"""Shareable links and e-mail drafts for assets.

A link must open for the person it is sent to, so it points at where marketing publishes the collateral
folder (the catalog's ``share_base_url``) when there is one, and otherwise at the file in the shared
collateral folder itself, which is what colleagues on the same file share can open.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlencode


def share_link(root: Path, asset_path: str, base_url: str | None = None) -> str:
    """The address of ``asset_path`` (POSIX, relative to ``root``) that a colleague or a customer can open."""
    relative = PurePosixPath(asset_path)
    if base_url:
        return f"{base_url.rstrip('/')}/{quote(relative.as_posix())}"
    return (root / Path(*relative.parts)).resolve().as_uri()


def email_draft_url(*, title: str, link: str, signature: str = "") -> str:
    """A ``mailto:`` address that opens the default mail program with the asset's link in a new draft.

    The recipient is left empty on purpose: the rep picks it in the mail program they already use.
    """
    body = f"Hi,\n\nHere is our {title}:\n{link}\n"
    if signature:
        body += f"\nBest regards,\n{signature}\n"
    query = urlencode({"subject": title, "body": body}, quote_via=quote)
    return f"mailto:?{query}"


def unique_copy_path(folder: Path, name: str) -> Path:
    """Where a copy named ``name`` can be saved in ``folder`` without overwriting anything already there."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    return candidate
