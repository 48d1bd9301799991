"""rkt-rules: compliance checks for Indonesian annual performance plans (RKT).

Data flows one way: source file → reader → Plan → engine (with a ruleset) →
Report → formatter.
"""

__version__ = "0.1.0"
