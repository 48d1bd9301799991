"""Plans rendered in the layouts real offices use, for the property "reading gives back the plan".

A `Spec` is what a reviewer reads in a document (type, unit, year, goals, indicators, targets,
signers, programs); a `Layout` is how an office happened to lay it out (numbers or none, a
Satuan column, a target column per year, the column-number row, goal cells merged or wrapped,
the table split over pages, misspelt or letter-spaced headers, side-by-side signatures, a
program table after them, several indicators in one cell). `render(spec, layout, fmt)` writes
the file as text, DOCX, XLSX, HTML or PDF; the shared documents are samples of these families,
never the target.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from dataclasses import dataclass, field

from hypothesis import strategies as st

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember")
OFFICES = [("Dinas Kesehatan", "Kepala Dinas Kesehatan"), ("Dinas Pekerjaan Umum dan Penataan Ruang", "Kepala Dinas Pekerjaan Umum dan Penataan Ruang"),
           ("Badan Perencanaan Pembangunan Daerah", "Kepala Badan Perencanaan Pembangunan Daerah"), ("Dinas Sosial", "Kepala Dinas Sosial"),
           ("Inspektorat", "Inspektur"), ("Dinas Perhubungan", "Kepala Dinas Perhubungan")]
REGIONS = [("Kabupaten Sukamaju", "Bupati Sukamaju"), ("Kota Rawasari", "Wali Kota Rawasari"), ("Provinsi Tanah Datar", "Gubernur Tanah Datar")]
PLACES = ["Sukamaju", "Rawasari", "Tanjung", "Mekarsari"]
THINGS = ["pelayanan kesehatan dasar", "infrastruktur jalan kabupaten", "tata kelola pemerintahan", "kualitas air baku",
          "perlindungan sosial", "akuntabilitas kinerja", "ketersediaan data perencanaan", "kepuasan masyarakat",
          "jaringan irigasi", "keselamatan transportasi", "penanganan pengaduan", "kapasitas aparatur"]
GOAL_WORDS = ["Meningkatnya", "Terwujudnya", "Tersedianya", "Menurunnya", "Terpenuhinya"]
NAMES = ["Dr. BUDI SANTOSO, M.Si", "Ir. SITI RAHAYU, M.T.", "AHMAD FAUZI, S.H., M.H.", "drg. RINA WULANDARI", "Drs. JOKO PRASETYO, M.M."]
NIPS = ["19680101 199303 1 004", "19750512 200003 2 001", "19700707 199503 1 002"]
HEADER_MISSPELT = {"Sasaran Strategis": "Sasaran Stretegis", "Indikator Kinerja": "Indlkator Kinerja", "Target": "Targat",
                   "Satuan": "Satuan", "No": "No"}


@dataclass(frozen=True)
class Indicator:
    text: str
    target: str                       # the target cell as written (with its unit when there is no Satuan column)
    satuan: str | None = None         # the Satuan cell, where the layout has the column
    years: tuple[tuple[int, str], ...] = ()  # a Renstra's target per year


@dataclass(frozen=True)
class Goal:
    number: str
    text: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Spec:
    kind: str                         # rkt | pk | renja | renstra
    unit: str
    head_role: str
    superior_role: str
    year: int
    period: tuple[int, int] | None
    goals: tuple[Goal, ...]
    place: str
    date: dt.date
    name: str
    superior_name: str
    nip: str
    programs: tuple[tuple[str, str], ...] = ()

    @property
    def title(self) -> str:
        if self.kind == "renstra":
            return f"RENCANA STRATEGIS {self.period[0]}-{self.period[1]}"
        return {"rkt": "RENCANA KINERJA TAHUNAN", "pk": "PERJANJIAN KINERJA", "renja": "RENCANA KERJA PERANGKAT DAERAH"}[self.kind] + f" TAHUN {self.year}"


@dataclass(frozen=True)
class Layout:
    numbered: bool = True
    satuan: bool = False
    column_numbers: bool = False
    merged_goals: bool = True         # a goal's cell spans its indicators (empty below it in a text table)
    wrapped_goals: bool = False       # a goal's text goes on in a row of its own under it
    split: bool = False               # the table split in two, its header repeated (a page break)
    header: str = "plain"             # plain | caps | misspelt
    title: str = "plain"              # plain | spaced (letter-spaced, as a cover prints it)
    identity: str = "labels"          # labels (Unit Kerja : …) | title (the unit on the title's second line)
    side_by_side: bool = True         # a PK's two parties in two columns
    programs_after: bool = False      # a PK's program table after the signatures
    one_cell: bool = False            # a goal's indicators as paragraphs of one cell (Word, HTML)
    ruling: str = "all"               # PDF: all cells ruled, only the header ruled (the body below it bare), or none
    currency_column: bool = False     # a budget's "Rp" in a column of its own, the amount beside it
    typed: bool = False               # DOCX: labels, the budget and the two parties typed with TABs, not drawn as tables


def _date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _target(measure: str, value: int, satuan_column: bool) -> tuple[str, str | None]:
    """A target as offices write it for an indicator of ``measure``: with its unit in the cell, or in Satuan."""
    if measure == "Persentase":
        number = str(60 + value % 40)
        return (number, "%") if satuan_column else (f"{number}%", None)
    if measure == "Jumlah":
        number = str(1 + value % 12)
        return (number, "Dokumen") if satuan_column else (f"{number} Dokumen", None)
    if measure == "Indeks":
        number = f"{2 + value % 2},{value % 10}"
        return (number, "Indeks") if satuan_column else (number, None)
    grade = ["B", "BB", "A"][value % 3]
    return (grade, "Predikat") if satuan_column else (grade, None)


@st.composite
def specs(draw, layout: Layout | None = None) -> Spec:
    kind = draw(st.sampled_from(["rkt", "pk", "renja", "renstra"]))
    office, head = draw(st.sampled_from(OFFICES))
    region, superior = draw(st.sampled_from(REGIONS))
    year = draw(st.integers(2019, 2030))
    period = (year, year + 4) if kind == "renstra" else None
    satuan = bool(layout and layout.satuan)
    things = draw(st.permutations(THINGS))
    goals, used = [], 0
    for number in range(1, draw(st.integers(1, 4)) + 1):
        indicators = []
        for _ in range(draw(st.integers(1, 3))):
            measure = draw(st.sampled_from(["Persentase", "Jumlah", "Indeks", "Nilai"]))
            thing = things[used % len(things)]
            used += 1
            text = "Nilai SAKIP" if measure == "Nilai" else f"{measure} {thing}"
            if measure == "Nilai" and any(i.text == text for g in goals for i in g.indicators) | any(i.text == text for i in indicators):
                text = f"Indeks {thing}"
                measure = "Indeks"
            value = draw(st.integers(0, 99))
            raw, unit = _target(measure, value, satuan)
            years = tuple((y, _target(measure, value + y - year, satuan)[0]) for y in range(period[0], period[1] + 1)) if period else ()
            indicators.append(Indicator(text, raw if not period else years[0][1], unit, years))
        goal_text = f"{draw(st.sampled_from(GOAL_WORDS))} {things[(used + number) % len(things)]} {draw(st.sampled_from(PLACES)).lower()}"
        goals.append(Goal(str(number), goal_text, tuple(indicators)))
    programs = ()
    if kind == "pk" and draw(st.booleans()):
        programs = tuple((f"Program {t.title()}", f"Rp {1 + i}.{250 + i * 7}.000.000,00") for i, t in enumerate(things[:draw(st.integers(1, 3))]))
    return Spec(kind=kind, unit=f"{office} {region}", head_role=f"{head} {region}", superior_role=superior, year=year, period=period,
                goals=tuple(goals), place=draw(st.sampled_from(PLACES)), date=dt.date(year if kind != "renstra" else period[0], draw(st.integers(1, 2)), draw(st.integers(2, 28))),
                name=draw(st.sampled_from(NAMES)), superior_name=draw(st.sampled_from(NAMES[::-1])), nip=draw(st.sampled_from(NIPS)),
                programs=programs)


layouts = st.builds(Layout, numbered=st.booleans(), satuan=st.booleans(), column_numbers=st.booleans(), merged_goals=st.booleans(),
                    wrapped_goals=st.booleans(), split=st.booleans(), header=st.sampled_from(["plain", "caps", "misspelt"]),
                    title=st.sampled_from(["plain", "spaced"]), identity=st.sampled_from(["labels", "title"]),
                    side_by_side=st.booleans(), programs_after=st.booleans(), one_cell=st.booleans(),
                    ruling=st.sampled_from(["all", "header", "none"]), currency_column=st.booleans(), typed=st.booleans())


@st.composite
def specs_and_layouts(draw, formats=("text", "spaced", "docx", "xlsx", "html", "pdf")):
    layout = draw(layouts)
    fmt = draw(st.sampled_from(formats))
    if fmt not in ("docx", "html"):
        layout = _replace(layout, one_cell=False)
    if fmt != "pdf":
        layout = _replace(layout, ruling="all")
    if fmt != "docx":
        layout = _replace(layout, typed=False)
    spec = draw(specs(layout))
    if spec.period:
        layout = _replace(layout, one_cell=False)
    return spec, layout, fmt


def _replace(layout: Layout, **changes) -> Layout:
    from dataclasses import replace

    return replace(layout, **changes)


# --- the table as cells -----------------------------------------------------------------

def header_rows(spec: Spec, layout: Layout) -> list[list[str]]:
    names = (["No"] if layout.numbered else []) + ["Sasaran Strategis", "Indikator Kinerja"] + (["Satuan"] if layout.satuan else [])
    if layout.header == "misspelt":
        names = [HEADER_MISSPELT.get(name, name) for name in names]
    if spec.period:
        years = [str(y) for y in range(spec.period[0], spec.period[1] + 1)]
        top = names + ["Target"] * len(years)
        rows = [top, [""] * len(names) + years]
    else:
        rows = [names + ["Targat" if layout.header == "misspelt" else "Target"]]
    if layout.header == "caps":
        rows = [[cell.upper() for cell in row] for row in rows]
    return rows


def width(spec: Spec, layout: Layout) -> int:
    return len(header_rows(spec, layout)[0])


def body_rows(spec: Spec, layout: Layout, goals=None) -> list[list[str]]:
    """The table's rows as a text table writes them: a goal's number and text on its first row only."""
    rows = []
    for goal in goals if goals is not None else spec.goals:
        first_text, rest = goal.text, ""
        if layout.wrapped_goals and layout.numbered:
            words = goal.text.split()
            first_text, rest = " ".join(words[:2]), " ".join(words[2:])
        for index, indicator in enumerate(goal.indicators):
            cells = ([goal.number if index == 0 else ""] if layout.numbered else [])
            cells += [first_text if index == 0 or not layout.merged_goals and not rest else "", indicator.text]
            if layout.satuan:
                cells.append(indicator.satuan or "")
            cells += [raw for _, raw in indicator.years] if spec.period else [indicator.target]
            if index > 0 and not layout.merged_goals and not rest:
                cells[1 if layout.numbered else 0] = first_text  # the goal repeated on each row, as Word repeats a merged cell
            rows.append(cells)
            if index == 0 and rest:
                rows.append(([""] if layout.numbered else []) + [rest] + [""] * (width(spec, layout) - (2 if layout.numbered else 1)))
    return rows


def table_parts(spec: Spec, layout: Layout) -> list[tuple[Goal, ...]]:
    if layout.split and len(spec.goals) > 1:
        half = len(spec.goals) // 2
        return [spec.goals[:half], spec.goals[half:]]
    return [spec.goals]


def title_lines(spec: Spec, layout: Layout) -> list[str]:
    title = spec.title
    if layout.title == "spaced":
        title = "  ".join(" ".join(word) for word in title.split())
    lines = [title]
    if layout.identity == "title":
        lines.append(spec.unit.upper())
    return lines


def label_lines(spec: Spec, layout: Layout) -> list[str]:
    if layout.identity != "labels":
        return []
    year = f"{spec.period[0]}-{spec.period[1]}" if spec.period else str(spec.year)
    return [f"Unit Kerja : {spec.unit}", f"{'Periode' if spec.period else 'Tahun Anggaran'} : {year}"]


def signature_rows(spec: Spec, layout: Layout) -> list[list[str]]:
    """The signature block as rows of cells: one column for one signer, two for a PK's parties."""
    dated = f"{spec.place}, {_date(spec.date)}"
    if spec.kind == "pk" and layout.side_by_side:
        return [["", dated], ["PIHAK KEDUA,", "PIHAK PERTAMA,"], [spec.superior_role, spec.head_role], ["", ""], ["", ""],
                [spec.superior_name, spec.name], ["", f"NIP. {spec.nip}"]]
    rows = [[dated], [spec.head_role + ","], [""], [""], [spec.name], [f"NIP. {spec.nip}"]]
    if spec.kind == "pk":
        rows = [[dated], ["PIHAK PERTAMA,"], [spec.head_role + ","], [""], [""], [spec.name], [f"NIP. {spec.nip}"], [""],
                ["PIHAK KEDUA,"], [spec.superior_role + ","], [""], [""], [spec.superior_name]]
    return rows


