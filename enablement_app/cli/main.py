"""The ``enablement`` command: index, search, status, approve, retire, watch, usage, sync, marketing's hub,
CRM import, insight reports and onboarding playlists from a terminal.

Exit codes scripts can rely on: 0 success; 1 a search found nothing; 2 a usage error; 3 a file or folder
was not found; 4 the data cannot be used (corrupt catalog or database); 5 the index is busy; 6 the hub
cannot be reached now (offline, share not mounted, disk full: try again later); 7 the hub refused (no hub
set up, a wrong address, no permission: retrying will not help until it is fixed); 8 the disk of the data
folder is full (nothing saved before is lost: free space and run again); 130 interrupted.
User mistakes print one sentence on stderr, never a traceback; unexpected errors print one line that says
where the log with the traceback is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click
from sqlalchemy.exc import OperationalError

from enablement_app import __version__
from enablement_app.catalog import FACETS, CatalogError
from enablement_app.cli import output
from enablement_app.cli.hub_postgres import release_device, setup_postgres
from enablement_app.cli.tips import tips
from enablement_app.disk_full import DiskFullError, disk_full_sentence
from enablement_app.library.indexing import LibraryFolderError
from enablement_app.library.search import FILTER_FACETS, FacetError
from enablement_app.library.workspace import AssetNotFoundError, NoLibraryError, Workspace
from enablement_app.logs import setup_logging
from enablement_app.paths import DATA_DIR_ENV, DataPaths, resolve_data_paths
from enablement_app.store import StoreError
from enablement_app.sync.hub import (
    HUB_PASSWORD_ENV,
    HubError,
    HubRefusedError,
)
from enablement_app.sync.hub_connection import HubProbe
from enablement_app.sync.rep_sync import RepSync, hub_from_settings
from enablement_app.usage.profile import (
    ROLES,
    ProfileError,
    RepProfile,
    device_id,
    load_profile,
    save_profile,
)
from enablement_app.usage.queries import asset_labels, events_since
from indexer.search_index import IndexBusyError

log = logging.getLogger(__name__)

EXIT_NOTHING_FOUND = 1
EXIT_NOT_FOUND = 3
EXIT_BAD_DATA = 4
EXIT_BUSY = 5
EXIT_HUB_UNAVAILABLE = 6
EXIT_HUB_REFUSED = 7
EXIT_DISK_FULL = 8
EXIT_INTERRUPTED = 130


class CliState:
    def __init__(self, data_dir: Path | None, verbose: bool) -> None:
        self.paths: DataPaths = resolve_data_paths(data_dir)
        self.verbose = verbose


def _fail(message: str, code: int) -> NoReturn:
    click.secho(f"error: {message}", fg="red", err=True)
    sys.exit(code)


def _say_upgrading(notice: str) -> None:
    click.echo(f"{notice}…", err=True)


@contextmanager
def _workspace(state: CliState, **kwargs: Any) -> Iterator[Workspace]:
    """Opens the data folder and turns every expected failure into a sentence and an exit code."""
    kwargs.setdefault("on_store_upgrade", _say_upgrading)
    try:
        with Workspace(state.paths, **kwargs) as workspace:
            yield workspace
    except (NoLibraryError, AssetNotFoundError, LibraryFolderError) as error:
        _fail(str(error), EXIT_NOT_FOUND)
    except DiskFullError as error:
        _fail(str(error), EXIT_DISK_FULL)
    except (CatalogError, StoreError) as error:
        _fail(str(error), EXIT_BAD_DATA)
    except (FacetError, ProfileError) as error:
        _fail(str(error), 2)
    except IndexBusyError as error:
        _fail(str(error), EXIT_BUSY)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except OSError as error:
        _fail_if_disk_full(state, error)
        _fail(f"{error.strerror or error}: {error.filename or ''}".rstrip(": "), EXIT_BAD_DATA)
    except (SystemExit, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as error:
        _fail_if_disk_full(state, error)
        log.exception("unexpected error")
        _fail(f"unexpected error; details are in {state.paths.cli_log}", 70)


def _fail_if_disk_full(state: CliState, error: BaseException) -> None:
    """A write the disk refused, anywhere in a command (an ingest, a catalog edit), as a sentence."""
    context = click.get_current_context(silent=True)
    doing = f"{context.command_path} stopped" if context is not None else "stopped"
    sentence = disk_full_sentence(error, state.paths.root, doing)
    if sentence is not None:
        _fail(sentence, EXIT_DISK_FULL)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar=DATA_DIR_ENV,
    help=f"Folder for the library's database and index (default: your user data folder; env {DATA_DIR_ENV}).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log details to stderr.")
@click.version_option(__version__, prog_name="enablement")
@click.pass_context
def cli(ctx: click.Context, data_dir: Path | None, verbose: bool) -> None:
    """Enablement Library: find approved sales collateral fast, and keep the library up to date."""
    state = CliState(data_dir, verbose)
    setup_logging(state.paths.cli_log, level=logging.DEBUG if verbose else logging.INFO, console=verbose)
    ctx.obj = state


@cli.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.option("--rebuild", is_flag=True, help="Recreate the search index from every file of the library.")
@click.option("--workers", type=click.IntRange(1, 16), help="Extraction processes (default: one per core).")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def index(
    state: CliState, folder: Path | None, rebuild: bool, workers: int | None, quiet: bool, as_json: bool
) -> None:
    """Index the collateral FOLDER (default: the folder indexed last time).

    Only new, changed, moved and deleted files are read again; --rebuild reads everything.
    """
    show_progress = not quiet and not as_json and sys.stderr.isatty()
    with _workspace(state, workers=workers) as workspace:
        started = time.perf_counter()
        stop = threading.Event()
        reporter = output.ProgressReporter(enabled=show_progress)
        with _stop_on_interrupt(stop):
            summary = workspace.index(folder, rebuild=rebuild, progress=reporter, should_stop=stop.is_set)
        reporter.finish()
        elapsed = time.perf_counter() - started
        root = workspace.require_root(folder)
        if as_json:
            click.echo(json.dumps(output.summary_json(summary, root, elapsed), indent=2))
        else:
            output.print_index_summary(summary, root, elapsed)
    if summary.cancelled:
        sys.exit(EXIT_INTERRUPTED)


@contextmanager
def _stop_on_interrupt(stop: threading.Event) -> Iterator[None]:
    """Ctrl+C asks the run to stop cleanly (what was indexed stays); a second Ctrl+C stops at once."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)

    def on_interrupt(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        click.echo("\nstopping after the files in progress… (Ctrl+C again to stop now)", err=True)
        stop.set()

    signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _parse_facets(values: tuple[str, ...]) -> dict[str, list[str]]:
    facets: dict[str, list[str]] = {}
    for value in values:
        name, sep, wanted = value.partition("=")
        name = name.strip().lower()
        if not sep or not wanted.strip():
            raise click.BadParameter(f"{value!r} is not FACET=VALUE", param_hint="--facet")
        if name not in FILTER_FACETS:
            raise click.BadParameter(
                f"unknown facet {name!r}; use one of {', '.join(FILTER_FACETS)}", param_hint="--facet"
            )
        facets.setdefault(name, []).append(wanted.strip())
    return facets


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("--facet", "-f", "facets", multiple=True, help="Filter, e.g. stage=decision (repeatable).")
@click.option(
    "--all", "include_all", is_flag=True, help="Marketing view: include drafts, expired and retired."
)
@click.option("--limit", "-n", type=click.IntRange(1, 200), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_obj
def search(
    state: CliState,
    query: tuple[str, ...],
    facets: tuple[str, ...],
    include_all: bool,
    limit: int,
    as_json: bool,
) -> None:
    """Search the library. QUERY supports "phrases", prefix*, title:word, AND, OR, NOT.

    Exits 1 when nothing is found, so scripts can test for results.
    """
    filters = _parse_facets(facets)
    text = " ".join(query)
    with _workspace(state) as workspace:
        workspace.require_root()
        results = workspace.library_search.search(text, filters=filters, include_all=include_all, limit=limit)
        if as_json:
            click.echo(json.dumps(output.results_json(results), indent=2))
        else:
            output.print_results(results, workspace.require_root())
    if not results.hits:
        sys.exit(EXIT_NOTHING_FOUND)


@cli.command("call-prep")
@click.option("--industry", help='The account\'s industry, e.g. "Healthcare" (default: any).')
@click.option("--persona", help='Who the call is with, e.g. "CFO" (default: any).')
@click.option("--stage", help='Where the deal is, e.g. "decision" (default: any).')
@click.option(
    "--about",
    help='Describe the account instead ("hospital network, the CFO compares vendors before signing"); '
    "--industry, --persona and --stage override what is inferred.",
)
@click.option("--limit", "-n", type=click.IntRange(1, 20), default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@click.pass_obj
def call_prep(
    state: CliState,
    industry: str | None,
    persona: str | None,
    stage: str | None,
    about: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """The few assets top reps used in a situation (industry, persona, stage), with their best pages.

    Exits 1 when no approved asset fits.
    """
    from enablement_app.recommendations.call_prep import (
        Situation,
        SituationError,
        facet_values,
        infer_situation,
        prepare_call,
        resolve_value,
    )

    with _workspace(state) as workspace:
        visible = workspace.library_search.visible_cards()
        values = facet_values(visible)
        inferred = infer_situation(about, values) if about else None
        try:
            given = {
                facet: resolve_value(facet, text, values)
                for facet, text in (("industry", industry), ("persona", persona), ("stage", stage))
                if text is not None
            }
        except SituationError as error:
            _fail(str(error), 2)
        base = inferred.situation if inferred is not None else Situation()
        situation = dataclasses.replace(base, **given)
        prep = prepare_call(visible, workspace.hub_publications.figures(), situation, limit=limit)
        if as_json:
            click.echo(json.dumps(output.call_prep_json(prep, inferred), indent=2))
        else:
            output.print_call_prep(prep, inferred)
    if not prep.suggestions:
        sys.exit(EXIT_NOTHING_FOUND)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@click.pass_obj
def status(state: CliState, as_json: bool) -> None:
    """Show the library: assets by status and kind, expiring assets, and files that could not be indexed."""
    with _workspace(state) as workspace:
        library = workspace.status()
    if as_json:
        click.echo(json.dumps(output.status_json(library, state.paths), indent=2))
    else:
        output.print_status(library, state.paths)


def _facet_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for facet, key in reversed(list(FACETS.items())):
        option_name = "--tag" if facet == "tag" else f"--{facet}"
        command = click.option(
            option_name, key, multiple=True, help=f"Set the asset's {facet} values (repeatable)."
        )(command)
    return command


@cli.command()
@click.argument("path")
@click.option("--expires", type=click.DateTime(formats=["%Y-%m-%d"]), help="Expiry date, YYYY-MM-DD.")
@click.option("--by", "approved_by", help="Who approves (default: your user name).")
@click.option("--title", help="Title shown to reps instead of the document's own.")
@click.option("--supersedes", help="An older asset this one replaces; it is retired.")
@_facet_options
@click.pass_obj
def approve(
    state: CliState,
    path: str,
    expires: dt.datetime | None,
    approved_by: str | None,
    title: str | None,
    supersedes: str | None,
    **facet_values: tuple[str, ...],
) -> None:
    """Approve the asset at PATH for reps, in the catalog manifest at the collateral root."""
    facets = {facet: facet_values[key] for facet, key in FACETS.items() if facet_values.get(key)}
    with _workspace(state) as workspace:
        key, entry = workspace.approve(
            path,
            expires_at=expires.date() if expires else None,
            facets=facets,
            approved_by=approved_by,
            title=title,
            supersedes=supersedes,
        )
    expiry = f", expires {entry.expires_at.isoformat()}" if entry.expires_at else ""
    click.echo(f"approved {key}{expiry}")
    if supersedes:
        click.echo(f"retired {supersedes} (superseded by {key})")


@cli.command()
@click.argument("path")
@click.pass_obj
def retire(state: CliState, path: str) -> None:
    """Retire the asset at PATH: reps no longer find it; its history is kept."""
    with _workspace(state) as workspace:
        key, _ = workspace.retire(path)
    click.echo(f"retired {key}")


@cli.command()
@click.argument("folder", required=False, type=click.Path(path_type=Path))
@click.option("--debounce", type=click.FloatRange(0.05, 10), default=0.4, show_default=True, help="Seconds.")
@click.pass_obj
def watch(state: CliState, folder: Path | None, debounce: float) -> None:
    """Keep the index up to date while files in FOLDER change (Ctrl+C to stop)."""
    from indexer.watcher import FolderWatcher

    with _workspace(state) as workspace:
        root = workspace.require_root(folder)
        summary = workspace.index(root)
        output.print_index_summary(summary, root, None)
        done = threading.Event()

        def on_settled(changed: set[Path]) -> None:
            result = workspace.index(root)
            if result.changed or result.problems:
                output.print_watch_update(result, changed)

        watcher = FolderWatcher(root, on_settled, debounce=debounce)
        watcher.start()
        click.echo(f"watching {root} (Ctrl+C to stop)")
        try:
            while not done.wait(0.5):
                pass
        except KeyboardInterrupt:
            click.echo("stopped watching")
        finally:
            watcher.stop()


_SINCE_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(value: str, now: dt.datetime) -> dt.datetime:
    """``30m``, ``12h``, ``7d``, ``2w`` back from ``now``, or an ISO date or time (local unless it says)."""
    text = value.strip().lower()
    match = re.fullmatch(r"(\d+)\s*([mhdw])", text)
    if match:
        return now - dt.timedelta(**{_SINCE_UNITS[match[2]]: int(match[1])})
    try:
        moment = dt.datetime.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is neither a duration like 30m, 12h, 7d or 2w nor a date like 2026-11-01",
            param_hint="--since",
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # a wall-clock time as the rep reads it
    return moment.astimezone(dt.UTC)


@cli.command()
@click.option(
    "--since",
    default="7d",
    show_default=True,
    metavar="WHEN",
    help="How far back: 30m, 12h, 7d, 2w, or a date such as 2026-11-01.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the events as a JSON list.")
@click.pass_obj
def usage(state: CliState, since: str, as_json: bool) -> None:
    """Show the usage this machine recorded: searches, opens, page views, shares and ratings.

    Events still waiting in the spool of an app that was killed are moved into the outbox first.
    """
    start = parse_since(since, dt.datetime.now(dt.UTC))
    with _workspace(state) as workspace:
        try:
            workspace.drain_usage_spools()
        except OperationalError as error:
            log.warning("could not drain usage spools: %s", error)
            click.echo("note: the database is busy; events of a closed app may be missing", err=True)
        events = events_since(workspace.store, start)
        labels = asset_labels(workspace.store, (event.asset_id for event in events if event.asset_id))
        profile = load_profile(workspace.store)
    if as_json:
        click.echo(json.dumps(output.usage_json(events, labels), indent=2, ensure_ascii=False))
    else:
        output.print_usage(events, labels, start, profile)


@cli.command()
@click.option("--name", help="Your full name.")
@click.option("--email", help="Your work email.")
@click.option("--team", help="Your team, e.g. Mid-market West.")
@click.option("--region", help="Your region, e.g. EMEA.")
@click.option("--role", type=click.Choice(ROLES), help="What you do.")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
@click.pass_obj
def profile(
    state: CliState,
    name: str | None,
    email: str | None,
    team: str | None,
    region: str | None,
    role: str | None,
    as_json: bool,
) -> None:
    """Show or set the rep profile stamped on every usage event of this data folder.

    With no option it shows the profile; options change only the fields given.
    """
    changes = {
        key: value
        for key, value in (
            ("name", name),
            ("email", email),
            ("team", team),
            ("region", region),
            ("role", role),
        )
        if value is not None
    }
    with _workspace(state) as workspace:
        current = load_profile(workspace.store)
        if changes:
            if current is None:
                current = RepProfile.new(
                    name=changes.get("name", ""),
                    email=changes.get("email", ""),
                    team=changes.get("team", ""),
                    region=changes.get("region", ""),
                    role=changes.get("role", "rep"),
                )
            else:
                current = RepProfile(**{**dataclasses.asdict(current), **changes})
            current = save_profile(workspace.store, current)
    if current is None:
        _fail("no profile yet: set one with `enablement profile --name NAME --email EMAIL --role ROLE`", 3)
    if as_json:
        click.echo(json.dumps(dataclasses.asdict(current), indent=2, ensure_ascii=False))
    else:
        output.print_profile(current, saved=bool(changes))


@cli.group()
def hub() -> None:
    """Connect this computer to marketing's hub, where usage goes and the catalog comes from."""


@hub.command("connect")
@click.argument("url")
@click.option("--create", is_flag=True, help="Make URL a new hub (marketing does this once).")
@click.option("--key", help="Marketing's public catalog key (ed25519:...), printed by `enablement hub init`.")
@click.option(
    "--trust-hub-key",
    is_flag=True,
    help="Trust the catalog key the hub publishes without asking (check its fingerprint with marketing).",
)
@click.pass_obj
def hub_connect(state: CliState, url: str, create: bool, key: str | None, trust_hub_key: bool) -> None:
    """Use the hub at URL: a shared folder (file:///srv/hub, or a plain path) or postgresql://user@host/db.

    The hub must answer before it is saved. Events already sent to another hub are not sent again. Without
    --key, the catalog key marketing published on the hub is shown by its fingerprint, to check with
    marketing before trusting it.
    """
    from enablement_app.sync.catalog_signing import SignatureError, parse_public_key
    from enablement_app.sync.hub_connection import connect_hub, hub_address, probe_hub

    url = hub_address(url)
    if key is not None:
        try:
            parse_public_key(key)
        except SignatureError as error:
            _fail(str(error), 2)
    with _workspace(state) as workspace:
        try:
            probe = probe_hub(workspace.store, url, create=create)
        except HubError as error:
            _hub_failure(error)
        trust = key
        if key is None and not create:
            trust = _offered_key_to_trust(probe, trust_hub_key)
        connected = connect_hub(workspace.store, probe, trust_key=trust)
        if not connected.password_kept:
            click.echo(
                f"note: this computer has no keyring to keep the password in: set {HUB_PASSWORD_ENV} "
                "for `enablement sync` and the app",
                err=True,
            )
        click.echo(f"{'Created and connected' if create else 'Connected'} to the hub {probe.shown_url}")
        if connected.trusted_now and key is None:
            click.echo("Trusted: catalogs signed with this key will be applied.")


def _offered_key_to_trust(probe: HubProbe, trust: bool) -> str | None:
    """Trust on first use: show the key marketing published on the hub by its fingerprint; return it once
    the rep confirms (or passed --trust-hub-key). A trusted key is never replaced this way."""
    if probe.key_conflict:
        click.echo(
            "warning: the hub's catalog is signed with another key than the one this computer trusts; "
            "it will not be applied. If marketing changed its key, connect again with --key NEW_KEY.",
            err=True,
        )
    if probe.trusted_key:
        return None
    if not probe.fingerprint:
        click.echo(
            "Marketing has not published a signed catalog on this hub yet: connect again once it has, or "
            "pass --key with the key marketing gives you."
        )
        return None
    click.echo(f"Marketing's catalog key on this hub has the fingerprint {probe.fingerprint}.")
    click.echo("Check it with marketing (`enablement hub init` printed it for them) before trusting it.")
    if not trust:
        if not sys.stdin.isatty():
            click.echo(
                "Not trusted yet: run this again with --trust-hub-key once marketing has confirmed it."
            )
            return None
        if not click.confirm("Trust this key for the catalog?", default=False):
            click.echo("Not trusted: the hub's catalog will not be applied until you trust marketing's key.")
            return None
    return probe.offered_key


hub.add_command(setup_postgres)
hub.add_command(release_device)


def _hub_failure(error: HubError) -> NoReturn:
    _fail(str(error), EXIT_HUB_REFUSED if isinstance(error, HubRefusedError) else EXIT_HUB_UNAVAILABLE)


@hub.command("init")
@click.pass_obj
def hub_init(state: CliState) -> None:
    """Make marketing's catalog signing key (once) and print the public key reps pin.

    The private key stays in this data folder, readable by you only; keep a backup somewhere safe.
    """
    from enablement_app.sync.catalog_signing import (
        SignatureError,
        generate_signing_key,
        key_fingerprint,
        public_key_text,
        save_signing_key,
    )

    key = generate_signing_key()
    try:
        save_signing_key(key, state.paths.ensure().signing_key)
    except SignatureError as error:
        _fail(str(error), EXIT_BAD_DATA)
    click.echo(f"Catalog signing key saved in {state.paths.signing_key}")
    click.echo(f"Public key for reps: {public_key_text(key)}")
    click.echo(f"Its fingerprint, for reps to check: {key_fingerprint(public_key_text(key))}")


@hub.command("ingest")
@click.pass_obj
def hub_ingest(state: CliState) -> None:
    """Pull every rep's new usage events from the hub into this computer's analytics store, and bring the
    reports' rollups up to date with them."""
    from enablement_app.analytics.rollups import refresh_rollups
    from enablement_app.sync.marketing_sync import ingest

    with _workspace(state) as workspace:
        stop = threading.Event()
        try:
            with _stop_on_interrupt(stop):
                with closing(hub_from_settings(workspace.store)) as hub:
                    report = ingest(workspace.store, hub, clock=workspace.clock, should_stop=stop.is_set)
                # also after a stopped pull: what was stored is counted, so reports never lag behind it
                rolled = refresh_rollups(workspace.store, should_stop=stop.is_set)
        except HubError as error:
            _hub_failure(error)
    click.echo(
        f"Ingested {report.new_events:,} new events"
        + (f" ({report.duplicates:,} already here)" if report.duplicates else "")
    )
    for name, reason in report.quarantined:
        click.echo(f"  quarantined {name}: {reason}")
    if rolled.cancelled:
        click.echo("Reports are not up to date yet: the next ingest or report brings them up to date.")
    if report.cancelled or rolled.cancelled:
        sys.exit(EXIT_INTERRUPTED)


@hub.command("publish")
@click.option(
    "--library", type=click.Path(path_type=Path), help="Collateral folder whose catalog.json to sign."
)
@click.pass_obj
def hub_publish(state: CliState, library: Path | None) -> None:
    """Sign the collateral folder's catalog with marketing's key and publish it, with the figures per
    asset (opens, shares, ratings, opens by top reps) computed from the ingested events, for every rep.

    Top reps are the best reps of the CRM import (`enablement crm import`, `enablement crm top-reps`).
    """
    from enablement_app.analytics.rollups import refresh_rollups
    from enablement_app.analytics.top_reps import select_top_reps
    from enablement_app.sync.catalog_signing import SignatureError, load_signing_key
    from enablement_app.sync.marketing_sync import publish

    with _workspace(state) as workspace:
        try:
            key = load_signing_key(state.paths.signing_key)
            root = workspace.require_root(library)
            refresh_rollups(workspace.store)  # reps who announced their e-mail since are matched to the CRM
            top = select_top_reps(workspace.store)
            with closing(hub_from_settings(workspace.store)) as hub:
                published = publish(
                    workspace.store, hub, key, root, clock=workspace.clock, top_reps=top.rep_ids
                )
        except SignatureError as error:
            _fail(str(error), EXIT_HUB_REFUSED)
        except HubError as error:
            _hub_failure(error)
    output.print_published(published, top)


# -- marketing's insight reports and the CRM import ----------------------------------------------------------


def _refresh_report_figures(workspace: Workspace, *, quiet: bool) -> None:
    """Count every ingested event into the rollups the reports read; Ctrl+C keeps what was counted."""
    from enablement_app.analytics.rollups import pending_events, refresh_rollups

    pending = pending_events(workspace.store)
    if pending > 100_000 and not quiet:
        click.echo(f"Counting {pending:,} newly ingested events into the report figures…", err=True)
    stop = threading.Event()
    with _stop_on_interrupt(stop):
        rolled = refresh_rollups(workspace.store, should_stop=stop.is_set)
    if rolled.cancelled:
        click.echo("interrupted: the figures counted so far are kept", err=True)
        sys.exit(EXIT_INTERRUPTED)


def _report_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        (
            click.option("--csv", "as_csv", is_flag=True, help="Print the report's table as CSV."),
            click.option(
                "--output",
                "-o",
                "output_file",
                type=click.Path(dir_okay=False, writable=True, path_type=Path),
                help="Write the CSV to FILE (UTF-8 with a byte order mark, as Excel reads it); implies --csv.",
            ),
            click.option(
                "--table", "table_name", metavar="NAME", help="Which of the report's tables --csv writes."
            ),
            click.option(
                "--as-of",
                type=click.DateTime(formats=["%Y-%m-%d"]),
                help="Report as of this day (YYYY-MM-DD) instead of today.",
            ),
        )
    ):
        command = option(command)
    return command


_DAYS = click.option(
    "--days",
    type=click.IntRange(1, 3660),
    default=90,
    show_default=True,
    help="The window of usage, in days.",
)


@cli.group()
def report() -> None:
    """Marketing's insight reports on every rep's ingested usage (see `enablement hub ingest`).

    Each prints a table, or CSV with --csv (--output FILE writes it to a file). The figures are brought up
    to date with everything ingested first.
    """


def _run_report(
    state: CliState,
    name: str,
    params: Any,
    *,
    as_csv: bool,
    output_file: Path | None,
    table_name: str | None,
    as_of: dt.datetime | None,
) -> None:
    from enablement_app.analytics.report_views import build_report, write_csv

    as_csv = as_csv or output_file is not None
    with _workspace(state) as workspace:
        _refresh_report_figures(workspace, quiet=as_csv)
        today = as_of.date() if as_of is not None else workspace.clock().date()
        view = build_report(workspace.store, name, today, params)
    try:
        table = view.table(table_name)
    except KeyError:
        names = ", ".join(table.name for table in view.tables)
        raise click.BadParameter(
            f"{table_name!r} is not a table of this report; use {names}", param_hint="--table"
        ) from None
    if not as_csv:
        output.print_report(view)
        return
    if view.missing:
        click.echo(output.report_empty_line(view), err=True)
    if output_file is None:
        write_csv(table, sys.stdout)
        return
    try:
        with output_file.open("w", encoding="utf-8-sig", newline="") as file:
            write_csv(table, file)
    except OSError as error:
        _fail(f"{output_file} cannot be written: {error.strerror or error}", EXIT_BAD_DATA)
    click.echo(f"Wrote {len(table.rows)} rows of {view.title.lower()} to {output_file}", err=True)


@report.command("top-reps")
@_DAYS
@click.option(
    "--fraction", type=float, help="Top reps are this share of the CRM's reps (default: the setting)."
)
@click.option("--metric", type=click.Choice(("quota_attainment", "win_rate")), help="Rank reps by this.")
@click.option("--period", help="The CRM period to rank by, e.g. 2026-Q3 (default: the setting).")
@click.option(
    "--min-top-reps",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Leave out assets fewer top reps opened.",
)
@_report_options
@click.pass_obj
def report_top_reps(
    state: CliState,
    days: int,
    fraction: float | None,
    metric: str | None,
    period: str | None,
    min_top_reps: int,
    **options: Any,
) -> None:
    """Assets the CRM's top reps opened, with the lift over the other reps (highest first).

    Top reps come from `enablement crm import` and `enablement crm top-reps`; --fraction, --metric and
    --period try other choices for this report only.
    """
    from enablement_app.analytics.report_views import ReportParams

    settings = _top_rep_settings(state, fraction, metric, period) if (fraction or metric or period) else None
    params = ReportParams(days=days, min_top_reps=min_top_reps, top_reps=settings)
    _run_report(state, "top-reps", params, **options)


@report.command("dead-content")
@_DAYS
@_report_options
@click.pass_obj
def report_dead_content(state: CliState, days: int, **options: Any) -> None:
    """Approved assets nobody opened in the last --days days (never opened first), and how much of the
    library is used."""
    from enablement_app.analytics.report_views import ReportParams

    _run_report(state, "dead-content", ReportParams(days=days), **options)


@report.command("content-gaps")
@_DAYS
@click.option("--limit", "-n", type=click.IntRange(1, 10_000), default=50, show_default=True)
@_report_options
@click.pass_obj
def report_content_gaps(state: CliState, days: int, limit: int, **options: Any) -> None:
    """Searches that found nothing, or nothing anyone opened, by how many reps met them."""
    from enablement_app.analytics.report_views import ReportParams

    _run_report(state, "content-gaps", ReportParams(days=days, limit=limit), **options)


@report.command("ratings")
@click.option("--used-in-deal", is_flag=True, help="Only assets a rep says they used in a deal.")
@_report_options
@click.pass_obj
def report_ratings(state: CliState, used_in_deal: bool, **options: Any) -> None:
    """Each rated asset's average rating (each rep's newest), lowest first, then the most used; with the
    deals it was used in and the comments (--table comments for those as CSV)."""
    from enablement_app.analytics.report_views import ReportParams

    _run_report(state, "ratings", ReportParams(used_in_deal_only=used_in_deal), **options)


@report.command("alignment")
@click.option("--months", type=click.IntRange(1, 60), default=6, show_default=True)
@_DAYS
@_report_options
@click.pass_obj
def report_alignment(state: CliState, months: int, days: int, **options: Any) -> None:
    """The monthly dashboard both teams read: usage and ratings by month, and how many approved assets
    each funnel stage has and how many of them were used in the last --days days (--table stages)."""
    from enablement_app.analytics.report_views import ReportParams

    _run_report(state, "alignment", ReportParams(months=months, days=days), **options)


def _top_rep_settings(state: CliState, fraction: float | None, metric: str | None, period: str | None) -> Any:
    """The stored top-rep settings with the options given over them; a bad value exits 2."""
    from enablement_app.analytics.top_reps import TopRepSettings, TopRepSettingsError, load_top_rep_settings

    with _workspace(state) as workspace:
        current = load_top_rep_settings(workspace.store)
    try:
        return TopRepSettings(
            fraction=current.fraction if fraction is None else fraction,
            metric=metric or current.metric,
            period=current.period if period is None else (period or None),
        )
    except TopRepSettingsError as error:
        _fail(str(error), 2)


@cli.group()
def crm() -> None:
    """Reps' results from the CRM (quota attainment, win rate), to tell top reps from the rest."""


def _parse_mapping(values: tuple[str, ...]) -> dict[str, str | None]:
    from enablement_app.analytics.crm_import import FIELDS

    mapping: dict[str, str | None] = {}
    for value in values:
        name, sep, header = value.partition("=")
        name = name.strip().lower().replace("-", "_")
        if not sep:
            raise click.BadParameter(f"{value!r} is not FIELD=COLUMN", param_hint="--map")
        if name not in FIELDS:
            raise click.BadParameter(
                f"unknown field {name!r}; use one of {', '.join(FIELDS)}", param_hint="--map"
            )
        mapping[name] = header.strip() or None
    return mapping


@crm.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Read FIELD (email, name, period, quota_attainment, win_rate) from COLUMN; FIELD= ignores a "
    "guessed column (repeatable).",
)
@click.option("--period", help="The period every row is for, e.g. 2026-Q3, when the file has none.")
@click.pass_obj
def crm_import(state: CliState, file: Path, mappings: tuple[str, ...], period: str | None) -> None:
    """Import reps' results from FILE, a CRM report saved as CSV (e.g. a Salesforce report with the
    owner's e-mail, the fiscal period, % of quota and win rate).

    Columns are recognised by the names Salesforce gives them; --map says which column holds a field.
    Importing a period again replaces it. Exits 4 when no row could be imported.
    """
    from enablement_app.analytics.crm_import import CrmImportError, import_crm_export
    from enablement_app.analytics.top_reps import select_top_reps

    mapping = _parse_mapping(mappings)
    if not file.exists():
        _fail(f"{file} does not exist", EXIT_NOT_FOUND)
    with _workspace(state) as workspace:
        _refresh_report_figures(workspace, quiet=False)  # e-mails reps announced since are matched
        try:
            imported = import_crm_export(
                workspace.store, file, clock=workspace.clock, mapping=mapping, period=period
            )
        except CrmImportError as error:
            _fail(str(error), EXIT_BAD_DATA)
        top = select_top_reps(workspace.store)
    output.print_crm_import(imported, file, top)
    if not imported.imported:
        _fail(f"no row of {file.name} could be imported", EXIT_BAD_DATA)


@crm.command("top-reps")
@click.option(
    "--fraction", type=float, help="Top reps are this share of the CRM's reps: 0.25 is the top quarter."
)
@click.option("--metric", type=click.Choice(("quota_attainment", "win_rate")), help="Rank reps by this.")
@click.option("--period", help="Rank by this imported period, e.g. 2026-Q3.")
@click.option("--latest-period", is_flag=True, help="Rank by the period imported last (the default).")
@click.pass_obj
def crm_top_reps(
    state: CliState, fraction: float | None, metric: str | None, period: str | None, latest_period: bool
) -> None:
    """Show who the top reps are, or change how they are chosen (kept for reports and publishing)."""
    from enablement_app.analytics.crm_import import imported_periods
    from enablement_app.analytics.top_reps import save_top_rep_settings, select_top_reps

    if period and latest_period:
        raise click.UsageError("give --period or --latest-period, not both")
    changed = fraction is not None or metric is not None or period is not None or latest_period
    settings = _top_rep_settings(state, fraction, metric, "" if latest_period else period)
    with _workspace(state) as workspace:
        _refresh_report_figures(workspace, quiet=False)
        if changed:
            save_top_rep_settings(workspace.store, settings)
        top = select_top_reps(workspace.store, settings)
        periods = imported_periods(workspace.store)
    output.print_top_reps(top, periods, saved=changed)


@cli.command()
@click.option("--status", "status_only", is_flag=True, help="Only show the sync status; send nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print what was sent and the status as JSON.")
@click.pass_obj
def sync(state: CliState, status_only: bool, as_json: bool) -> None:
    """Send this computer's usage events to the hub now, and show how sync stands.

    Exits 6 when the hub cannot be reached (the events wait for the next try) and 7 when it refused.
    """
    with _workspace(state) as workspace:
        store = workspace.store
        rep_sync = RepSync(store, lambda: hub_from_settings(store), device_id(store), clock=workspace.clock)
        report = None
        if not status_only:
            try:
                workspace.drain_usage_spools()
            except OperationalError as error:
                log.warning("could not drain usage spools: %s", error)
            stop = threading.Event()
            with _stop_on_interrupt(stop):
                report = rep_sync.sync_once(should_stop=stop.is_set)
            if report.ok and not report.stopped:
                refreshed = rep_sync.refresh_published(workspace.hub_publications)
                if refreshed is not None and refreshed.catalog_applied and not as_json:
                    click.echo("Took the newest catalog from marketing.")
                elif refreshed is not None and refreshed.problem and not as_json:
                    click.secho(f"warning: {refreshed.problem}", fg="yellow", err=True)
        status = rep_sync.status()
    now = workspace.clock()
    if as_json:
        click.echo(json.dumps(output.sync_json(report, status, now), indent=2, ensure_ascii=False))
    else:
        output.print_sync(report, status, now)
    if report is not None and report.error is not None:
        _fail(report.error, EXIT_HUB_REFUSED if report.refused else EXIT_HUB_UNAVAILABLE)
    if report is not None and report.stopped:
        sys.exit(EXIT_INTERRUPTED)


def _add_commands() -> None:
    from enablement_app.cli.playlist_commands import playlist

    cli.add_command(tips)
    cli.add_command(playlist)


_add_commands()


def main() -> None:
    cli(prog_name="enablement")


if __name__ == "__main__":
    main()
