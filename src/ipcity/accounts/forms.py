"""Forms of the user administration pages; choices are limited to what the actor may grant."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from ipcity.core.models import Role, token_default_lifetime, token_lifetimes
from ipcity.core.selectors import assignable_departments, assignable_regions, assignable_roles
from ipcity.core.widgets import DataSelect


class UserForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    display_name = forms.CharField(label=_("显示名称"), max_length=64, required=False)
    email = forms.EmailField(label=_("邮箱"), required=False)
    role = forms.ChoiceField(label=_("角色"))
    department: forms.ModelChoiceField = forms.ModelChoiceField(label=_("部门（填报员）"), queryset=None, required=False,
                                                                widget=DataSelect)
    region: forms.ModelChoiceField = forms.ModelChoiceField(label=_("区划（办公室、领导）"), queryset=None, required=False,
                                                            widget=DataSelect)
    password = forms.CharField(label=_("密码"), widget=forms.PasswordInput, required=False, strip=False)
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, actor, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = [(r, Role(r).label) for r in assignable_roles(actor)]
        departments, regions = assignable_departments(actor), assignable_regions(actor)
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = departments
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = regions
        # A new installation has neither until the office confirms its first plan: say where they come from.
        if not regions.exists():
            self.fields["region"].help_text = _("尚无区划：办公室确认导入第一份工作方案后，方案所属地区即可在此选择；"
                                                "办公室账号可先不选区划，之后再修改")
        if not departments.exists():
            self.fields["department"].help_text = _("尚无部门：工作方案导入并确认后，其中的责任单位即成为部门，可在此选择")
        if editing:
            self.fields["username"].disabled = True
            self.fields["password"].help_text = _("留空则不修改密码")
        else:
            self.fields["password"].required = True
            del self.fields["is_active"]


class TokenForm(forms.Form):
    name = forms.CharField(label=_("用途"), max_length=64)
    # Left out (an older page, a script posting the form): the default lifetime.
    days = forms.TypedChoiceField(label=_("有效期"), coerce=int, required=False, empty_value=None,
                                  help_text=_("到期后令牌不能再用，需另建新令牌；可随时提前撤销。"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["days"])
        field.choices = [(d, _("%(days)s 天") % {"days": d}) for d in token_lifetimes()]
        field.initial = token_default_lifetime()
