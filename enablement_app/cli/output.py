"""What the command line prints: the only module of the core that writes to the terminal."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from enablement_app.library.indexing import IndexProgress, IndexSummary
from enablement_app.library.search import SearchResults
from enablement_app.library.workspace import LibraryStatus
from enablement_app.paths import DataPaths
from enablement_app.sync.rep_sync import SyncReport, SyncStatus
from enablement_app.usage.events import EVENT_KINDS, UsageEvent
from enablement_app.usage.profile import ROLE_LABELS, RepProfile
from enablement_app.usage.queries import AssetLabel
from indexer.search_index import Snippet

if TYPE_CHECKING:  # the marketing modules load cryptography and more: only the commands that need them do
    from enablement_app.analytics.crm_import import CrmImport
    from enablement_app.analytics.report_views import ReportView
    from enablement_app.analytics.top_reps import TopReps
    from enablement_app.recommendations.call_prep import CallPrep, Inferred
    from enablement_app.sync.marketing_sync import Published

KIND_LABELS = {
    "pdf": "PDF",
    "pptx": "Slides",
    "docx": "Word",
    "md": "Markdown",
    "txt": "Text",
    "html": "Web page",
}


class ProgressReporter:
    """Draws a progress bar on stderr while files are extracted; silent when stderr is not a terminal."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self._bar: Any = None
        self._done = 0

    def __call__(self, progress: IndexProgress) -> None:
        if not self.enabled:
            return
        if progress.phase == "extracting" and self._bar is None and progress.total:
            self._bar = click.progressbar(
                iterable=None,
                length=progress.total,
                label="Indexing",
                file=sys.stderr,
                show_pos=True,
                item_show_func=_show_item,
            )
            self._bar.__enter__()
        if self._bar is not None and progress.done > self._done:
            self._bar.update(progress.done - self._done, progress.current)
            self._done = progress.done

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _show_item(item: object) -> str:
    return _shorten(str(item) if item else "", 40)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else "…" + text[-(width - 1) :]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 'es' if word.endswith('ch') else 's'}"


def print_index_summary(summary: IndexSummary, root: Path, elapsed: float | None) -> None:
    parts = [
        f"{summary.added} added",
        f"{summary.updated} updated",
        f"{summary.moved} moved",
        f"{summary.removed} removed",
        f"{summary.unchanged} unchanged",
    ]
    took = f" in {elapsed:.1f} s" if elapsed is not None else ""
    head = "Stopped early: " if summary.cancelled else ""
    click.echo(
        f"{head}{root}: {_plural(summary.scanned, 'file')} ({', '.join(parts)}), "
        f"{_plural(summary.pages, 'page')} read{took}."
    )
    if summary.governance_changed:
        click.echo(f"Catalog: {_plural(summary.governance_changed, 'asset')} changed status or tags.")
    if summary.catalog_error:
        click.secho(f"Catalog not applied: {summary.catalog_error}", fg="yellow")
    if summary.problems:
        click.secho(f"{_plural(len(summary.problems), 'file')} could not be indexed:", fg="yellow")
        for path, reason in sorted(summary.problems.items())[:10]:
            click.echo(f"  {path}: {reason}")
        if len(summary.problems) > 10:
            click.echo(f"  … and {len(summary.problems) - 10} more: see `enablement status`")


def print_watch_update(summary: IndexSummary, changed: Iterable[Path]) -> None:
    stamp = dt.datetime.now().strftime("%H:%M:%S")
    parts = [
        f"{count} {label}"
        for count, label in (
            (summary.added, "added"),
            (summary.updated, "updated"),
            (summary.moved, "moved"),
            (summary.removed, "removed"),
            (summary.governance_changed, "catalog changes"),
        )
        if count
    ]
    click.echo(f"[{stamp}] {', '.join(parts) or 'no change'}")
    for path, reason in sorted(summary.problems.items()):
        click.echo(f"  could not index {path}: {reason}")


def render_snippet(snippet: Snippet) -> str:
    text, pieces, position = snippet.text, [], 0
    for start, end in snippet.spans:
        pieces.append(text[position:start])
        pieces.append(click.style(text[start:end], bold=True, fg="yellow"))
        position = end
    pieces.append(text[position:])
    return " ".join("".join(pieces).split())


