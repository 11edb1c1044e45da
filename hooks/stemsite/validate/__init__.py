"""Validate: JSON Schema per collection, then cross-checks; every problem in one report."""
