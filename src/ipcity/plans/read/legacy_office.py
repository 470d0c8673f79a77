"""Word 97–2003 (.doc, and WPS's .wps in the same binary format) and RTF files, read by converting
them to .docx with LibreOffice (Debian's ``libreoffice-writer-nogui``) and then reading that.

Government sites still publish many plans as ``.doc`` attachments, and a ``.doc`` is often RTF
under that name; no maintained Python library reads either with its tables. LibreOffice's
converter keeps paragraphs, tables (merged cells too) and Word's automatic numbering, which the
docx reader then renders as for any .docx.

A hostile file is converted in a subprocess with a time limit, a profile of its own made for the
conversion and deleted after it, and settings that keep the file from reaching anything outside
itself: macros never run, links (``INCLUDETEXT``, linked pictures, OLE links) are never updated
on loading, and every proxy points at a closed local port so that nothing is fetched over the
network. The converted .docx then passes the docx reader's own zip checks.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ipcity.plans.errors import DocumentError

CONVERT_SECONDS = 90
# What the conversion may use, set by util-linux's ``prlimit`` before LibreOffice starts (so every
# process it starts inherits it): its address space (a plan's conversion peaks at about 450 MB of
# address space and 210 MB resident; a file built to make it allocate without end is stopped at
# this, and refused as one that cannot be converted), and the size of any file it writes.
MEMORY_BYTES = 2 * 1024**3
FILE_BYTES = 256 * 1024**2
# A closed port on the loopback: a proxy that refuses every connection.
_NOWHERE = ("127.0.0.1", 9)

# LibreOffice's user settings for the conversion (registrymodifications.xcu of a fresh profile).
_SETTINGS = {
    ("org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel"): ("int", "3"),
    ("org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution"): ("boolean", "true"),
    ("org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks"): ("boolean", "true"),
    # Writer's "update links when loading": 2 = never (0 always, 1 on request).
    ("org.openoffice.Office.Writer/Content/Update", "Link"): ("int", "2"),
    ("org.openoffice.Inet/Settings", "ooInetProxyType"): ("int", "1"),
    ("org.openoffice.Inet/Settings", "ooInetHTTPProxyName"): ("string", _NOWHERE[0]),
    ("org.openoffice.Inet/Settings", "ooInetHTTPProxyPort"): ("int", str(_NOWHERE[1])),
    ("org.openoffice.Inet/Settings", "ooInetHTTPSProxyName"): ("string", _NOWHERE[0]),
    ("org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort"): ("int", str(_NOWHERE[1])),
    ("org.openoffice.Inet/Settings", "ooInetFTPProxyName"): ("string", _NOWHERE[0]),
    ("org.openoffice.Inet/Settings", "ooInetFTPProxyPort"): ("int", str(_NOWHERE[1])),
    ("org.openoffice.Inet/Settings", "ooInetNoProxy"): ("string", ""),
    ("org.openoffice.Office.Common/Misc", "UseLocking"): ("boolean", "false"),
}


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _profile(directory: Path) -> None:
    items = "\n".join(
        f'<item oor:path="/{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for (path, name), (_kind, value) in _SETTINGS.items())
    user = directory / "user"
    user.mkdir(parents=True)
    (user / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        f"{items}\n</oor:items>\n", encoding="utf-8")


def _limits() -> list[str]:
    """The ``prlimit`` prefix of the command (none where util-linux is missing: the time limit stays)."""
    program = shutil.which("prlimit")
    return [program, f"--as={MEMORY_BYTES}", f"--fsize={FILE_BYTES}", "--"] if program else []


def _converted_in_time(command: list[str], work: Path, env: dict[str, str]) -> bool:
    """Run the conversion; False when it outlasts ``CONVERT_SECONDS``.

    Debian's ``soffice`` is a script that starts ``oosplash``, which starts ``soffice.bin``: killing
    the first process alone (what ``subprocess.run`` does at its timeout) left ``soffice.bin``
    running on a file that makes it hang, writing into the profile after it was deleted. So the
    conversion gets a process group of its own, and the whole group is killed when it ends, in
    time or not, before the temporary directory is removed."""
    process = subprocess.Popen(command, cwd=work, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        process.wait(timeout=CONVERT_SECONDS)
        return True
    except subprocess.TimeoutExpired:
        return False
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the group keeps the leader's pid as its id
        except ProcessLookupError:
            pass  # every process of the group has ended
        process.wait()


@contextmanager
def as_docx(file: Path, name: str, what: str, what_zh: str) -> Iterator[Path]:
    """The file converted to .docx (deleted on leaving); ``DocumentError`` when it cannot be."""
    program = soffice()
    if program is None:
        raise DocumentError(name, f"{what}: save it as .docx (LibreOffice, which converts it, is not installed)",
                            f"{what_zh}，请另存为 .docx 后上传（服务器未安装用于转换的 LibreOffice）")
    with tempfile.TemporaryDirectory(prefix="ipcity-convert-") as tmp:
        work = Path(tmp)
        _profile(work / "profile")
        source = work / "in" / ("document" + (file.suffix.lower() if file.suffix.lower() in (".doc", ".rtf", ".wps")
                                               else ".doc"))
        source.parent.mkdir()
        shutil.copyfile(file, source)
        out = work / "out"
        command = [*_limits(), program, "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)]
        env = {"HOME": str(work), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
               "http_proxy": "http://%s:%d" % _NOWHERE, "https_proxy": "http://%s:%d" % _NOWHERE,
               "no_proxy": ""}
        if not _converted_in_time(command, work, env):
            raise DocumentError(name, f"{what}: the conversion took longer than {CONVERT_SECONDS} s",
                                f"{what_zh}转换超时，请另存为 .docx 后上传")
        converted = out / (source.stem + ".docx")
        if not converted.is_file() or converted.stat().st_size == 0:
            raise DocumentError(name, f"{what} that cannot be converted (damaged or password-protected)",
                                f"{what_zh}无法转换（文件可能已损坏或设有密码），请另存为 .docx 后上传")
        yield converted