def print_results(results: SearchResults, root: Path) -> None:
    if results.suggestion:
        click.echo(f"Did you mean: {click.style(results.suggestion, bold=True)}?")
    if not results.hits:
        click.echo(f"No approved asset matches {results.query!r}.")
        return
    shown = len(results.hits)
    click.echo(
        f"{_plural(results.total_assets, 'asset')} match {results.query!r}; "
        f"showing {shown} ({results.elapsed_ms:.0f} ms)\n"
    )
    for rank, hit in enumerate(results.hits, start=1):
        asset = hit.asset
        kind = KIND_LABELS.get(asset.kind, asset.kind)
        tags = " · ".join(value for facet in ("product", "stage") for value in asset.facets.get(facet, ()))
        status = "" if asset.status == "approved" else click.style(f" [{asset.status}]", fg="red")
        click.echo(
            f"{rank:>2}. {click.style(asset.title, bold=True)}{status}  ({kind}{', ' + tags if tags else ''})"
        )
        pages = ", ".join(str(page.number) for page in hit.pages)
        click.echo(f"    {asset.path} — best {_page_word(asset.kind)}s: {pages}")
        snippet = hit.pages[0].snippet if hit.pages else None
        if snippet is not None:
            click.echo(f"    {render_snippet(snippet)}")
        click.echo()
    facet_lines = [
        f"  {facet}: " + ", ".join(f"{value} ({count})" for value, count in list(counts.items())[:6])
        for facet, counts in results.facet_counts.items()
    ]
    if facet_lines:
        click.echo("Refine with --facet:")
        for line in facet_lines:
            click.echo(line)


def _page_word(kind: str) -> str:
    return "slide" if kind == "pptx" else "page" if kind == "pdf" else "section"


def print_call_prep(prep: CallPrep, inferred: Inferred | None) -> None:
    click.echo(f"Call prep for {prep.situation.describe()}")
    if inferred is not None:
        click.echo(f"From the description: {inferred.describe()}")
    if prep.notice:
        click.echo(f"{prep.notice}.")
    for rank, suggestion in enumerate(prep.suggestions, start=1):
        card = suggestion.card
        kind = KIND_LABELS.get(card.kind, card.kind)
        click.echo(f"\n{rank:>2}. {click.style(card.title, bold=True)}  ({kind}, {card.path})")
        click.echo(f"    {suggestion.reason()}")
        if suggestion.best_pages:
            pages = ", ".join(str(page) for page in suggestion.best_pages)
            click.echo(f"    best {_page_word(card.kind)}s: {pages}")


def call_prep_json(prep: CallPrep, inferred: Inferred | None) -> dict[str, Any]:
    return {
        "situation": prep.situation.chosen(),
        "inferred_from": dict(inferred.evidence) if inferred is not None else None,
        "ranked_by_top_reps": prep.from_top_reps,
        "notice": prep.notice,
        "assets": [
            {
                "id": suggestion.card.id,
                "title": suggestion.card.title,
                "path": suggestion.card.path,
                "top_reps_this_quarter": suggestion.top_reps,
                "top_rep_shares": suggestion.top_rep_shares,
                "best_pages": list(suggestion.best_pages),
                "generic_for": list(suggestion.generic),
                "why": suggestion.reason(),
            }
            for suggestion in prep.suggestions
        ],
    }


def print_status(library: LibraryStatus, paths: DataPaths) -> None:
    click.echo(f"Collateral folder: {library.root or '(none yet: run `enablement index FOLDER`)'}")
    click.echo(f"Data folder:       {paths.root}")
    total = sum(library.assets_by_status.values())
    by_status = ", ".join(f"{count} {status}" for status, count in sorted(library.assets_by_status.items()))
    click.echo(f"Assets:            {total}{' (' + by_status + ')' if by_status else ''}")
    by_kind = ", ".join(
        f"{count} {KIND_LABELS.get(kind, kind)}" for kind, count in sorted(library.assets_by_kind.items())
    )
    if by_kind:
        click.echo(f"Kinds:             {by_kind}")
    click.echo(f"Indexed pages:     {library.indexed_pages}")
    if library.expiring_soon:
        click.secho(f"Expiring within 30 days: {len(library.expiring_soon)}", fg="yellow")
        for path, date in library.expiring_soon:
            click.echo(f"  {date.isoformat()}  {path}")
    if library.problems:
        click.secho(f"Could not index {_plural(len(library.problems), 'file')}:", fg="yellow")
        for problem in library.problems:
            when = problem.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M")
            click.echo(f"  {problem.path}: {problem.reason} ({when})")
    else:
        click.echo("Problems:          none")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(key): _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    return value


