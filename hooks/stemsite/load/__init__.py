"""Load: read data files safely and strictly, keeping the line of every value."""