def program_rows(spec: Spec, layout: Layout) -> list[list[str]]:
    if not layout.currency_column:
        return [["No", "Program", "Anggaran"]] + [[str(i), name, amount] for i, (name, amount) in enumerate(spec.programs, start=1)]
    # as an accountant sets a budget: "Rp" in a column of its own under Anggaran, the amount beside it
    return [["No", "Program", "Anggaran", ""]] + [[str(i), name, *amount.split(" ", 1)] for i, (name, amount) in enumerate(spec.programs, start=1)]


def column_number_row(spec: Spec, layout: Layout) -> list[str]:
    return [f"({i})" for i in range(1, width(spec, layout) + 1)]


# --- formats ----------------------------------------------------------------------------

def render(spec: Spec, layout: Layout, fmt: str) -> bytes:
    return {"text": render_text, "spaced": render_spaced, "docx": render_docx, "xlsx": render_xlsx, "html": render_html,
            "pdf": render_pdf}[fmt](spec, layout)


def _programs_first(spec: Spec, layout: Layout) -> bool:
    return bool(spec.programs) and not layout.programs_after


def render_text(spec: Spec, layout: Layout) -> bytes:
    lines = title_lines(spec, layout) + [""] + label_lines(spec, layout) + [""]
    for part in table_parts(spec, layout):
        lines += ["\t".join(row) for row in header_rows(spec, layout)]
        if layout.column_numbers:
            lines.append("\t".join(column_number_row(spec, layout)))
        lines += ["\t".join(row) for row in body_rows(spec, layout, part)]
        lines.append("")
    if _programs_first(spec, layout):
        lines += ["\t".join(row) for row in program_rows(spec, layout)] + [""]
    for row in signature_rows(spec, layout):
        lines.append("\t".join(row) if len(row) > 1 else row[0])
    if spec.programs and layout.programs_after:
        lines += ["", "LAMPIRAN PERJANJIAN KINERJA" if False else ""] + ["\t".join(row) for row in program_rows(spec, layout)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def set_with_spaces(text: str) -> str:
    """The text layout's runs of TAB rows aligned on their widest cells, a few spaces between columns, no
    TAB anywhere: a table typed with spaces or pasted from a console."""
    out: list[str] = []
    grid: list[list[str]] = []

    def flush() -> None:
        widths = [max(len(row[i]) if i < len(row) else 0 for row in grid) for i in range(max(map(len, grid), default=0))]
        out.extend("   ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in grid)
        grid.clear()

    for line in text.splitlines():
        if "\t" in line:
            grid.append(line.split("\t"))
            continue
        flush()
        out.append(line)
    flush()
    return "\n".join(out) + "\n"


def render_spaced(spec: Spec, layout: Layout) -> bytes:
    """The text layout with its columns set by spaces (set_with_spaces)."""
    return set_with_spaces(render_text(spec, layout).decode("utf-8")).encode("utf-8")


def render_html(spec: Spec, layout: Layout) -> bytes:
    esc = html.escape
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>e-SAKIP</title></head><body>",
           "<nav><ul><li>Beranda</li><li>PERJANJIAN KINERJA</li><li>RENSTRA</li></ul></nav>"]
    out += [f"<h3>{esc(line)}</h3>" for line in title_lines(spec, layout)]
    out += [f"<p>{esc(line)}</p>" for line in label_lines(spec, layout)]
    for part in table_parts(spec, layout):
        out.append("<table border='1'>")
        for row in header_rows(spec, layout):
            out.append("<tr>" + "".join(f"<th>{esc(c)}</th>" for c in row) + "</tr>")
        if layout.column_numbers:
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in column_number_row(spec, layout)) + "</tr>")
        out += _html_body(spec, layout, part)
        out.append("</table>")
    if _programs_first(spec, layout):
        out.append(_html_table(program_rows(spec, layout)))
    out.append(_html_table(signature_rows(spec, layout), border=False) if spec.kind == "pk" and layout.side_by_side
               else "".join(f"<p>{esc(row[0])}</p>" if row[0] else "<br>" for row in signature_rows(spec, layout)))
    if spec.programs and layout.programs_after:
        out.append(_html_table(program_rows(spec, layout)))
    out.append("</body></html>")
    return "\n".join(out).encode("utf-8")