def summary_json(summary: IndexSummary, root: Path, elapsed: float) -> dict[str, Any]:
    data = dataclasses.asdict(summary)
    data.update(root=str(root), seconds=round(elapsed, 3))
    return dict(_jsonable(data))


def results_json(results: SearchResults) -> dict[str, Any]:
    hits = []
    for hit in results.hits:
        asset = dataclasses.asdict(hit.asset)
        pages = [
            {
                "number": page.number,
                "heading": page.heading,
                "score": round(page.score, 4),
                "snippet": page.snippet.text if page.snippet else None,
                "highlights": [list(span) for span in page.snippet.spans] if page.snippet else [],
            }
            for page in hit.pages
        ]
        hits.append({"asset": _jsonable(asset), "score": round(hit.score, 4), "pages": pages})
    return {
        "query": results.query,
        "total_assets": results.total_assets,
        "suggestion": results.suggestion,
        "fell_back_to_plain_terms": results.fell_back,
        "facets": _jsonable(dict(results.facet_counts)),
        "filters": _jsonable(dict(results.filters)),
        "elapsed_ms": round(results.elapsed_ms, 2),
        "hits": hits,
    }


def status_json(library: LibraryStatus, paths: DataPaths) -> dict[str, Any]:
    return {
        "root": str(library.root) if library.root else None,
        "data_dir": str(paths.root),
        "assets_by_status": dict(library.assets_by_status),
        "assets_by_kind": dict(library.assets_by_kind),
        "indexed_pages": library.indexed_pages,
        "expiring_soon": [
            {"path": path, "expires_at": date.isoformat()} for path, date in library.expiring_soon
        ],
        "problems": [
            {"path": problem.path, "reason": problem.reason, "at": problem.occurred_at.isoformat()}
            for problem in library.problems
        ],
    }


def _usage_details(event: UsageEvent) -> str:
    details = event.details
    if event.kind == "search":
        filters = details.get("filters") or {}
        refined = " ".join(f"{facet}={value}" for facet, values in filters.items() for value in values)
        text = f"{details.get('query', '')!r} → {_plural(int(details.get('result_count', 0)), 'result')}"
        if refined:
            text += f" [{refined}]"
        rank = details.get("clicked_rank")
        return text + (f", opened #{rank}" if rank else "")
    if event.kind == "open":
        return "in the app" if details.get("target") == "preview" else "as a file"
    if event.kind == "page_view":
        return f"page {details.get('page')}, {int(details.get('dwell_ms', 0)) / 1000:.1f} s"
    if event.kind == "share":
        return str(details.get("channel", "")).replace("_", " ")
    if event.kind == "rate":
        text = f"{details.get('stars')}/5"
        if details.get("used_in_deal"):
            text += ", used in a deal"
        comment = str(details.get("comment") or "")
        return text + (f": {_shorten_end(comment, 40)!r}" if comment else "")
    if event.kind == "tip":
        page = details.get("page")
        about = f"page {page}" if page else "the asset"
        withdrawn = "withdrew the tip on" if details.get("withdrawn") else "tip on"
        return f"{withdrawn} {about}: {_shorten_end(str(details.get('text') or ''), 60)!r}"
    if event.kind == "profile":
        where = ", ".join(part for part in (event.rep_team, event.rep_region) if part)
        role = ROLE_LABELS.get(event.rep_role, event.rep_role)
        return (
            f"{details.get('name', '')} <{details.get('email', '')}>, {where + ', ' if where else ''}{role}"
        )
    return ", ".join(f"{key}={value}" for key, value in details.items())


