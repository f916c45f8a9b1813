"""Sync with marketing: reps' usage events go to a hub, the signed catalog and aggregates come back."""
