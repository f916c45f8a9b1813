"""Onboarding: new hires work through marketing's playlists; marketing and managers follow their progress."""
