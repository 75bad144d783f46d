"""Speech: everything that makes the guide talk. No Textual here (a test enforces it)."""
