"""What an asset id looks like wherever the catalog names one (its entries, promoted tips, playlist items):
32 lowercase hexadecimal characters, as ``enablement_app.library.asset_ids`` makes them."""

from __future__ import annotations

import re

ASSET_ID = re.compile(r"[0-9a-f]{32}")
