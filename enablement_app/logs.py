"""The one way a program of this project logs to a file: a rotating file in the data's log folder.

The window and the command line both call ``setup_logging`` with their own file (``DataPaths.log_file``),
so support finds every log in one folder, and a rep's disk never fills: each file is cut at
``MAX_BYTES`` and only ``BACKUPS`` older ones are kept.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from pathlib import Path
from types import TracebackType

MAX_BYTES = 2_000_000
BACKUPS = 3
FILE_FORMAT = "%(asctime)s %(process)d %(threadName)s %(levelname)s %(name)s: %(message)s"
CONSOLE_FORMAT = "%(levelname)s %(name)s: %(message)s"

# What the last ``setup_logging`` added to the root logger, so a second call (the CLI invoked twice in
# one test process) replaces it instead of writing every line twice.
_installed: list[logging.Handler] = []


def setup_logging(log_file: Path, *, level: int = logging.INFO, console: bool = False) -> Path | None:
    """Sends every record at ``level`` and above to ``log_file`` (and to stderr with ``console``).

    Returns the file, or None when it cannot be opened: a read-only data folder must not stop a search,
    so the program goes on without a log file rather than failing.
    """
    stop_logging()
    root = logging.getLogger()
    root.setLevel(level)
    opened: Path | None = log_file
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        to_file = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        opened = None
    else:
        to_file.setFormatter(logging.Formatter(FILE_FORMAT))
        _installed.append(to_file)
    if console:
        to_console = logging.StreamHandler(sys.stderr)
        to_console.setFormatter(logging.Formatter(CONSOLE_FORMAT))
        _installed.append(to_console)
    for handler in _installed:
        root.addHandler(handler)
    return opened


def stop_logging() -> None:
    """Removes and closes what ``setup_logging`` added (the log file stays)."""
    root = logging.getLogger()
    for handler in _installed:
        root.removeHandler(handler)
        handler.close()
    _installed.clear()


def log_uncaught_exceptions() -> None:
    """Logs an exception nothing caught, with its traceback, before the usual report.

    A packaged window has no terminal, so without this a crash in a slot or a thread would leave support
    nothing to read.
    """
    log = logging.getLogger("enablement_app.uncaught")
    previous_hook = sys.excepthook
    previous_thread_hook = threading.excepthook

    def in_main_thread(
        kind: type[BaseException], error: BaseException, traceback: TracebackType | None
    ) -> None:
        if not issubclass(kind, KeyboardInterrupt):
            log.critical("uncaught exception", exc_info=(kind, error, traceback))
        previous_hook(kind, error, traceback)

    def in_thread(arguments: threading.ExceptHookArgs) -> None:
        if arguments.exc_value is not None:
            log.critical(
                "uncaught exception in thread %s",
                arguments.thread.name if arguments.thread else "?",
                exc_info=(arguments.exc_type, arguments.exc_value, arguments.exc_traceback),
            )
        previous_thread_hook(arguments)

    sys.excepthook = in_main_thread
    threading.excepthook = in_thread
