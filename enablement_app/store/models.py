"""The library's tables: assets with their governance and history, and the problems met while indexing.

An asset's id is a UUID given the first time its content is seen; the content hash lets a moved or renamed
file keep that id, so usage recorded against it stays attached.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Stores aware datetimes as UTC and gives them back aware, since SQLite forgets the offset."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Setting(Base):
    """Small key/value facts about this data folder, such as the collateral root being indexed."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


def effective_status(status: str, expires_at: dt.date | None, today: dt.date) -> str:
    """What a rep sees: an approved asset past its expiry date counts as expired (also for rows read
    without the ORM)."""
    if status == "approved" and expires_at is not None and expires_at < today:
        return "expired"
    return status


class Asset(Base):
    __tablename__ = "assets"
    __table_args__ = (
        Index("ix_assets_content_hash", "content_hash"),
        # Two assets never share a path while both are present; a removed asset keeps its last path.
        Index(
            "uq_assets_present_path",
            "path",
            unique=True,
            sqlite_where=text("removed_at IS NULL"),
            postgresql_where=text("removed_at IS NULL"),
        ),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    path: Mapped[str] = mapped_column(Text)  # POSIX path relative to the collateral root
    title: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(8))
    size: Mapped[int] = mapped_column(BigInteger)
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    page_count: Mapped[int] = mapped_column(Integer, default=0)
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    author: Mapped[str | None] = mapped_column(Text, default=None)
    has_thumbnail: Mapped[bool] = mapped_column(default=False)
    supersedes_id: Mapped[str | None] = mapped_column(ForeignKey("assets.id"), default=None)

    # Governance, mirrored from the catalog manifest that marketing keeps at the collateral root.
    status: Mapped[str] = mapped_column(String(16), default="draft")
    approved_by: Mapped[str | None] = mapped_column(Text, default=None)
    approved_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, default=None)
    expires_at: Mapped[dt.date | None] = mapped_column(Date, default=None)

    first_seen_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    content_changed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    removed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, default=None)

    tags: Mapped[list[AssetTag]] = relationship(
        back_populates="asset", cascade="all, delete-orphan", order_by="(AssetTag.facet, AssetTag.value)"
    )
    versions: Mapped[list[AssetVersion]] = relationship(
        back_populates="asset", cascade="all, delete-orphan", order_by="AssetVersion.version"
    )
    supersedes: Mapped[Asset | None] = relationship(
        remote_side="Asset.id", foreign_keys=[supersedes_id], back_populates="superseded_by"
    )
    superseded_by: Mapped[list[Asset]] = relationship(
        back_populates="supersedes", foreign_keys=[supersedes_id]
    )

    def effective_status(self, today: dt.date) -> str:
        """What a rep sees: an approved asset past its expiry date counts as expired."""
        return effective_status(self.status, self.expires_at, today)

    def facet_values(self, facet: str) -> list[str]:
        return [tag.value for tag in self.tags if tag.facet == facet]


class AssetTag(Base):
    """One facet value of an asset: product, stage, persona, industry, region, or a free tag."""

    __tablename__ = "asset_tags"

    asset_id: Mapped[str] = mapped_column(ForeignKey("assets.id", ondelete="CASCADE"), primary_key=True)
    facet: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(Text, primary_key=True)

    asset: Mapped[Asset] = relationship(back_populates="tags")


class AssetVersion(Base):
    """Every content an asset has had; rows are only ever added."""

    __tablename__ = "asset_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    asset_id: Mapped[str] = mapped_column(ForeignKey("assets.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(BigInteger)
    page_count: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    asset: Mapped[Asset] = relationship(back_populates="versions")


