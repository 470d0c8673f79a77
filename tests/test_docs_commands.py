"""The README and docs/*.md stay runnable: every ``ipcity …`` they show names commands and options
that exist and no more arguments than its command takes (a code block's command gives the options
its command requires), README's configuration table names every IPCITY_* variable the code reads,
every repository path and every URL name (`app:name`) they cite exists. (docs/cli.md is the help
itself: tests/test_cli_help.py.)"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from ipcity.cli.main import cli

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", *sorted(p for p in (REPO / "docs").glob("*.md") if p.name != "cli.md")]


def _mentions() -> list[tuple[str, int, str, bool]]:
    """(file, line, command, from a code block) for every ``ipcity …`` shown."""
    found = []
    for doc in DOCS:
        in_block, pending, start = False, "", 0
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip().startswith("```"):
                in_block = not in_block
                continue
            if in_block:
                text = pending + " " + line.strip() if pending else line.strip()
                start = start if pending else number
                if text.endswith("\\"):  # a command continued on the next line
                    pending = text[:-1]
                    continue
                pending = ""
                text = re.sub(r"^\$ ", "", text).replace(".venv/bin/", "")
                text = re.sub(r"^(\S+=\S+ )+", "", text)
                text = re.sub(r"^sudo -u \S+ sh -c '.*?; (?:/opt/ipcity/\.venv/bin/)?", "", text).rstrip("'")
                if text.startswith("ipcity "):
                    text = re.split(r"\s+#", text)[0]
                    for part in text.split(" / "):
                        found.append((doc.name, start, part.strip(), True))
            else:
                for match in re.finditer(r"`((?:\.venv/bin/)?ipcity [^`]+)`", line):
                    found.append((doc.name, number, match.group(1).replace(".venv/bin/", ""), False))
    return found


def _words(command: str) -> list[str]:
    command = re.sub(r"\$\([^)]*\)", "X", command).replace("[", " ").replace("]", " ")
    try:
        return shlex.split(command)
    except ValueError:
        return command.split()


def _resolve(words: list[str]) -> tuple[click.Command, list[str], list[str]]:
    command: click.Command = cli
    path, rest = ["ipcity"], words[1:]
    while isinstance(command, click.Group) and rest and not rest[0].startswith("-"):
        sub = command.commands.get(rest[0])
        if sub is None:
            break
        command, path, rest = sub, [*path, rest[0]], rest[1:]
    return command, path, rest


MENTIONS = _mentions()


def test_the_docs_show_commands():
    assert len(MENTIONS) > 100 and any(block for *_, block in MENTIONS)


@pytest.mark.parametrize(("doc", "line", "command", "block"), MENTIONS,
                         ids=[f"{d}:{n}" for d, n, *_ in MENTIONS])
def test_a_shown_command_exists_with_its_options(doc, line, command, block):
    command_obj, path, rest = _resolve(_words(command))
    if isinstance(command_obj, click.Group) and rest and not rest[0].startswith("-"):
        word = rest[0]
        assert not re.fullmatch(r"[a-z][a-z-]*", word) or word.isupper(), \
            f"{doc}:{line}: no command {word!r} under {' '.join(path)}"
        return
    options = {"--help", "-h"}
    takes_value = set()
    for param in command_obj.params:
        if isinstance(param, click.Option):
            options.update(param.opts + param.secondary_opts)
            if not param.is_flag and not param.count:
                takes_value.update(param.opts)
    given, positional, skip = set(), [], False
    for word in rest:
        if skip:
            skip = False
            continue
        if word.startswith("-") and not re.match(r"^-\d", word) and word not in ("-", "--", "…"):
            name = word.split("=")[0].rstrip(",.;:)")
            assert name in options, f"{doc}:{line}: {' '.join(path)} has no option {name}"
            given.add(name)
            skip = name in takes_value and "=" not in word
        else:
            positional.append(word)
    if "…" in command or "..." in command or isinstance(command_obj, click.Group):
        return
    arguments = [p for p in command_obj.params if isinstance(p, click.Argument)]
    if all(a.nargs >= 0 for a in arguments):
        assert len(positional) <= sum(a.nargs for a in arguments), \
            f"{doc}:{line}: {' '.join(path)} takes {[a.name for a in arguments]}, shown {positional}"
    if not block:  # prose may name one option of a command (`navigate landscape --region CODE`)
        return
    missing = [p.opts[-1] for p in command_obj.params
               if isinstance(p, click.Option) and p.required and not set(p.opts) & given]
    assert not missing, f"{doc}:{line}: {' '.join(path)} needs {missing}"


def _environment_reads() -> set[str]:
    names = set()
    for path in (REPO / "src" / "ipcity").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names.update(re.findall(r"""os\.environ(?:\.get\(|\[)\s*["'](IPCITY_[A-Z0-9_]+)["']""", text))
        names.update(re.findall(r"""os\.getenv\(\s*["'](IPCITY_[A-Z0-9_]+)["']""", text))
        names.update(re.findall(r"""^[A-Z_]+_ENV = ["'](IPCITY_[A-Z0-9_]+)["']""", text, re.M))
    return names


def test_readme_lists_every_ipcity_variable_the_code_reads():
    table = (REPO / "README.md").read_text(encoding="utf-8").split("## Configuration", 1)[1].split("\n## ", 1)[0]
    listed = set()
    for row in table.splitlines():
        cell = row.split("|")[1] if row.startswith("|") else ""
        names = re.findall(r"`(IPCITY_[A-Z0-9_]+|_[A-Z0-9_]+)`", cell)
        stem = ""
        for name in names:
            if name.startswith("IPCITY_"):
                listed.add(name)
                stem = name.rsplit("_", 1)[0] if len(names) > 1 and names[1].startswith("_") else stem
            elif stem:
                listed.add(stem + name)
    read = _environment_reads()
    assert len(read) > 20
    assert not read - listed, f"README's configuration table lacks {sorted(read - listed)}"


def test_cited_repository_paths_exist():
    cited = re.compile(r"(?<![\w/.-])((?:src|tests|benchmarks|deploy|scripts)/[A-Za-z0-9_./-]*[A-Za-z0-9_])")
    missing = []
    for doc in DOCS:
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            for match in cited.finditer(line):
                path = match.group(1)
                if not (REPO / path).exists():
                    missing.append(f"{doc.name}:{number}: {path}")
    assert not missing, missing


def _url_names() -> set[str]:
    from django.urls import get_resolver

    names: set[str] = set()

    def walk(resolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                names.add(inner.rstrip(":"))
                walk(pattern, inner)
            elif pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver(), "")
    return names


def test_named_urls_exist():
    """`programs:department_merge` and the like name a URL (or a namespace) the project has."""
    names = _url_names()
    unknown = []
    for doc in DOCS:
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            for match in re.finditer(r"`([a-z_]+:[a-z_0-9]+)`", line):
                if match.group(1) not in names:
                    unknown.append(f"{doc.name}:{number}: {match.group(1)}")
    assert len(names) > 100
    assert not unknown, unknown
