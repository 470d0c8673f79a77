"""Report evidence is checked by content (ipcity.core.uploads): what the field test slipped through."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ipcity.supervision.models import Attachment
from ipcity.supervision.services import attachments
from ipcity.supervision.uploads import UploadRejected
from tests.web.uploads.files import minimal_pdf, zip_bomb_docx

pytestmark = pytest.mark.django_db


def _add(world, report, name: str, data: bytes):
    return attachments.attachment_add(report=report, user=world.users["reporter"], uploaded=SimpleUploadedFile(name, data))


def test_pdf_header_followed_by_html_is_refused(world, report0, settings):
    html = b"%PDF-1.4\n<!DOCTYPE html><html><body><script>fetch('/api/')</script></body></html>\n%%EOF\n"
    with pytest.raises(UploadRejected, match="网页"):
        _add(world, report0, "进展.pdf", html)
    # The same without the tell-tale markup still fails: pdfplumber cannot open it.
    with pytest.raises(UploadRejected, match="无法打开该 PDF"):
        _add(world, report0, "进展.pdf", b"%PDF-1.4\nnothing here at all\n%%EOF\n")
    with pytest.raises(UploadRejected, match="不完整"):
        _add(world, report0, "进展.pdf", minimal_pdf()[:-20])
    assert Attachment.objects.count() == 0
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.*"))  # nothing stored


def test_zip_bomb_named_docx_is_refused(world, report0):
    bomb = zip_bomb_docx(200)
    assert len(bomb) < 1024 * 1024  # well under the upload limit: only the unpacked size gives it away
    with pytest.raises(UploadRejected, match="解压后过大.*疑似压缩炸弹"):
        _add(world, report0, "佐证.docx", bomb)
    # Under the absolute limit but with an absurd ratio.
    with pytest.raises(UploadRejected, match="压缩比异常"):
        _add(world, report0, "佐证.docx", zip_bomb_docx(50))
    assert Attachment.objects.count() == 0


def test_a_zip_with_a_lying_member_size_is_refused(world, report0):
    import docx

    document = docx.Document()
    document.add_paragraph("佐证")
    buffer = io.BytesIO()
    document.save(buffer)
    data = bytearray(buffer.getvalue())
    # Declare word/document.xml smaller than it is, in its central-directory entry: a reader that
    # trusts the header would inflate more than it was told; the check inflates once and fails the CRC.
    info = next(i for i in zipfile.ZipFile(io.BytesIO(bytes(data))).infolist() if i.filename == "word/document.xml")
    offset = data.find(b"PK\x01\x02")  # central-directory entries: name length at +28, size at +24
    while offset != -1:
        name_length = int.from_bytes(data[offset + 28:offset + 30], "little")
        if data[offset + 46:offset + 46 + name_length] == b"word/document.xml":
            data[offset + 24:offset + 28] = (info.file_size // 2).to_bytes(4, "little")
        offset = data.find(b"PK\x01\x02", offset + 4)
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml").file_size == info.file_size // 2
    with pytest.raises(UploadRejected, match="校验失败"):
        _add(world, report0, "佐证.docx", bytes(data))


def test_a_macro_document_or_other_zip_renamed_docx_is_refused(world, report0):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType='
                         '"application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>')
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00" * 10)
    with pytest.raises(UploadRejected, match="不是有效的 Word"):
        _add(world, report0, "佐证.docx", buffer.getvalue())


def test_an_executable_renamed_pdf_or_image_is_refused(world, report0):
    with pytest.raises(UploadRejected, match="可执行程序"):
        _add(world, report0, "进展.pdf", b"\x7fELF\x02\x01\x01" + bytes(64))
    with pytest.raises(UploadRejected, match="扩展名与内容不符"):
        _add(world, report0, "照片.png", b"\xff\xd8\xff\xe0" + bytes(64))
    assert Attachment.objects.count() == 0


def test_real_evidence_is_accepted(world, report0):
    png = b"\x89PNG\r\n\x1a\n" + bytes(64)
    assert _add(world, report0, "进展.pdf", minimal_pdf()).kind == "pdf"
    assert _add(world, report0, "照片.png", png).kind == "image"
    assert _add(world, report0, "照片.JPEG", b"\xff\xd8\xff\xe0" + bytes(64)).kind == "image"
