"""The reviewer's page and its API, through Starlette's in-process client, and the
`serve` command as a user starts and stops it."""

import contextlib
import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import zipfile

import pytest
from hypothesis import given, settings, strategies as st

pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from rkt_rules.read.limits import Limits, configure, current  # noqa: E402
from rkt_rules.web.app import create_app  # noqa: E402
from rkt_rules.web.uploads import label  # noqa: E402
from tests.conftest import ROOT, seed_counts  # noqa: E402

SEED = ROOT / "plans" / "kpu-kota-pontianak-2023.txt"
HOSTILE = ROOT / "tests" / "plans" / "hostile.toml"
REAL = ROOT / "tests" / "real_documents"


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


def upload(*paths, names=None):
    names = names or [p.name for p in paths]
    return [("files", (name, p.read_bytes(), "application/octet-stream")) for name, p in zip(names, paths)]


def split_seed(tmp_path):
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if i > 20 and "RENCANA KINERJA TAHUNAN" in line) - 1
    (tmp_path / "kpu.txt").write_text("\n".join(lines[:start]) + "\n", encoding="utf-8")
    (tmp_path / "sekretariat.txt").write_text("\n".join(lines[start:]), encoding="utf-8")
    return tmp_path / "kpu.txt", tmp_path / "sekretariat.txt"


# --- the page -------------------------------------------------------------------

def test_the_page_is_indonesian_by_default_and_loads_nothing_from_elsewhere(client):
    page = client.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="id">' in page.text and "Pemeriksa rencana kinerja" in page.text
    assert re.findall(r'(?:src|href)="([^"]+)"', page.text) == ["/static/page.css", "/static/page.js", "/?lang=en"]
    assert "<script>" not in page.text and "style=" not in page.text  # nothing inline: the policy forbids it
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Performance plan checker" in english.text and 'href="/?lang=id"' in english.text


def test_static_assets_are_served_from_the_package(client):
    script = client.get("/static/page.js")
    assert script.status_code == 200 and "XMLHttpRequest" in script.text
    assert client.get("/static/page.css").status_code == 200
    # a path that climbs out of the static folder, encoded so that the client does not fold it away first
    assert client.get("/static/..%2fapp.py").status_code == 404 and client.get("/static/%2e%2e/app.py").status_code == 404


def test_results_show_each_documents_identity_table_and_findings_on_their_rows(client):
    page = client.post("/results", files=upload(SEED), data={"lang": "id"})
    assert page.status_code == 200
    text = page.text
    c = seed_counts()
    assert f'<p class="summary" id="summary" tabindex="-1">{sum(c.values())} temuan ({c["error"]} galat, {c["warning"]} peringatan, {c["info"]} info) dalam 1 berkas</p>' in text
    assert text.count('<article class="document"') == 2
    assert "<dd>SEKRETARIAT KPU KOTA PONTIANAK</dd>" in text and "Sekretaris KPU Kota Pontianak — ANA SUARDIANA" in text
    # the sengketa row: its target and its finding in the same table row
    row = next(r for r in re.findall(r"<tr class=\"row[^\"]*\">.*?</tr>", text, re.S) if "Persentase sengketa hukum yang dimenangkan KPU Kota Pontianak" in r)
    assert "<td>89%</td>" in row and 'data-rule="RKT006"' in row and 'class="row warning"' in row
    # every finding in the list, with its explanation: why and the regulation
    assert text.count('<li class="finding" id="f-') == sum(c.values())
    assert text.count('<details class="explain">') == sum(c.values()) and "PermenPANRB" in text


def test_documents_uploaded_together_are_one_plan_set(client, tmp_path):
    kpu, secretariat = split_seed(tmp_path)
    page = client.post("/results", files=upload(kpu, secretariat), data={"lang": "en"})
    assert page.status_code == 200 and '<html lang="en">' in page.text
    assert 'data-rule="RKT006"' in page.text and "Secretariat target 89%" in page.text


