"""``enablement-app``: the rep's desktop window.

Start-up is ordered for speed: only Qt and the window's own modules are imported before the first paint;
the store, the index and the usage recorder open on a worker right after, and indexing runs in the
background while the rep can already type.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
# Set by bench/bench_startup.py: the wall-clock time just before it started this process.
STARTUP_CLOCK_ENV = "ENABLEMENT_STARTUP_T0"

log = logging.getLogger(__name__)


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="enablement-app", description="Find, preview, share and rate approved sales collateral."
    )
    parser.add_argument(
        "--data-dir", type=Path, help="data folder (default: the platform's user data folder)"
    )
    parser.add_argument(
        "--library", type=Path, help="collateral folder to use from now on (default: the one chosen before)"
    )
    parser.add_argument("--query", default="", help="start with this search")
    parser.add_argument("--theme", choices=("system", "light", "dark"), default="system")
    parser.add_argument("--no-watch", action="store_true", help="do not watch the folder for changes")
    parser.add_argument("--report-startup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--quit-after-paint", action="store_true", help=argparse.SUPPRESS)
    # The packaged app's smoke test: play a rep's first minute on the window, write what it showed here.
    parser.add_argument("--smoke-report", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)

    from PySide6.QtWidgets import QApplication

    from enablement_app import __version__
    from enablement_app.logs import log_uncaught_exceptions, setup_logging
    from enablement_app.paths import resolve_data_paths
    from ui.icons import app_icon
    from ui.library_session import LibrarySession
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner
    from ui.theme import apply_theme

    paths = resolve_data_paths(args.data_dir)
    setup_logging(paths.app_log)
    log_uncaught_exceptions()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Enablement Library")
    app.setOrganizationName("Enablement")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("enablement-library")  # matches the .desktop file the Linux build ships
    app.setWindowIcon(app_icon())
    apply_theme(app, args.theme)
    if args.theme == "system":
        # Follow the desktop when the rep switches between light and dark while the app runs.
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app, "system"))

    tasks = TaskRunner()
    session = LibrarySession(paths, tasks, library=args.library, watch=not args.no_watch)
    window = MainWindow(session, tasks)
    smoke = None
    if args.smoke_report is not None:
        from ui.smoke_run import SmokeRun

        smoke = SmokeRun(window, args.query or "pricing", args.smoke_report, STARTED)
    elif args.query:
        window.search_box.setText(args.query)

    def painted() -> None:
        if args.report_startup:
            since_start = time.perf_counter() - STARTED
            t0 = os.environ.get(STARTUP_CLOCK_ENV)
            from_launch = time.time() - float(t0) if t0 else float("nan")
            print(
                f"first-paint from-launch-ms={from_launch * 1000:.1f} in-process-ms={since_start * 1000:.1f}"
            )
            sys.stdout.flush()
        if args.quit_after_paint:
            window.close()
            return
        session.open()

    window.first_painted.connect(painted)
    window.show()
    code = app.exec()
    tasks.shutdown()
    return code or (smoke.exit_code if smoke is not None else 0)


if __name__ == "__main__":
    sys.exit(main())
