"""Every read in the programmes app beyond a one-liner, one module per area."""
