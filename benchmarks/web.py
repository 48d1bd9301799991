"""The page's API under load of one: POST /api/check on the seed and on a two-page PDF.

    python benchmarks/web.py [--requests 20]

Starts `rkt-rules serve` on a free port (as a user would), sends each file
``--requests`` times over HTTP, and prints the median answer time beside the
command line's cold check of the same file (median of 5 runs). Every answer must
be 200 with the findings the command line reports for that file.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = [ROOT / "plans" / "kpu-kota-pontianak-2023.txt", ROOT / "tests" / "real_documents" / "jabar-dinkes-iku-2017.pdf"]


def multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{path.name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def large_plan(rows: int) -> Path:
    """A plan of ``rows`` goals with one indicator each, many alike (as a long Renja has): the page and the
    downloads must grow with it linearly (issue 27: 45,000 rows once took minutes)."""
    import random
    import tempfile

    pick = random.Random(rows)
    words = "layanan perizinan kesehatan pendidikan jalan jembatan irigasi air bersih sanitasi pasar usaha".split()
    lines = ["RENCANA KINERJA TAHUNAN (RKT) TAHUN 2024", "Unit Kerja : DINAS CONTOH KABUPATEN CONTOH", "",
             "No\tSasaran Strategis\tIndikator Kinerja\tTarget"]
    lines += [f"{n}\tMeningkatnya {' '.join(pick.sample(words, 3))}\tPersentase {' '.join(pick.sample(words, 3))}\t{pick.randint(50, 100)}%"
              for n in range(1, rows + 1)]
    path = Path(tempfile.mkdtemp()) / f"plan-{rows}.txt"
    path.write_text("\n".join(lines + ["", "Contoh, 2 Januari 2024", "Kepala Dinas Contoh", "", "", "NAMA CONTOH", ""]), encoding="utf-8")
    return path


def timed_post(url: str, body: bytes, content_type: str) -> float:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type}, method="POST")
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as answer:
        answer.read()
        if answer.status != 200:
            raise SystemExit(f"{url}: {answer.status}")
    return time.perf_counter() - started


def post(url: str, body: bytes, content_type: str) -> tuple[float, dict]:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": content_type}, method="POST")
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as answer:
        data = answer.read()
        status = answer.status
    elapsed = time.perf_counter() - started
    if status != 200:
        raise SystemExit(f"{url}: {status}")
    return elapsed, json.loads(data)


def cli_check(path: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "check", str(path), "--format", "json", "--fail-on", "never", "--no-config"],
                            capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"check {path}: exit {result.returncode}: {result.stderr}")
    return elapsed, json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--rows", type=int, default=10_000, help="the large plan's rows (0: none)")
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "rkt_rules", "serve", "--port", str(port), "--no-config"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    try:
        server.stdout.readline()
        for _ in range(200):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).close()
                break
            except OSError:
                time.sleep(0.05)
        rows = ["| file | POST /api/check, median of %d (s) | CLI cold check, median of 5 (s) | ratio |" % args.requests, "|---|---:|---:|---:|"]
        ok = True
        for path in FILES:
            body, content_type = multipart(path)
            post(f"http://127.0.0.1:{port}/api/check", body, content_type)  # the first request imports what a check needs
            times, answers = zip(*(post(f"http://127.0.0.1:{port}/api/check", body, content_type) for _ in range(args.requests)))
            cold, expected = zip(*(cli_check(path) for _ in range(5)))
            same = all([f["code"] for f in a["findings"]] == [f["code"] for f in expected[0]["findings"]] for a in answers)
            ok &= same
            web, cli = statistics.median(times), statistics.median(cold)
            rows.append(f"| {path.name} | {web:.4f} | {cli:.3f} | {web / cli:.2f} |" + ("" if same else " (findings differ!)"))
        if args.rows:
            body, content_type = multipart(large_plan(args.rows))
            rows += ["", f"A plan of {args.rows:,} rows, one request each (s):", "", "| request | wall (s) |", "|---|---:|"]
            for path in ("/results", "/api/check", "/api/report?format=html", "/api/report?format=xlsx"):
                rows.append(f"| POST {path} | {timed_post(f'http://127.0.0.1:{port}{path}', body, content_type):.2f} |")
        print("\n".join(rows))
        return 0 if ok else 1
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
