"""Operating an installation: backup and restore of the database and the data directory.

- ``archive``: the archive format (tar + manifest with SHA-256 of every member); writing it
  atomically and verifying it completely before anything is restored. No Django.
- ``database``: an online snapshot of the database (SQLite backup API, ``pg_dump``) and its
  restore (atomic file rename, ``pg_restore --single-transaction``).
- ``backup``: ``backup_create`` and ``backup_restore``, which the ``ipcity backup`` and
  ``ipcity restore`` commands call.
"""
