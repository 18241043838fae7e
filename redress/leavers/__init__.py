"""Handing on what a leaver holds (see apps.py)."""
