"""The patent index: BM25 (Lucene weights) in bm25s's saved format, built in a streaming way.

bm25s's own ``index()`` takes Python lists of token lists: a million abstracts make some 10 GB of
Python ints. This builder never holds them: it tokenises the patents in chunks straight into int32
term ids (a word's term ids are cached, so each of the corpus's words is looked up once), reduces
each chunk to (document, term, tf) triples with one ``np.unique`` on packed keys and spills them to
disk; a second pass over the spilled chunks writes each posting to its place in the CSC arrays (a
counting sort: the columns' offsets come from the document frequencies of the first pass) with
the weight of bm25s's own Lucene scoring functions. The arrays go straight into ``.npy`` files
(``np.lib.format.open_memmap``), so ``bm25s.BM25.load(directory / "bm25", mmap=True)`` reads the
index too. Beside it, ``docs.arrow`` (an Arrow IPC file, memory-mapped when queried) keeps each
patent's number, title, abstract, IPC (and its main groups), region and holders.

Only the patents a firm can take a licence of or buy in China are indexed (``contractable``): those
of CNIPA's register (``office`` CN; the importers always fill it from the number, so a missing value
comes only from a table built by hand, such as the evaluation set's, and is taken as CN) that have not
lapsed (``status`` not ``invalid``; an application under examination can still be transferred). A
US grant or a WO publication in the dataset is no subject for a 许可备案 here, and a lapsed patent is
free for anyone to use: proposing either would send the office after a contract that cannot exist.
The summary counts what was left out (``left_out``).

Layout: ``<data_dir>/matching/<dataset>/{bm25/, docs.arrow, summary.json}``, replaced atomically
(built beside it, then renamed over it).
"""

from __future__ import annotations

import datetime as dt
import errno
import itertools
import json
import os
import shutil
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
from bm25s.scoring import _score_idf_lucene, _score_tfc_lucene

from ipcity.analytics import datasets
from ipcity.matching import tokens
from ipcity.notices import Notice, gettext_noop

K1 = 1.5  # bm25s's defaults, kept so that its loader and ours score alike
B = 0.75
CHUNK_ROWS = 20_000
BM25_DIR = "bm25"
DOCS_FILE = "docs.arrow"
SUMMARY_FILE = "summary.json"
DOC_COLUMNS = ("pub_number", "title", "abstract", "ipc", "region_code", "applicants", "kind", "status",
               "app_date", "grant_date")
FILTER_COLUMNS = ("office",)  # read to choose the documents, not stored
_TF_MAX = np.iinfo(np.uint16).max


class IndexNotBuilt(LookupError):
    def __init__(self, dataset: str) -> None:
        self.dataset = dataset
        super().__init__(Notice(gettext_noop("数据集 %(dataset)s 尚未建立匹配索引：请先运行 ipcity match build --dataset %(dataset)s"),
                                dataset=dataset))


@dataclass(frozen=True)
class IndexSummary:
    dataset: str
    documents: int
    terms: int
    seconds: float
    built_at: str
    left_out: int = 0  # rows not indexed: another office's, or lapsed (``contractable``)
    # The cut its terms were made with (``tokens.SEARCH_CUT``); empty in an index built before the
    # search cut, whose terms the queries no longer match well: it is to be built again.
    cut: str = ""

    @property
    def outdated(self) -> bool:
        return self.cut != tokens.SEARCH_CUT


def index_root(data_dir: str | Path | None = None) -> Path:
    return datasets.data_root(data_dir) / "matching"


def index_dir(dataset: str, data_dir: str | Path | None = None) -> Path:
    return index_root(data_dir) / datasets.check_name(dataset)


def split_ipc(value: str | None) -> list[str]:
    """A record's IPC cell (``|``- or ``;``-separated, main first) → normalised symbols."""
    if not value:
        return []
    return [s.replace(" ", "").upper() for s in value.replace(";", "|").split("|") if s.strip()]


