"""Intake and the forms on file: stored files, parsed forms, and the events on top of them."""
