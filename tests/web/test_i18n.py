"""The English catalogue: complete, faithful to its placeholders, compiled, and used by the pages.

The interface is written in Chinese (zh-hans); English comes from ``src/ipcity/locale/en``. The
compiled ``.mo`` is not committed, so the ``english_catalogue`` fixture builds it when it is
missing or older than the ``.po``. The ``.po`` is read with the small parser below rather than
polib, which is not a test dependency.
"""

from __future__ import annotations

import contextlib
import gettext as gettext_module
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import django
import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import translation

import ipcity
from ipcity.core.models import Role
from tests.web.platform import factories as f

PACKAGE_DIR = Path(ipcity.__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
PO_PATH = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
# Corrections to Django's own zh_Hans messages (the interface itself needs no zh_Hans catalogue).
ZH_OVERRIDES_PO = LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"
DJANGO_ZH_PO = Path(django.__file__).resolve().parent / "conf" / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
# Python-format and brace placeholders a translation must carry over unchanged.
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0]*\d*(?:\.\d+)?[sdfr]|%%|%[sdf]|\{\w*\}")
CJK = re.compile(r"[\u4e00-\u9fff]")
HAS_GETTEXT = shutil.which("msgfmt") is not None and shutil.which("xgettext") is not None


# --- a minimal .po reader ---------------------------------------------------------------------

@dataclass
class PoEntry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstrs: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(token: str) -> str:
    body = token.strip()[1:-1]
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(1)), body)


def parse_po(text: str) -> list[PoEntry]:
    """Entries of a gettext catalogue (header included, with msgid ""), in file order."""
    entries: list[PoEntry] = []
    entry = PoEntry()
    field_name: str | None = None
    seen_msgid = False

    def finish() -> None:
        nonlocal entry, field_name, seen_msgid
        if seen_msgid:
            entries.append(entry)
        entry, field_name, seen_msgid = PoEntry(), None, False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~|"):
            continue  # the previous msgid of an obsolete entry
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        elif line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = _unquote(line)
        elif keyword in ("msgctxt", "msgid", "msgid_plural") or keyword.startswith("msgstr"):
            if keyword == "msgid" and seen_msgid and field_name != "msgctxt":
                finish()  # two entries with no blank line between them
            field_name, value = keyword, _unquote(rest)
            entry.obsolete = entry.obsolete or obsolete
            if keyword == "msgid":
                seen_msgid = True
            if keyword.startswith("msgstr"):
                entry.msgstrs.append("")
        else:
            raise ValueError(f"unreadable line in catalogue: {raw!r}")
        if field_name == "msgctxt":
            entry.msgctxt = (entry.msgctxt or "") + value
        elif field_name == "msgid":
            entry.msgid += value
        elif field_name == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        elif field_name and field_name.startswith("msgstr"):
            entry.msgstrs[-1] += value
    finish()
    return entries


def live_messages(path: Path) -> list[PoEntry]:
    """The catalogue's translatable entries: neither the header nor obsolete leftovers."""
    return [e for e in parse_po(path.read_text(encoding="utf-8")) if e.msgid and not e.obsolete]


# --- fixtures -----------------------------------------------------------------------------------

def _forget_loaded_catalogues() -> None:
    """Make Django and gettext re-read catalogues (what a LOCALE_PATHS change does in tests)."""
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    gettext_module._translations.clear()


def _compiled(po_path: Path, locale: str) -> Path:
    """``po_path``'s ``.mo``, (re)built when missing or older than the ``.po``."""
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.is_file() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
        if shutil.which("msgfmt") is None:
            pytest.skip("gettext (msgfmt) is not installed; `make system-deps` installs it")
        # compilemessages walks the working directory for locale folders: keep that walk small.
        with contextlib.chdir(PACKAGE_DIR):
            call_command("compilemessages", locale=[locale], verbosity=0)
        _forget_loaded_catalogues()
    return mo_path


@pytest.fixture(scope="session")
def english_catalogue() -> Path:
    """The compiled English catalogue, (re)built from the .po when missing or stale."""
    assert PO_PATH.is_file(), f"missing {PO_PATH}: run makemessages -l en"
    return _compiled(PO_PATH, "en")


@pytest.fixture(scope="session")
def chinese_overrides() -> Path:
    return _compiled(ZH_OVERRIDES_PO, "zh_Hans")


