from __future__ import annotations

from ipcity import __version__


def ipcity(request):
    """The signed-in user's role, for the navigation bar."""
    from ipcity.core.access import user_role

    role = user_role(request.user) if getattr(request, "user", None) else None
    return {"ipcity_version": __version__, "ipcity_role": role}
