"""VAS sync: every booking reaches the clinic's schedule in VAS exactly once; VAS changes come back."""
