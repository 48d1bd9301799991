import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Fuzzing profiles: "ci" (default) is bounded for every run; "heavy" is for long
# runs by hand: HYPOTHESIS_PROFILE=heavy make test
settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("heavy", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
SEED = "plans/kpu-kota-pontianak-2023.txt"


def seed_findings() -> list[dict]:
    """The seed's findings under the default ruleset, as committed in tests/fixtures/seed_findings.json:
    tests that count them read them here, so the fixture is the one place they are pinned."""
    import json

    return json.loads((ROOT / "tests" / "fixtures" / "seed_findings.json").read_text(encoding="utf-8"))["findings"]


def seed_counts(findings: list[dict] | None = None) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in seed_findings() if findings is None else findings:
        counts[finding["severity"]] += 1
    return counts


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files and fixtures from the current output")


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch):
    """Paths in fixtures are relative to the repository, as a user would type them."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("RKT_RULES_LANG", raising=False)


@pytest.fixture
def golden(request):
    """Compare text with a file under tests/fixtures; --update-golden rewrites it."""

    def check(name: str, actual: str | bytes):
        path = ROOT / "tests" / "fixtures" / name
        mode = "wb" if isinstance(actual, bytes) else "w"
        if request.config.getoption("--update-golden") or os.environ.get("UPDATE_GOLDEN"):
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as handle:
                handle.write(actual)
        expected = path.read_bytes() if isinstance(actual, bytes) else path.read_text(encoding="utf-8")
        assert actual == expected, f"{name} differs from the golden file (run pytest --update-golden and review the diff)"

    return check
