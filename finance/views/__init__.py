"""Finance pages, a module per area; urls.py routes to them."""
