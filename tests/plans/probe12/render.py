"""Render the twelfth probe's documents in the formats they really come in (authored fixtures).

Each ``X.txt`` is the document's text as a reader should give it back; the file that is scored is
the one written here:

- ``a_keqiao_protection.doc``: a bureau's 保护 plan as a Word 97–2003 file: written as .docx (the
  title typed on **two centred paragraphs**, the outline numbers typed, the indicator table a Word
  table whose header row repeats on each page and whose equal 完成时限 cells are merged), then saved
  as .doc by LibreOffice, as an office that still keeps .doc would send it;
- ``b_feixi_annual.rtf``: an annual 工作计划 as **RTF written the way Word on a Chinese Windows writes
  it** (``\\ansicpg936``, every Chinese character a pair of ``\\'hh`` GBK escapes, the tables
  ``\\trowd … \\cell … \\row``), the title on two centred lines;
- ``c_yunling_conversion.docx``: a notice and its 专项行动 plan in Word, the outline numbers drawn by
  Word list numbering (the 指标说明's ``①②`` too), the 年度目标任务分解 table's header row repeated on
  each page, the footnote marks ``①②`` after the figures **set as superscript runs**;
- ``d_tanbu_revised.pdf``: a 修订版 behind its notice, the plan's title over a ``（2025年修订版）``
  line, the 修订说明 table in the annex, and the **版记** at the foot of the last page between two
  rules: the 抄送 line, then the document number and the 印发 date on one line.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from tests.plans.probe_scores import render_into
from tests.plans_read.pdf_builder import write_pdf
from tests.plans_variants.render import _docx_table, new_document, to_blocks, write_docx

HERE = Path(__file__).parent


def text_of(stem: str) -> str:
    return (HERE / f"{stem}.txt").read_text(encoding="utf-8")


def lines_of(stem: str) -> list[str]:
    return [ln for ln in text_of(stem).splitlines() if ln.strip()]


def _repeat_header_rows(document) -> None:
    """Mark each table's first row as a header Word repeats at the top of every page it runs onto."""
    for table in document.tables:
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def _soffice() -> str:
    program = shutil.which("soffice") or shutil.which("libreoffice")
    assert program, "LibreOffice (libreoffice-writer-nogui) is installed by make test"
    return program


def write_protection_doc(stem: str, path: Path) -> None:
    document = new_document()
    blocks = to_blocks(text_of(stem))
    for k, block in enumerate(blocks):
        if block.kind == "table":
            _docx_table(document, block.rows)
            continue
        paragraph = document.add_paragraph()
        run = paragraph.add_run(block.text)
        if k < 2 or block.text.startswith("表1"):  # the title's two lines and the table's caption
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = k < 2
        elif k >= len(blocks) - 2:  # signature and date
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header_rows(document)
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / f"{stem}.docx"
        document.save(source)
        subprocess.run([_soffice(), "--headless", "--norestore",
                        f"-env:UserInstallation={(Path(scratch) / 'profile').as_uri()}",
                        "--convert-to", "doc", "--outdir", scratch, str(source)],
                       check=True, capture_output=True, timeout=180)
        shutil.copyfile(Path(scratch) / f"{stem}.doc", path)


