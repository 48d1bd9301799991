"""Rules: rulesets loaded from TOML, the engine that runs them over a plan, the
closed registry of check kinds, and what explains, tests and documents rules."""