def main_groups(symbols: list[str]) -> list[str]:
    """``C03C17/34`` → ``C03C17`` (distinct, in order)."""
    return list(dict.fromkeys(s.split("/", 1)[0] for s in symbols if len(s.split("/", 1)[0]) > 4))


class _TermIds(dict):
    """term → id, a new id on first sight."""

    def __missing__(self, term: str) -> int:
        value = len(self)
        self[term] = value
        return value


class _WordTermIds(dict):
    """jieba word (``tokens.search_cut``) → the ids of the terms it adds (``tokens.search_terms``
    recipe), computed once per word."""

    def __init__(self, vocab: _TermIds) -> None:
        super().__init__()
        self.vocab = vocab

    def __missing__(self, word: str) -> tuple[int, ...]:
        value = tuple(self.vocab[t] for t in tokens._EXPANSIONS[word])
        self[word] = value
        return value


def _chunk_postings(texts: list[str], words: _WordTermIds) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(doc lengths, local doc, term, tf) of a chunk; postings sorted by document then term."""
    lengths = np.empty(len(texts), dtype=np.int64)
    flat: list[int] = []
    extend = flat.extend
    for i, text in enumerate(texts):
        before = len(flat)
        extend(itertools.chain.from_iterable(map(words.__getitem__, tokens.search_cut(text))))
        lengths[i] = len(flat) - before
    term_ids = np.array(flat, dtype=np.int64)
    local_doc = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
    keys, tf = np.unique((local_doc << 32) | term_ids, return_counts=True)
    return lengths, (keys >> 32).astype(np.int32), (keys & 0xFFFFFFFF).astype(np.int32), tf


def _texts(batch: pa.RecordBatch | pa.Table) -> list[str]:
    titles = batch.column("title").to_pylist()
    abstracts = batch.column("abstract").to_pylist()
    return [f"{t or ''}\n{a or ''}" for t, a in zip(titles, abstracts, strict=True)]


def contractable(batch: pa.RecordBatch | pa.Table) -> pa.ChunkedArray | pa.Array:
    """Which rows a firm could license or buy in China: on CNIPA's register (``office`` CN or not
    given) and not lapsed (``status`` not ``invalid``). A column the table lacks excludes nothing."""
    import pyarrow.compute as pc

    names = batch.schema.names
    conditions = []
    if "office" in names:
        office = pc.utf8_upper(pc.utf8_trim_whitespace(batch.column("office").cast(pa.string())))
        conditions.append(pc.fill_null(pc.equal(office, "CN"), True))
    if "status" in names:
        conditions.append(pc.fill_null(pc.not_equal(batch.column("status").cast(pa.string()), "invalid"), True))
    if not conditions:
        return pa.array(np.ones(batch.num_rows, dtype=bool))
    return conditions[0] if len(conditions) == 1 else pc.and_(*conditions)


def _doc_table(batch: pa.RecordBatch | pa.Table) -> pa.Table:
    names = batch.schema.names
    columns: dict[str, Any] = {}
    for name in DOC_COLUMNS:
        if name in names:
            columns[name] = batch.column(name).cast(pa.string())  # dates too: the store is for display
        else:
            columns[name] = pa.nulls(batch.num_rows, pa.string())
    ipc = columns["ipc"].to_pylist()
    columns["ipc_groups"] = pa.array(["|".join(main_groups(split_ipc(v))) for v in ipc], pa.string())
    return pa.table(columns)


def build_index_from_table(table: pa.Table, directory: Path, *, dataset: str = "") -> IndexSummary:
    """Index any Arrow table with pub_number, title, abstract (and optionally the DOC_COLUMNS)."""
    return build_index_from_batches(table.to_batches(max_chunksize=CHUNK_ROWS), Path(directory), dataset=dataset)


def build_index_from_batches(batches, directory: Path, *, dataset: str = "") -> IndexSummary:
    started = time.perf_counter()
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".build-{directory.name}-", dir=directory.parent))
    try:
        summary = _build(batches, work, dataset or directory.name, started)
        _replace(work, directory)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return summary


def _build(batches, work: Path, dataset: str, started: float) -> IndexSummary:
    vocab = _TermIds()
    words = _WordTermIds(vocab)
    spill = work / "spill"
    spill.mkdir()
    doc_lengths: list[np.ndarray] = []
    df = np.zeros(0, dtype=np.int64)
    chunk_files: list[Path] = []
    documents = 0
    left_out = 0
    writer = None
    docs_sink = pa.OSFile(str(work / DOCS_FILE), "wb")
    try:
        for batch in batches:
            if batch.num_rows == 0:
                continue
            kept = batch.filter(contractable(batch))
            left_out += batch.num_rows - kept.num_rows
            batch = kept
            for start in range(0, batch.num_rows, CHUNK_ROWS):
                part = batch.slice(start, CHUNK_ROWS)
                docs = _doc_table(part)
                if writer is None:
                    writer = pa.ipc.new_file(docs_sink, docs.schema)
                writer.write_table(docs)
                lengths, local_doc, term, tf = _chunk_postings(_texts(part), words)
                doc_lengths.append(lengths)
                if len(vocab) > len(df):
                    df = np.concatenate([df, np.zeros(len(vocab) - len(df), dtype=np.int64)])
                df += np.bincount(term, minlength=len(df))
                path = spill / f"{len(chunk_files):05d}.npz"
                np.savez(path, doc=local_doc + documents, term=term, tf=np.minimum(tf, _TF_MAX).astype(np.uint16))
                chunk_files.append(path)
                documents += part.num_rows
        if writer is None:
            writer = pa.ipc.new_file(docs_sink, _doc_table(pa.table({c: pa.array([], pa.string()) for c in DOC_COLUMNS})).schema)
        writer.close()
    finally:
        docs_sink.close()
    # bm25s adds the empty token as the last term (it scores documents without tokens); so do we.
    vocab[""]
    df = np.concatenate([df, np.zeros(len(vocab) - len(df), dtype=np.int64)])
    lengths_all = np.concatenate(doc_lengths) if doc_lengths else np.zeros(0, dtype=np.int64)
    _write_matrix(work / BM25_DIR, chunk_files, df, lengths_all, vocab, documents)
    shutil.rmtree(spill)
    summary = IndexSummary(dataset=dataset, documents=documents, terms=len(vocab) - 1,
                           seconds=round(time.perf_counter() - started, 2),
                           built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), left_out=left_out,
                           cut=tokens.SEARCH_CUT)
    (work / SUMMARY_FILE).write_text(json.dumps(asdict(summary), ensure_ascii=False), encoding="utf-8")
    return summary


def _write_matrix(target: Path, chunk_files: list[Path], df: np.ndarray, doc_lengths: np.ndarray,
                  vocab: dict[str, int], documents: int) -> None:
    target.mkdir()
    nnz = int(df.sum())
    avg_len = float(doc_lengths.mean()) if documents else 0.0
    # The idf of every term through bm25s's own function, vectorised by its formula's distinct df values.
    distinct_df, inverse = np.unique(df, return_inverse=True)
    idf = np.array([_score_idf_lucene(int(d), documents) for d in distinct_df], dtype=np.float32)[inverse]
    indptr = np.zeros(len(df) + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    data = np.lib.format.open_memmap(target / "data.csc.index.npy", mode="w+", dtype=np.float32, shape=(nnz,))
    indices = np.lib.format.open_memmap(target / "indices.csc.index.npy", mode="w+", dtype=np.int32, shape=(nnz,))
    cursor = indptr[:-1].copy()
    for path in chunk_files:
        with np.load(path) as chunk:
            doc, term, tf = chunk["doc"], chunk["term"], chunk["tf"].astype(np.float32)
        order = np.argsort(term, kind="stable")  # within a term, documents stay ascending
        term_sorted = term[order]
        first_of_run = np.searchsorted(term_sorted, term_sorted, side="left")
        positions = cursor[term_sorted] + (np.arange(len(order)) - first_of_run)
        tfc = _score_tfc_lucene(tf_array=tf[order], l_d=doc_lengths[doc[order]].astype(np.float32),
                                l_avg=avg_len, k1=K1, b=B)
        data[positions] = (idf[term_sorted] * tfc).astype(np.float32)
        indices[positions] = doc[order]
        cursor += np.bincount(term_sorted, minlength=len(cursor))
    data.flush()
    indices.flush()
    del data, indices
    np.save(target / "indptr.csc.index.npy", indptr)
    with (target / "vocab.index.json").open("w", encoding="utf-8") as handle:
        json.dump(vocab, handle, ensure_ascii=False)
    params = {"k1": K1, "b": B, "delta": 0.5, "method": "lucene", "idf_method": "lucene", "dtype": "float32",
              "int_dtype": "int32", "num_docs": documents, "version": _bm25s_version(), "backend": "numpy"}
    (target / "params.index.json").write_text(json.dumps(params, indent=4), encoding="utf-8")


def _bm25s_version() -> str:
    import bm25s

    return str(bm25s.__version__)


_REPLACE_ATTEMPTS = 5


def _replace(work: Path, directory: Path) -> None:
    """Put the new index in place of the old one: two renames, the old copies removed after.

    Another build of the same index finishing at the same moment (a demo and a job, two test
    workers) may put its directory in place between the two renames; the second rename then
    finds a non-empty directory, which is moved aside in turn (both builds index the same data)."""
    olds: list[Path] = []
    try:
        for _attempt in range(_REPLACE_ATTEMPTS):
            old = directory.parent / f".old-{directory.name}-{uuid.uuid4().hex[:8]}"
            try:
                os.replace(directory, old)
                olds.append(old)
            except FileNotFoundError:
                pass
            try:
                os.replace(work, directory)
                return
            except OSError as exc:
                if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                    raise
        raise OSError(errno.EBUSY, f"the index {directory} kept being replaced by another build")
    finally:
        for old in olds:
            shutil.rmtree(old, ignore_errors=True)


def build_index(dataset: str, *, data_dir: str | Path | None = None) -> IndexSummary:
    """Index a dataset's patents (title and abstract) under ``<data_dir>/matching/<dataset>/``."""
    path = datasets.records_path(dataset, data_dir)
    if not path.is_file():
        raise FileNotFoundError(f"没有名为 {dataset} 的数据集")
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    available = [c for c in (*DOC_COLUMNS, *FILTER_COLUMNS) if c in parquet.schema_arrow.names]
    batches = parquet.iter_batches(batch_size=CHUNK_ROWS, columns=available)
    return build_index_from_batches(batches, index_dir(dataset, data_dir), dataset=dataset)


