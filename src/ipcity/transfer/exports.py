"""The published match list as .xlsx, for a matchmaking event (对接会).

Columns: need, enterprise, patent, title, holder, score, why, mode, stage; the contact person and
phone are added only for the office (``with_contacts``). Headers are Chinese: the sheet is handed
to Chinese firms. Every text cell passes through ``core.spreadsheets.safe_row`` so a value typed as
``=HYPERLINK(...)`` reaches Excel as text.
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from ipcity.core.spreadsheets import safe_row, workbook_bytes
from ipcity.transfer.labels import MODES, STAGES
from ipcity.transfer.models import Match

COLUMNS = ["需求", "企业", "专利号", "专利名称", "专利权人", "得分", "推荐理由", "合作方式", "进展"]
CONTACT_COLUMNS = ["联系人", "联系电话"]


def why_text(why: dict) -> str:
    """The why in one line: shared terms, shared IPC groups, the priors, a declaration or a note."""
    parts = []
    if why.get("shared_terms"):
        parts.append("共同词：" + "、".join(why["shared_terms"]))
    if why.get("shared_ipc_groups"):
        parts.append("共同IPC组：" + "、".join(why["shared_ipc_groups"]))
    for prior in why.get("priors") or []:
        parts.append(str(prior.get("detail") or prior.get("prior")))
    for key in ("declaration", "note"):
        if why.get(key):
            parts.append(str(why[key]))
    return "；".join(parts)


def published_matches_xlsx(matches: list[Match], *, with_contacts: bool) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "匹配清单"
    sheet.append(COLUMNS + (CONTACT_COLUMNS if with_contacts else []))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for match in matches:
        need = match.need
        row = [need.description, need.enterprise, match.pub_number, match.title, match.holder, match.score,
               why_text(match.why or {}), str(MODES.get(need.mode, "")), str(STAGES.get(match.stage, match.stage))]
        if with_contacts:
            row += [need.contact_person, need.phone]
        sheet.append(safe_row(row))
    return workbook_bytes(workbook)
