"""The programmes' item of the home page's to-do list (``ipcity.core.contributions``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from ipcity.core.contributions import AttentionItem
from ipcity.core.localtime import local_text
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
