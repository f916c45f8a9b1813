"""Library services: indexing a collateral folder, applying the catalog, and searching what reps may see."""
