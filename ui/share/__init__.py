"""What the desktop does for an asset: open it, show it in its folder, copy it, mail its link."""
