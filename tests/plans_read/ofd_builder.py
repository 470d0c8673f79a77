"""Make OFD (GB/T 33190-2016) packages in tests: authored fixtures, laid out by this module.

No OFD writer is a Python dependency, so this lays text out the way a word processor exporting
OFD does: A4 pages in the official margins, paragraphs wrapped at the text width with a
two-character first-line indent and justified lines (each line one ``TextObject`` whose
``TextCode`` carries ``DeltaX`` advances, runs written ``g N d`` as producers write them), no
line opening with closing punctuation, tables with column widths from their content, wrapped
cells, ruled by ``PathObject`` strokes per cell edge (no stroke inside a cell merged down), the
header row repeated after a page break. The running header is a template page
(``CommonData/TemplatePage``); page numbers ``— N —`` are in each page's own content.

``ofd_from_text(text, path)`` renders a plan's text (the seeds' shape, via
``tests.plans_variants.render.to_blocks``); ``package_files`` / ``write_package`` give the raw
parts, for tests that break them on purpose.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from tests.plans_variants.render import Block, to_blocks, vertical_runs

NS = "http://www.ofdspec.org/2016"
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 28.0, 26.0, 37.0, 35.0
TEXT_W = PAGE_W - LEFT - RIGHT
PT = 25.4 / 72  # millimetres per point
BODY, HEADING, CELL, FOOT = 12 * PT, 14 * PT, 10.5 * PT, 10 * PT
PITCH = 1.6  # line height, in character sizes
CELL_PAD = 1.2
ASCENT = 0.88
_NO_LINE_START = set("，。、；：？！）》」』”’〕】%")


def _advance(ch: str, size: float) -> float:
    return size * (1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5)


def _units(text: str) -> list[str]:
    """Breakable pieces: each wide character alone, runs of Latin letters and digits kept whole."""
    units: list[str] = []
    for ch in text:
        narrow = unicodedata.east_asian_width(ch) not in "WF" and not ch.isspace()
        if narrow and units and units[-1] and unicodedata.east_asian_width(units[-1][-1]) not in "WF" \
                and not units[-1][-1].isspace():
            units[-1] += ch
        else:
            units.append(ch)
    return units


def wrap(text: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (the first ``indent`` narrower)."""
    lines: list[str] = []
    line, used, room = "", 0.0, width - indent
    for unit in _units(text):
        w = sum(_advance(ch, size) for ch in unit)
        if line and used + w > room + 1e-6:
            if unit[0] in _NO_LINE_START and len(line) > 1:
                # Closing punctuation never opens a line: the last character goes down with it.
                carry, line = line[-1], line[:-1]
                lines.append(line)
                line, used = carry, _advance(carry, size)
            else:
                lines.append(line)
                line, used = "", 0.0
            room = width
            if unit.isspace():
                continue
        line += unit
        used += w
    if line.strip():
        lines.append(line)
    return lines


def _deltas(values: list[float]) -> str:
    """``DeltaX`` with runs of one value written ``g N d``."""
    out: list[str] = []
    i = 0
    while i < len(values):
        j = i
        while j < len(values) and abs(values[j] - values[i]) < 1e-4:
            j += 1
        out.append(f"g {j - i} {values[i]:.4f}" if j - i > 2 else " ".join(f"{v:.4f}" for v in values[i:j]))
        i = j
    return " ".join(out)


@dataclass
class Page:
    objects: list[str] = field(default_factory=list)


