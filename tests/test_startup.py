"""A single check pays only for what it uses: help text loads no model, no
validation library; a check of a text plan loads no office reader, no report
format it does not write, no pint."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, SEED


def _modules_after(argv: list[str]) -> set[str]:
    code = ("import sys\nfrom rkt_rules.cli import main\ntry:\n    main(%r)\nexcept SystemExit:\n    pass\n"
            "print(' '.join(sorted(sys.modules)))" % argv)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    return set(result.stdout.strip().splitlines()[-1].split())


def test_help_loads_neither_the_model_nor_pydantic():
    for argv in (["--help"], ["check", "--help"], ["--version"]):
        loaded = _modules_after(argv)
        assert "rkt_rules.cli" in loaded
        assert not {"pydantic", "rkt_rules.model", "pint", "Sastrawi"} & loaded, argv


def test_checking_a_text_plan_loads_no_office_reader_format_or_pint():
    loaded = _modules_after(["check", SEED, "--fail-on", "never"])
    assert "rkt_rules.rules.engine" in loaded
    unused = {"pint", "pdfplumber", "docx", "openpyxl", "jinja2", "rkt_rules.read.pdf_reader", "rkt_rules.report.formats.html", "rkt_rules.report.formats.sarif"}
    assert not unused & loaded
