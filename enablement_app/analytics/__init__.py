"""Marketing's analytics store: every rep's usage events as ingested from the hub, and what is derived."""
