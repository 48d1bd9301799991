"""Regular expressions from data (rule files, a project's [vocabulary]) compiled on a linear-time engine."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str, ignore_case: bool = True):
    """Compile a rule's or a vocabulary's regular expression on RE2, whose matching time is linear in the
    text whatever the pattern: a pattern from a rule file or a project's [vocabulary] can never hang a run
    (``^(a|a)+$`` on Python's engine takes exponential time). What RE2 cannot run (lookaround, a
    backreference) is refused when the rules load, naming the pattern."""
    import re2

    options = re2.Options()
    options.log_errors = False  # the refusal is our one line, not RE2's log on stderr
    options.case_sensitive = not ignore_case
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        reason = error.args[0].decode("utf-8", "replace") if error.args and isinstance(error.args[0], bytes) else str(error)
        if "perl operator" in reason or "escape sequence" in reason:
            reason += " (lookaround and backreferences cannot run in linear time: rewrite without them)"
        raise ValueError(f"invalid regular expression: {reason}") from None
