"""How a rep passes an asset on: its shareable link and the e-mail draft that carries it."""

from enablement_app.sharing.links import email_draft_url, share_link, unique_copy_path

__all__ = ["email_draft_url", "share_link", "unique_copy_path"]
