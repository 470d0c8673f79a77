"""Real and hostile files built in the test, never stored: minimal valid ones and bombs."""

from __future__ import annotations

import io
import zipfile

from openpyxl import Workbook


def minimal_pdf() -> bytes:
    """A valid one-page PDF (catalogue, page tree, page, cross-reference table) that pdfplumber opens."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def workbook(rows: list[list], *, title: str = "Sheet") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def replace_member(data: bytes, member: str, content: bytes) -> bytes:
    """The same zip with one member's bytes replaced, or added (deflated at the highest level)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            body = content if info.filename == member else source.read(info.filename)
            target.writestr(info.filename, body)
        if member not in source.namelist():
            target.writestr(member, content)
    return out.getvalue()


def sheet_xml(rows: int, *, dimension: str | None) -> bytes:
    """A worksheet of ``rows`` one-cell rows; ``dimension`` as declared (it may lie, or be absent)."""
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    if dimension:
        head += b'<dimension ref="%s"/>' % dimension.encode()
    # Rows without an r attribute: identical bytes, so a million of them deflate to a few hundred KB.
    body = b"<row><c t=\"n\"><v>1</v></c></row>" * rows
    return head + b"<sheetData>" + body + b"</sheetData></worksheet>"


def million_row_bomb(*, dimension: str | None) -> bytes:
    """A small .xlsx whose only sheet unpacks to 1,000,000 rows (about 33 MB of XML)."""
    return replace_member(workbook([["x"]]), "xl/worksheets/sheet1.xml", sheet_xml(1_000_000, dimension=dimension))


def zip_bomb_docx(unpacked_mb: int = 200) -> bytes:
    """A Word-looking zip (right content types) with a member of zeros that unpacks to ``unpacked_mb``."""
    import docx

    document = docx.Document()
    document.add_paragraph("佐证材料")
    buffer = io.BytesIO()
    document.save(buffer)
    out = io.BytesIO()
    source = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        with target.open("word/media/padding.bin", "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return out.getvalue()
