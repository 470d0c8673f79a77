"""The programmes' item of the home page's to-do list (``ipcity.core.contributions``)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from ipcity.core.access import is_office
from ipcity.core.contributions import AttentionItem
from ipcity.core.localtime import local_text
from ipcity.programs.access import access_programs
from ipcity.programs.selectors import pending_imports


def pending_plan_imports(user) -> list[AttentionItem]:
    """Uploaded plan documents the office has not yet confirmed or discarded."""
    return [
        AttentionItem(
            title=_("待确认的规划导入：%(name)s") % {"name": imp.original_name},
            url=reverse("programs:importing:review", args=[imp.pk]), kind="plan_import", level="yellow",
            label=_("待确认"),
            detail=local_text(imp.created_at),  # local time, as the import list shows it
        )
        for imp in pending_imports(user)
    ]


def indicators_without_owner(user) -> list[AttentionItem]:
    """The office's programmes with indicators no department answers for: no round asks anyone for
    their values until the office names a 数据责任部门 (after a first import, none has one)."""
    if not is_office(user):
        return []
    programs = (access_programs(user).filter(is_sample=False)
                .annotate(ownerless=Count("indicators", filter=Q(indicators__owner_department__isnull=True)))
                .filter(ownerless__gt=0).order_by("-pk")[:10])
    return [
        AttentionItem(
            title=_("%(program)s：%(count)s 项指标未指定数据责任部门") % {"program": program.title,
                                                                     "count": program.ownerless},
            url=reverse("programs:indicators", args=[program.pk]), kind="indicator_owner", level="yellow",
            label=_("待指定"),
            detail=_("在指标的“修改”中指定后，报送轮次才会请该部门填报数值"),
        )
        for program in programs
    ]
