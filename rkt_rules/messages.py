"""Error messages in Indonesian: the user-facing templates, translated at the CLI.

Exceptions carry English text (callers of the library match on it); the CLI
prints the Indonesian version when the language is ``id``. A message with no
template here is printed as it is.
"""

from __future__ import annotations

import re

_TEMPLATES = [
    (r"no such file or directory", "berkas atau folder tidak ada"),
    (r"no such file", "berkas tidak ada"),
    (r"empty file", "berkas kosong"),
    (r"is a directory, not a plan file", "ini folder, bukan berkas rencana"),
    (r"binary file \(NUL bytes\), not a text plan", "berkas biner (ada byte NUL), bukan rencana berbentuk teks"),
    (r"no plan table found \(expected a header row with an Indikator column and a Sasaran, Tujuan, No or Target column\)",
     "tidak ada tabel rencana (diharapkan baris judul dengan kolom Indikator dan kolom Sasaran, Tujuan, No, atau Target)"),
    (r"this is a performance report, not a plan: its title is (.*)", r"ini laporan kinerja, bukan rencana: judulnya \1"),
    (r"directory holds no plan files \((.*)\)", r"folder tidak memuat berkas rencana (\1)"),
    (r"not valid (\S+) text \(byte (\d+)\)", r"bukan teks \1 yang sah (byte \2)"),
    (r"file is larger than the limit of (\d+) bytes \(--max-bytes\)", r"berkas lebih besar daripada batas \1 byte (--max-bytes)"),
    (r"more than (\d+) table rows \(--max-rows\)", r"lebih dari \1 baris tabel (--max-rows)"),
    (r"a cell is longer than the limit of (\d+) characters \(--max-cell\)", r"ada sel yang lebih panjang daripada batas \1 karakter (--max-cell)"),
    (r"--output (.*) would overwrite an input; choose another path", r"--output \1 akan menimpa berkas masukan; pilih path lain"),
    (r"unknown format '(.*)' \(choose from: (.*)\)", r"format '\1' tidak dikenal (pilih dari: \2)"),
    (r"unknown ruleset '(.*)'; built-in rulesets: (.*)", r"ruleset '\1' tidak dikenal; ruleset bawaan: \2"),
    (r"no such ruleset file", "berkas ruleset tidak ada"),
    (r"no rule named '(.*)'; see 'rkt-rules rules'", r"tidak ada aturan bernama '\1'; lihat 'rkt-rules rules'"),
    (r"the PDF has no text layer \(a scan\?\); run OCR on it first", "PDF tidak memiliki lapisan teks (hasil pindai?); jalankan OCR terlebih dahulu"),
    (r"the PDF is encrypted; save an unprotected copy first", "PDF terenkripsi; simpan salinan tanpa proteksi terlebih dahulu"),
    (r"this is a performance report \(LKj\), not a plan: the table has (.*) columns", r"ini laporan kinerja (LKj), bukan rencana: tabelnya memiliki kolom \1"),
    (r"several formats need --output \(each format is written beside it with its own suffix\)", "beberapa format memerlukan --output (tiap format ditulis di sebelahnya dengan akhiran sendiri)"),
    (r"a helper process checking files stopped \(killed by signal (\d+)\)", r"proses pembantu pemeriksaan berkas berhenti (dihentikan oleh sinyal \1)"),
    (r"a helper process checking files stopped \(interrupted\)", "proses pembantu pemeriksaan berkas berhenti (diinterupsi)"),
    (r"a helper process checking files stopped \(exit status (\d+)\)", r"proses pembantu pemeriksaan berkas berhenti (status keluar \1)"),
    (r"the following arguments are required: (.*)", r"argumen berikut wajib diisi: \1"),
    (r"argument (\S+): invalid choice: (.*)", r"argumen \1: pilihan tidak sah: \2"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
]
_COMPILED = [(re.compile(rf"^{pattern}$"), replacement) for pattern, replacement in _TEMPLATES]


def translate(message: str, lang: str) -> str:
    if lang != "id":
        return message
    for pattern, replacement in _COMPILED:
        if pattern.match(message):
            return pattern.sub(replacement, message)
    return message