@pytest.fixture
def english_client(client, english_catalogue):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- the catalogue itself ----------------------------------------------------------------------

def test_parser_reads_plurals_flags_and_continuations():
    text = (
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2;\\n"\n\n'
        '#: a.html:1\n#, python-format\nmsgid "退回 %(n)s 次"\nmsgid_plural "退回 %(n)s 次"\n'
        'msgstr[0] "Returned %(n)s time"\nmsgstr[1] "Returned %(n)s times"\n\n'
        'msgid ""\n"长"\n"句"\nmsgstr "Long \\"quoted\\" "\n"sentence"\n\n'
        '#~ msgid "旧"\n#~ msgstr "Old"\n'
    )
    header, plural, long, old = parse_po(text)
    assert header.msgid == "" and "nplurals=2" in header.msgstrs[0]
    assert plural.flags == {"python-format"} and plural.msgid_plural == "退回 %(n)s 次"
    assert plural.msgstrs == ["Returned %(n)s time", "Returned %(n)s times"]
    assert (long.msgid, long.msgstrs) == ("长句", ['Long "quoted" sentence'])
    assert old.obsolete and old.msgstrs == ["Old"]


def test_every_message_has_an_english_translation():
    entries = live_messages(PO_PATH)
    assert len(entries) > 400  # the whole interface, not a sample
    untranslated = [e.msgid for e in entries if not all(s.strip() for s in e.msgstrs)]
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"empty msgstr for: {untranslated}"
    assert not fuzzy, f"fuzzy (unchecked) translations: {fuzzy}"
    plurals = [e for e in entries if e.msgid_plural]
    assert plurals and all(len(e.msgstrs) == 2 for e in plurals)  # English has two plural forms


def test_chinese_overrides_only_correct_djangos_own_messages():
    # An interface msgid here would shadow nothing and rot; Django's own msgids are what it is for.
    djangos = {e.msgid for e in live_messages(DJANGO_ZH_PO)}
    overrides = live_messages(ZH_OVERRIDES_PO)
    assert overrides and all(e.msgid in djangos and all(s.strip() for s in e.msgstrs) for e in overrides)


def test_a_pasted_nul_is_named_in_chinese(chinese_overrides):
    # Every Django CharField refuses a NUL before our own rule (core.typed_text) sees it; Django's
    # zh_Hans message reads "using an empty string is not allowed".
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        forms.CharField().clean("甲\x00乙")
    assert caught.value.messages == ["含有空字符（NUL），无法保存；请删除后再保存。"]


def test_translations_keep_their_placeholders():
    wrong = [
        (e.msgid, s)
        for e in live_messages(PO_PATH)
        for s in e.msgstrs
        if sorted(PLACEHOLDER.findall(s)) != sorted(PLACEHOLDER.findall(e.msgid))
    ]
    assert not wrong


def test_english_is_english():
    """Every msgstr but the language's own name is free of Chinese (the UI would fall back to it)."""
    allowed = {"简体中文"}  # a language switcher names each language in that language
    # Column names of the Chinese spreadsheet template are quoted as they appear in it.
    quoted = re.compile(r"“[\u4e00-\u9fff]+”|[\u4e00-\u9fff]+ \(")
    chinese = [
        (e.msgid, s)
        for e in live_messages(PO_PATH)
        for s in e.msgstrs
        if e.msgid not in allowed and CJK.search(quoted.sub("", s))
    ]
    assert not chinese


@pytest.mark.skipif(not HAS_GETTEXT, reason="gettext is not installed; `make system-deps` installs it")
def test_catalogue_covers_every_translatable_string_in_the_source(tmp_path):
    """makemessages over a copy of the package finds no msgid missing from the catalogue.

    When this fails: cd src/ipcity && django-admin makemessages -l en --settings=ipcity.web.settings
    --ignore "*/static/*" --ignore "*/tests/*", then translate the new entries.
    """
    source = tmp_path / "ipcity"
    shutil.copytree(PACKAGE_DIR, source, ignore=shutil.ignore_patterns("locale", "static", "__pycache__"))
    out = tmp_path / "out"
    (out / "en").mkdir(parents=True)
    # A copy keeps makemessages' temporary files and output out of the working tree.
    with override_settings(LOCALE_PATHS=[str(out)]), contextlib.chdir(source):
        call_command("makemessages", locale=["en"], verbosity=0, ignore_patterns=["*/static/*", "*/tests/*"])
    _forget_loaded_catalogues()
    in_source = {(e.msgctxt, e.msgid) for e in live_messages(out / "en" / "LC_MESSAGES" / "django.po")}
    in_catalogue = {(e.msgctxt, e.msgid) for e in live_messages(PO_PATH)}
    assert len(in_source) > 400
    missing = sorted(m for _, m in in_source - in_catalogue)
    assert not missing, f"strings not yet in the English catalogue: {missing}"


