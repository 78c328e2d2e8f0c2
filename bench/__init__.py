"""Benchmarks for the whole project: `python -m bench` prints medians beside their targets."""
