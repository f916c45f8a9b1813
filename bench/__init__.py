"""Benchmarks: scripts that generate their corpus and print figures."""