def test_the_overview_names_every_document_its_reading_and_findings_and_the_sets_compared(client):
    """The set at a glance: one row per document linking to its section, its findings counted by severity
    (the counts are those of its section), whether its reading can be taken as read, and the sets the
    check formed with the links that joined their units."""
    plans = sorted(p for p in (ROOT / "plans").iterdir() if p.suffix == ".txt")
    text = client.post("/results", files=upload(*plans), data={"lang": "id"}).text
    overview = re.search(r'<section id="overview".*?</section>', text, re.S).group(0)
    rows = re.findall(r"<tr><td>(\d+)</td><td><a href=\"#document-(\d+)\">([^<]+)</a></td><td>([^<]+)</td><td>([^<]+)</td>"
                      r"<td>([^<]+)</td>\s*<td class=\"(sure|unsure-cell)\">[^<]+</td>\s*"
                      r"<td class=\"count\">(\d+)</td><td class=\"count\">(\d+)</td><td class=\"count\">(\d+)</td></tr>", overview)
    articles = re.findall(r'<article class="document" id="document-(\d+)">(.*?)</article>', text, re.S)
    assert len(rows) == len(articles) == 7  # the seed holds two documents
    for (number, anchor, _, _, unit, _, _, errors, warnings, infos), (article_id, article) in zip(rows, articles):
        assert number == anchor == article_id and f"· {unit}</h2>" in article
        counted = [article.count(f'<li class="finding" data-severity="{severity}"') for severity in ("error", "warning", "info")]
        assert [int(errors), int(warnings), int(infos)] == counted
    assert "<h3>Dibandingkan sebagai set</h3>" in overview
    assert "SEKRETARIAT KPU KOTA PONTIANAK → KPU KOTA PONTIANAK (pihak kedua PK)" in overview
    assert overview.count('<a href="#document-') == 7 + 7  # each document in the table and in its set
    english = client.post("/results", files=upload(SEED), data={"lang": "en"}).text
    assert "Documents at a glance" in english and "Compared as sets" in english  # the seed's two documents are one set


def test_filters_offer_the_severities_rules_and_criteria_found(client):
    text = client.post("/results", files=upload(SEED), data={"lang": "en"}).text
    assert '<option value="RKT006">RKT006 aligned-target-consistent</option>' in text
    assert '<option value="1.b.8">1.b.8</option>' in text and '<option value="warning">warning</option>' in text
    item = re.search(r'<li class="finding" id="f-(\d+)" value="\1" data-severity="warning" data-rule="RKT006" data-lke="([^"]+)"', text)
    assert item and "1.b.8" in item.group(2).split()


def test_a_plan_that_injects_html_is_shown_as_text(client):
    text = client.post("/results", files=upload(HOSTILE)).text
    assert "<script>alert" not in text and "<b>CONTOH</b>" not in text and "<i>miring</i>" not in text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text and "KPU KOTA &lt;b&gt;CONTOH&lt;/b&gt;" in text


# --- the API --------------------------------------------------------------------

