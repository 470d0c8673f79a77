"""Errors the plan reader raises for documents it cannot read."""

from __future__ import annotations


class DocumentError(Exception):
    """A file that is not a readable plan document: empty, corrupt, encrypted, scanned, too large.

    ``str(exc)`` is one line a person can act on (it names the file and what is wrong); the CLI
    prints it on standard error and exits 2, the web shows it in Chinese.
    """

    def __init__(self, path: str, problem: str, problem_zh: str | None = None):
        self.path = path
        self.problem = problem
        self.problem_zh = problem_zh or problem
        super().__init__(f"{path}: {problem}")
