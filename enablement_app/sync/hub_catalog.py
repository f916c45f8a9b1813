"""What a rep's app keeps of what marketing published: the verified catalog and the company figures.

Once a rep has a trusted catalog from the hub, governance comes from it, not from the ``catalog.json``
in the shared folder, which anyone with write access could edit. A catalog is trusted when it verifies
against the public key pinned with ``enablement hub connect URL --key ...`` and is at least as new as the
one in use. Both are kept as files in the data folder, written atomically, so they work offline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections.abc import Callable
from pathlib import Path

from enablement_app.analytics.quarters import Quarter
from enablement_app.atomic_files import write_atomically
from enablement_app.catalog import MANIFEST_NAME, Catalog, CatalogError, load_catalog
from enablement_app.catalog.manifest import parse_catalog
from enablement_app.library.governance import apply_catalog_entries
from enablement_app.library.library_settings import bump_generation
from enablement_app.paths import DataPaths
from enablement_app.store import Store
from enablement_app.sync.catalog_signing import SignatureError, parse_public_key, verify_catalog
from enablement_app.sync.hub import Aggregates, AssetFigures, SignedCatalog

log = logging.getLogger(__name__)

HUB_KEY_SETTING = "hub_public_key"
HUB_SERIAL_SETTING = "hub_catalog_serial"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class HubPublications:
    """The data folder's copy of marketing's catalog and figures, and the rules for accepting new ones."""

    def __init__(
        self, paths: DataPaths, store: Store, *, clock: Callable[[], dt.datetime] = _utc_now
    ) -> None:
        self.catalog_path = paths.root / "hub-catalog.json"
        self.figures_path = paths.root / "hub-figures.json"
        self.store = store
        self._clock = clock
        # (file stamp, quarter the figures were read for) -> figures
        self._figures: tuple[tuple[int, int, Quarter], dict[str, AssetFigures]] | None = None
        self._catalog: tuple[tuple[Path, int, int], Catalog | None] | None = None  # the catalog in force

    # -- the catalog ---------------------------------------------------------------------------

    def has_catalog(self) -> bool:
        return self.catalog_path.is_file()

    def load_catalog(self, root: Path) -> Catalog | None:
        """Governance for the library at ``root``: the hub's verified catalog once there is one.

        Read again only when that file changed (both are written atomically), since every preview (its
        field tips), every page a new hire views (their playlists) and every index run asks."""
        path = self.catalog_path if self.has_catalog() else root / MANIFEST_NAME
        try:
            stat = path.stat()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise CatalogError(f"{path.name} cannot be read: {error.strerror or error}") from error
        stamp = (path, stat.st_mtime_ns, stat.st_size)
        if self._catalog is not None and self._catalog[0] == stamp:
            return self._catalog[1]
        if path == self.catalog_path:
            catalog: Catalog | None = parse_catalog(
                path.read_bytes().decode("utf-8-sig"), source="the hub's catalog"
            )
        else:
            catalog = load_catalog(root)
        self._catalog = (stamp, catalog)
        return catalog

    def accept_catalog(self, signed: SignedCatalog) -> bool:
        """Verify and keep ``signed`` and apply it to the library; False when it is the one in use.

        Raises ``SignatureError`` when no key is pinned or the catalog does not verify or is older.
        """
        key_text = self.store.get_setting(HUB_KEY_SETTING)
        if not key_text:
            raise SignatureError(
                "the hub's catalog cannot be trusted yet: connect to the hub again and trust marketing's key "
                "once marketing confirmed its fingerprint (in the app: Profile menu, Connect to marketing's "
                "hub; or `enablement hub connect URL`)"
            )
        current = int(self.store.get_setting(HUB_SERIAL_SETTING) or 0)
        catalog = verify_catalog(parse_public_key(key_text), signed, in_use_serial=current)
        if signed.serial == current and self.has_catalog():
            return False
        write_atomically(self.catalog_path, signed.manifest)
        with self.store.sessions.begin() as session:
            apply_catalog_entries(session, catalog)
            bump_generation(session)  # searches reload the cards: approvals and retirements show at once
        self.store.set_setting(HUB_SERIAL_SETTING, str(signed.serial))
        log.info("applied catalog number %d from the hub", signed.serial)
        return True

    # -- the figures ---------------------------------------------------------------------------

    def accept_figures(self, aggregates: Aggregates) -> None:
        data = {
            "generated_at": aggregates.generated_at.isoformat(),
            "assets": [
                {"asset_id": figures.asset_id, **figures.to_json()} for figures in aggregates.assets.values()
            ],
        }
        write_atomically(self.figures_path, json.dumps(data).encode())

    def figures(self) -> dict[str, AssetFigures]:
        """The company figures per asset, read again only when the file changed (every search asks).

        The top-rep figures cover the quarter marketing published in: once a new quarter starts, they are
        last quarter's, and a card saying "used by 3 of the top reps this quarter" would be wrong until
        marketing publishes again, so they are left out until then."""
        try:
            stat = self.figures_path.stat()
            quarter = Quarter.of(self._clock())
            stamp = (stat.st_mtime_ns, stat.st_size, quarter)
            if self._figures is not None and self._figures[0] == stamp:
                return self._figures[1]
            data = json.loads(self.figures_path.read_bytes())
            figures = {
                str(item["asset_id"]): AssetFigures.from_json(str(item["asset_id"]), item)
                for item in data["assets"]
            }
            if Quarter.of(dt.datetime.fromisoformat(data["generated_at"])) != quarter:
                figures = {
                    asset_id: dataclasses.replace(
                        item, top_reps_this_quarter=0, top_rep_shares=0, best_pages=()
                    )
                    for asset_id, item in figures.items()
                }
            self._figures = (stamp, figures)
            return figures
        except FileNotFoundError:
            return {}
        except (ValueError, KeyError, TypeError) as error:
            log.warning(
                "the hub's figures in %s cannot be read (%s); showing this computer's own",
                self.figures_path,
                error,
            )
            return {}


@dataclasses.dataclass(frozen=True, slots=True)
class Refreshed:
    """What a rep took from the hub after a sync."""

    catalog_applied: bool = False
    figures_updated: bool = False
    problem: str | None = None  # why the catalog was not taken, in words for the status bar

    @property
    def library_changed(self) -> bool:
        return self.catalog_applied or self.figures_updated


def refresh_from_hub(
    publications: HubPublications, catalog: SignedCatalog | None, aggregates: Aggregates | None
) -> Refreshed:
    """Take what marketing published; a catalog that cannot be trusted is refused with a reason and the
    one in use stays in force, while the figures (not a matter of permission) are always taken."""
    figures_updated = False
    if aggregates is not None:
        publications.accept_figures(aggregates)
        figures_updated = True
    if catalog is None:
        return Refreshed(False, figures_updated)
    try:
        applied = publications.accept_catalog(catalog)
    except SignatureError as error:
        log.warning("catalog from the hub refused: %s", error)
        return Refreshed(False, figures_updated, str(error))
    return Refreshed(applied, figures_updated)
