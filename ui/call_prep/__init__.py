"""Call prep: the assets top reps used in a situation, before a call."""
