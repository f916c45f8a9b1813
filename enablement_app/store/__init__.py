"""The local store: one SQLite file per data folder, opened only through ``open_store``."""

from __future__ import annotations

from enablement_app.store.database import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
