"""The one command-line entry point, ``ipcity``.

Each area registers its commands in its own module (``plan.py``, ``patents.py``,
``indicators_*.py``, ``web.py``...) on the groups defined in ``groups.py``; ``main.py`` imports them all. Commands stay thin:
they parse arguments, call a library or service function, and print. Heavy libraries are
imported inside the command functions so that ``ipcity --help`` stays fast.
"""

from ipcity.cli.main import cli, main

__all__ = ["cli", "main"]
