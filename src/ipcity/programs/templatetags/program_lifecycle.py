"""A programme's state on its pages: 实施中, 已期满 (derived from today), 已归档 (``programs.lifecycle``)."""

from __future__ import annotations

from django import template

from ipcity.core.access import is_office
from ipcity.programs import lifecycle

register = template.Library()

BADGE = {lifecycle.ACTIVE: "blue", lifecycle.ENDED: "yellow", lifecycle.ARCHIVED: "grey"}


@register.simple_tag(takes_context=True)
def program_state(context, program) -> dict:
    """``{code, label, colour, office}``: ``office`` is whether the viewer is the office (the prompt
    to evaluate and archive is the office's; leaders read that it is pending)."""
    state = lifecycle.program_state(program)
    request = context.get("request")
    return {"code": state, "label": lifecycle.state_label(state), "colour": BADGE[state],
            "office": is_office(getattr(request, "user", None))}


@register.filter
def finished(program) -> bool:
    """The plan is over: its period has ended, or it is archived (the public pages say 规划期已结束)."""
    return lifecycle.program_state(program) != lifecycle.ACTIVE
