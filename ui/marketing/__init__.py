"""Marketing's workspace in the window: shown only to a marketer's profile, beside the reps' search."""
