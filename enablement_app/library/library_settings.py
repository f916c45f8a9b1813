"""Keys of the store's settings table that the library services share, declared once."""

from __future__ import annotations

from sqlalchemy.orm import Session

from enablement_app.store.models import Setting

LIBRARY_ROOT = "library_root"
# Bumped whenever assets or their governance change, so search caches know to reload.
LIBRARY_GENERATION = "library_generation"


def bump_generation(session: Session) -> None:
    setting = session.get(Setting, LIBRARY_GENERATION)
    if setting is None:
        session.add(Setting(key=LIBRARY_GENERATION, value="1"))
    else:
        setting.value = str(int(setting.value) + 1)