def _html_table(rows, border=True) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table{' border=1' if border else ''}>{cells}</table>"


def _html_body(spec: Spec, layout: Layout, goals) -> list[str]:
    esc = html.escape
    if layout.one_cell:  # each goal one row: its indicators and targets as paragraphs of one cell each
        out = []
        for goal in goals:
            cells = ([goal.number] if layout.numbered else []) + [goal.text]
            cells.append("".join(f"<p>{esc(i.text)}</p>" for i in goal.indicators))
            if layout.satuan:
                cells.append("".join(f"<p>{esc(i.satuan or '')}</p>" for i in goal.indicators))
            cells.append("".join(f"<p>{esc(i.target)}</p>" for i in goal.indicators))
            out.append("<tr>" + "".join(f"<td>{c if c.startswith('<p>') else esc(c)}</td>" for c in cells) + "</tr>")
        return out
    if not layout.merged_goals or layout.wrapped_goals:
        return ["<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in body_rows(spec, layout, goals)]
    out = []
    for goal in goals:
        span = len(goal.indicators)
        for index, indicator in enumerate(goal.indicators):
            cells = []
            if index == 0:
                if layout.numbered:
                    cells.append(f"<td rowspan='{span}'>{esc(goal.number)}</td>")
                cells.append(f"<td rowspan='{span}'>{esc(goal.text)}</td>")
            cells.append(f"<td>{esc(indicator.text)}</td>")
            if layout.satuan:
                cells.append(f"<td>{esc(indicator.satuan or '')}</td>")
            cells += [f"<td>{esc(raw)}</td>" for raw in ([r for _, r in indicator.years] if spec.period else [indicator.target])]
            out.append("<tr>" + "".join(cells) + "</tr>")
    return out


def render_docx(spec: Spec, layout: Layout) -> bytes:
    import docx

    document = docx.Document()
    for line in title_lines(spec, layout):
        document.add_paragraph(line)
    for line in label_lines(spec, layout):
        document.add_paragraph(line.replace(" : ", "\t\t: ", 1) if layout.typed else line)
    for number, part in enumerate(table_parts(spec, layout)):
        if number:
            document.add_page_break()
        heads = header_rows(spec, layout) + ([column_number_row(spec, layout)] if layout.column_numbers else [])
        if layout.one_cell:
            _docx_one_cell(document, spec, layout, part, heads)
            continue
        body = body_rows(spec, layout, part)
        table = document.add_table(rows=len(heads) + len(body), cols=width(spec, layout))
        table.style = "Table Grid"
        for r, row in enumerate(heads + body):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        if layout.merged_goals and not layout.wrapped_goals:
            r = len(heads)
            for goal in part:
                last = r + len(goal.indicators) - 1
                if last > r:
                    for c in range(2 if layout.numbered else 1):
                        keep = table.cell(r, c).text
                        table.cell(r, c).merge(table.cell(last, c))
                        table.cell(r, c).text = keep
                r = last + 1
    budget = _docx_typed if layout.typed else _docx_table
    if _programs_first(spec, layout):
        budget(document, program_rows(spec, layout))
    rows = signature_rows(spec, layout)
    if spec.kind == "pk" and layout.side_by_side:
        if layout.typed:
            for row in rows:
                document.add_paragraph("\t\t\t\t\t".join(row).strip(" ") if any(row) else "")
        else:
            _docx_table(document, rows, grid=False)
    else:
        for row in rows:
            document.add_paragraph(row[0])
    if spec.programs and layout.programs_after:
        budget(document, program_rows(spec, layout))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_one_cell(document, spec, layout, goals, heads) -> None:
    table = document.add_table(rows=len(heads) + len(goals), cols=width(spec, layout))
    table.style = "Table Grid"
    for r, row in enumerate(heads):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for r, goal in enumerate(goals, start=len(heads)):
        columns = ([goal.number] if layout.numbered else []) + [goal.text]
        for c, text in enumerate(columns):
            table.cell(r, c).text = text
        lists = [[i.text for i in goal.indicators]] + ([[i.satuan or "" for i in goal.indicators]] if layout.satuan else []) \
            + [[i.target for i in goal.indicators]]
        for offset, values in enumerate(lists):
            cell = table.cell(r, len(columns) + offset)
            cell.text = values[0]
            for value in values[1:]:
                cell.add_paragraph(value)


def _docx_typed(document, rows) -> None:
    """A table typed by hand: its header spaced out, each row's cells parted by TABs."""
    document.add_paragraph("")
    document.add_paragraph("      ".join(cell for cell in rows[0] if cell))
    for row in rows[1:]:
        document.add_paragraph("\t\t".join(row))
    document.add_paragraph("")


def _docx_table(document, rows, grid=True) -> None:
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    if grid:
        table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text


def render_xlsx(spec: Spec, layout: Layout) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = spec.kind.upper()
    for line in title_lines(spec, layout) + [""] + label_lines(spec, layout) + [""]:
        sheet.append([line] if line else [])
    for part in table_parts(spec, layout):
        for row in header_rows(spec, layout):
            sheet.append(row)
        if layout.column_numbers:
            sheet.append(column_number_row(spec, layout))
        start = sheet.max_row + 1
        for row in body_rows(spec, layout, part):
            sheet.append([cell or None for cell in row])
        if layout.merged_goals and not layout.wrapped_goals:
            r = start
            for goal in part:
                last = r + len(goal.indicators) - 1
                if last > r:
                    for c in range(1, (2 if layout.numbered else 1) + 1):
                        sheet.merge_cells(start_row=r, start_column=c, end_row=last, end_column=c)
                r = last + 1
        sheet.append([])
    if _programs_first(spec, layout):
        for row in program_rows(spec, layout):
            sheet.append(row)
        sheet.append([])
    for row in signature_rows(spec, layout):
        sheet.append([cell or None for cell in row])
    if spec.programs and layout.programs_after:
        sheet.append([])
        for row in program_rows(spec, layout):
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def render_pdf(spec: Spec, layout: Layout) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story = [Paragraph(html.escape(line), styles["Heading2"]) for line in title_lines(spec, layout)]
    story += [Paragraph(html.escape(line), body) for line in label_lines(spec, layout)] + [Spacer(1, 12)]
    page_width = landscape(A4)[0] - 80
    for number, part in enumerate(table_parts(spec, layout)):
        if number:
            story.append(PageBreak())
        heads = header_rows(spec, layout) + ([column_number_row(spec, layout)] if layout.column_numbers else [])
        rows = body_rows(spec, layout, part)
        data = [[Paragraph(html.escape(cell), body) if len(cell) > 4 else cell for cell in row] for row in heads + rows]
        columns = width(spec, layout)
        fixed = (30 if layout.numbered else 0) + (65 if layout.satuan else 0) + 60 * (columns - (2 + layout.numbered + layout.satuan))
        text_width = (page_width - fixed) / 2
        widths = ([30] if layout.numbered else []) + [text_width, text_width] + ([65] if layout.satuan else []) + [60] * (columns - (2 + layout.numbered + layout.satuan))
        ruled = {"all": [("GRID", (0, 0), (-1, -1), 0.5, colors.black)], "none": [],
                 "header": [("GRID", (0, 0), (-1, len(heads) - 1), 0.5, colors.black)]}[layout.ruling]
        style = [*ruled, ("VALIGN", (0, 0), (-1, -1), "TOP")]
        if layout.merged_goals and not layout.wrapped_goals:
            r = len(heads)
            for goal in part:
                last = r + len(goal.indicators) - 1
                if last > r:
                    style += [("SPAN", (c, r), (c, last)) for c in range(2 if layout.numbered else 1)]
                r = last + 1
        if spec.period:
            style.append(("SPAN", (columns - len(spec.goals[0].indicators[0].years), 0), (columns - 1, 0)))
        table = Table(data, colWidths=widths, repeatRows=len(heads))
        table.setStyle(TableStyle(style))
        story.append(table)
    if _programs_first(spec, layout):
        story += [Spacer(1, 12), _pdf_table(program_rows(spec, layout), body, grid=True)]
    story.append(Spacer(1, 18))
    rows = signature_rows(spec, layout)
    if spec.kind == "pk" and layout.side_by_side:
        story.append(_pdf_table(rows, body, grid=False, widths=[page_width / 2, page_width / 2]))
    else:
        story += [Paragraph(html.escape(row[0]), body) if row[0] else Spacer(1, 14) for row in rows]
    if spec.programs and layout.programs_after:
        story += [Spacer(1, 12), _pdf_table(program_rows(spec, layout), body, grid=True)]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=landscape(A4), invariant=1, leftMargin=40, rightMargin=40).build(story)
    return out.getvalue()


