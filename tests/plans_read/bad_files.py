"""Bad input files, one maker per case, shared by the reader tests and the CLI tests."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.plans_read.docx_builder import new_document
from tests.plans_read.pdf_builder import encrypted_pdf, image_only_pdf, write_pdf

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def empty(path: Path) -> None:
    path.write_bytes(b"")


def blank_text(path: Path) -> None:
    path.write_text(" \n\t\n　\n", encoding="utf-8")


def binary_garbage(path: Path) -> None:
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(50_000)))


def png_with_docx_extension(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))


def truncated_docx(path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("一、总体要求" * 200)
    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])


def docx_with_broken_xml(path: Path) -> None:
    doc = new_document()
    doc.add_paragraph("一、总体要求")
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut in the middle of an element
            dst.writestr(item, data)


def encrypted_docx(path: Path) -> None:
    # What Word writes for a password-protected .docx: an OLE2 container with an EncryptedPackage.
    directory = "EncryptionInfo".encode("utf-16-le").ljust(64, b"\0") + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(OLE2 + bytes(504) + directory.ljust(4096, b"\0") + bytes(8192))


def legacy_doc(path: Path) -> None:
    # A Word 97–2003 header and directory name with no compound-file structure behind them.
    path.write_bytes(OLE2 + bytes(504) + "WordDocument".encode("utf-16-le").ljust(4096, b"\0"))


def excel_workbook(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "指标"
    book.save(path)


def zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (80 * 1024 * 1024))


def over_size_limit(path: Path) -> None:
    with path.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)


def scanned_pdf(path: Path) -> None:
    image_only_pdf(path)


def locked_pdf(path: Path) -> None:
    encrypted_pdf(path)


def truncated_pdf(path: Path) -> None:
    write_pdf(path, "<p>一、总体要求。到2025年，专利拥有量达到14件。</p>")
    path.write_bytes(path.read_bytes()[:2000])


def _ofd_files() -> dict[str, str | bytes]:
    from tests.plans_read.ofd_builder import layout_blocks, package_files
    from tests.plans_variants.render import Block

    return dict(package_files(layout_blocks([Block("paragraph", "一、总体要求。到2025年，专利拥有量达到14件。")])))


def encrypted_ofd(path: Path) -> None:
    from tests.plans_read.ofd_builder import write_package

    files = _ofd_files()
    files["Encryptions.xml"] = "<Encryptions/>"
    write_package(files, path)


def ofd_with_entities(path: Path) -> None:
    from tests.plans_read.ofd_builder import write_package

    files = _ofd_files()
    files["Doc_0/Document.xml"] = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><d>&e;</d>'
    write_package(files, path)


# case → (file name, maker, words the one-line message must contain)
BAD_FILES: dict[str, tuple[str, Callable[[Path], None], str]] = {
    "empty": ("plan.txt", empty, "the file is empty"),
    "blank": ("plan.txt", blank_text, "no text found"),
    "garbage": ("plan.txt", binary_garbage, "binary data of no known format"),
    "image_as_docx": ("plan.docx", png_with_docx_extension, "a PNG image"),
    "truncated_docx": ("plan.docx", truncated_docx, "corrupt Word document"),
    "broken_xml_docx": ("plan.docx", docx_with_broken_xml, "corrupt Word document"),
    "encrypted_docx": ("plan.docx", encrypted_docx, "password-protected"),
    "legacy_doc": ("plan.doc", legacy_doc, "damaged or no Word document"),
    "excel": ("plan.docx", excel_workbook, "an Excel workbook"),
    "zip_bomb": ("plan.docx", zip_bomb, "zip bomb"),
    "too_large": ("plan.pdf", over_size_limit, "over the 20 MB limit"),
    "scanned_pdf": ("plan.pdf", scanned_pdf, "scanned PDF without a text layer: needs OCR"),
    "encrypted_pdf": ("plan.pdf", locked_pdf, "password-protected (encrypted) PDF"),
    "truncated_pdf": ("plan.pdf", truncated_pdf, "corrupt PDF"),
    "encrypted_ofd": ("plan.ofd", encrypted_ofd, "encrypted OFD document"),
    "ofd_external_entity": ("plan.ofd", ofd_with_entities, "declares a DTD or entities"),
}
