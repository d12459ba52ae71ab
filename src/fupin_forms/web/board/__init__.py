"""The board: every form on file with its stage and issues, and the live summaries."""
