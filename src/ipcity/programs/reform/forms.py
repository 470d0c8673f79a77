"""Forms of the 机构改革 pages."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ipcity.core.widgets import DataSelect
from ipcity.programs.reform import selectors

# 机构改革 -------------------------------------------------------------------------------------
# Each form carries the edit stamp (``core.edit_stamps``) of the page it was opened on, required:
# a POST without it names nothing and changes nothing.


class DepartmentRenameForm(forms.Form):
    name = forms.CharField(label=_("新名称"), max_length=128,
                           help_text=_("原名称保留为别名：仍写原名称的计划文件和修订导入会对应到本部门。"))
    stamp = forms.CharField(widget=forms.HiddenInput)


class DepartmentMergeChoiceForm(forms.Form):
    """The first step (GET): which unit takes the work over."""

    target: forms.ModelChoiceField = forms.ModelChoiceField(label=_("并入哪个部门"), queryset=None, empty_label=_("（请选择）"), widget=DataSelect,
                                    error_messages={"invalid_choice": _("所选部门不是本地区的在用部门"),
                                                    "required": _("请选择接手的部门")})

    def __init__(self, *args, department=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["target"]).queryset = selectors.department_merge_targets(department)


class DepartmentMergeForm(DepartmentMergeChoiceForm):
    """The confirmation (POST): the chosen unit and the stamp of what the page counted."""

    stamp = forms.CharField(widget=forms.HiddenInput)


class DepartmentRetireForm(forms.Form):
    stamp = forms.CharField(widget=forms.HiddenInput)
