"""Hostile files of every format, built in memory: the cases of issue 28 and their neighbours, shared by the
command-line tests (tests/test_hostile_input.py) and the page's load test (tests/test_web_load.py)."""

import io
import zipfile
import zlib


def office_patched(data: bytes, member: str, change) -> bytes:
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info, change(body) if info.filename == member else body)
    return out.getvalue()


def small_workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["RENCANA KINERJA TAHUNAN TAHUN 2024"])
    sheet.append([])
    sheet.append(["No", "Sasaran", "Indikator Kinerja", "Target"])
    sheet.append(["1", "Meningkatnya layanan", "Persentase layanan", "90%"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def small_docx(rows: int = 1) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("RENCANA KINERJA TAHUNAN TAHUN 2024")
    table = document.add_table(rows=rows + 1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["No", "Sasaran", "Indikator Kinerja", "Target"]):
        cell.text = text
    for n in range(1, rows + 1):
        for cell, text in zip(table.rows[n].cells, ["1" if n == 1 else "", "Meningkatnya layanan" if n == 1 else "", f"Persentase {n}", "90%"]):
            cell.text = text
    if rows > 1:  # one goal merged down every row, as Word writes it (vMerge restart, then continue)
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        for n in range(1, rows + 1):
            mark = OxmlElement("w:vMerge")
            if n == 1:
                mark.set(qn("w:val"), "restart")
            table.rows[n].cells[1]._tc.get_or_add_tcPr().append(mark)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_of(*streams: tuple[bytes, bytes]) -> bytes:
    """A PDF-shaped file holding the given (dictionary entries, raw stream bytes); the bound reads only these."""
    out = bytearray(b"%PDF-1.4\n")
    for number, (entries, raw) in enumerate(streams, start=1):
        out += b"%d 0 obj\n<< %s /Length %d >>\nstream\n" % (number, entries, len(raw)) + raw + b"\nendstream\nendobj\n"
    return bytes(out + b"%%EOF\n")


def one_page_pdf(content: bytes) -> bytes:
    """A whole PDF (catalog, page, font, cross-references) whose one page draws the deflated ``content``."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % at for at in offsets)
    return bytes(out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table))


def deflated(size: int, fill: bytes = b"0 0 m 1 1 l S\n", level: int = 9) -> bytes:
    packer = zlib.compressobj(level)
    whole, tail = divmod(size, len(fill))
    block = fill * 4096
    parts = [packer.compress(block) for _ in range(whole // 4096)]
    parts.append(packer.compress(fill * (whole % 4096) + fill[:tail]))
    return b"".join(parts) + packer.flush()


def hostile_files() -> dict[str, bytes]:
    """One of each hostile file a run must refuse in one line: a PDF inflating to 200 MB, a workbook merged over
    the whole sheet, a Word cell spanning 10^8 columns, TOML nested past the parser, a PDF of noise."""
    return {
        "bom.pdf": one_page_pdf(deflated(200 * 1024 * 1024, b"BT /F1 12 Tf 72 720 Td (Sasaran) Tj ET\n")),
        "sel-penuh.xlsx": office_patched(small_workbook(), "xl/worksheets/sheet1.xml", lambda body: body.replace(
            b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A20:XFD1048576"/></mergeCells>')),
        "lebar.docx": office_patched(small_docx(), "word/document.xml",
                                     lambda body: body.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="100000000"/>', 1)),
        "dalam.toml": ("a = " + "[" * 1000 + "]" * 1000 + "\n").encode(),
        "rusak.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 4,
    }
