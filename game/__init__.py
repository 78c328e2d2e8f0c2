"""Turkestan Crossroads, 1918-1931: a turn-based history game."""

__version__ = "0.1.0"
