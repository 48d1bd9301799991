"""The page in a real browser: Debian's chromium, driven by Playwright (installed by .ci/run where missing)."""

import os
import shutil

import pytest

from tests.conftest import ROOT, seed_counts, english_counts
from tests.test_web import served

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SEED = ROOT / "plans" / "kpu-kota-pontianak-2023.txt"
SHOTS = ROOT / "reports" / "screenshots"  # ignored by git: what the last run saw


@pytest.fixture
def server():
    with served() as (_, port, _printed):
        yield f"http://127.0.0.1:{port}"


@pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="chromium not installed (CI installs it in .ci/run)")
def test_a_reviewer_uploads_the_seed_reads_findings_on_rows_switches_language_and_takes_the_worksheet(server, tmp_path):
    assert CHROMIUM, "CI must install chromium (.ci/run)"
    playwright = pytest.importorskip("playwright.sync_api")
    from openpyxl import load_workbook

    c = seed_counts()

    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
            errors: list[str] = []
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.goto(server + "/")
            assert page.get_attribute("html", "lang") == "id"
            page.set_input_files("#files", str(SEED))
            assert page.inner_text("#chosen") == "1 berkas dipilih"
            page.click("#submit")
            page.wait_for_selector("#results")
            assert page.inner_text("#summary") == f"{sum(c.values())} temuan ({c['error']} galat, {c['warning']} peringatan, {c['info']} info) dalam 1 berkas"
            row = page.locator("tr.row", has_text="Terlaksananya penyelesaian sengketa")  # the Secretariat's goal 18
            assert row.locator(".finding[data-rule=RKT006]").count() == 1 and "89%" in row.inner_text()

            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "page.png"), full_page=False)
            assert (SHOTS / "page.png").stat().st_size > 20_000

            page.select_option("#filter-severity", "warning")
            assert page.locator(".finding[data-severity=info]:visible").count() == 0
            assert page.locator(".finding[data-severity=warning]:visible").count() == 2 * c["warning"]  # each warning on its row and in the list
            page.select_option("#filter-severity", "")

            page.click("#all-findings li.finding[data-rule=RKT006] summary")
            assert "Dasar: LKE 1.b.8, 1.b.9" in page.inner_text("#all-findings li.finding[data-rule=RKT006] details")

            page.click("#lang-switch")
            page.wait_for_selector("html[lang=en] #results")
            assert page.inner_text("#summary") == f"{sum(c.values())} findings ({english_counts(c)}) in 1 file"
            assert page.url.endswith("/?lang=en")  # a reload keeps English
            assert page.locator("tr.row .finding[data-rule=RKT006]").inner_text().count("Secretariat target 89%") == 1

            with page.expect_download() as downloaded:
                page.click("#downloads button[data-format=xlsx]")
            assert downloaded.value.suggested_filename == "kpu-kota-pontianak-2023.xlsx"
            saved = tmp_path / "worksheet.xlsx"
            downloaded.value.save_as(saved)
            workbook = load_workbook(saved)
            assert workbook.sheetnames[:2] == ["Findings", "Summary"]
            findings = workbook["Findings"]
            assert sum(1 for row in findings.iter_rows(values_only=True) if row and row[1] == "RKT006") == 1
            assert errors == []  # nothing the policy refused, no script error
        finally:
            browser.close()


@pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="chromium not installed (CI installs it in .ci/run)")
def test_a_download_is_the_results_on_screen_even_when_a_file_was_refused_or_another_chosen(server, tmp_path):
    """Issue 27.1: a partly refused set still downloads its report (the refused file counted in it); a download
    after choosing new files without checking them describes the results shown; a failed download says why."""
    assert CHROMIUM, "CI must install chromium (.ci/run)"
    playwright = pytest.importorskip("playwright.sync_api")
    import json

    note = tmp_path / "catatan.txt"
    note.write_text("hanya catatan, bukan rencana\n", encoding="utf-8")
    other = tmp_path / "lain.txt"
    other.write_text(SEED.read_text(encoding="utf-8").replace("KPU KOTA PONTIANAK", "KPU KOTA SINGKAWANG"), encoding="utf-8")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page(accept_downloads=True)
            page.goto(server + "/")
            page.set_input_files("#files", [str(SEED), str(note)])
            page.click("#submit")
            page.wait_for_selector("#results")
            page.set_input_files("#files", str(other))  # chosen, not checked: the screen still shows the seed
            with page.expect_download() as downloaded:
                page.click("#downloads button[data-format=json]")
            saved = tmp_path / "report.json"
            downloaded.value.save_as(saved)
            report = json.loads(saved.read_text(encoding="utf-8"))
            assert {f["location"]["path"] for f in report["findings"]} == {"kpu-kota-pontianak-2023.txt"}
            assert report["summary"]["unreadable"] == 1  # the refused note, named as the page names it

            page.route("**/api/report*", lambda route: route.fulfill(status=503, content_type="application/json", body='{"error": "server sibuk"}'))
            page.click("#downloads button[data-format=xlsx]")
            page.locator("#status", has_text="server sibuk").wait_for()  # no wait_for_function: the page's CSP forbids eval
            assert page.inner_text("#status") == "Unduhan gagal: server sibuk"
        finally:
            browser.close()


@pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="chromium not installed (CI installs it in .ci/run)")
def test_a_reviewer_sees_the_set_at_a_glance_and_follows_a_document_from_the_overview(server):
    """Seven documents from six files: the overview comes first (the page is thousands of pixels long), each
    row's link takes the reviewer to that document's section, and the set's linked units are named."""
    assert CHROMIUM, "CI must install chromium (.ci/run)"
    playwright = pytest.importorskip("playwright.sync_api")
    plans = sorted(str(p) for p in (ROOT / "plans").iterdir() if p.suffix == ".txt")

    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(server + "/")
            page.set_input_files("#files", plans)
            page.click("#submit")
            page.wait_for_selector("#overview")
            rows = page.locator("table.overview tbody tr")
            assert rows.count() == 7
            assert page.locator("#overview").is_visible() and page.locator("#overview").bounding_box()["y"] < 1000  # on the first screen
            assert "pihak kedua PK" in page.inner_text("ul.sets")
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "overview.png"), full_page=False)
            last = rows.nth(6)
            unit = last.locator("td").nth(3).inner_text()
            last.locator("a").click()
            page.wait_for_function("location.hash === '#document-7'")
            heading = page.locator("#document-7 h2")
            assert unit in heading.inner_text()
            box = heading.bounding_box()
            assert box is not None and 0 <= box["y"] < 1000  # scrolled to it
        finally:
            browser.close()


def _luminance(rgb: str) -> float:
    values = [int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="chromium not installed (CI installs it in .ci/run)")
def test_keyboard_and_screen_reader_users_can_check_and_hear_the_outcome(server):
    """Focus is visible on the hidden file input's zone; Periksa is disabled while a check runs; the outcome
    is announced from a live region that the swap of the results does not replace, and focus moves to it;
    a failed upload says why in a sentence; the list keeps its numbers when filtered; control borders ≥ 3:1."""
    assert CHROMIUM, "CI must install chromium (.ci/run)"
    playwright = pytest.importorskip("playwright.sync_api")

    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(server + "/")
            page.focus("#files")
            assert page.evaluate("getComputedStyle(document.getElementById('drop')).outlineStyle") != "none"
            border, fill = page.evaluate("[getComputedStyle(document.querySelector('#drop .button')).borderTopColor, "
                                         "getComputedStyle(document.querySelector('#drop .button')).backgroundColor]")
            assert _contrast(border, "rgb(255, 255, 255)") >= 3.0 and _contrast(border, fill) >= 3.0  # the control's edge against the page and itself

            page.set_input_files("#files", str(SEED))
            disabled = page.evaluate("(() => { document.getElementById('submit').click(); return document.getElementById('submit').disabled; })()")
            assert disabled is True
            page.wait_for_selector("#results")
            summary = page.inner_text("#summary")
            assert page.evaluate("document.activeElement.id") == "summary"
            assert page.inner_text("#announce") == summary and page.get_attribute("#announce", "aria-live") == "polite"
            assert page.is_enabled("#submit")

            first = page.get_attribute("#all-findings li.finding >> nth=0", "data-severity")
            page.select_option("#filter-severity", "warning" if first != "warning" else "info")  # the first finding hidden
            visible = page.locator("#all-findings li.finding:visible")
            assert visible.count() >= 1
            for index in range(visible.count()):
                item = visible.nth(index)
                assert item.get_attribute("id") == f"f-{item.get_attribute('value')}"  # numbers match the worksheet's No
            assert visible.first.get_attribute("value") != "1"  # numbering kept, not restarted at the first one shown

            page.route("**/results*", lambda route: route.abort())
            page.set_input_files("#files", str(SEED))
            page.click("#submit")
            page.wait_for_function("document.getElementById('status').textContent.length > 3")
            assert page.inner_text("#status").startswith("Berkas tidak terkirim ke pemeriksa:")
            assert page.is_enabled("#submit")
        finally:
            browser.close()


@pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="chromium not installed (CI installs it in .ci/run)")
def test_a_reviewer_opens_the_original_page_beside_a_row_and_returns_to_it(server, tmp_path):
    assert CHROMIUM, "CI must install chromium (.ci/run)"
    playwright = pytest.importorskip("playwright.sync_api")
    from tests.test_web import _generated_pdf

    pdf = tmp_path / "pk.pdf"
    pdf.write_bytes(_generated_pdf())
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            errors: list[str] = []
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            page.goto(server + "/")
            page.set_input_files("#files", str(pdf))
            page.click("#submit")
            page.wait_for_selector("#results")
            button = page.locator("tr.row button.original").first
            assert button.is_visible() and button.inner_text() == "halaman asli 1"
            button.click()
            page.wait_for_selector("dialog#original[open]")
            page.wait_for_function("document.querySelector('dialog#original img').naturalWidth > 0")
            assert page.inner_text("#original-title") == "Halaman 1 dari pk.pdf, seperti diterbitkan"
            assert page.evaluate("document.querySelector('dialog#original img').naturalWidth") == 1100
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SHOTS / "original.png"), full_page=False)
            page.keyboard.press("Escape")
            page.wait_for_selector("dialog#original:not([open])", state="attached")
            assert page.evaluate("document.activeElement.classList.contains('original')")  # back where the reviewer was
            assert errors == []  # the blob: image is allowed by the policy, nothing else refused
        finally:
            browser.close()