class IndexProblem(Base):
    """A file that could not be indexed, and why; cleared when the file indexes cleanly or goes away."""

    __tablename__ = "index_problems"

    path: Mapped[str] = mapped_column(Text, primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # The file's size and mtime when it failed, so an unchanged broken file is not retried on every run.
    size: Mapped[int | None] = mapped_column(BigInteger, default=None)
    mtime_ns: Mapped[int | None] = mapped_column(BigInteger, default=None)


class OutboxEvent(Base):
    """One usage event recorded on this machine, waiting in the outbox for sync to send it to marketing.

    Append-only: rows are never updated or deleted here, so the sync can drain them in ``seq`` order with a
    cursor. ``asset_id`` has no foreign key on purpose: an event is a fact that outlives the asset it names.
    """

    __tablename__ = "usage_outbox"
    __table_args__ = (
        Index("ix_usage_outbox_occurred_at", "occurred_at"),
        Index("ix_usage_outbox_asset_id", "asset_id"),
        # the empty search state asks for one rep's most recent opens
        Index("ix_usage_outbox_rep_kind_time", "rep_id", "kind", "occurred_at"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    rep_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    # the rep's profile when the event happened, so marketing can slice usage by team, region and role
    rep_team: Mapped[str] = mapped_column(Text, default="")
    rep_region: Mapped[str] = mapped_column(Text, default="")
    rep_role: Mapped[str] = mapped_column(String(16), default="")
    asset_id: Mapped[str | None] = mapped_column(String(32), default=None)
    asset_version: Mapped[int | None] = mapped_column(Integer, default=None)
    details: Mapped[str] = mapped_column(Text, default="{}")  # a JSON object


class AssetRating(Base):
    """A rep's current rating of an asset: derived from their newest rate event, rebuildable from the outbox."""

    __tablename__ = "ratings"

    asset_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    rep_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    stars: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    used_in_deal: Mapped[bool] = mapped_column(default=False)
    asset_version: Mapped[int | None] = mapped_column(Integer, default=None)
    rated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    event_id: Mapped[str] = mapped_column(String(36))


class AnalyticsSender(Base):
    """Who sent events, as marketing's analytics store knows them: a rep on a device, with the profile
    (team, region, role) they had when they recorded. A new row whenever any of these changes.

    Events point here by a small integer instead of carrying these five texts each: a third of the size,
    twice the ingest speed, and reports filter by team or region on this small table.
    """

    __tablename__ = "analytics_senders"
    __table_args__ = (
        UniqueConstraint(
            "rep_id", "device_id", "rep_team", "rep_region", "rep_role", name="uq_analytics_senders_profile"
        ),
    )

    key: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    rep_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    rep_team: Mapped[str] = mapped_column(Text)
    rep_region: Mapped[str] = mapped_column(Text)
    rep_role: Mapped[str] = mapped_column(String(16))


class AnalyticsEvent(Base):
    """Every rep's usage event as marketing ingested it from the hub: the analytics store's one fact table.

    Append-only like the outbox; the unique event id makes ingesting the same batch twice harmless. The id's
    is the only full index: every other one slowed ingesting, and reports read rollups derived by ``seq`` range.
    Rows are written by ``enablement_app.analytics.event_table``, not through the ORM.
    """

    __tablename__ = "analytics_events"
    # Partial indexes of the two kinds marketing lists whole (revision 0008): ingesting other kinds skips them.
    __table_args__ = (
        Index("ix_analytics_events_tips", "seq", sqlite_where=text("kind = 'tip'")),
        Index(
            "ix_analytics_events_playlist_progress", "seq", sqlite_where=text("kind = 'playlist_progress'")
        ),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    sender: Mapped[int] = mapped_column(ForeignKey("analytics_senders.key"))
    asset_id: Mapped[str | None] = mapped_column(String(32), default=None)
    asset_version: Mapped[int | None] = mapped_column(Integer, default=None)
    details: Mapped[str] = mapped_column(Text, default="{}")  # a JSON object
    ingested_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class HubQuarantine(Base):
    """Something on the hub that could not be ingested (damaged, hostile, of another format), and why."""

    __tablename__ = "hub_quarantine"

    name: Mapped[str] = mapped_column(Text, primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    quarantined_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


_WITHOUT_ROWID: Any = {"sqlite_with_rowid": False}


# -- marketing's analytics: who the reps are, how they perform, and rollups derived from the events --------
#
# The rollups are derived from ``analytics_events`` by ``enablement_app.analytics.rollups`` and can be
# rebuilt from them at any time; reports and heatmaps read only these small tables, never the events. Their
# composite keys are the tables' storage order (SQLite "WITHOUT ROWID"), so a lookup by their first columns
# is a range read, and upserting a rollup row costs one b-tree, not a table and an index.


class AnalyticsRep(Base):
    """A rep as they last announced themselves (a "profile" event): marketing matches CRM rows by e-mail."""

    __tablename__ = "analytics_reps"
    __table_args__ = (Index("ix_analytics_reps_email", "email"),)

    rep_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    email: Mapped[str] = mapped_column(Text)  # casefolded, as CRM rows are matched
    team: Mapped[str] = mapped_column(Text)
    region: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    announced_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    event_seq: Mapped[int] = mapped_column(Integer)


class RepPerformance(Base):
    """One rep's results for one period, imported from a CRM export (e.g. a Salesforce report as CSV)."""

    __tablename__ = "rep_performance"

    email: Mapped[str] = mapped_column(Text, primary_key=True)  # casefolded
    period: Mapped[str] = mapped_column(Text, primary_key=True)  # as the CRM names it: "2026-Q3", "FY26 H2"
    name: Mapped[str] = mapped_column(Text, default="")
    quota_attainment: Mapped[float | None] = mapped_column(default=None)  # 1.0 = 100% of quota
    win_rate: Mapped[float | None] = mapped_column(default=None)  # 0.0 to 1.0
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class UsageWeek(Base):
    """Opens, shares and page views of one asset by one sender in one week (weeks start on Monday, UTC)."""

    __tablename__ = "usage_weekly"
    # Week first: heatmaps read a range of recent weeks, not the whole year (0.12 s instead of 0.7 s for
    # 12 weeks of 10 million events); one asset's weeks come from the index.
    __table_args__ = (Index("ix_usage_weekly_asset_id", "asset_id", "week"), _WITHOUT_ROWID)

    week: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    asset_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    sender: Mapped[int] = mapped_column(Integer, primary_key=True)
    opens: Mapped[int] = mapped_column(Integer)
    shares: Mapped[int] = mapped_column(Integer)
    page_views: Mapped[int] = mapped_column(Integer)
    dwell_ms: Mapped[int] = mapped_column(BigInteger)


class AssetActivity(Base):
    """When an asset was first used and last opened or shared by anyone: dead content is read from here."""

    __tablename__ = "asset_activity"

    asset_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    first_used_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    last_opened_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, default=None)
    last_shared_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, default=None)


class PageAttention(Base):
    """Views and dwell time of one page (or slide) of one version of an asset, by one sender, in one week.

    The asset first, then the week: the attention map reads one asset's pages over a range of weeks."""

    __tablename__ = "page_attention_weekly"
    __table_args__ = _WITHOUT_ROWID

    asset_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    week: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    asset_version: Mapped[int] = mapped_column(Integer, primary_key=True)  # 0 when the event named none
    page: Mapped[int] = mapped_column(Integer, primary_key=True)
    sender: Mapped[int] = mapped_column(Integer, primary_key=True)
    views: Mapped[int] = mapped_column(Integer)
    dwell_ms: Mapped[int] = mapped_column(BigInteger)


class SearchWeek(Base):
    """How often one sender searched for one normalised query in one week, and how it went."""

    __tablename__ = "search_weekly"
    __table_args__ = _WITHOUT_ROWID  # week first, like usage_weekly

    week: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    query: Mapped[str] = mapped_column(Text, primary_key=True)  # see rollups.normalise_query
    sender: Mapped[int] = mapped_column(Integer, primary_key=True)
    searches: Mapped[int] = mapped_column(Integer)
    no_results: Mapped[int] = mapped_column(Integer)  # found nothing
    not_opened: Mapped[int] = mapped_column(Integer)  # found something, and the rep opened none of it


class SearchQueryForm(Base):
    """How often reps typed a normalised query in one form ("SOC 2 report", "report soc 2"), all time long:
    reports group searches by query and show each as it was typed most (``rollups.readable_queries``)."""

    __tablename__ = "search_query_forms"
    __table_args__ = _WITHOUT_ROWID  # a query's forms are one range of the key

    query: Mapped[str] = mapped_column(Text, primary_key=True)  # see rollups.normalise_query
    form: Mapped[str] = mapped_column(Text, primary_key=True)  # see rollups.typed_form
    searches: Mapped[int] = mapped_column(Integer)


class RatingLatest(Base):
    """Each rep's newest rating of each asset, as marketing sees every rep's (``ratings`` is one rep's own)."""

    __tablename__ = "rating_latest"
    __table_args__ = _WITHOUT_ROWID

    asset_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    rep_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    stars: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text)
    used_in_deal: Mapped[bool] = mapped_column()
    asset_version: Mapped[int | None] = mapped_column(Integer, default=None)
    rated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    event_seq: Mapped[int] = mapped_column(Integer)


class RatingMonth(Base):
    """Every rating given to an asset in a month (changed ratings too): the rating trend."""

    __tablename__ = "rating_monthly"
    __table_args__ = _WITHOUT_ROWID

    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)  # the first of the month
    asset_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    ratings: Mapped[int] = mapped_column(Integer)
    stars: Mapped[int] = mapped_column(Integer)