@dataclass
class Layout:
    scaled_text: bool = False  # write Size 1 and scale by the CTM, as some producers do
    pages: list[Page] = field(default_factory=list)
    y: float = TOP
    next_id: int = 100

    def __post_init__(self) -> None:
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = TOP

    def room(self, height: float) -> None:
        if self.y + height > PAGE_H - BOTTOM:
            self.new_page()

    def ident(self) -> int:
        self.next_id += 1
        return self.next_id

    def text(self, x: float, top: float, size: float, text: str, width: float | None = None) -> None:
        """One line of text at (x, top); spread to ``width`` (justified) when given."""
        advances = [_advance(ch, size) for ch in text]
        natural = sum(advances)
        if width is not None and len(text) > 1 and natural < width:
            extra = (width - natural) / (len(text) - 1)
            advances = [a + extra for a in advances[:-1]] + advances[-1:]
        box = f"{x:.3f} {top:.3f} {max(sum(advances), size):.3f} {size * 1.1:.3f}"
        if self.scaled_text:
            code_deltas = _deltas([a / size for a in advances[:-1]])
            head = f'Size="1" CTM="{size:.4f} 0 0 {size:.4f} 0 0"'
            y = ASCENT
        else:
            code_deltas = _deltas(advances[:-1])
            head = f'Size="{size:.4f}"'
            y = ASCENT * size
        deltas = f' DeltaX="{code_deltas}"' if code_deltas else ""
        self.pages[-1].objects.append(
            f'<ofd:TextObject ID="{self.ident()}" Boundary="{box}" Font="3" {head}>'
            f'<ofd:TextCode X="0" Y="{y:.4f}"{deltas}>{escape(text)}</ofd:TextCode></ofd:TextObject>')

    def stroke(self, x0: float, y0: float, x1: float, y1: float) -> None:
        left, top = min(x0, x1), min(y0, y1)
        self.pages[-1].objects.append(
            f'<ofd:PathObject ID="{self.ident()}" Boundary="{left:.3f} {top:.3f} {abs(x1 - x0) + 0.3:.3f} '
            f'{abs(y1 - y0) + 0.3:.3f}" LineWidth="0.25"><ofd:AbbreviatedData>M {x0 - left:.3f} {y0 - top:.3f} '
            f'L {x1 - left:.3f} {y1 - top:.3f}</ofd:AbbreviatedData></ofd:PathObject>')

    def image(self, width: float = 60, height: float = 40) -> None:
        self.room(height)
        self.pages[-1].objects.append(f'<ofd:ImageObject ID="{self.ident()}" Boundary="{LEFT} {self.y:.3f} '
                                      f'{width} {height}" ResourceID="9"/>')
        self.y += height + BODY

    def paragraph(self, text: str, size: float = BODY, indent: bool = True) -> None:
        first = 2 * size if indent else 0.0
        lines = wrap(text, size, TEXT_W, first)
        for n, line in enumerate(lines):
            self.room(size * PITCH)
            x = LEFT + (first if n == 0 else 0.0)
            last = n == len(lines) - 1
            self.text(x, self.y, size, line, None if last else TEXT_W - (x - LEFT))
            self.y += size * PITCH

    def table(self, rows: list[list[str]], merge: bool = True) -> None:
        n = max(len(r) for r in rows)
        rows = [r + [""] * (n - len(r)) for r in rows]
        widths = _column_widths(rows, n)
        xs = [LEFT + sum(widths[:c]) for c in range(n + 1)]
        inside: set[tuple[int, int]] = set()  # cells merged into the one above
        if merge:
            for c in range(n):
                for first, last in vertical_runs(rows, c):
                    inside.update((r, c) for r in range(first + 1, last + 1))
        cells = [[[] if (r, c) in inside else wrap(rows[r][c], CELL, widths[c] - 2 * CELL_PAD)
                  for c in range(n)] for r in range(len(rows))]
        self.y += 0.5 * BODY
        page_top = True
        r = 0
        while r < len(rows):
            height = max(1, *(len(lines) for lines in cells[r])) * CELL * PITCH + 2 * CELL_PAD
            if self.y + height > PAGE_H - BOTTOM:
                self.new_page()
                page_top = True
                if r > 0:  # the header row repeated, as "repeat header rows" does
                    self._row(cells[0], xs, self._height(cells[0]), set(), 0, True)
                    page_top = False
            self._row(cells[r], xs, height, inside, r, page_top)
            page_top = False
            r += 1
        self.y += 0.5 * BODY

    @staticmethod
    def _height(lines: list[list[str]]) -> float:
        return max(1, *(len(cell) for cell in lines)) * CELL * PITCH + 2 * CELL_PAD

    def _row(self, cells: list[list[str]], xs: list[float], height: float, inside: set[tuple[int, int]],
             r: int, page_top: bool) -> None:
        top, bottom = self.y, self.y + height
        for c, lines in enumerate(cells):
            if page_top or (r, c) not in inside:
                self.stroke(xs[c], top, xs[c + 1], top)
            for k, line in enumerate(lines):
                self.text(xs[c] + CELL_PAD, top + CELL_PAD + k * CELL * PITCH + 0.3 * CELL, CELL, line)
        for x in xs:
            self.stroke(x, top, x, bottom)
        # The bottom edge is drawn by the next row, or here when the next row is on another
        # page or this is the last: drawn always, it is simply drawn twice where rows meet.
        for c in range(len(cells)):
            if (r + 1, c) not in inside:
                self.stroke(xs[c], bottom, xs[c + 1], bottom)
        self.y = bottom


