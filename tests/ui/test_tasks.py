"""The TaskRunner under churn: answers handled while workers are still returning from sending them,
and runners shut down and dropped while answers are still queued (a window closed mid-read, a test's
teardown). Either used to crash the process now and then, so each runs in a child process, many times."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]

_SCRIPT = textwrap.dedent(
    """
    import gc
    import os
    import sys

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from ui.tasks import TaskRunner

    # PySide6 6.12.0 loses references to True and None as signals come and go
    # (tests/ui/test_qt_binding.py); spare references keep that bug from ending this process first
    spare = [True, None, False] * 1_000_000
    app = QApplication([])
    answers = []
    rounds, wait_for_workers = int(sys.argv[1]), sys.argv[2] == "wait"
    for _ in range(rounds):
        tasks = TaskRunner()
        for n in range(20):
            tasks.run(lambda n=n: n, on_success=answers.append)
            tasks.run(lambda: 1 / 0, on_failure=answers.append)
        if wait_for_workers:  # every answer sent, none delivered, when the runner goes
            for pool in tasks._pools.values():
                pool.waitForDone()
        else:  # answers handled while workers are still sending theirs
            for _ in range(50):
                QCoreApplication.processEvents()
        tasks.shutdown()
        del tasks
        gc.collect()
        for _ in range(5):
            QCoreApplication.processEvents()
    print("survived", flush=True)
    os._exit(0)  # skip finalising: only what happened above is under test
    """
)


@pytest.mark.slow
@pytest.mark.parametrize(("rounds", "mode"), [(3, "wait"), (60, "handle")])
def test_runners_come_and_go_without_crashing(rounds: int, mode: str) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(CHECKOUT)}
    for _ in range(3):  # each crash came within a run or two; three make a pass mean something
        finished = subprocess.run(
            [sys.executable, "-X", "faulthandler", "-c", _SCRIPT, str(rounds), mode],
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
        )
        assert finished.returncode == 0, finished.stderr[-2000:]
        assert finished.stdout.strip() == "survived"
