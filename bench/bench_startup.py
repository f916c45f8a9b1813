"""How long a rep waits for the window: from launching ``enablement-app`` to its first painted frame.

Run from the checkout: ``.venv/bin/python bench/bench_startup.py [--runs N] [--platform offscreen|xcb]``;
``--app dist/EnablementLibrary/enablement-app`` measures the packaged app instead (``packaging/build``).
It prepares a data folder with the demo library indexed and a rep profile (the everyday start, not the
first run), then launches the real app N times. Each run reports the time from just before the process was
started to the first paint of the main window (``--report-startup``), and quits. Target: under 1 second
from source, under 2 seconds packaged. It measures; it does not assert.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths, demo_library_path
from enablement_app.usage.profile import RepProfile, save_profile
from ui.app import STARTUP_CLOCK_ENV

TARGET_MS = 1000.0
PACKAGED_TARGET_MS = 2000.0


def prepare(data: Path) -> None:
    with Workspace(DataPaths(data)) as workspace:
        workspace.index(demo_library_path())
        save_profile(
            workspace.store,
            RepProfile.new(name="Bench Rep", email="bench@lumora.example", team="Bench", region="EMEA"),
        )


def launch(data: Path, platform: str, packaged: Path | None = None) -> tuple[float, float]:
    app = packaged or Path(sys.executable).with_name("enablement-app")
    command = [str(app)] if app.exists() else [sys.executable, "-m", "ui.app"]
    env = dict(os.environ, QT_QPA_PLATFORM=platform)
    env[STARTUP_CLOCK_ENV] = repr(time.time())
    finished = subprocess.run(
        [*command, "--data-dir", str(data), "--report-startup", "--quit-after-paint", "--no-watch"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    for line in finished.stdout.splitlines():
        if line.startswith("first-paint"):
            fields = dict(part.split("=") for part in line.split()[1:])
            return float(fields["from-launch-ms"]), float(fields["in-process-ms"])
    raise RuntimeError(f"the app did not report its first paint:\n{finished.stdout}\n{finished.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--platform", default="offscreen", help="QT_QPA_PLATFORM for the app (xcb needs a display)"
    )
    parser.add_argument("--app", type=Path, help="a packaged enablement-app to measure instead")
    args = parser.parse_args()
    if args.app is not None and not args.app.is_file():
        parser.error(f"no executable at {args.app}: run packaging/build first")
    target = TARGET_MS if args.app is None else PACKAGED_TARGET_MS
    with tempfile.TemporaryDirectory(prefix="enablement-startup-") as folder:
        data = Path(folder) / "data"
        print("preparing a data folder with the demo library indexed…", flush=True)
        prepare(data)
        launch(data, args.platform, args.app)  # warm the file cache once, as a rep's second start would be
        figures = []
        for run in range(1, args.runs + 1):
            from_launch, in_process = launch(data, args.platform, args.app)
            figures.append(from_launch)
            print(
                f"run {run:2}: first paint {from_launch:6.0f} ms after launch ({in_process:.0f} ms in-process)"
            )
    load = os.getloadavg()[0]
    p50 = statistics.median(figures)
    worst = max(figures)
    verdict = "met" if p50 < target else "MISSED"
    what = f"packaged {args.app}" if args.app else "from source"
    print(
        f"\nfirst paint ({what}): p50 {p50:.0f} ms, max {worst:.0f} ms over {len(figures)} runs (target < {target:.0f} ms: {verdict}); load {load:.2f}"
    )
    print(
        json.dumps(
            {
                "first_paint_p50_ms": round(p50, 1),
                "first_paint_max_ms": round(worst, 1),
                "runs": len(figures),
                "packaged": args.app is not None,
                "load": load,
            }
        )
    )


if __name__ == "__main__":
    main()
