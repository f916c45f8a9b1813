"""Renders the app's icon (drawn in code by ``ui.icons``) into the files installers and desktops want.

Run by ``packaging/build`` before PyInstaller: ``enablement-library.png`` (256 px, for the Linux .desktop
entry), ``enablement-library.ico`` (Windows, 16-256 px) and ``enablement-library.icns`` (macOS) in the
folder given, ``build/icons`` by default. Nothing is committed: the drawing in ``ui/icons.py`` is the one
source of the icon.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "enablement-library"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def make_icons(folder: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    from ui.icons import app_icon_image

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / f"{NAME}.png"
    large = folder / f"{NAME}-1024.png"
    if not app_icon_image(256).save(str(png)) or not app_icon_image(1024).save(str(large)):
        raise SystemExit(f"could not write the icon into {folder}")
    with Image.open(large) as image:
        image.save(folder / f"{NAME}.ico", sizes=ICO_SIZES)
        image.save(folder / f"{NAME}.icns")
    large.unlink()
    return [png, folder / f"{NAME}.ico", folder / f"{NAME}.icns"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "build" / "icons")
    for made in make_icons(parser.parse_args().folder):
        print(made)


if __name__ == "__main__":
    main()
