"""What needs the user's attention: the list on the home page, extended by each feature app.

A provider is a function ``provider(user) -> list[AttentionItem]``. The platform registers the
pending plan imports; the monitoring and supervision apps add theirs (reports to review,
overdue duties, indicators off track...) from their ``AppConfig.ready()``::

    from ipcity.core.attention import AttentionItem, register_attention_provider

    @register_attention_provider
    def overdue_reports(user):
        return [AttentionItem(title="...", url="...", kind="overdue", level="red")]

A provider must be cheap (a query or two) and must scope what it returns to the user itself,
through ``ipcity.core.access``. A provider that fails is logged and skipped: one broken app
must not take the home page down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttentionItem:
    title: str
    url: str
    kind: str  # a short machine name: "plan_import", "report_due"...
    level: str = "blue"  # badge colour: green, yellow, red, blue, grey (the text says it too)
    detail: str = ""
    label: str = ""  # the badge's words (Chinese); the page shows them, never the machine ``kind``


AttentionProvider = Callable[[object], list[AttentionItem]]
ATTENTION_PROVIDERS: list[AttentionProvider] = []


def register_attention_provider(provider: AttentionProvider) -> AttentionProvider:
    """Add a provider (usable as a decorator); registering the same function twice is a no-op."""
    if provider not in ATTENTION_PROVIDERS:
        ATTENTION_PROVIDERS.append(provider)
    return provider


def attention_items(user) -> list[AttentionItem]:
    items: list[AttentionItem] = []
    for provider in ATTENTION_PROVIDERS:
        try:
            items.extend(provider(user))
        except Exception:  # noqa: BLE001 - isolate a faulty app, see the module docstring
            logger.exception("attention provider %r failed", provider)
    return items


@register_attention_provider
def pending_plan_imports(user) -> list[AttentionItem]:
    """Uploaded plan documents the office has not yet confirmed or discarded."""
    from django.urls import NoReverseMatch, reverse
    from django.utils.translation import gettext as _

    from ipcity.core.localtime import local_text
    from ipcity.programs.selectors import pending_imports

    items = []
    for imp in pending_imports(user):
        try:
            url = reverse("programs:importing:review", args=[imp.pk])
        except NoReverseMatch:  # the import screens are another engineer's; tolerate their absence
            url = ""
        items.append(AttentionItem(
            title=_("待确认的规划导入：%(name)s") % {"name": imp.original_name},
            url=url, kind="plan_import", level="yellow", label=_("待确认"),
            detail=local_text(imp.created_at),  # local time, as the import list shows it
        ))
    return items
