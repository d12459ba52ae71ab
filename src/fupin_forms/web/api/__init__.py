"""The JSON API, with token authentication."""
