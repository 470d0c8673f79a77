from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ProjectForm(forms.Form):
    title = forms.CharField(label=_("名称"), max_length=255, help_text=_("如：开展铜基新材料产业专利导航"))
    task = forms.TypedChoiceField(label=_("规划任务"), required=False, coerce=int, empty_value=None)
    dataset = forms.ChoiceField(label=_("专利数据集"))
    sei_code = forms.CharField(label=_("从 SEI 分类开始"), required=False, max_length=16,
                               help_text=_("战略性新兴产业分类代码，如 3.1；留空则填写 IPC 模式"))
    ipc = forms.CharField(label=_("IPC 模式"), required=False, max_length=1000,
                          help_text=_("以空格或逗号分隔，如 H01M10* H01M4/13"))

    def __init__(self, *args, tasks=(), datasets=(), **kwargs):
        super().__init__(*args, **kwargs)
        task_field, dataset_field = self.fields["task"], self.fields["dataset"]
        assert isinstance(task_field, forms.ChoiceField) and isinstance(dataset_field, forms.ChoiceField)
        task_field.choices = [("", "—"), *[(t.pk, f"{t.ref} {t.title}"[:120]) for t in tasks]]
        dataset_field.choices = [(d, d) for d in datasets]


class NodeForm(forms.Form):
    original_key = forms.CharField(required=False, widget=forms.HiddenInput)
    parent_key = forms.CharField(label=_("上级节点"), required=False, max_length=64)
    key = forms.CharField(label=_("节点编号"), max_length=64)
    name = forms.CharField(label=_("节点名称"), max_length=128)
    ipc = forms.CharField(label=_("IPC 模式"), required=False, max_length=2000)
    exclude = forms.CharField(label=_("排除的 IPC"), required=False, max_length=2000)
    keywords = forms.CharField(label=_("关键词"), required=False, max_length=2000,
                               help_text=_("在标题或摘要中出现其一即匹配"))
    sei = forms.CharField(label=_("SEI 分类"), required=False, max_length=200)


class RemoveForm(forms.Form):
    key = forms.CharField(max_length=64)


class AliasForm(forms.Form):
    spelling = forms.CharField(label=_("申请人写法"), max_length=255)
    name = forms.CharField(label=_("归并为"), max_length=255)


class AliasRemoveForm(forms.Form):
    spelling = forms.CharField(max_length=255)
