"""Findings out: report formats, the reviewer's worksheet, plans written back as
TOML or text, and atomic output files."""