def test_api_check_answers_what_check_format_json_prints(client, tmp_path):
    answer = client.post("/api/check", files=upload(SEED))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    (tmp_path / SEED.name).write_bytes(SEED.read_bytes())
    cli = subprocess.run([sys.executable, "-m", "rkt_rules", "check", SEED.name, "--format", "json", "--fail-on", "never"],
                         capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert answer.text == cli.stdout


@pytest.mark.parametrize("name, suffix, starts", [("xlsx", ".xlsx", b"PK"), ("html", ".html", b"<!DOCTYPE html>"),
                                                  ("md", ".md", b"#"), ("json", ".json", b"{"), ("sarif", ".sarif", b"{")])
def test_api_report_answers_each_format_as_a_download(client, name, suffix, starts):
    answer = client.post(f"/api/report?format={name}", files=upload(SEED))
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == f'attachment; filename="kpu-kota-pontianak-2023{suffix}"'
    assert answer.content.startswith(starts)
    if name == "xlsx":
        names = zipfile.ZipFile(io.BytesIO(answer.content)).namelist()
        assert "xl/workbook.xml" in names
    if name == "sarif":
        assert json.loads(answer.content)["version"] == "2.1.0"


def test_an_unknown_report_format_is_a_400_with_one_line(client):
    answer = client.post("/api/report?format=pdf", files=upload(SEED))
    assert answer.status_code == 400
    assert answer.json() == {"error": "Format 'pdf' tidak dikenal (pilih dari: xlsx, html, md, json, sarif)."}


def test_healthz(client):
    answer = client.get("/healthz")
    assert answer.status_code == 200 and answer.text == "ok"


# --- nothing stored, nothing let in -----------------------------------------------

def test_an_uploaded_name_is_only_a_label(client, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    answer = client.post("/api/check", files=upload(SEED, names=["../../etc/x.txt"]))
    assert answer.status_code == 200
    assert {f["location"]["path"] for f in answer.json()["findings"]} == {"x.txt"}
    assert list(tmp_path.iterdir()) == []  # nothing written where the server runs
    assert label("..\\..\\windows\\x.toml") == "x.toml" and label("..") == "berkas" and label("a\x00b.txt") == "ab.txt"


def test_two_uploads_of_one_name_keep_apart(client):
    answer = client.post("/api/check", files=upload(SEED, SEED, names=["plan.txt", "plan.txt"]))
    assert {f["location"]["path"] for f in answer.json()["findings"]} == {"plan.txt", "plan (2).txt"}


def test_a_file_that_is_no_plan_is_a_422_in_the_pages_language_and_the_server_keeps_serving(client):
    answer = client.post("/api/check", files=[("files", ("note.txt", b"just a note", "text/plain"))])
    assert answer.status_code == 422 and answer.json()["error"].startswith("note.txt: tidak ada tabel rencana")
    english = client.post("/api/check?lang=en", files=[("files", ("note.txt", b"just a note", "text/plain"))])
    assert english.status_code == 422 and english.json()["error"].startswith("note.txt: no plan table")
    assert client.get("/healthz").status_code == 200


def test_a_damaged_office_file_is_a_422(client):
    damaged = (REAL / "jabar-dinkes-pk-2017.docx").read_bytes()[:3000]
    answer = client.post("/api/check?lang=en", files=[("files", ("pk.docx", damaged, "application/octet-stream"))])
    assert answer.status_code == 422 and answer.json()["error"].startswith("pk.docx: ")


def test_a_request_without_files_is_a_400(client):
    answer = client.post("/api/check?lang=en", data={"lang": "en"})
    assert answer.status_code == 400 and answer.json() == {"error": "No file was uploaded: choose at least one document."}


def test_the_results_page_names_the_files_it_could_not_read_beside_the_rest(client):
    page = client.post("/results", files=[*upload(SEED), ("files", ("note.txt", b"just a note", "text/plain"))], data={"lang": "en"})
    assert page.status_code == 200 and "Files that could not be checked" in page.text and "note.txt: no plan table" in page.text
    assert f"{sum(seed_counts().values())} findings" in page.text


@pytest.fixture
def small_limit():
    before = current()
    configure(Limits(max_bytes=4000))
    yield
    configure(before)


def test_an_upload_over_the_limit_is_refused_before_it_is_read_whole(small_limit):
    client = TestClient(create_app())
    too_big = client.post("/api/check?lang=en", files=[("files", ("big.txt", b"x" * 5000, "text/plain"))])
    assert too_big.status_code == 413 and too_big.json() == {"error": "The upload 'big.txt' is larger than the limit of 4000 bytes (--max-bytes)."}
    declared = client.post("/api/check?lang=en", content=b"--x--", headers={"content-type": "multipart/form-data; boundary=x",
                                                                            "content-length": str(4000 * 4 + 64 * 1024 + 1)})
    assert declared.status_code == 413 and "16000 bytes" in declared.json()["error"]


def test_with_a_token_every_request_must_show_it():
    client = TestClient(create_app(token="s3cret"))
    assert client.get("/healthz").status_code == 401
    assert client.get("/healthz?lang=en").json() == {"error": "The access token is missing or wrong."}
    assert client.get("/healthz", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/healthz", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    first = client.get("/?token=s3cret&lang=en", follow_redirects=False)  # the link serve prints
    assert first.status_code == 303 and "HttpOnly" in first.headers["set-cookie"]
    assert first.headers["location"] == "/?lang=en"  # the token leaves the address bar: the cookie carries it
    page = client.get(first.headers["location"])
    assert page.status_code == 200 and '<html lang="en">' in page.text
    assert client.post("/api/check", files=upload(SEED)).status_code == 200  # the page's own requests: by the cookie
    assert TestClient(create_app(token="s3cret")).post("/api/check", files=upload(SEED)).status_code == 401
    browser = TestClient(create_app(token="s3cret")).get("/", headers={"accept": "text/html,application/xhtml+xml"})
    assert browser.status_code == 401 and browser.headers["content-type"].startswith("text/html")  # a page, not raw JSON
    assert "Halaman ini meminta token server" in browser.text and "?token=" in browser.text


def test_a_page_on_loopback_answers_only_its_own_host_and_takes_forms_only_from_its_own_pages():
    client = TestClient(create_app(hosts=frozenset({"127.0.0.1", "localhost", "::1"})), base_url="http://127.0.0.1:8000")
    assert client.get("/healthz").status_code == 200
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 403  # DNS rebinding
    assert client.post("/api/check", files=upload(SEED), headers={"Origin": "http://127.0.0.1:8000"}).status_code == 200
    assert client.post("/api/check", files=upload(SEED), headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post("/results", files=upload(SEED), headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post("/api/check", files=upload(SEED)).status_code == 200  # no Origin: a script or curl on this machine


# --- the command ------------------------------------------------------------------

def test_serve_on_another_host_needs_a_token():
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "serve", "--host", "0.0.0.0", "--lang", "en"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr == "rkt-rules: error: --host 0.0.0.0 opens the page to the network: give --token so that only those holding it can use it\n"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def served(*argv):
    """`rkt-rules serve` on a free port, answering: (the process, its port, the line it printed)."""
    import time
    import urllib.request

    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "rkt_rules", "serve", "--port", str(port), "--no-config", *argv],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        printed = process.stdout.readline()
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as answer:
                    assert answer.read() == b"ok"
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("the server never answered")
        yield process, port, printed
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=20)


def test_serve_prints_its_url_answers_and_stops_cleanly_on_ctrl_c():
    with served() as (process, port, printed):
        assert printed == f"rkt-rules: melayani di http://127.0.0.1:{port}/ (Ctrl-C untuk berhenti)\n"
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        assert "Traceback" not in process.stderr.read()


def test_findings_of_a_pk_beside_its_rkt_in_one_file_show_under_the_pk(client):
    unit = "DINAS KESEHATAN KABUPATEN CONTOH"
    row = "1\tMeningkatnya derajat kesehatan\tPersentase desa yang mencapai UCI\t{}"
    text = "\n".join([f"RENCANA KINERJA TAHUNAN TAHUN 2024\nUnit Kerja : {unit}\nNo\tSasaran Strategis\tIndikator Kinerja\tTarget", row.format("100%"), "",
                      f"PERJANJIAN KINERJA TAHUN 2024\nUnit Kerja : {unit}\nNo\tSasaran Strategis\tIndikator Kinerja\tTarget", row.format("90%")]) + "\n"
    page = client.post("/results", files=[("files", ("rkt-pk.txt", text.encode(), "text/plain"))], data={"lang": "en"}).text
    rkt_part, pk_part = page.split('<article class="document" id="document-2">')
    assert 'data-rule="RKT030"' not in rkt_part.split('<section id="all-findings">')[0]
    assert 'data-rule="RKT030"' in pk_part.split('<section id="all-findings">')[0]


def test_serve_on_a_port_in_use_is_one_line():
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "rkt_rules", "serve", "--port", str(port), "--lang", "en", "--no-config"],
                                capture_output=True, text=True, cwd=ROOT, timeout=30)
    assert result.returncode == 2
    assert result.stderr == f"rkt-rules: error: cannot listen on 127.0.0.1:{port}: Address already in use; choose another --port\n"


def test_dates_and_ranks_are_shown_as_the_document_writes_them(client):
    """10 Januari 2023 on the Indonesian page, 10 January 2023 on the English one: never 2023-01-10."""
    seed = client.post("/results", files=upload(SEED)).text
    assert "Pontianak, 10 Januari 2023" in seed and "2023-01-10" not in seed
    english = client.post("/results", files=upload(SEED), data={"lang": "en"}).text
    assert "Pontianak, 10 January 2023" in english
    pk = "\n".join(["PERJANJIAN KINERJA TAHUN 2024", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH",
                    "No\tSasaran Strategis\tIndikator Kinerja\tTarget", "1\tMeningkatnya layanan\tPersentase layanan\t90%", "",
                    "Contoh, 2 Januari 2024", "Kepala Dinas Contoh Kabupaten Contoh", "", "NAMA CONTOH", "Pembina Utama Muda",
                    "NIP. 19700101 199503 1 001", ""])
    page = client.post("/results", files=[("files", ("pk.txt", pk.encode(), "text/plain"))]).text
    assert "NAMA CONTOH, Pembina Utama Muda (NIP 19700101 199503 1 001)" in page


def test_units_and_each_years_target_are_shown_as_the_document_has_them(client):
    """A Satuan column beside the targets, and a Renstra's target for every year, not only its first."""
    renstra = "\n".join(["RENCANA STRATEGIS 2021-2024", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH",
                         "No\tSasaran Strategis\tIndikator Kinerja\tSatuan\t2021\t2022\t2023\t2024",
                         "1\tMeningkatnya layanan\tJumlah pengunjung\tOrang\t5022\t5100\t5200\t5300", ""])
    page = client.post("/results", files=[("files", ("renstra.txt", renstra.encode(), "text/plain"))]).text
    table = re.search(r'<table class="plan">.*?</table>', page, re.S).group(0)
    assert "<th>Satuan</th>" in table and "<td>Orang</td>" in table
    assert all(f"{year}: {target}" in table for year, target in ((2021, 5022), (2022, 5100), (2023, 5200), (2024, 5300)))


def test_a_real_pk_shows_its_parties_and_its_program_budget_table(client):
    page = client.post("/results", files=upload(REAL / "boyolali-bpbd-pk-2026.docx"), data={"lang": "en"}).text
    assert "<dd>2026</dd>" in page and "<strong>The first party</strong>: Kepala Pelaksana" in page
    assert "<strong>The second party</strong>: Bupati Boyolali — AGUS IRAWAN" in page
    assert "Boyolali, January 2026" in page  # the day left blank for signing by hand: month and year, as written
    programs = re.search(r'<table class="plan programs">.*?</table>', page, re.S).group(0)
    assert "Rp" in programs and 'class="total"' in programs


def test_a_file_over_the_limit_is_refused_while_it_streams_in(small_limit):
    """Straight through ASGI, as a server hands the body over, chunk by chunk (the test client reads it all first)."""
    chunks = [b'--b\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n\r\n',
              *[b"x" * 1000] * 1000, b"\r\n--b--\r\n"]  # a megabyte in all, against a limit of 4,000 bytes
    status, body, asked = _through_asgi(create_app(), chunks)
    assert status == 413 and b"big.txt" in body
    assert asked < 10  # judged at the limit, not after the whole upload


def _through_asgi(app, chunks, pause_after=None):
    """The app's answer (status, body) to a multipart POST whose body comes in ``chunks``; after
    ``pause_after`` chunks the client stops sending, as a slow or vanished one does."""
    import asyncio

    asked, answer = [], {}

    async def receive():
        asked.append(1)
        if pause_after is not None and len(asked) > pause_after:
            await asyncio.sleep(3600)
        return {"type": "http.request", "body": chunks[len(asked) - 1], "more_body": len(asked) < len(chunks)}

    async def send(message):
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        elif message["type"] == "http.response.body":
            answer["body"] = answer.get("body", b"") + message.get("body", b"")

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/check", "raw_path": b"/api/check", "query_string": b"lang=en", "root_path": "",
             "headers": [(b"content-type", b"multipart/form-data; boundary=b")], "client": ("127.0.0.1", 1), "server": ("127.0.0.1", 80)}
    asyncio.run(app(scope, receive, send))
    return answer["status"], answer["body"], len(asked)


