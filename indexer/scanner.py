"""Walks a collateral folder and lists the files worth indexing, with a reason for every one it skips.

Only ``stat`` is called here, so a scan of thousands of unchanged files costs milliseconds; reading and
hashing happen later, and only for files whose size or modification time changed.
"""

from __future__ import annotations

import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from indexer.extract import KIND_BY_SUFFIX

log = logging.getLogger(__name__)

DEFAULT_MAX_FILE_BYTES = 200 * 1024 * 1024
IGNORED_PREFIXES = ("~$", ".~lock.", ".#", "._")
IGNORED_SUFFIXES = (".tmp", ".part", ".crdownload", ".download", ".swp", "~")


@dataclass(frozen=True, slots=True)
class FileInfo:
    path: Path  # absolute
    relative: str  # POSIX path relative to the collateral root
    size: int
    mtime_ns: int


@dataclass(slots=True)
class ScanResult:
    files: dict[str, FileInfo] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)  # relative path -> why it was skipped


def is_ignored_name(name: str) -> bool:
    """Temporary, lock and partial-download files that editors and browsers leave beside documents."""
    return (
        name.startswith(".") or name.startswith(IGNORED_PREFIXES) or name.lower().endswith(IGNORED_SUFFIXES)
    )


def is_candidate(name: str) -> bool:
    return not is_ignored_name(name) and Path(name).suffix.lower() in KIND_BY_SUFFIX


def relative_key(root: Path, path: Path) -> str | None:
    """The POSIX relative path used as the file's key, or None when it cannot be stored as text."""
    relative = path.relative_to(root).as_posix()
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return relative


def _describe(root: Path, path: Path) -> str:
    """A printable relative path even for names that are not valid UTF-8."""
    raw = os.fsencode(path.relative_to(root))
    return raw.decode("utf-8", errors="replace")


def inspect_file(root: Path, path: Path, max_bytes: int) -> FileInfo | str:
    """The file's facts, or the reason it cannot be indexed."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return "the file disappeared before it could be read" if not path.is_symlink() else "broken link"
    except OSError as error:
        if error.errno == 40:  # ELOOP
            return "symlink loop: the link points back to itself"
        return f"cannot be read: {error.strerror or error}"
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file"
    if info.st_size == 0:
        return "the file is empty (0 bytes)"
    if info.st_size > max_bytes:
        return (
            f"the file is {info.st_size / 1_048_576:.0f} MB, over the "
            f"{max_bytes / 1_048_576:.0f} MB limit for indexing"
        )
    relative = relative_key(root, path)
    if relative is None:
        return "the file name is not valid UTF-8 text; rename the file to index it"
    return FileInfo(path=path, relative=relative, size=info.st_size, mtime_ns=info.st_mtime_ns)


def scan_library(root: Path, *, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> ScanResult:
    """Every supported file under ``root``; linked folders are followed once, loops are reported."""
    result = ScanResult()
    seen_dirs: set[tuple[int, int]] = set()

    def walk(folder: Path) -> None:
        try:
            info = folder.stat()
        except OSError as error:
            result.problems[_describe(root, folder) or "."] = f"folder cannot be read: {error.strerror}"
            return
        key = (info.st_dev, info.st_ino)
        if key in seen_dirs:
            result.problems[_describe(root, folder)] = (
                "symlink loop: this folder link leads back to a folder already indexed; skipped"
            )
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            result.problems[_describe(root, folder) or "."] = f"folder cannot be read: {error.strerror}"
            return
        for entry in entries:
            path = Path(entry.path)
            name = entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                if not is_ignored_name(name):
                    walk(path)
                continue
            if not is_candidate(name):
                continue
            outcome = inspect_file(root, path, max_bytes)
            if isinstance(outcome, FileInfo):
                result.files[outcome.relative] = outcome
            else:
                result.problems[_describe(root, path)] = outcome

    if not root.is_dir():
        raise FileNotFoundError(root)
    walk(root)
    return result
