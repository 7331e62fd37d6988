"""Benchmarks for jigsaw-tui: run them all with `python bench/run.py` (see bench/README.md)."""
