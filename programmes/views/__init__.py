"""The programmes pages, one module per area."""
