"""What to use, learned from top reps: their picks per stage, the results sort and call prep."""
