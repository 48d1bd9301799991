"""Plan → source text: the canonical TOML form and the text layout."""
