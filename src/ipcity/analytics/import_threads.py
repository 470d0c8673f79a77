"""The threads of an import: the staged Parquet file written while the next batch is mapped, and
batches made ahead of their consumer.

Arrow releases the GIL while it reads, parses and writes, so an import uses a second core by
overlapping those with the mapping in Python. Both helpers keep memory bounded (at most one
table, or ``depth`` items, waiting) and raise a failure of the other thread in the caller. Kept
apart from what the batches hold (``columnar``) because they are about *when* work is done.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pyarrow as pa


class StagingWriter:
    """An import's staging Parquet file, each table written on a thread while the next batch is
    mapped (Arrow's writer releases the GIL, so the import uses the machine's second core). At
    most one table waits, so memory stays bounded. The file is read back once, soon: LZ4 and no
    dictionaries, cheap to write and to read. ``with StagingWriter(path, schema) as w: w.write_table(t)``."""

    def __init__(self, path: Any, schema: pa.Schema) -> None:
        import pyarrow.parquet as pq

        self._writer = pq.ParquetWriter(path, schema, compression="lz4", use_dictionary=False)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ipcity-staging")
        self._pending: Future[None] | None = None

    def write_table(self, table: pa.Table) -> None:
        self._wait()
        self._pending = self._pool.submit(self._writer.write_table, table)

    def _wait(self) -> None:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()  # a failed write fails the import here

    def __enter__(self) -> StagingWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self._wait()
        finally:
            self._pool.shutdown(wait=True)
            self._writer.close()


def prefetched(items: Iterator[Any], depth: int = 2) -> Iterator[Any]:
    """``items``, made on a thread up to ``depth`` ahead of the consumer: reading and filtering
    the staged Parquet (Arrow, GIL released) overlaps the writing of the dataset. An error in
    the producer is raised in the consumer."""
    done = object()
    ready: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        ready.put((item, None), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            ready.put((done, None))
        except BaseException as exc:  # handed over to the consumer, raised there
            ready.put((done, exc))

    thread = threading.Thread(target=produce, name="ipcity-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item, error = ready.get()
            if item is done:
                if error is not None:
                    raise error
                return
            yield item
    finally:
        stop.set()
        while thread.is_alive():  # let a blocked producer see the stop
            try:
                ready.get_nowait()
            except queue.Empty:
                thread.join(0.05)
