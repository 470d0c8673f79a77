"""Make PDFs in tests: WeasyPrint from HTML (real text layer, CJK fonts), and hand-made edge cases."""

from __future__ import annotations

import io
import os
from pathlib import Path

PAGE_CSS = """
@page { size: A4; margin: 2.4cm 2.2cm;
        @top-center { content: "%(header)s"; font-size: 9pt; }
        @bottom-center { content: "— " counter(page) " —"; font-size: 10pt; } }
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 12pt; line-height: 1.6; }
h1 { font-size: 18pt; text-align: center; font-weight: normal; margin: 0 0 1em; }
p { text-indent: 2em; text-align: justify; margin: 0; }
p.noindent { text-indent: 0; }
table { border-collapse: collapse; width: 100%%; margin: 0.5em 0; }
td, th { border: 1px solid #000; padding: 2pt 4pt; font-size: 10.5pt; font-weight: normal; }
"""


def html_page(body: str, header: str = "") -> str:
    css = PAGE_CSS % {"header": header}
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{css}</style></head><body>{body}</body></html>"


def write_pdf(path: os.PathLike[str] | str, body: str, header: str = "") -> None:
    from weasyprint import HTML

    HTML(string=html_page(body, header)).write_pdf(str(path))


def image_only_pdf(path: os.PathLike[str] | str) -> None:
    """A 'scanned' page: an image and no text layer."""
    from PIL import Image, ImageDraw
    from weasyprint import HTML

    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).rectangle((20, 20, 380, 180), outline="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    import base64

    data = base64.b64encode(buffer.getvalue()).decode()
    HTML(string=f"<html><body><img src='data:image/png;base64,{data}'></body></html>").write_pdf(str(path))


def encrypted_pdf(path: os.PathLike[str] | str) -> None:
    """A PDF protected by a user password (standard security handler, RC4): unreadable without it."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + b"a1" * 32 + b"> /U <" + b"b2" * 32 + b"> >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 4 0 R /ID [<%s><%s>] >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, b"c3" * 16, b"c3" * 16, xref))
    with open(path, "wb") as fh:
        fh.write(out.getvalue())


def scanned_pdf(text: str, out: Path, stem: str, dpi: int = 200) -> Path:
    """A plan text rendered to PDF (as the variant tests render it), then every page rasterised
    at ``dpi`` into an image-only PDF: what a scanner gives."""
    import subprocess

    from PIL import Image

    from tests.plans_variants.render import to_blocks, write_pdf_file

    pdf = out / f"{stem}.pdf"
    write_pdf_file(to_blocks(text), pdf, running_header=stem)
    prefix = out / f"{stem}-scan"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True)
    pages = [Image.open(p).convert("L") for p in sorted(out.glob(f"{stem}-scan*.png"))]
    scan = out / f"{stem}.scan.pdf"
    pages[0].save(scan, save_all=True, append_images=pages[1:], resolution=dpi)
    return scan
