"""Forms of the programme workspace pages (the import and editing forms live in their packages)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import Case, IntegerField, When
from django.utils.translation import gettext_lazy as _

from ipcity.core.widgets import DataSelect
from ipcity.programs import selectors
from ipcity.programs.access import access_programs
from ipcity.programs.models import Program


class DepartmentFilterForm(forms.Form):
    """The departments list's filters; choices are only what the user may see."""

    program: forms.ModelChoiceField = forms.ModelChoiceField(label=_("项目"), queryset=None, required=False, empty_label=_("全部项目"), widget=DataSelect,
                                     error_messages={"invalid_choice": _("所选项目不存在或无权查看")})
    region: forms.ModelChoiceField = forms.ModelChoiceField(label=_("地区"), queryset=None, required=False, empty_label=_("全部地区"), widget=DataSelect,
                                    to_field_name="code",
                                    error_messages={"invalid_choice": _("所选地区不在可查看的范围内")})

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The archived programmes stay choosable (history) after the running ones.
        archived_last = Case(When(status=Program.Status.ARCHIVED, then=1), default=0, output_field=IntegerField())
        cast(forms.ModelChoiceField, self.fields["program"]).queryset = access_programs(user).order_by(
            archived_last, *selectors.PROGRAM_ORDER)
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = selectors.department_index_regions(user)