# --- the catalogue in use ----------------------------------------------------------------------

def test_key_terms_in_english(english_catalogue):
    from ipcity.monitoring.labels import OUTLOOK, YEAR_STATUS

    with translation.override("en"):
        assert translation.gettext("首页") == "Home"
        assert translation.gettext("责任分工表") == "Responsibility matrix"
        assert translation.gettext("督查督办") == "Supervision"
        assert translation.gettext("牵头") == "Lead"
        assert translation.gettext("配合") == "Co-responsible"
        assert str(YEAR_STATUS["met"][0]) == "Met"
        assert str(OUTLOOK["on_track"][0]) == "On track"
        returned = "退回 %(n)s 次"
        assert translation.ngettext(returned, returned, 1) % {"n": 1} == "Returned 1 time"
        assert translation.ngettext(returned, returned, 3) % {"n": 3} == "Returned 3 times"
    with translation.override("zh-hans"):
        assert translation.gettext("首页") == "首页"  # the source language is untouched


@pytest.mark.django_db  # the header's name reads the programmes' level (web.site_words)
def test_login_template_renders_in_english(english_catalogue):
    request = RequestFactory().get("/accounts/login/")
    request.user = AnonymousUser()
    with translation.override("en"):
        html = render_to_string("registration/login.html", {"form": AuthenticationForm()}, request=request)
    assert '<html lang="en">' in html
    assert "Log in" in html and "Username" in html and "Password" in html
    assert "IP-Strong City" in html
    assert not CJK.search(html.replace("简体中文", ""))


@pytest.mark.django_db
def test_language_switch_turns_the_login_page_english(client, english_catalogue):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    page = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page and "Log in" in page
    assert "登录" not in page
    failed = client.post(reverse("login"), {"username": "nobody", "password": "wrong"}).content.decode()
    assert "Incorrect username or password" in failed


@pytest.mark.django_db
def test_signed_in_pages_speak_english(english_client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    city = f.region("340700", "铜陵市")
    departments = [f.department(city, "市市场监管局"), f.department(city, "市科技局")]
    program = f.program(city, departments=departments)
    english_client.force_login(f.user("office", Role.OFFICE, region=city))

    home = english_client.get(reverse("programs:home")).content.decode()
    assert "IP-strong city programmes" in home and "Key tasks" in home and "Log out" in home
    assert "首页" not in home and "重点任务" not in home

    matrix = english_client.get(reverse("programs:matrix", args=[program.pk])).content.decode()
    assert "Responsibility matrix" in matrix and "Lead" in matrix
    assert "责任分工表" not in matrix

    dashboard = english_client.get(reverse("monitoring:dashboard", args=[program.pk])).content.decode()
    assert "Indicator monitoring" in dashboard
    assert "指标监测" not in dashboard


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_language_switch_names_each_language_in_itself(client, english_catalogue, language):
    # Field test: the Chinese pages offered “英语”, which a reader of English cannot recognise.
    client.post(reverse("set_language"), {"language": language, "next": reverse("login")})
    page = client.get(reverse("login")).content.decode()
    assert re.search(r'<option value="en" lang="en"[^>]*>English</option>', page)
    assert re.search(r'<option value="zh-hans" lang="zh-hans"[^>]*>简体中文</option>', page)


def test_a_too_long_field_is_told_in_plain_chinese(chinese_overrides):
    # Field test: Django's zh_Hans message for a too-long field reads 确保该变量包含不超过 255 字符,
    # a 变量 ("variable") no one typing a case's subject knows of.
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        forms.CharField(max_length=255).clean("长" * 300)
    assert caught.value.messages == ["最多 255 个字符，现有 300 个；请删减后再保存。"]
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        forms.CharField(min_length=10).clean("短")
    assert caught.value.messages == ["至少 10 个字符，现有 1 个；请补充后再保存。"]
