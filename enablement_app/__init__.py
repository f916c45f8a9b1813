"""Enablement Library core: the store, the catalog, indexing services and the command line.

Nothing in this package imports Qt, so the CLI, the tests and a future server use it unchanged.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("enablement-library")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
