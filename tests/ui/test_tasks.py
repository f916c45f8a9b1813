"""The TaskRunner outlived by its answers: a runner shut down and dropped while answers it sent are still
queued (a window closed mid-read, a test's teardown) must not crash the process later."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]

# Each round: work runs and answers, the runner is shut down and dropped before the answers are delivered,
# then the event loop runs. Before relays stopped being the runner's children this crashed in round 0.
_SCRIPT = textwrap.dedent(
    """
    import gc
    import os
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication
    from ui.tasks import TaskRunner

    app = QApplication([])
    answers = []
    for _ in range(3):
        tasks = TaskRunner()
        for n in range(8):
            tasks.run(lambda n=n: n, on_success=answers.append)
            tasks.run(lambda: 1 / 0, on_failure=answers.append)
        for pool in tasks._pools.values():
            pool.waitForDone()
        tasks.shutdown()
        del tasks
        gc.collect()
        for _ in range(5):
            QCoreApplication.processEvents()
    print("survived", flush=True)
    os._exit(0)  # skip finalising: only what happened above is under test
    """
)


def test_answers_still_queued_when_the_runner_goes_do_not_crash_later() -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(CHECKOUT)}
    for _ in range(3):  # the crash came every time; three runs make a pass mean something
        finished = subprocess.run(
            [sys.executable, "-X", "faulthandler", "-c", _SCRIPT],
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
        )
        assert finished.returncode == 0, finished.stderr[-2000:]
        assert finished.stdout.strip() == "survived"
