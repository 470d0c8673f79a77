"""The upload form: checks what can be checked before the file is read (name, kind, format,
suffix, size); the importers check the content when the job runs."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipcity.analytics import datasets as store
from ipcity.analytics.schema import DATASET_NAME_MAX_LENGTH
from ipcity.core.uploads import SUFFIXES, accepted_label
from ipcity.datasets.models import Kind
from ipcity.text import has_han

ACCEPTED = ("csv", "xlsx", "xls", "txt")  # the readers' types; an HTML table saved as .xls is read too


def _size_label(max_bytes: int) -> str:
    return f"{max_bytes / (1024 * 1024):g} MB"


def format_choices(kind: str | None = None) -> list[tuple[str, object]]:
    """自动识别, then the formats of ``kind`` as one group named by the kind; without a kind (or an
    unknown one), every kind's group: the list a browser without JavaScript gets, where a format of
    another kind is refused by ``clean``."""
    from ipcity.analytics import record_import
    from ipcity.analytics.formats import FORMATS

    groups: list[tuple[str, object]] = [("auto", _("自动识别"))]
    for each in Kind.values if kind not in Kind.values else [kind]:
        formats: list[tuple[str, object]]
        if each == Kind.PATENT:
            formats = [("canonical", _("标准格式（canonical）")), *((f.name, f.label) for f in FORMATS),
                       ("generic", _("通用表头（generic）"))]
        else:
            formats = [(name, _record_format_label(name, label)) for name, label in record_import.known_formats(each)]
        groups.append((str(Kind(each).label), formats))
    return groups


def _record_format_label(name: str, label: str) -> object:
    """A vendor's export keeps its own (Chinese) name; the two generic formats are the platform's
    words and so are translated: the canonical columns, and any known headers (``*_columns``)."""
    if name == "canonical":
        return _("标准格式（canonical）")
    if name.endswith("_columns"):
        return _("按已知表头逐列识别")
    return label


def formats_of(kind: str) -> set[str]:
    if kind == "patent":
        from ipcity.analytics.formats import FORMAT_NAMES

        return set(FORMAT_NAMES)
    from ipcity.analytics import record_import

    return {name for name, _label in record_import.known_formats(kind)}


class FormatSelect(forms.Select):
    """The vendors' own names (智慧芽 PatSnap, 中国商标网…) are data: marked Chinese on an English page."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value != "auto" and has_han(str(label)):
            option["attrs"]["lang"] = "zh"
        return option


def _check_zip(upload) -> None:
    """An XLSX (any zip) is refused from its directory when it would unpack to far more than its
    size (``readers.check_xlsx_unpacked``): a 0.8 MB zip bomb would otherwise be stored and cost
    the import job 1.8 GB of memory. Nothing is inflated here."""
    import zipfile

    from ipcity.analytics import readers

    upload.seek(0)
    try:
        if upload.read(4) != b"PK\x03\x04":
            return
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            readers.check_xlsx_unpacked(archive, upload.size, upload.name or "")
    except readers.XlsxTooBig as exc:
        if exc.reason == "members":
            raise forms.ValidationError(_("XLSX 文件内部文件过多（%(n)s 个），不能导入") % {"n": exc.members}) from None
        raise forms.ValidationError(
            _("XLSX 文件解压后过大（约 %(size)s MB），疑似压缩炸弹，不能导入；请在 Excel 中另存为 CSV 后上传") % {
                "size": f"{exc.unpacked / (1024 * 1024):,.0f}"}) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        pass  # not a readable zip: the importer says what it is when the job runs
    finally:
        upload.seek(0)


class UploadForm(forms.Form):
    """The format list follows the kind: the kind's select asks ``datasets:formats`` for the chosen
    kind's formats (HTMX, when the page loads and on each change) and swaps the format select alone,
    which keeps its id, label and place in the tab order. Without JavaScript the list holds every
    kind's formats, grouped, and ``clean`` refuses a format of another kind, naming the kind."""

    file = forms.FileField(label=gettext_lazy("文件"))
    dataset = forms.CharField(label=gettext_lazy("数据集名称"), max_length=DATASET_NAME_MAX_LENGTH,
                              help_text=gettext_lazy("新名称即新建数据集；已有名称则替换其中该类记录。字母、数字、_ - .，以字母或数字开头"))
    kind = forms.ChoiceField(label=gettext_lazy("记录类型"), choices=Kind.choices, initial=Kind.PATENT)
    export_format = forms.ChoiceField(label=gettext_lazy("格式"), choices=[], initial="auto", required=False,
                                      widget=FormatSelect,
                                      help_text=gettext_lazy("一般选“自动识别”即可；指定的格式须属于所选的记录类型"))

    def __init__(self, *args, max_bytes: int, kind: str | None = None, **kwargs):
        """``kind``: list only that kind's formats (the fragment of ``datasets:formats``); the
        page's form lists all, so that it works without JavaScript and validates any."""
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes
        self.fields["export_format"].choices = format_choices(kind)  # type: ignore[attr-defined]
        format_id = self["export_format"].auto_id
        self.fields["kind"].widget.attrs.update({
            "hx-get": reverse("datasets:formats"), "hx-trigger": "load, change", "hx-target": f"#{format_id}",
            "hx-swap": "outerHTML", "hx-include": f"#{format_id}", "aria-controls": format_id})
        self.fields["file"].help_text = _("%(kinds)s，不超过 %(size)s") % {
            "kinds": accepted_label(ACCEPTED), "size": _size_label(max_bytes)}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.size:
            raise forms.ValidationError(_("文件为空"))
        if upload.size > self.max_bytes:
            raise forms.ValidationError(_("文件超过大小上限（%(limit)s）") % {"limit": _size_label(self.max_bytes)})
        name = (upload.name or "").lower()
        if not any(name.endswith(suffix) for kind in ACCEPTED for suffix in SUFFIXES[kind]):
            raise forms.ValidationError(_("只接受 %(kinds)s 文件") % {"kinds": accepted_label(ACCEPTED)})
        _check_zip(upload)
        return upload

    def clean_dataset(self):
        name = self.cleaned_data["dataset"].strip()
        try:
            return store.check_name(name)
        except store.DatasetError:
            raise forms.ValidationError(
                _("数据集名称只能用字母、数字、_、- 和 .，以字母或数字开头，不超过 %(limit)s 个字符")
                % {"limit": DATASET_NAME_MAX_LENGTH}) from None

    def clean(self):
        data = super().clean() or {}
        kind, fmt = data.get("kind"), data.get("export_format") or "auto"
        if kind and fmt != "auto" and fmt not in formats_of(kind):
            self.add_error("export_format", _("格式 %(format)s 不适用于%(kind)s记录") % {
                "format": fmt, "kind": Kind(kind).label})
        if "export_format" in self.errors:
            # the refused format and its message stay as the user sent them: no swap when the page loads
            self.fields["kind"].widget.attrs["hx-trigger"] = "change"
        data["export_format"] = fmt
        return data