def _shorten_end(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _asset_text(event: UsageEvent, labels: Mapping[str, AssetLabel]) -> str:
    if event.asset_id is None:
        return ""
    label = labels.get(event.asset_id)
    if label is None:
        return f"(asset {event.asset_id[:8]})"
    version = f" v{event.asset_version}" if event.asset_version and event.asset_version > 1 else ""
    return f"{label.title}{version} — {label.path}{' (removed)' if label.removed else ''}"


def print_usage(
    events: Sequence[UsageEvent],
    labels: Mapping[str, AssetLabel],
    since: dt.datetime,
    profile: RepProfile | None,
) -> None:
    start = since.astimezone().strftime("%Y-%m-%d %H:%M")
    if profile is not None:
        click.echo(f"Rep: {profile.name} <{profile.email}>, {ROLE_LABELS.get(profile.role, profile.role)}")
    if not events:
        click.echo(f"Nothing recorded on this machine since {start}.")
        return
    counts = Counter(event.kind for event in events)
    by_kind = ", ".join(f"{counts[kind]} {kind.replace('_', ' ')}" for kind in EVENT_KINDS if counts[kind])
    click.echo(f"{_plural(len(events), 'event')} recorded on this machine since {start}: {by_kind}\n")
    rows = [
        (
            event.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
            event.kind.replace("_", " "),
            _asset_text(event, labels),
            _usage_details(event),
        )
        for event in events
    ]
    headers = ("Time", "Kind", "Asset", "Details")
    widths = [max(len(header), *(len(row[column]) for row in rows)) for column, header in enumerate(headers)]
    widths[2] = min(widths[2], 60)
    padded = [header.ljust(width) for header, width in zip(headers[:-1], widths, strict=False)]
    click.echo(click.style("  ".join([*padded, headers[-1]]), bold=True))
    for row in rows:
        cells = [*row[:2], _shorten_end(row[2], widths[2]), row[3]]
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip())


def usage_json(events: Sequence[UsageEvent], labels: Mapping[str, AssetLabel]) -> list[dict[str, Any]]:
    data = []
    for event in events:
        item = event.to_dict()
        label = labels.get(event.asset_id) if event.asset_id else None
        item["asset_title"] = label.title if label else None
        item["asset_path"] = label.path if label else None
        data.append(item)
    return data


def print_profile(profile: RepProfile, *, saved: bool) -> None:
    if saved:
        click.echo("Profile saved; it is stamped on every usage event from now on.")
    click.echo(f"Name:   {profile.name}")
    click.echo(f"Email:  {profile.email}")
    click.echo(f"Team:   {profile.team or '-'}")
    click.echo(f"Region: {profile.region or '-'}")
    click.echo(f"Role:   {ROLE_LABELS.get(profile.role, profile.role)}")
    click.echo(f"Rep id: {profile.rep_id}")


def print_sync(report: SyncReport | None, status: SyncStatus, now: dt.datetime) -> None:
    if report is not None:
        if report.sent_events:
            where = f" to {status.hub_url}" if status.hub_url else ""
            head = "Sent" if report.ok else "Before the hub failed, sent"
            click.echo(
                f"{head} {_plural(report.sent_events, 'event')} in {_plural(report.sent_batches, 'batch')}{where}."
            )
        elif report.ok:
            click.echo("Nothing new to send.")
    # a failure of this run is printed as the error, once
    click.echo(status.describe(now, with_error=report is None or report.ok))


def sync_json(report: SyncReport | None, status: SyncStatus, now: dt.datetime) -> dict[str, Any]:
    data: dict[str, Any] = {
        "status": {**_jsonable(dataclasses.asdict(status)), "summary": status.describe(now)}
    }
    if report is not None:
        data["sent"] = _jsonable(dataclasses.asdict(report))
    return data


def print_published(published: Published, top: TopReps) -> None:
    click.echo(
        f"Published catalog number {published.serial} ({published.assets_in_catalog} assets) "
        f"and figures for {published.assets_with_figures} assets"
    )
    if top.period is None:
        click.echo("No top reps' picks: no CRM results imported yet (`enablement crm import FILE`)")
        return
    picks = _plural(published.top_reps_picks, "asset")
    used = _plural(published.used_by_top_reps, "asset")
    click.echo(f'{top.describe()}; {picks} marked "Top reps\' pick", {used} used by top reps this quarter')


# -- insight reports and the CRM import ---------------------------------------------------------------------

REPORT_HINTS = {
    "usage": "run `enablement hub ingest` to pull reps' usage from the hub",
    "crm": "import reps' results with `enablement crm import FILE` (a CRM report saved as CSV)",
    "library": "index the collateral folder with `enablement index FOLDER` and approve assets",
}
CELL_WIDTH = 48
TERMINAL_ROWS = 100  # a table longer than a screenful or two is for --csv