def _part(name: str, size: int) -> list[bytes]:
    return [f'--b\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n\r\n'.encode(), b"x" * size, b"\r\n"]


def test_files_each_under_the_limit_are_refused_together_past_four_times_it(small_limit):
    chunks = [piece for n in range(40) for piece in _part(f"f{n}.txt", 3000)] + [b"--b--\r\n"]  # 120,000 bytes, 3,000 each
    status, body, asked = _through_asgi(create_app(), chunks)
    assert status == 413 and b"uploaded together" in body and b"16000" in body
    assert asked < len(chunks)  # judged as the bytes come, not after


def test_more_files_than_one_upload_may_hold_are_refused_by_their_count():
    chunks = [piece for n in range(60) for piece in _part(f"f{n}.txt", 10)] + [b"--b--\r\n"]
    status, body, _ = _through_asgi(create_app(), chunks)
    assert status == 413 and b"at most 50" in body


def test_a_client_that_stops_in_the_middle_of_its_body_is_answered_408_and_frees_its_slot(monkeypatch):
    from rkt_rules.web import uploads

    monkeypatch.setattr(uploads, "BODY_WAIT", 0.2)
    app = create_app()
    status, body, _ = _through_asgi(app, [*_part("a.txt", 100), b"--b--\r\n"], pause_after=1)
    assert status == 408 and b"paused for more than" in body
    free = 0
    while app.checker.slots.acquire(blocking=False):
        free += 1
    for _ in range(free):
        app.checker.slots.release()
    assert free == 4  # every slot given back


