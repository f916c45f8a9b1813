"""The preview pane: an asset's pages rendered off the UI thread, with its actions."""
