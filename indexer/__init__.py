"""Turns collateral files into searchable text; headless, so workers, the CLI and tests share it."""
