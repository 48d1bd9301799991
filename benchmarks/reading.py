"""How fast PDFs are read: pages per second for each shared PDF, and a scanned page's cost apart.

    python benchmarks/reading.py              # ../shared/real-documents (tests/real_documents without it)
    python benchmarks/reading.py FOLDER

Each PDF is read in a fresh process (`rkt-rules parse`, as a user runs it) three times for a PDF with a
text layer and once for a scan (OCR costs seconds a page); the median wall time is divided by the page
count. Scans are reported on their own line: their cost is Tesseract's and the page image's, not the
table reader's. The rows read are printed beside, so a faster reading that loses rows shows.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "real-documents"
BUNDLED = ROOT / "tests" / "real_documents"


def pages_and_scan(path: Path) -> tuple[int, bool]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages), not any(page.chars for page in pdf.pages)


def timed_parse(path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "rkt_rules", "parse", str(path), "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        return elapsed, -1  # refused (a report): its time is still the reading's
    plan = json.loads(result.stdout)
    return elapsed, sum(len(goal["indicators"]) for document in plan["documents"] for goal in document["goals"])


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else (SHARED if SHARED.is_dir() else BUNDLED)
    rows = []
    for path in sorted(folder.glob("*.pdf")):
        pages, scan = pages_and_scan(path)
        runs = [timed_parse(path) for _ in range(1 if scan else 3)]
        median = statistics.median(seconds for seconds, _ in runs)
        rows.append((path.name, pages, scan, median, runs[0][1]))
    width = max((len(name) for name, *_ in rows), default=10)
    print(f"{'file':<{width}}  pages  seconds  pages/s  rows")
    for name, pages, scan, seconds, read in rows:
        kind = " (scan, OCR)" if scan else ""
        print(f"{name:<{width}}  {pages:5d}  {seconds:7.2f}  {pages / seconds:7.2f}  {read if read >= 0 else 'refused'}{kind}")
    text = [(pages, seconds) for _, pages, scan, seconds, _ in rows if not scan]
    scans = [(pages, seconds) for _, pages, scan, seconds, _ in rows if scan]
    if text:
        print(f"PDFs with a text layer: {sum(p for p, _ in text)} pages in {sum(s for _, s in text):.1f} s, "
              f"{sum(p for p, _ in text) / sum(s for _, s in text):.2f} pages/s (each file in a fresh process)")
    if scans:
        print(f"scanned PDFs (OCR): {sum(p for p, _ in scans)} pages in {sum(s for _, s in scans):.1f} s, "
              f"{sum(s for _, s in scans) / sum(p for p, _ in scans):.2f} s a page")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
