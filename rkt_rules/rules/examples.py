"""Rule examples as plans: a row snippet is wrapped into a minimal, valid KPU
document; an example with its own table header is a whole plan already."""

from __future__ import annotations

from ..model import Plan
from ..read.text import read_text

WRAPPER = (
    "**RENCANA KINERJA TAHUNAN (RKT)\nTAHUN 2024**\n\nNama/Unit Organisasi\nTahun Anggaran\n\n: KPU KOTA CONTOH\n: 2024\n\n"
    "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n{rows}\n\nContoh, 2 Januari 2024\nKetua KPU Kota Contoh\n\n\n\nNAMA CONTOH\n"
)


def example_plan(snippet: str, path: str = "example.txt") -> Plan:
    text = snippet if "Sasaran" in snippet else WRAPPER.format(rows=snippet.strip("\n"))
    return read_text(text, path)