def read_summary(directory: Path) -> IndexSummary:
    """The summary an index build wrote in ``directory``."""
    return IndexSummary(**json.loads((directory / SUMMARY_FILE).read_text(encoding="utf-8")))


def index_status(dataset: str, *, data_dir: str | Path | None = None) -> IndexSummary | None:
    directory = index_dir(dataset, data_dir)
    return read_summary(directory) if (directory / SUMMARY_FILE).is_file() else None


class PatentIndex:
    """A built index, memory-mapped: the BM25 columns, the vocabulary and the documents' table."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        bm25 = self.directory / BM25_DIR
        self.summary = read_summary(self.directory)
        self.indptr = np.load(bm25 / "indptr.csc.index.npy", mmap_mode="r")
        self.indices = np.load(bm25 / "indices.csc.index.npy", mmap_mode="r")
        self.data = np.load(bm25 / "data.csc.index.npy", mmap_mode="r")
        with (bm25 / "vocab.index.json").open(encoding="utf-8") as handle:
            self.vocab: dict[str, int] = json.load(handle)
        self.documents = int(self.summary.documents)
        reader = pa.ipc.open_file(pa.memory_map(str(self.directory / DOCS_FILE)))
        # Kept as the file's record batches: a ``take`` over the whole table would concatenate each
        # column's chunks (the abstracts of a million patents) on every query.
        self.batches = [reader.get_batch(i) for i in range(reader.num_record_batches)]
        self.batch_starts = np.cumsum([0] + [b.num_rows for b in self.batches])

    def scores(self, query_terms: list[str]) -> np.ndarray:
        """BM25 of every document for the distinct query terms (one bincount over their postings)."""
        return self.weighted_scores(dict.fromkeys(query_terms, 1.0))

    def weighted_scores(self, weights: dict[str, float]) -> np.ndarray:
        """Σ weight × BM25 of each term, for every document; terms outside the vocabulary count 0."""
        known = {self.vocab[t]: w for t, w in weights.items() if t in self.vocab and w > 0}
        if not known or self.documents == 0:
            return np.zeros(self.documents, dtype=np.float64)
        ids = np.array(sorted(known))
        starts, ends = self.indptr[ids], self.indptr[ids + 1]
        docs = np.concatenate([self.indices[s:e] for s, e in zip(starts, ends, strict=True)])
        postings = [self.data[s:e] if known[i] == 1.0 else self.data[s:e] * np.float32(known[i])
                    for i, s, e in zip(ids.tolist(), starts, ends, strict=True)]
        return np.bincount(docs, weights=np.concatenate(postings), minlength=self.documents)

    def document_frequency(self, term: str) -> int:
        term_id = self.vocab.get(term)
        return 0 if term_id is None else int(self.indptr[term_id + 1] - self.indptr[term_id])

    def rows(self, positions: list[int] | np.ndarray, columns: list[str] | None = None) -> list[dict[str, Any]]:
        """The documents at these positions (in the order given), as dictionaries (of ``columns``)."""
        positions = np.asarray(positions, dtype=np.int64)
        which = np.searchsorted(self.batch_starts, positions, side="right") - 1
        found: dict[int, dict[str, Any]] = {}
        for batch_number in np.unique(which):
            wanted = positions[which == batch_number]
            local = pa.array(wanted - self.batch_starts[batch_number])
            batch = self.batches[batch_number]
            batch = batch.select(columns) if columns else batch
            for position, row in zip(wanted.tolist(), batch.take(local).to_pylist(), strict=True):
                found[position] = row
        return [found[p] for p in positions.tolist()]


def outdated_indexes(data_dir: str | Path | None = None) -> list[str]:
    """The datasets whose index was made by another cut than the queries' (``IndexSummary.outdated``),
    by name: what an upgrade builds again (``ipcity migrate``)."""
    root = index_root(data_dir)
    if not root.is_dir():
        return []
    found = []
    for summary in sorted(root.glob(f"*/{SUMMARY_FILE}")):
        try:
            outdated = read_summary(summary.parent).outdated
        except (ValueError, TypeError):  # a summary another release wrote otherwise: build it again too
            outdated = True
        if outdated:
            found.append(summary.parent.name)
    return found


def load_index(dataset: str, *, data_dir: str | Path | None = None) -> PatentIndex:
    """The built index of a dataset; ``IndexNotBuilt`` naming the dataset when there is none."""
    return load_index_at(index_dir(dataset, data_dir), name=dataset)


def load_index_at(directory: str | Path, *, name: str | None = None) -> PatentIndex:
    """The index built in ``directory``; ``IndexNotBuilt`` names ``name`` (the directory's by default)."""
    directory = Path(directory)
    if not (directory / SUMMARY_FILE).is_file():
        raise IndexNotBuilt(directory.name if name is None else name)
    return PatentIndex(directory)
