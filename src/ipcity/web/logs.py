"""Log files under ``$IPCITY_DATA_DIR/logs/``, rotated by size, shared by several processes.

The web server runs several worker processes (gunicorn) beside the job worker, and all of them
write to the same ``ipcity.log`` (application) and ``access.log`` (one line per request).
``logging.handlers.RotatingFileHandler`` assumes one writer: each process would rotate on its own
and keep writing into a file another process had already renamed. This handler takes an
exclusive lock (``flock`` on a ``.lock`` file beside the log) around each record and reopens the
file when another process has rotated it, so the rotation happens once and no line lands in
``ipcity.log.1`` after it was rotated.
"""

from __future__ import annotations

import fcntl
import os
from logging import LogRecord
from logging.handlers import RotatingFileHandler
from pathlib import Path

# Defaults: 10 files of 10 MiB per log (≈ 100 MiB each at most); see docs/deploy.md "Logs".
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_BACKUPS = 10


def log_dir() -> Path:
    """``$IPCITY_DATA_DIR/logs`` (created), the same directory the settings use."""
    path = Path(os.environ.get("IPCITY_DATA_DIR", "var")).resolve() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def rotation() -> dict[str, int]:
    """Size and number of kept files, from IPCITY_LOG_MAX_BYTES and IPCITY_LOG_BACKUPS."""
    return {"maxBytes": int(os.environ.get("IPCITY_LOG_MAX_BYTES", DEFAULT_MAX_BYTES)),
            "backupCount": int(os.environ.get("IPCITY_LOG_BACKUPS", DEFAULT_BACKUPS))}


class SharedRotatingFileHandler(RotatingFileHandler):
    """A size-rotated log file that several processes may write to at once."""

    def __init__(self, filename: str, *args, **kwargs) -> None:
        kwargs.setdefault("encoding", "utf-8")
        super().__init__(filename, *args, **kwargs)
        self._lock_path = self.baseFilename + ".lock"

    def _rotated_elsewhere(self) -> bool:
        """The open file is no longer the one at ``baseFilename`` (renamed by another process)."""
        if self.stream is None:
            return False
        try:
            on_disk = os.stat(self.baseFilename)
        except FileNotFoundError:
            return True
        opened = os.fstat(self.stream.fileno())
        return (on_disk.st_dev, on_disk.st_ino) != (opened.st_dev, opened.st_ino)

    def emit(self, record: LogRecord) -> None:
        try:
            with open(self._lock_path, "a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    if self._rotated_elsewhere():
                        self.stream.close()
                        self.stream = self._open()
                    super().emit(record)  # rotates first when this record would pass maxBytes
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
        except Exception:
            self.handleError(record)