def _rtf_text(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            out.append("".join(f"\\'{b:02x}" for b in ch.encode("gbk")))
    return "".join(out)


def write_annual_rtf(stem: str, path: Path) -> None:
    head = ("{\\rtf1\\ansi\\ansicpg936\\deff0\\deflang1033\\deflangfe2052"
            "{\\fonttbl{\\f0\\fnil\\fcharset134 " + _rtf_text("宋体") + ";}"
            "{\\f1\\fnil\\fcharset134 " + _rtf_text("黑体") + ";}}\n"
            "\\paperw11906\\paperh16838\\margl1800\\margr1800\\viewkind4\\uc2\n")
    parts = [head]
    blocks = to_blocks(text_of(stem))
    for k, block in enumerate(blocks):
        if block.kind == "table":
            widths = [600, 3600, 1100, 1900, 1100][: len(block.rows[0])]
            for r, row in enumerate(block.rows):
                edges, x = [], 0
                for w in widths:
                    x += w
                    edges.append(f"\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs\\cellx{x}")
                parts.append("\\trowd\\trgaph108" + ("\\trhdr" if r == 0 else "") + "".join(edges) + "\n")
                parts.append("".join(f"\\pard\\intbl\\f0\\fs21 {_rtf_text(cell)}\\cell " for cell in row))
                parts.append("\\row\n")
            parts.append("\\pard\n")
            continue
        if k < 2:
            fmt = "\\pard\\qc\\f1\\fs36 "
        elif k >= len(blocks) - 2:
            fmt = "\\pard\\qr\\f0\\fs32 "
        else:
            fmt = "\\pard\\fi640\\qj\\f0\\fs32 "
        parts.append(fmt + _rtf_text(block.text) + "\\par\n")
    parts.append("}\n")
    path.write_bytes("".join(parts).encode("ascii"))


def _superscript_marks(document) -> None:
    """Set the footnote marks ①② that follow a figure as superscript runs, as Word users do."""
    for paragraph in document.paragraphs:
        text = paragraph.text
        if not re.search(r"\d[^\d①-⑳]?[①-⑳]", text):
            continue
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        for piece in re.split(r"([①-⑳])", text):
            if piece:
                paragraph.add_run(piece).font.superscript = bool(re.fullmatch(r"[①-⑳]", piece))


def write_conversion_docx(stem: str, path: Path) -> None:
    import docx

    write_docx(to_blocks(text_of(stem)), path)
    document = docx.Document(str(path))
    _superscript_marks(document)
    _repeat_header_rows(document)
    for paragraph in document.paragraphs:
        if paragraph.text == "附件" or paragraph.text.endswith("实施方案（2024—2026年）"):
            paragraph.paragraph_format.page_break_before = True
    document.save(str(path))


RULED = "border-top: 1px solid #000; border-bottom: 1px solid #000;"


def write_revised_pdf(stem: str, path: Path) -> None:
    lines = text_of(stem).splitlines()
    plan = next(k for k, ln in enumerate(lines) if k > 0 and ln.endswith("年）") and "通知" not in ln)
    signature = next(k for k, ln in enumerate(lines) if ln.endswith("人民政府办公室") and k > 0)
    table = [k for k, ln in enumerate(lines) if "\t" in ln]
    copy_to = next(k for k, ln in enumerate(lines) if ln.startswith("抄送："))
    parts = []
    k = 0
    while k < len(lines):
        ln = lines[k]
        if k == table[0]:
            rows = [lines[j].split("\t") for j in table]
            parts.append("<table>" + "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows) + "</table>")
            k = table[-1] + 1
            continue
        if k == copy_to:
            foot = "".join(f"<p class='noindent' style='{RULED} padding:3pt 0'>{html.escape(x)}</p>" for x in lines[k:])
            parts.append(f"<div style='margin-top:3em'>{foot}</div>")
            break
        if k in (0, plan):
            style = " style='page-break-before:always;margin-bottom:0'" if k == plan else ""
            parts.append(f"<h1{style}>{html.escape(ln)}</h1>")
        elif k == plan + 1:
            parts.append(f"<p class='noindent' style='text-align:center;margin-bottom:1em'>{html.escape(ln)}</p>")
        elif k == 1 or ln in ("附件", "修订说明"):
            style = "page-break-before:always" if ln == "附件" else ("text-align:center" if ln == "修订说明" else "")
            parts.append(f"<p class='noindent' style='{style}'>{html.escape(ln)}</p>")
        elif signature <= k <= signature + 1:
            parts.append(f"<p class='noindent' style='text-align:right'>{html.escape(ln)}</p>")
        else:
            parts.append(f"<p>{html.escape(ln)}</p>")
        k += 1
    write_pdf(path, "".join(parts))


RENDERINGS = {
    "a_keqiao_protection.doc": write_protection_doc,
    "b_feixi_annual.rtf": write_annual_rtf,
    "c_yunling_conversion.docx": write_conversion_docx,
    "d_tanbu_revised.pdf": write_revised_pdf,
}


def render_all(out: Path) -> dict[str, Path]:
    return render_into(RENDERINGS, out)


if __name__ == "__main__":
    import sys

    render_all(Path(sys.argv[1]))
