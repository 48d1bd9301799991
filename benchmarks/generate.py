"""Seeded synthetic plans shaped like the seed, with injected faults and a manifest.

    python benchmarks/generate.py --n 2000 --out /tmp/rkt-bench/corpus_2000

writes ``txt/`` (the seed's text layout), ``toml/`` (plans as code), ``json/``
(the neutral JSON the peers and the floor read) and ``manifest.json``: per file,
the findings the core checks must report. Plan *i* depends only on (seed, *i*).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

CITIES = ["Pontianak", "Singkawang", "Sambas", "Ketapang", "Sintang", "Bengkayang", "Landak", "Sanggau", "Kapuas Hulu", "Melawi"]
SUBJECTS = ["informasi partai politik", "data pemilih", "logistik Pemilu", "sengketa hukum", "aspirasi masyarakat",
            "layanan kepegawaian", "laporan keuangan", "pengelolaan BMN", "publikasi tahapan", "pendidikan pemilih",
            "produk hukum", "rencana kerja", "sarana dan prasarana", "dokumentasi Pemilu", "partisipasi pemilih",
            "arsip dinamis", "pengadaan barang", "teknologi informasi", "pengawasan internal", "kehumasan"]
QUALIFIERS = ["yang mutakhir", "tepat waktu", "sesuai SOP", "yang akurat", "yang ditindaklanjuti", "yang terdokumentasi",
              "sesuai jadwal", "yang valid", "secara daring", "yang berkualitas"]
GOAL_WORDS = ["Terwujudnya", "Meningkatnya", "Tersedianya", "Terlaksananya"]
# No lower-is-better words (pengaduan, gangguan, revisi…) in SUBJECTS: the peers compare
# every pair the same way round, while rkt-rules inverts those, as DOMAIN.md asks.
GOOD_GRADES, BAD_GRADES = "ABCDE", "FGKZ"
COUNT_TARGETS = ["2 Lap", "1 Dok", "4", "12 Bulan", "6 kec. 29 kel", "3"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]


def _indicator(rng: random.Random, prefix: str, used: set[str]) -> tuple[str, str, dict]:
    """(text, target as written, neutral target) of a fresh indicator."""
    while True:
        kind = rng.choices(["percent", "grade", "count", "score"], [6, 1, 2, 1])[0]
        subject = f"{rng.choice(SUBJECTS)} {rng.choice(QUALIFIERS)} {prefix}{rng.randrange(1000)}"
        text = {"percent": f"Persentase {subject}", "grade": f"Nilai Akuntabilitas {subject}",
                "count": f"Jumlah {subject}", "score": f"Indeks {subject}"}[kind]
        if text.lower() not in used:
            used.add(text.lower())
            break
    if kind == "percent":
        value = rng.randrange(50, 101)
        raw = f"{value}%" if rng.random() < 0.9 else str(value)
        return text, raw, {"raw": raw, "value": value, "unit": "percent", "grade": None}
    if kind == "grade":
        grade = rng.choice(GOOD_GRADES)
        return text, grade, {"raw": grade, "value": None, "unit": "grade", "grade": grade}
    if kind == "score":
        value = round(rng.uniform(1, 5), 1)
        raw = f"{value}".replace(".", ",")
        return text, raw, {"raw": raw, "value": value, "unit": "score", "grade": None}
    raw = rng.choice(COUNT_TARGETS)
    return text, raw, {"raw": raw, "value": None if " kel" in raw else int(raw.split()[0]), "unit": None if " kel" in raw else "count", "grade": None}


def generate(index: int, seed: int, fault_rate: float) -> tuple[str, dict, list]:
    rng = random.Random(seed * 1_000_003 + index)
    city = rng.choice(CITIES)
    year = rng.randrange(2021, 2027)
    used: set[str] = set()
    expected: list = []
    documents = []
    kpu_numeric = []
    for doc_index, secretariat in enumerate((False, True)):
        unit = f"{'SEKRETARIAT ' if secretariat else ''}KPU KOTA {city.upper()}"
        role = f"{'Sekretaris' if secretariat else 'Ketua'} KPU Kota {city}"
        if rng.random() < fault_rate:
            role = f"{'Ketua' if secretariat else 'Sekretaris'} KPU Kota {city}"
            expected.append(["RKT004", doc_index, None, None])
        goals = []
        copies = rng.sample(kpu_numeric, min(len(kpu_numeric), rng.randrange(0, 4))) if secretariat else []
        for number in range(1, rng.randrange(10, 26) + 1 if secretariat else rng.randrange(3, 7) + 1):
            goal = {"no": number, "text": f"{rng.choice(GOAL_WORDS)} {rng.choice(SUBJECTS)} {rng.choice(QUALIFIERS)}", "indicators": []}
            if rng.random() < fault_rate:
                expected.append(["RKT001", doc_index, str(number), None])
                goals.append(goal)
                continue
            for position in range(1, rng.randrange(1, 4) + 1):
                if copies and rng.random() < 0.3:
                    text, value = copies.pop()
                    text = text.lower() if rng.random() < 0.3 else text
                    if rng.random() < fault_rate:
                        value, fault = value - rng.randrange(1, 20), True
                    else:
                        value, fault = min(100, value + rng.randrange(0, 5)), False
                    target = {"raw": f"{value}%", "value": value, "unit": "percent", "grade": None}
                    if fault:
                        expected.append(["RKT006", doc_index, str(number), position])
                else:
                    text, raw, target = _indicator(rng, "s" if secretariat else "k", used)
                    if target["unit"] == "percent" and rng.random() < fault_rate:
                        value = rng.choice([rng.randrange(101, 151), -rng.randrange(1, 21)])
                        target = {"raw": f"{value}%", "value": value, "unit": "percent", "grade": None}
                        expected.append(["RKT002", doc_index, str(number), position])
                    elif target["unit"] == "grade" and rng.random() < fault_rate:
                        grade = rng.choice(BAD_GRADES)
                        target = {"raw": grade, "value": None, "unit": "grade", "grade": grade}
                        expected.append(["RKT003", doc_index, str(number), position])
                    if not secretariat and target["unit"] == "percent" and target["raw"].endswith("%") and 0 <= target["value"] <= 100:
                        kpu_numeric.append((text, target["value"]))
                goal["indicators"].append({"text": text, "target": target})
            goals.append(goal)
        for text, value in copies:  # copies not placed in a goal get one of their own
            number = len(goals) + 1
            goals.append({"no": number, "text": f"Terwujudnya dukungan {number}", "indicators": [{"text": text, "target": {"raw": f"{value}%", "value": value, "unit": "percent", "grade": None}}]})
        date = dt.date(year, 1, rng.randrange(2, 28))
        documents.append({"unit": unit, "year": year, "goals": goals,
                          "signatory": {"role": role, "name": f"NAMA {rng.randrange(10**6)}", "place": city, "date": date.isoformat()}})
    return _text(documents), {"documents": documents}, expected


def _text(documents: list) -> str:
    lines = [f"KOMISI PEMILIHAN UMUM\nKOTA {documents[0]['unit'].split('KOTA ')[-1]}\n"]
    for doc in documents:
        sig = doc["signatory"]
        date = dt.date.fromisoformat(sig["date"])
        lines += [f"**RENCANA KINERJA TAHUNAN (RKT)\nTAHUN {doc['year']}**\n", "Nama/Unit Organisasi\nTahun Anggaran\n",
                  f": {doc['unit']}\n: {doc['year']}\n", "No\tSasaran Strategis\tIndikator Kinerja\tTarget\n(1)\t(2)\t(3)\t(4)"]
        for goal in doc["goals"]:
            if goal["no"] == 12:
                lines.append("\nNo\tSasaran Strategis\tIndikator Kinerja\tTarget")  # header repeated after a page break
            lead = f"{goal['no']}\t{goal['text']}"
            if not goal["indicators"]:
                lines.append(f"{lead}\t\t")
            for indicator in goal["indicators"]:
                lines.append(f"{lead}\t{indicator['text']}\t{indicator['target']['raw']}")
                lead = "\t"
        lines += ["", f"{sig['place']}, {date.day} {MONTHS[date.month - 1]} {date.year}", sig["role"], "", "", "", sig["name"], ""]
    return "\n".join(lines) + "\n"


def generator_fingerprint() -> str:
    """What made a corpus: this file's bytes. A cached corpus from another version
    of the generator holds other plans and another manifest."""
    import hashlib

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def write_corpus(n: int, out: Path, seed: int = 1, fault_rate: float = 0.05) -> dict:
    from rkt_rules.read.text import read_text
    from rkt_rules.report.writers.toml_plan import plan_to_toml

    for folder in ("txt", "toml", "json"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    manifest = {"generator": generator_fingerprint(), "seed": seed, "n": n, "fault_rate": fault_rate, "files": {}}
    for index in range(n):
        text, neutral, expected = generate(index, seed, fault_rate)
        name = f"plan_{index:05d}"
        (out / "txt" / f"{name}.txt").write_text(text, encoding="utf-8")
        (out / "json" / f"{name}.json").write_text(json.dumps(neutral, ensure_ascii=False), encoding="utf-8")
        (out / "toml" / f"{name}.toml").write_text(plan_to_toml(read_text(text, name)), encoding="utf-8")
        manifest["files"][name] = expected
    manifest["total"] = sum(len(v) for v in manifest["files"].values())
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fault-rate", type=float, default=0.05)
    arguments = parser.parse_args()
    result = write_corpus(arguments.n, arguments.out, arguments.seed, arguments.fault_rate)
    print(f"{arguments.n} plans, {result['total']} expected findings -> {arguments.out}")
