from __future__ import annotations

from django.utils.functional import SimpleLazyObject

from ipcity import __version__


def ipcity(request):
    """The signed-in user's role, for the navigation bar; the platform's name in the words of the
    office's programme level (read only when a page shows it)."""
    from ipcity.core.access import user_role
    from ipcity.web.site_words import site_names

    role = user_role(request.user) if getattr(request, "user", None) else None
    return {"ipcity_version": __version__, "ipcity_role": role,
            "ipcity_names": SimpleLazyObject(lambda: site_names(request))}
