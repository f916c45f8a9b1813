"""What the packaged app runs first: the same ``ui.app.main`` as the ``enablement-app`` command.

``freeze_support`` must come before anything else: the indexer starts its extraction workers with
"spawn", which in a frozen app re-runs this executable, and those runs must become workers, not windows.
"""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from ui.app import main

    sys.exit(main())
