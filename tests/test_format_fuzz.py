"""Mutation fuzzing of every source format: a damaged DOCX, XLSX, PDF, HTML, JSON, TOML or text
plan gives a plan or the project's own one-line error (RktError), never another exception.

The files are made here from the seed (office_builders, the plan writers), then damaged the ways
files are: bytes flipped, cut short, a slice dropped or doubled, and inside the zip formats the XML
parts themselves damaged and zipped again (so the damage reaches the reader, not only the zip check).
Bounded in `make test` by the "ci" profile; `make fuzz` runs the same at length."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from hypothesis import HealthCheck, given, settings, strategies as st

from rkt_rules.errors import RktError
from rkt_rules.model import Plan
from rkt_rules.read import read_data
from tests.conftest import SEED


@lru_cache(maxsize=1)
def originals() -> dict[str, bytes]:
    from rkt_rules.read import read_plan
    from rkt_rules.report.serialize import plan_to_json
    from rkt_rules.report.writers.toml_plan import plan_to_toml
    from tests.office_builders import build_docx, build_pdf, build_xlsx

    plan = read_plan(SEED)
    rows = "".join(f"<tr><td>{g.number}</td><td>{g.text}</td><td>{i.text}</td><td>{i.target.raw}</td></tr>"
                   for g in plan.documents[0].goals for i in g.indicators)
    html = (f"<html><body><h3>{plan.documents[0].title}</h3><table><tr><th>No</th><th>Sasaran</th><th>Indikator Kinerja</th>"
            f"<th>Target</th></tr>{rows}</table></body></html>")
    return {"plan.docx": build_docx(plan), "plan.xlsx": build_xlsx(plan), "plan.pdf": build_pdf(plan), "plan.html": html.encode(),
            "plan.json": plan_to_json(plan).encode(), "plan.toml": plan_to_toml(plan).encode(), "plan.txt": open(SEED, "rb").read()}


def damaged(data: bytes, draw) -> bytes:
    how = draw(st.sampled_from(["flip", "cut", "drop", "double", "insert"]))
    at = draw(st.integers(0, max(0, len(data) - 1)))
    span = draw(st.integers(1, 64))
    if how == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    if how == "cut":
        return data[:at]
    if how == "drop":
        return data[:at] + data[at + span:]
    if how == "double":
        return data[:at + span] + data[at:]
    return data[:at] + draw(st.binary(min_size=1, max_size=span)) + data[at:]


def assert_plan_or_our_error(data: bytes, name: str) -> None:
    try:
        plan = read_data(data, name)
    except RktError as error:
        assert error.path == name and "\n" not in error.one_line()
    else:
        assert isinstance(plan, Plan)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(["plan.docx", "plan.xlsx", "plan.html", "plan.json", "plan.toml", "plan.txt"]), st.data())
def test_a_damaged_file_gives_a_plan_or_our_one_line_error(name, data):
    assert_plan_or_our_error(damaged(originals()[name], data.draw), name)


@settings(max_examples=max(15, settings.default.max_examples // 5), suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_a_damaged_pdf_gives_a_plan_or_our_one_line_error(data):
    assert_plan_or_our_error(damaged(originals()["plan.pdf"], data.draw), "plan.pdf")


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.sampled_from(["plan.docx", "plan.xlsx"]), st.data())
def test_damage_inside_an_office_files_xml_gives_a_plan_or_our_error(name, data):
    source = zipfile.ZipFile(io.BytesIO(originals()[name]))
    members = source.namelist()
    target = data.draw(st.sampled_from([m for m in members if m.endswith(".xml")]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        for member in members:
            content = source.read(member)
            zipped.writestr(member, damaged(content, data.draw) if member == target else content)
    assert_plan_or_our_error(out.getvalue(), name)


WARNS = """
import sys, warnings
from rkt_rules import batch
from rkt_rules.cli import main

real = batch._check_one


def warns(path):
    warnings.warn("File contains an invalid specification for 0. This will be removed", UserWarning)
    return real(path)


batch._check_one = warns
sys.exit(main(sys.argv[1:]))
"""


def test_a_librarys_warning_about_a_damaged_file_never_reaches_the_terminal():
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run([sys.executable, "-W", "default", "-c", WARNS, "check", str(SEED), "--jobs", "1", "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode in (0, 1) and result.stderr == ""
