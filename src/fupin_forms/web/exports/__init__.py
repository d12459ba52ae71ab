"""Exports and generation with the same code as the command line."""
