"""``{% supervision_unread %}``: the unread-notification count beside the nav bar's 通知 link."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from ipcity.supervision.selectors.inbox import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def supervision_unread(context) -> str:
    request = context.get("request")
    user = getattr(request, "user", None)
    count = unread_count(user) if user is not None and user.is_authenticated else 0
    if not count:
        return ""
    return format_html(' <span class="badge red" data-testid="unread-count" title="{}">{}</span>', gettext("未读通知"),
                       count)
