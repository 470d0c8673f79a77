"""``{{ event.action|action_label }}``: the words for an audit action code."""

from __future__ import annotations

from django import template

from ipcity.audit.labels import action_label as _action_label

register = template.Library()


@register.filter
def action_label(action: str) -> str:
    return _action_label(action)
