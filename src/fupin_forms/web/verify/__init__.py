"""Verify and correct: a form's fields, doubtful first, with the crop or cell they came from."""
