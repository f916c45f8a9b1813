"""Field tips: reps' know-how on assets and pages, which marketing promotes for every rep."""
