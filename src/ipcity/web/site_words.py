"""The platform's own name and headings, in the words of the office's programme level.

The platform began with cities and named itself 知识产权强市建设 on every page. A county office
running a 强县 programme, or a province's 强省 office, read 强市 in the page title, the header, the
home page and the public pages. The word comes from ``programs.selectors.site_programme_word``
(the rule is ``divisions.wording.programme_words``, as in the reports); the texts are written out
per word so that each is a whole sentence for the translator.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import DatabaseError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SiteNames:
    brand: Promise  # the header's name and the public pages' title
    platform: Promise  # the browser tab's title
    programmes: Promise  # the home page's heading
    public: Promise  # the public site's name


SITE_NAMES = {
    "强市": SiteNames(_("知识产权强市建设"), _("知识产权强市建设管理平台"), _("知识产权强市建设项目"),
                    _("知识产权强市建设 · 政务公开")),
    "强县": SiteNames(_("知识产权强县建设"), _("知识产权强县建设管理平台"), _("知识产权强县建设项目"),
                    _("知识产权强县建设 · 政务公开")),
    "强区": SiteNames(_("知识产权强区建设"), _("知识产权强区建设管理平台"), _("知识产权强区建设项目"),
                    _("知识产权强区建设 · 政务公开")),
    "强省": SiteNames(_("知识产权强省建设"), _("知识产权强省建设管理平台"), _("知识产权强省建设项目"),
                    _("知识产权强省建设 · 政务公开")),
}
# 强州, 强盟, 强旗 (a title that names no level, of an autonomous prefecture or a league): such
# places run the national programme as cities do.
DEFAULT_WORD = "强市"


def site_names(request) -> SiteNames:
    """The names for the reader of ``request``: the word of the programmes the reader sees (a
    county's office on a province's platform reads 强县; the public, that of the published
    programmes; any reader, the platform's programmes when it sees none of its own). The context
    processor reads it lazily: once per request, and only when a template shows a name."""
    from ipcity.programs.access import access_programs
    from ipcity.programs.models import Program
    from ipcity.programs.selectors import site_programme_word
    from ipcity.publication.selectors import public_programs

    user = getattr(request, "user", None)
    seen = access_programs(user) if user is not None and user.is_authenticated else public_programs()
    try:
        word = site_programme_word(seen) or site_programme_word(Program.objects.all())
    except DatabaseError:  # an unmigrated database still shows its pages' name
        word = None
    return SITE_NAMES.get(word or DEFAULT_WORD, SITE_NAMES[DEFAULT_WORD])
