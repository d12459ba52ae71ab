"""Accounts: each user belongs to an office with a level and a region; API tokens."""
