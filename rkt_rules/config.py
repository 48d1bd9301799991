"""Project configuration: ``rkt-rules.toml``, or ``[tool.rkt-rules]`` in ``pyproject.toml``.

Found by walking up from the current directory, as ruff and yamllint do; the
first file found wins. Command-line flags win over it. Paths in it are
relative to the file that names them.
"""

from __future__ import annotations

from .tomlread import TOMLDecodeError, loads as toml_loads
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import UsageError, toml_error, validation_problem


class ProjectConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    rules: list[str] | None = None
    disable: list[str] = Field(default_factory=list)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    fail_on: Literal["error", "warning", "info", "never"] | None = Field(default=None, alias="fail-on")
    lang: Literal["id", "en"] | None = None
    baseline: str | None = None
    suppress: list[dict] = Field(default_factory=list)
    vocabulary: dict[str, dict[str, Any]] = Field(default_factory=dict)  # a project's own terms, added to the built-in lists
    hierarchy: dict[str, str] = Field(default_factory=dict)  # "child unit" = "parent unit", names as written (plan sets)
    source: str | None = Field(default=None, exclude=True)


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "rkt-rules.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and b"[tool.rkt-rules]" in pyproject.read_bytes():
            return pyproject
    return None


def load_config(path: Path | None) -> ProjectConfig:
    if path is None:
        return ProjectConfig.model_construct()  # the defaults, without building a validator for them
    shown = str(path)
    try:
        data = toml_loads(path.read_text(encoding="utf-8"))
    except TOMLDecodeError as error:
        raise toml_error(error, shown, UsageError) from None
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError("config-unreadable", path=shown, reason=str(error)) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("rkt-rules", {})
    try:
        config = ProjectConfig.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        message = validation_problem(first)
        raise UsageError("config-key", path=shown, key=key, reason=message) from None
    from .vocabulary import problems

    for key, why, known in problems(config.vocabulary):
        raise UsageError(why, path=shown, key=key, known=known)
    if config.hierarchy:
        from .sets import declared_cycle

        cycle = declared_cycle(config.hierarchy)
        if cycle:
            raise UsageError("config-hierarchy-cycle", path=shown, cycle=" → ".join(cycle))
    base = path.parent
    resolve = lambda p: p if ("/" not in p and not p.endswith(".toml")) else str((base / p))  # noqa: E731  built-in names stay names
    return config.model_copy(update={
        "source": shown,
        "rules": [resolve(r) for r in config.rules] if config.rules else None,
        "baseline": str(base / config.baseline) if config.baseline else None,
    })


def apply_rule_settings(rules: list, config: ProjectConfig) -> list:
    """Disable and re-grade rules as the project config says; unknown names are errors."""
    from dataclasses import replace

    known = {r.name for r in rules} | {r.code for r in rules}
    for name in [*config.disable, *config.severity]:
        if name not in known:
            raise UsageError("config-no-rule", path=config.source, name=name)
    result = []
    for rule in rules:
        names = {rule.name, rule.code}
        severity = next((config.severity[n] for n in names if n in config.severity), rule.severity)
        result.append(replace(rule, severity=severity, enabled=rule.enabled and not names & set(config.disable)))
    return result
