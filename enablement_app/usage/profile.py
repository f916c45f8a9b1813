"""The rep's profile, asked for once on first run and stamped on every usage event.

It lives in the store's settings table of this data folder (one rep per data folder). The rep id is a UUID
made the first time a profile is saved and kept through every later edit, so a rep who fixes a typo in
their name keeps their history. The device id is a UUID made once per data folder.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import asdict, dataclass, replace

from sqlalchemy import select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from enablement_app.store import Store
from enablement_app.store.models import Setting

ROLES = ("rep", "new_hire", "manager", "marketer")
ROLE_LABELS = {"rep": "Sales rep", "new_hire": "New hire", "manager": "Manager", "marketer": "Marketer"}

PROFILE_KEY = "rep_profile"
DEVICE_ID_KEY = "device_id"

# Deliberately loose: one @, something on both sides, a dot in the domain, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


class ProfileError(ValueError):
    """A profile field a rep must correct; the message is a sentence the profile form can show."""


@dataclass(frozen=True, slots=True)
class RepProfile:
    rep_id: str
    name: str
    email: str
    team: str
    region: str
    role: str

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ProfileError("Please enter your name.")
        if not self.email.strip():
            raise ProfileError("Please enter your email address.")
        if not _EMAIL.match(self.email.strip()):
            raise ProfileError(
                f"{self.email.strip()} is not an email address; it should look like name@company.com."
            )
        if self.role not in ROLES:
            raise ProfileError(
                f"{self.role!r} is not a role; choose one of {', '.join(ROLES)}."
                if self.role
                else f"Please choose your role: {', '.join(ROLES)}."
            )
        try:
            uuid.UUID(self.rep_id)
        except ValueError as error:
            raise ProfileError(f"{self.rep_id!r} is not a rep id (a UUID).") from error
        # Keep what is stored tidy: the form may hand over stray spaces.
        for name in ("name", "email", "team", "region"):
            object.__setattr__(self, name, " ".join(getattr(self, name).split()))

    @classmethod
    def new(cls, *, name: str, email: str, team: str = "", region: str = "", role: str = "rep") -> RepProfile:
        """A first profile with a fresh rep id; ``save_profile`` keeps the stored id if there is one."""
        return cls(str(uuid.uuid4()), name, email, team, region, role)


def profile_facts(profile: RepProfile) -> tuple[str, str, str, str, str]:
    """What marketing learns of a profile (name, e-mail, team, region, role); a change is announced."""
    return (profile.name, profile.email, profile.team, profile.region, profile.role)


def load_profile(store: Store) -> RepProfile | None:
    """The saved profile, or None on first run (the app then asks for one)."""
    value = store.get_setting(PROFILE_KEY)
    if value is None:
        return None
    data = json.loads(value)
    return RepProfile(**{name: str(data.get(name, "")) for name in RepProfile.__dataclass_fields__})


def save_profile(store: Store, profile: RepProfile) -> RepProfile:
    """Store the profile and return it as saved: an existing rep id wins over the one given."""
    existing = load_profile(store)
    if existing is not None and existing.rep_id != profile.rep_id:
        profile = replace(profile, rep_id=existing.rep_id)
    store.set_setting(PROFILE_KEY, json.dumps(asdict(profile), ensure_ascii=False))
    return profile


def device_id(store: Store) -> str:
    """This data folder's device id, created on first use; two processes asking at once get the same one."""
    found = store.get_setting(DEVICE_ID_KEY)
    if found is not None:
        return found
    with store.sessions.begin() as session:
        session.execute(
            sqlite_insert(Setting)
            .values(key=DEVICE_ID_KEY, value=str(uuid.uuid4()))
            .on_conflict_do_nothing(index_elements=["key"])
        )
        value = session.scalar(select(Setting.value).where(Setting.key == DEVICE_ID_KEY))
    assert value is not None
    return value