@settings(max_examples=25, deadline=None)
@given(st.floats(0.05, 0.999))
def test_an_upload_cut_anywhere_before_its_closing_boundary_is_refused_never_checked_in_part(client, fraction):
    whole = b''.join([*_part("kpu.txt", 0)[:1], SEED.read_bytes(), b"\r\n--b--\r\n"])
    cut = whole[:max(1, int(len(whole) * fraction))]
    answer = client.post("/api/check?lang=en", content=cut, headers={"content-type": "multipart/form-data; boundary=b"})
    assert (answer.status_code, answer.json()) == (400, {"error": "The upload was cut short before its end; no file was checked. Send the files again."})
    complete = client.post("/api/check?lang=en", content=whole, headers={"content-type": "multipart/form-data; boundary=b"})
    assert complete.status_code == 200


def test_a_partly_refused_set_is_reported_for_the_rest_with_the_refused_counted(client):
    files = upload(SEED) + [("files", ("note.txt", b"just a note", "text/plain"))]
    answer = client.post("/api/check?lang=en", files=files)
    assert answer.status_code == 200 and answer.headers["x-rkt-rules-unreadable"] == "1"
    assert answer.json()["summary"]["unreadable"] == 1 and answer.json()["findings"]
    sarif = client.post("/api/report?format=sarif&lang=en", files=files)
    notes = sarif.json()["runs"][0]["invocations"][0]
    assert sarif.status_code == 200 and notes["executionSuccessful"] is False
    notification = notes["toolExecutionNotifications"][0]
    assert notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "note.txt"
    assert notification["message"]["text"].startswith("no plan table found")


