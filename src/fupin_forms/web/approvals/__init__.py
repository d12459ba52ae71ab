"""Along the stamping chain: an office's opinion, decision and date, or its stamped scan."""
