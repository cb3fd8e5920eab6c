"""Benchmarks: `python -m bench.run` (or `make bench`); `python -m bench.generate` fills a database."""