def report_empty_line(view: ReportView) -> str:
    return f"{view.empty}: {REPORT_HINTS.get(view.missing or '', 'nothing to report yet')}."


def print_report(view: ReportView) -> None:
    from enablement_app.analytics.report_views import display

    click.echo(click.style(view.title, bold=True))
    if view.missing:
        click.echo(report_empty_line(view))
        return
    for line in view.summary:
        click.echo(line)
    for table in view.tables:
        click.echo()
        if len(view.tables) > 1:
            click.echo(click.style(table.title, bold=True))
        if not table.rows:
            click.echo(f"{table.empty}.")
            continue
        shown = [index for index, column in enumerate(table.columns) if not column.detail]
        rows = table.rows[:TERMINAL_ROWS]
        cells = [
            [_shorten_end(display(row[i], table.columns[i].kind), CELL_WIDTH) for i in shown] for row in rows
        ]
        headers = [table.columns[i].label for i in shown]
        widths = [max(len(header), *(len(row[n]) for row in cells)) for n, header in enumerate(headers)]
        numeric = [table.columns[i].numeric for i in shown]
        click.echo(click.style(_table_line(headers, widths, numeric), bold=True))
        for row in cells:
            click.echo(_table_line(row, widths, numeric))
        if len(table.rows) > TERMINAL_ROWS:
            more = len(table.rows) - TERMINAL_ROWS
            option = "--csv" if table is view.tables[0] else f"--csv --table {table.name}"
            click.echo(f"… and {more:,} more {'row' if more == 1 else 'rows'}: {option} writes them all")


def _table_line(values: Sequence[str], widths: Sequence[int], numeric: Sequence[bool]) -> str:
    """One line of a table: numbers to the right of their column, text to the left."""
    parts = [
        value.rjust(width) if right else value.ljust(width)
        for value, width, right in zip(values, widths, numeric, strict=True)
    ]
    return "  ".join(parts).rstrip()


def print_crm_import(imported: CrmImport, file: Path, top: TopReps) -> None:
    from enablement_app.analytics.crm_import import FIELD_LABELS

    if imported.imported:
        periods = ", ".join(imported.periods)
        replaced = f" (replacing {imported.replaced} imported before)" if imported.replaced else ""
        click.echo(
            f"Imported the results of {_count(imported.imported, 'rep')} for {periods} from {file.name}{replaced}."
        )
    columns = ", ".join(
        f"{FIELD_LABELS[name].lower()} from {header!r}" for name, header in imported.mapping.items()
    )
    click.echo(f"Columns: {columns}")
    if imported.imported:
        click.echo(f"Matched to reps who use the app: {imported.matched} of {imported.imported}.")
    if imported.unmatched:
        shown = ", ".join(imported.unmatched[:10])
        more = f" and {len(imported.unmatched) - 10} more" if len(imported.unmatched) > 10 else ""
        click.echo(f"No rep of the app announced these e-mails (not matched): {shown}{more}")
    if imported.problems:
        click.secho(f"{_count(len(imported.problems), 'row')} not imported:", fg="yellow")
        for problem in imported.problems[:20]:
            click.echo(f"  {problem}")
        if len(imported.problems) > 20:
            click.echo(f"  … and {len(imported.problems) - 20} more")
    if imported.ignored_lines:
        click.echo(
            f"Skipped {_count(imported.ignored_lines, 'line')} without a rep (blank, titles, totals, footer)."
        )
    if imported.imported:
        click.echo(top.describe())


def print_top_reps(top: TopReps, periods: Sequence[tuple[str, int, dt.datetime]], *, saved: bool) -> None:
    if saved:
        click.echo(
            f"Saved: top reps are the {top.settings.describe()}, of {top.settings.period or 'the period imported last'}."
        )
    click.echo(top.describe())
    if top.ranked_top:
        metric = top.settings.metric.replace("_", " ")
        click.echo(f"\nTop reps, best first ({metric}):")
        for rep in top.ranked_top:
            uses = "" if rep.uses_app else "  (not matched to a rep of the app)"
            click.echo(f"  {rep.value:>7.0%}  {rep.name or '-'} <{rep.email}>{uses}")
    if periods:
        listed = ", ".join(
            f"{period} ({_count(count, 'rep')}, {when.date().isoformat()})" for period, count, when in periods
        )
        click.echo(f"\nImported periods, newest import first: {listed}")


def _count(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