def _column_widths(rows: list[list[str]], n: int) -> list[float]:
    natural = [max(sum(_advance(ch, CELL) for ch in row[c]) for row in rows) + 2 * CELL_PAD + 0.5 for c in range(n)]
    if sum(natural) <= TEXT_W:
        return [w * TEXT_W / sum(natural) for w in natural]
    fair = TEXT_W / n
    widths = [min(w, fair) for w in natural]
    wanting = [c for c in range(n) if natural[c] > fair]
    spare = TEXT_W - sum(widths)
    excess = sum(natural[c] - fair for c in wanting)
    for c in wanting:
        widths[c] += spare * (natural[c] - fair) / excess
    return widths


def layout_blocks(blocks: list[Block], *, scaled_text: bool = False, images: int = 0) -> Layout:
    layout = Layout(scaled_text=scaled_text)
    for block in blocks:
        if block.kind == "table":
            layout.table(block.rows)
        elif block.kind == "heading":
            layout.paragraph(block.text, HEADING, indent=False)
        else:
            layout.paragraph(block.text)
    for _ in range(images):
        layout.image()
    return layout


def _page_xml(objects: list[str], template: bool) -> str:
    use = '<ofd:Template TemplateID="2" ZOrder="Background"/>' if template else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">{use}'
            f'<ofd:Area><ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}</ofd:PhysicalBox></ofd:Area>'
            f'<ofd:Content><ofd:Layer ID="{len(objects) + 10_000}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')


def package_files(layout: Layout, *, running_header: str = "", page_numbers: bool = True) -> dict[str, str]:
    """The parts of the package: OFD.xml, the document, its template and its pages."""
    files: dict[str, str] = {}
    pages = []
    for n, page in enumerate(layout.pages):
        objects = list(page.objects)
        if page_numbers:
            footer = Layout(scaled_text=layout.scaled_text)
            label = f"— {n + 1} —"
            width = sum(_advance(ch, FOOT) for ch in label)
            footer.text((PAGE_W - width) / 2, PAGE_H - BOTTOM + 8, FOOT, label)
            objects += footer.pages[0].objects
        files[f"Doc_0/Pages/Page_{n}/Content.xml"] = _page_xml(objects, bool(running_header))
        pages.append(f'<ofd:Page ID="{n + 10}" BaseLoc="Pages/Page_{n}/Content.xml"/>')
    template = ""
    if running_header:
        head = Layout(scaled_text=layout.scaled_text)
        width = sum(_advance(ch, 9 * PT) for ch in running_header)
        head.text((PAGE_W - width) / 2, TOP - 12, 9 * PT, running_header)
        head.stroke(LEFT, TOP - 6, PAGE_W - RIGHT, TOP - 6)
        files["Doc_0/Tpls/Tpl_0/Content.xml"] = _page_xml(head.pages[0].objects, False)
        template = '<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/>'
    files["Doc_0/PublicRes.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
                                    '<ofd:Fonts><ofd:Font ID="3" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>')
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f'<ofd:MaxUnitID>{layout.next_id + 20_000}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}'
        f'</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>{template}</ofd:CommonData>'
        f'<ofd:Pages>{"".join(pages)}</ofd:Pages></ofd:Document>')
    files["OFD.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">'
                        '<ofd:DocBody><ofd:DocInfo><ofd:DocID>0a1b2c3d</ofd:DocID><ofd:Creator>ofd_builder</ofd:Creator>'
                        '</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    return files


def write_package(files: dict[str, str | bytes], path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        # OFD.xml first, as producers write it (the reader does not depend on the order).
        for name in sorted(files, key=lambda n: (n != "OFD.xml", n)):
            data = files[name]
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def write_ofd(blocks: list[Block], path: Path, *, running_header: str = "", scaled_text: bool = False,
              images: int = 0) -> Path:
    layout = layout_blocks(blocks, scaled_text=scaled_text, images=images)
    return write_package(dict(package_files(layout, running_header=running_header)), path)


def ofd_from_text(text: str, path: Path, **options) -> Path:
    """A plan's text (the seeds' shape) rendered to OFD, as the variant tests render .pdf."""
    return write_ofd(to_blocks(text), path, **options)
