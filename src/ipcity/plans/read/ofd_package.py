"""An OFD package (GB/T 33190-2016): the zip, its XML read safely, and the list of its pages.

``OFD.xml`` names each document's root (``DocBody/DocRoot``); the root ``Document.xml`` lists
the pages (``Pages/Page@BaseLoc``) and, in ``CommonData``, the template pages whose content is
drawn on every page that names them (running headers, page frames: page furniture, not read).

Everything here is bounded before it is read: the zip's directory has passed the zip guard
(sizes, counts, names that climb out of the package), a page list longer than ``MAX_PAGES`` is
refused before any page is opened, and XML with a DTD is refused before it is parsed (OFD needs
none; a DTD is how entity expansion, "billion laughs", and external entities get in). The parser
itself resolves no entities and fetches nothing.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipcity.plans.errors import DocumentError
from ipcity.plans.read.sniff import OFD_ENTRY
from ipcity.plans.read.zipguard import check_member_names, open_checked_zip

# A plan has tens of pages; a package listing more is no plan (or a trap for the reader).
MAX_PAGES = 1000
# Each part read is a few hundred kB at most; the zip guard bounds members, this bounds what one
# XML part may make the parser hold.
MAX_XML_BYTES = 16 * 1024 * 1024
# GM/T 0099 (OFD encryption) adds this part; its pages are ciphertext.
_ENCRYPTION_PART = "encryptions.xml"


@dataclass
class OfdPackage:
    archive: zipfile.ZipFile
    name: str
    pages: list[str]  # the page content parts, in reading order
    documents: int  # how many DocBody entries OFD.xml lists (only the first is read)

    def xml(self, part: str) -> Any:
        return read_xml(self.archive, part, self.name)

    def close(self) -> None:
        self.archive.close()


def local(tag: Any) -> str:
    """An element's name without its namespace (producers differ in prefixes and namespaces)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def child(element: Any, name: str) -> Any | None:
    return next((c for c in element if local(c.tag) == name), None)


def open_package(file: Path, name: str) -> OfdPackage:
    archive = open_checked_zip(file, name)
    try:
        members = archive.infolist()
        check_member_names(members, name)
        if any(posixpath.basename(m.filename).lower() == _ENCRYPTION_PART for m in members):
            raise DocumentError(name, "encrypted OFD document: open it in an OFD reader, remove the protection and save again",
                                "OFD 文档已加密，请在 OFD 阅读器中取消加密后重新保存")
        root = read_xml(archive, OFD_ENTRY, name)
        bodies = [c for c in root if local(c.tag) == "DocBody"]
        doc_root = next((text for body in bodies if (text := _text(child(body, "DocRoot")))), "")
        if not doc_root:
            raise DocumentError(name, "broken OFD document: OFD.xml names no document (DocRoot)",
                                "OFD 文档已损坏：OFD.xml 中没有指明文档（缺少 DocRoot）")
        document_part = resolve(OFD_ENTRY, doc_root, name)
        pages = _page_parts(read_xml(archive, document_part, name), document_part, name)
    except BaseException:
        archive.close()
        raise
    return OfdPackage(archive, name, pages, len(bodies))


def _page_parts(document: Any, document_part: str, name: str) -> list[str]:
    pages_element = child(document, "Pages")
    listed = [p for p in pages_element if local(p.tag) == "Page"] if pages_element is not None else []
    if len(listed) > MAX_PAGES:
        raise DocumentError(name, f"refused: the OFD document lists {len(listed)} pages (at most {MAX_PAGES})",
                            f"拒绝读取：OFD 文档列出 {len(listed)} 页，超过 {MAX_PAGES} 页上限")
    if not listed:
        raise DocumentError(name, "broken OFD document: Document.xml lists no pages",
                            "OFD 文档已损坏：Document.xml 中没有页面")
    parts = []
    for page in listed:
        base = page.get("BaseLoc") or ""
        if not base:
            raise DocumentError(name, "broken OFD document: a page without its content (BaseLoc)",
                                "OFD 文档已损坏：页面缺少内容位置（BaseLoc）")
        parts.append(resolve(document_part, base, name))
    return parts


def resolve(referrer: str, location: str, name: str) -> str:
    """A part named in ``referrer``: relative to its folder, or from the package root when it
    starts with ``/``. A location that climbs out of the package is refused."""
    location = location.strip().replace("\\", "/")
    joined = location.lstrip("/") if location.startswith("/") else posixpath.join(posixpath.dirname(referrer), location)
    normal = posixpath.normpath(joined)
    if normal.startswith("../") or normal == ".." or normal.startswith("/"):
        raise DocumentError(name, f"refused: the OFD document points outside its package ({location[:80]!r})",
                            "拒绝读取：OFD 文档引用了包外的文件路径")
    return normal


def read_xml(archive: zipfile.ZipFile, part: str, name: str) -> Any:
    from lxml import etree

    # Producers differ in the case of part names ("Doc_0/Pages" vs "doc_0/pages").
    info: zipfile.ZipInfo | None
    try:
        info = archive.getinfo(part)
    except KeyError:
        info = next((i for i in archive.infolist() if i.filename.lower() == part.lower()), None)
    if info is None:
        raise DocumentError(name, f"broken OFD document: the part {part[:80]} is missing",
                            f"OFD 文档已损坏：缺少文件 {part[:80]}")
    if info.file_size > MAX_XML_BYTES:
        raise DocumentError(name, f"refused: the OFD part {part[:80]} is {info.file_size / 1e6:.0f} MB",
                            "拒绝读取：OFD 文档中的 XML 文件过大")
    try:
        data = archive.read(info)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise DocumentError(name, f"corrupt OFD document: the part {part[:80]} cannot be unpacked",
                            "OFD 文档已损坏（压缩内容无法解开）") from exc
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise DocumentError(name, f"refused: the OFD part {part[:80]} declares a DTD or entities",
                            "拒绝读取：OFD 文档的 XML 含有 DTD 或实体声明")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DocumentError(name, f"corrupt OFD document: {part[:80]} is not well-formed XML ({exc})",
                            f"OFD 文档已损坏：{part[:80]} 不是有效的 XML") from exc
    if root is None:
        raise DocumentError(name, f"corrupt OFD document: {part[:80]} is empty", f"OFD 文档已损坏：{part[:80]} 为空")
    if root.getroottree().docinfo.doctype:  # a DTD in an encoding the byte test above cannot see
        raise DocumentError(name, f"refused: the OFD part {part[:80]} declares a DTD or entities",
                            "拒绝读取：OFD 文档的 XML 含有 DTD 或实体声明")
    return root


def _text(element: Any | None) -> str:
    return (element.text or "").strip() if element is not None else ""