def test_a_malformed_multipart_boundary_is_the_requests_fault_not_a_server_error():
    client = TestClient(create_app())
    boundary = "b" * 300  # python-multipart refuses boundaries over 256 bytes, as RFC 2046 allows 70
    body = f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nx\r\n--{boundary}--\r\n"
    answer = client.post("/api/check?lang=en", content=body.encode(), headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert answer.status_code == 400 and "256" in answer.json()["error"]


def test_when_the_queue_is_full_a_check_is_told_at_once_and_the_server_still_answers():
    app = create_app()
    client = TestClient(app)
    slots = app.checker.slots
    taken = 0
    while slots.acquire(blocking=False):  # every slot held, as by uploads in flight
        taken += 1
    try:
        assert taken >= 1
        for path in ("/api/check?lang=en", "/results?lang=en"):
            busy = client.post(path, files=upload(SEED))
            assert busy.status_code == 503 and busy.headers["retry-after"] == "5"
            assert "queue is full" in busy.text
        assert client.get("/healthz").status_code == 200
    finally:
        for _ in range(taken):
            slots.release()
    assert client.post("/api/check", files=upload(SEED)).status_code == 200  # a slot given back serves again


def _generated_pdf() -> bytes:
    from tests.layouts import Layout, render
    from tests.test_ocr import _spec

    return render(_spec(), Layout(numbered=True, merged_goals=True, side_by_side=True), "pdf")


def test_the_original_page_of_a_pdf_is_drawn_for_the_reviewer(client):
    """POST /api/page?page=N with the file: that page as a PNG; a page the file has not, a file that is no
    PDF and a number that is none are one sentence each in the page's language."""
    pdf = _generated_pdf()
    answer = client.post("/api/page?page=1", files=[("files", ("pk.pdf", pdf, "application/pdf"))])
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/png"
    assert answer.content.startswith(b"\x89PNG\r\n\x1a\n") and answer.headers["cache-control"] == "no-store"
    from PIL import Image

    assert Image.open(io.BytesIO(answer.content)).size[0] == 1100
    beyond = client.post("/api/page?page=9", files=[("files", ("pk.pdf", pdf, "application/pdf"))])
    assert beyond.status_code == 400 and beyond.json()["error"].startswith("Berkas ini tidak memiliki halaman 9")
    text = client.post("/api/page?page=1&lang=en", files=upload(SEED))
    assert text.status_code == 400 and text.json()["error"] == "The original page can only be shown for a PDF file."
    assert client.post("/api/page?page=x", files=upload(SEED)).status_code == 400


def test_rows_read_from_a_pdf_offer_their_original_page(client):
    """Each row of a PDF's table names the page it was read from, for the page's script to show; rows of a
    text plan have no page and offer none."""
    page = client.post("/results", files=[("files", ("pk.pdf", _generated_pdf(), "application/pdf"))], data={"lang": "id"})
    buttons = re.findall(r'<button type="button" class="original" data-upload="(\d+)" data-page="(\d+)" data-file="([^"]+)" hidden>'
                         r'halaman asli (\d+)</button>', page.text)
    assert buttons and all(b[0] == "0" and b[1] == b[3] == "1" and b[2] == "pk.pdf" for b in buttons)
    assert 'class="original"' not in client.post("/results", files=upload(SEED), data={"lang": "id"}).text


def test_serve_without_the_web_packages_says_a_command_that_works_from_a_checkout(monkeypatch, capsys):
    """'pip install rkt-rules[web]' names a package no index holds: the line names what works in a checkout."""
    from rkt_rules.cli import commands, main

    monkeypatch.setattr(commands, "_installed", lambda name: name != "uvicorn")
    assert main(["serve", "--port", "0"]) == 2
    line = capsys.readouterr().err.strip()
    assert "pip install -e '.[web]'" in line and "make serve" in line and "uvicorn" in line and "\n" not in line


def test_an_lkj_shows_the_average_capaian_it_states_beside_its_table(client):
    """The average row is no indicator of the table; the page still shows what the report states."""
    text = ("LAPORAN KINERJA TAHUN 2020\nUnit Kerja : SEKRETARIAT KPU PROVINSI CONTOH\n\n"
            "No\tSasaran Strategis\tIndikator Kinerja\tTarget\tRealisasi\tCapaian\n"
            "1\tMeningkatnya akuntabilitas\tPersentase laporan tepat waktu\t100%\t100%\t100%\n"
            "2\tMeningkatnya layanan\tIndeks kepuasan masyarakat\t85\t68\t80%\n"
            "\tRata-rata capaian kinerja\t\t\t\t98,5%\n")
    page = client.post("/results", files=[("files", ("lkj.txt", text.encode(), "text/plain"))], data={"lang": "id"}).text
    assert "Rata-rata capaian yang dinyatakan laporan: <strong>98,5%</strong>" in page
    assert 'data-rule="RKT057"' in page and page.count('<tr class="row') == 2
