"""Screenshots of top reps' signals on the demo library, to look at them:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.top_rep_signals_demo OUT_FOLDER [--no-figures]

A throwaway data folder indexes a copy of the demo library and gets marketing's figures as a rep's sync
keeps them, seeded so every run looks the same; the real window is then grabbed on the empty screen (with
the stage shelf), on results sorted by top reps' picks, and with the call-prep dialog.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget

from enablement_app.library.workspace import Workspace
from enablement_app.paths import DataPaths, demo_library_path
from enablement_app.sync.hub import Aggregates, AssetFigures
from tests.conftest import FIXED_NOW, Clock
from tests.ui.conftest import save_rep


def wait(signal: SignalInstance, ms: int = 60_000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle(ms: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def publish_figures(paths: DataPaths, library: Path) -> None:
    with Workspace(paths, clock=Clock(), workers=1) as workspace:
        workspace.index(library)
        cards = workspace.library_search.cards()
        chance = random.Random(7)
        figures = {}
        for card in sorted(cards.values(), key=lambda card: card.title):
            reps = chance.choice((0, 0, 1, 2, 3, 4, 6))
            pages = chance.sample(range(1, max(2, card.page_count) + 1), k=min(3, max(1, card.page_count)))
            opens = reps * 9 + chance.randrange(5, 60)
            figures[card.id] = AssetFigures(
                card.id,
                opens=opens,
                shares=opens // 5,
                ratings=chance.randrange(0, 12),
                average_rating=round(chance.uniform(3.2, 4.9), 1),
                top_rep_opens=reps * 4,
                top_reps_this_quarter=reps,
                top_rep_shares=reps * chance.randrange(0, 3),
                best_pages=tuple(pages) if reps else (),
            )
        workspace.hub_publications.accept_figures(Aggregates(FIXED_NOW, figures))


def grab(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", type=Path)
    parser.add_argument("--no-figures", action="store_true")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui.library_session import LibrarySession
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner
    from ui.theme import apply_theme

    apply_theme(app, args.theme)
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "collateral"
        shutil.copytree(demo_library_path(), library)
        paths = DataPaths(Path(folder) / "data")
        save_rep(paths)
        if not args.no_figures:
            publish_figures(paths, library)
        tasks = TaskRunner()
        session = LibrarySession(paths, tasks, library=library, watch=False, clock=Clock())
        window = MainWindow(session, tasks, office_pages=False)
        window.resize(1320, 820)
        window.show()
        session.open()
        wait(session.index_finished)
        settle(1500)
        suffix = ("-no-figures" if args.no_figures else "") + ("-dark" if args.theme == "dark" else "")
        grab(window, args.out / f"home{suffix}.png")

        window.search_box.setText("pricing")
        window.search.run_now()
        wait(window.search.results_shown)
        window.top_rep_choices.sort_box.setCurrentIndex(1)
        window.top_rep_choices.sort_box.activated.emit(1)
        wait(window.search.results_shown)
        grab(window, args.out / f"sorted{suffix}.png")

        window.open_call_prep()
        dialog = window.call_prep_dialog
        assert dialog is not None
        wait(dialog.suggestions_shown)
        dialog.about_box.setText("Regional hospital network, the CFO is comparing vendors before signing")
        dialog.infer_now()
        wait(dialog.suggestions_shown)
        grab(dialog, args.out / f"call-prep{suffix}.png")
        window.close()
        tasks.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