def _pdf_table(rows, body, grid: bool, widths=None):
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    table = Table([[Paragraph(html.escape(c), body) if c else "" for c in row] for row in rows], colWidths=widths)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if grid else [("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


# --- what reading must give back --------------------------------------------------------

def reading(plan) -> dict:
    """The parts of a read plan the property compares, in the spec's terms."""
    document = next(d for d in plan.documents if d.goals)
    goals = []
    for goal in document.goals:
        indicators = []
        for indicator in goal.indicators:
            years = tuple(sorted((int(y), t.raw) for y, t in indicator.targets.items()))
            indicators.append((indicator.text, indicator.target.raw, indicator.extra.get("Satuan"), years))
        goals.append((goal.text, tuple(indicators)))
    return {"type": document.document_type, "unit": document.unit, "year": document.fiscal_year, "period": document.period,
            "goals": goals, "signers": sorted((s.party, s.name) for s in document.signatures if s.name),
            "programs": [(p.name, p.raw) for p in document.programs if not p.total]}


def expected(spec: Spec, layout: Layout) -> dict:
    goals = []
    for goal in spec.goals:
        indicators = tuple((i.text, i.target, i.satuan if layout.satuan else None, i.years) for i in goal.indicators)
        goals.append((goal.text, indicators))
    if spec.kind == "pk":
        signers = sorted([("first", spec.name), ("second", spec.superior_name)])
    else:
        signers = [("signer", spec.name)]
    return {"type": spec.kind, "unit": spec.unit, "year": None if spec.period else spec.year, "period": spec.period, "goals": goals,
            "signers": signers, "programs": list(spec.programs)}
