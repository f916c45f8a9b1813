"""What PowerPoint and Word files have in common: a zip package that may be damaged or encrypted.

An encrypted .pptx/.docx is not a zip at all but an OLE compound file holding an ``EncryptedPackage``
stream, and so is an old .ppt/.doc renamed to the new suffix; telling the two apart gives the rep a
reason they can act on instead of "damaged".
"""

from __future__ import annotations

import zipfile
import zlib
from typing import TYPE_CHECKING, Protocol

from indexer.extract.document import ExtractionError

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE_STREAM = "EncryptedPackage".encode("utf-16-le")

# What a damaged package makes python-pptx / python-docx raise: a bad zip, a missing part (KeyError),
# broken XML (lxml's XMLSyntaxError is a SyntaxError), or a value the library cannot interpret.
PACKAGE_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    SyntaxError,
)


def reject_unreadable_package(path: Path, *, app: str, old_suffix: str) -> None:
    """Raise an ExtractionError with the reason when ``path`` is an Office file that is not a zip package.

    ``app`` names the program in the message ("PowerPoint"); ``old_suffix`` is its pre-2007 format.
    """
    with path.open("rb") as handle:
        head = handle.read(len(_OLE_SIGNATURE))
        if head == _OLE_SIGNATURE:
            # The stream directory can sit anywhere in the compound file, so look through all of it;
            # this only happens for the rare file that is not a zip.
            if _ENCRYPTED_PACKAGE_STREAM in handle.read():
                raise ExtractionError(f"the {app} file is password-protected: ask marketing for an open copy")
            raise ExtractionError(
                f"this is an old-format {app} file ({old_suffix}) with a new suffix: "
                f"save it again from {app} as {path.suffix.lower()}"
            )
    if not zipfile.is_zipfile(path):
        raise ExtractionError(damaged_message(app))


def damaged_message(app: str) -> str:
    return f"not a valid {app} file (it may be damaged)"


class CoreProperties(Protocol):
    """The part of python-pptx's and python-docx's core properties both extractors read."""

    @property
    def author(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def keywords(self) -> str: ...
    @property
    def created(self) -> datetime | None: ...
    @property
    def modified(self) -> datetime | None: ...


def core_metadata(properties: CoreProperties) -> dict[str, str]:
    """Author, subject, keywords and ISO dates, leaving out what the file does not say."""
    metadata: dict[str, str] = {}
    for key, text in (
        ("author", properties.author),
        ("subject", properties.subject),
        ("keywords", properties.keywords),
    ):
        if text and text.strip():
            metadata[key] = text.strip()
    for key, moment in (("created", properties.created), ("modified", properties.modified)):
        if moment is not None:
            metadata[key] = moment.isoformat()
    return metadata
