"""Ranking patents for a need (and needs for a patent): BM25, then small priors, each match explained.

1. BM25 over the need's terms (description, products, business scope; ``tokens.search_terms``,
   the index's cut) gives the candidates: the best ``RERANK`` documents.
2. Each candidate's score becomes its BM25 as a share of the best one plus ``COSINE_WEIGHT`` × the
   cosine of TF-IDF word vectors (``fused_scores``); the priors then re-rank the candidates, each
   multiplying that score by ``1 + boost`` (boosts add up):
   - ``ipc`` (+0.15): the patent has an IPC symbol under the patterns the concordance gives the
     need's industry;
   - ``sei`` (+0.10): the patent's SEI class (its IPC through the SEI table) is one of the need's
     (given, or derived from the industry's IPC patterns through the same table);
   - ``region`` (+0.002 same city, +0.001 same province as the need): a tie-breaker only, since
     where the holder sits says nothing of whether the patent solves the need.
   The boosts are small on purpose: they order near-equal texts, never lift an unrelated one
   over a relevant one (a boost of 0.15 moves a document only past those within 15 % of its score).
   Before the priors, the query is widened once by pseudo-relevance feedback (RM3-like, Lavrenko &
   Croft; the defaults of Anserini's RM3 with 20 terms instead of 10 because a long word brings its
   bigrams along): the ``FEEDBACK_TERMS`` best terms of the ``FEEDBACK_DOCS`` best documents,
   weighted by frequency × idf × the document's share of the best score, join the need's own terms
   at ``FEEDBACK_WEIGHT`` of their weight (terms found in over a tenth of the documents are not
   added: they tell little and their postings are the longest). A firm writes 膜层发花、脱落 where a patent writes 耐候性、附着力;
   the best matches bring the patents' words in. Expansion terms never count as shared words.
3. A hit must explain itself: at least ``MIN_SHARED_TERMS`` shared words (two characters or more)
   or a shared IPC group; the others are skipped, not returned. A bigram inside a shared longer
   word is not counted again (预制构件 is one shared term, not three), unless the firm wrote that
   bigram as a word of its own (a need about 电池 and 锂电池 shares two words with a patent on
   锂电池 that also speaks of 电池): the count is of the distinct words the firm wrote.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ipcity.analytics.sei import SeiTable, pattern_key, symbol_keys
from ipcity.divisions import normalise_code
from ipcity.matching.concordance import Concordance, ipc_matches
from ipcity.matching.index import PatentIndex, main_groups, split_ipc
from ipcity.matching.needs import Need
from ipcity.matching.tokens import TextCut, cut, expansions, search_terms, terms
from ipcity.notices import Notice, gettext_noop

PRIORS = ("ipc", "sei", "region")
BOOSTS = {"ipc": 0.15, "sei": 0.10, "region_city": 0.002, "region_province": 0.001}
RERANK = 300
RESCORE = 100  # the candidates the cosine rescores: past the 100th, BM25 alone orders them
COSINE_WEIGHT = 1.0  # chosen on half A of the evaluation set (0.5 / 1.0 / 1.5), confirmed on half B
FEEDBACK_DOCS = 10
FEEDBACK_TERMS = 20
FEEDBACK_WEIGHT = 0.5
FEEDBACK_MAX_DF = 0.1  # terms in more than a tenth of the documents say little and cost the most
MIN_SHARED_TERMS = 3
_SHARED_TERMS_SHOWN = 12


@dataclass(frozen=True)
class Why:
    shared_terms: list[str]
    shared_ipc_groups: list[str]
    priors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON: a prior's ``detail`` as its Chinese text, and as ``notice`` the template and values
        (``ipcity.notices.Notice.as_json``) a page words it again from in the reader's language."""
        return {"shared_terms": list(self.shared_terms), "shared_ipc_groups": list(self.shared_ipc_groups),
                "priors": [_prior_json(p) for p in self.priors]}

    @property
    def explains(self) -> bool:
        return len(self.shared_terms) >= MIN_SHARED_TERMS or bool(self.shared_ipc_groups)


def _prior_json(prior: dict[str, Any]) -> dict[str, Any]:
    detail = prior.get("detail")
    if isinstance(detail, Notice):
        return {**prior, "detail": str(detail), "notice": detail.as_json()}
    return dict(prior)


@dataclass(frozen=True)
class Hit:
    pub_number: str
    score: float
    title: str
    applicants: str
    region_code: str
    ipc: str
    why: Why


@dataclass(frozen=True)
class NeedContext:
    """What the priors know of a need: its words, IPC patterns, SEI classes and region."""

    words: list[str]
    ipc_patterns: list[str]
    sei_codes: set[str]
    region_code: str | None
    own_words: frozenset[str] = frozenset()  # the need's jieba words: what the firm wrote as words


def _as_need(need: Need | str) -> Need:
    return need if isinstance(need, Need) else Need(id="query", text=need)


def need_context(need: Need, *, concordance: Concordance | None, sei_table: SeiTable | None,
                 priors: tuple[str, ...], text: TextCut | None = None) -> NeedContext:
    """``text``: the need's query text already cut (``cut(need.query_text)``), when the caller has it."""
    if text is None:
        text = cut(need.query_text)
    patterns = concordance.ipc_patterns_for(need.industry_code) if concordance and need.industry_code else []
    sei_codes = set(need.sei_codes)
    if "sei" in priors and sei_table is not None and not sei_codes and patterns:
        sei_codes = sei_codes_of_patterns(patterns, sei_table)
    need_terms = [t for t in dict.fromkeys(text.terms) if len(t) >= 2]
    return NeedContext(words=need_terms, ipc_patterns=patterns, sei_codes=sei_codes,
                       region_code=normalise_code(need.region_code) if need.region_code else None,
                       own_words=frozenset(text.words))


def _covers(outer: tuple[str, str], inner: tuple[str, str]) -> bool:
    level, key = outer
    return symbol_keys(inner[1]).get(level) == key


def sei_codes_of_patterns(patterns: list[str], sei_table: SeiTable) -> set[str]:
    """SEI classes whose IPC patterns overlap the given ones (either covers the other); computed
    once per table and pattern list (a scan of every rule: some 10 ms, on the query path)."""
    key = (sei_table.sha256, tuple(patterns))
    found = _SEI_OF_PATTERNS.get(key)
    if found is None:
        if len(_SEI_OF_PATTERNS) > 10_000:
            _SEI_OF_PATTERNS.clear()
        found = _SEI_OF_PATTERNS[key] = frozenset(_scan_sei_codes(patterns, sei_table))
    return set(found)


_SEI_OF_PATTERNS: dict[tuple[str, tuple[str, ...]], frozenset[str]] = {}


def _scan_sei_codes(patterns: list[str], sei_table: SeiTable) -> set[str]:
    keys = [pattern_key(p) for p in patterns]
    found = set()
    for rule in sei_table.rules:
        for rule_key in map(pattern_key, rule.patterns):
            if any(_covers(rule_key, k) or _covers(k, rule_key) for k in keys):
                found.add(rule.sei_code)
                break
    return found


def sei_codes_of_symbols(symbols: list[str], sei_table: SeiTable) -> set[str]:
    """The SEI classes of a patent's IPC symbols (each symbol's classes computed once per table)."""
    return {code for symbol in symbols for code in _sei_codes_of_symbol(sei_table, symbol)}


_SEI_OF_SYMBOL: dict[tuple[str, str], frozenset[str]] = {}


def _sei_codes_of_symbol(sei_table: SeiTable, symbol: str) -> frozenset[str]:
    # Keyed by the table's hash: hashing the (frozen, large) table itself would cost a scan per call.
    key = (sei_table.sha256, symbol)
    found = _SEI_OF_SYMBOL.get(key)
    if found is None:
        if len(_SEI_OF_SYMBOL) > 200_000:
            _SEI_OF_SYMBOL.clear()
        found = frozenset(sei_table.rules[i].sei_code for i in sei_table.matching_rules(symbol))
        _SEI_OF_SYMBOL[key] = found
    return found


def prior_boosts(context: NeedContext, patent: dict[str, Any], *, sei_table: SeiTable | None,
                 priors: tuple[str, ...]) -> tuple[list[str], list[dict[str, Any]]]:
    """The shared IPC groups and the priors that apply to a patent (cheap: no text is read)."""
    symbols = split_ipc(patent.get("ipc"))
    matched = ipc_matches(symbols, context.ipc_patterns) if context.ipc_patterns else []
    shared_groups = main_groups(matched)
    applied: list[dict[str, Any]] = []
    if "ipc" in priors and matched:
        applied.append({"prior": "ipc", "boost": BOOSTS["ipc"],
                        "detail": Notice(gettext_noop("IPC %(groups)s 属于需求所在行业的参照分类"),
                                         groups=list(shared_groups or matched))})
    if "sei" in priors and sei_table is not None and context.sei_codes and symbols:
        common = sorted(sei_codes_of_symbols(symbols, sei_table) & context.sei_codes)
        if common:
            applied.append({"prior": "sei", "boost": BOOSTS["sei"],
                            "detail": Notice(gettext_noop("战略性新兴产业分类相同：%(codes)s"), codes=common[:3])})
    region = patent.get("region_code") or ""
    if "region" in priors and context.region_code and len(region) == 6:
        if region[:4] == context.region_code[:4] and context.region_code[2:4] != "00":
            applied.append({"prior": "region", "boost": BOOSTS["region_city"],
                            "detail": Notice(gettext_noop("专利权人与需求企业在同一城市"))})
        elif region[:2] == context.region_code[:2]:
            applied.append({"prior": "region", "boost": BOOSTS["region_province"],
                            "detail": Notice(gettext_noop("专利权人与需求企业在同一省份"))})
    return shared_groups, applied


def _text(patent: dict[str, Any]) -> str:
    return f"{patent.get('title') or ''}\n{patent.get('abstract') or ''}"


def shared_terms(context: NeedContext, patent: dict[str, Any], text_terms: set[str] | None = None) -> list[str]:
    """The need's terms (two characters or more) the patent's title or abstract also holds, in the
    need's order; a bigram is left out when a shared longer word already contains it, unless the
    need holds that bigram as a word of its own (then it is a distinct word the firm wrote).
    ``text_terms``: the patent's terms when the caller has them already."""
    if text_terms is None:
        text_terms = set(terms(_text(patent)))
    shared = [t for t in context.words if t in text_terms]
    long_words = [t for t in shared if len(t) > 2]
    return [t for t in shared
            if len(t) > 2 or t in context.own_words or not any(t in word for word in long_words)]


def explain(context: NeedContext, patent: dict[str, Any], *, sei_table: SeiTable | None,
            priors: tuple[str, ...], text_terms: set[str] | None = None) -> tuple[float, Why]:
    """The boost the priors give a patent for a need, and why it matches (``text_terms``: the
    patent's terms, when the caller has them)."""
    groups, applied = prior_boosts(context, patent, sei_table=sei_table, priors=priors)
    why = Why(shared_terms=shared_terms(context, patent, text_terms)[:_SHARED_TERMS_SHOWN], shared_ipc_groups=groups,
              priors=applied)
    return sum(p["boost"] for p in applied), why


def rank(index: PatentIndex, need: Need | str, *, top: int = 20, concordance: Concordance | None = None,
         sei_table: SeiTable | None = None, priors: tuple[str, ...] = PRIORS, exclude: set[str] | frozenset = frozenset(),
         data_dir: str | Path | None = None) -> list[Hit]:
    """The best ``top`` patents for a need, best first; each one explains itself."""
    need = _as_need(need)
    if concordance is None and need.industry_code and ("ipc" in priors or "sei" in priors):
        concordance = office_concordance(data_dir)
    if sei_table is None and "sei" in priors and (need.sei_codes or need.industry_code):
        sei_table = office_sei_table(data_dir)
    # The index's terms are searched (``search_terms``: jieba without its HMM, search mode); the
    # ordinary cut's words are compared (the cosine) and explained.
    query = cut(need.query_text)
    scores = expanded_scores(index, search_terms(need.query_text))
    candidates = _top_positive(scores, RERANK)
    if not len(candidates):
        return []
    context = need_context(need, concordance=concordance, sei_table=sei_table, priors=priors, text=query)
    rows = index.rows(candidates, ["pub_number", "ipc", "region_code", "title", "abstract"])
    # One cut per rescored candidate, read as words (the cosine) and as terms (the explanation).
    rescored = [expansions(_text(row)) for row in rows[:RESCORE]]
    fused = fused_scores(scores[candidates], query.words, [[e[0] for e in each if e] for each in rescored],
                         WordIdf(index.documents, index.document_frequency))
    candidate_cuts: list[list[tuple[str, ...]] | None] = [*rescored, *[None] * (len(rows) - len(rescored))]
    scored = []
    for position, row, fused_score, each in zip(candidates, rows, fused, candidate_cuts, strict=True):
        row["position"] = int(position)
        row["terms"] = each
        if row["pub_number"] in exclude:
            continue
        groups, applied = prior_boosts(context, row, sei_table=sei_table, priors=priors)
        boost = sum(p["boost"] for p in applied)
        scored.append((float(fused_score) * (1 + boost), row, groups, applied))
    scored.sort(key=lambda item: (-item[0], item[1]["pub_number"]))
    kept: list[tuple[float, dict[str, Any], Why]] = []
    for score, row, groups, applied in scored:  # words are compared only for the hits returned
        shared = shared_terms(context, row, set(itertools.chain.from_iterable(row["terms"] or expansions(_text(row)))))
        why = Why(shared_terms=shared[:_SHARED_TERMS_SHOWN], shared_ipc_groups=groups, priors=applied)
        if not why.explains:
            continue
        kept.append((score, row, why))
        if len(kept) >= top:
            break
    holders = index.rows([row["position"] for _, row, _ in kept], ["applicants"]) if kept else []
    return [Hit(pub_number=row["pub_number"], score=round(score, 4), title=row.get("title") or "",
                applicants=holder.get("applicants") or "", region_code=row.get("region_code") or "",
                ipc=row.get("ipc") or "", why=why)
            for (score, row, why), holder in zip(kept, holders, strict=True)]


def expanded_scores(index: PatentIndex, query_terms: list[str]) -> np.ndarray:
    """BM25 of the query, then of the query widened by the best documents' terms (see above)."""
    weights = dict.fromkeys(query_terms, 1.0)
    first = index.weighted_scores(weights)
    best = _top_positive(first, FEEDBACK_DOCS)
    if not len(best) or not FEEDBACK_TERMS:
        return first
    top_score = float(first[best[0]])
    documents = max(index.documents, 1)
    evidence: dict[str, float] = {}
    for position, row in zip(best.tolist(), index.rows(best, ["title", "abstract"]), strict=True):
        doc_terms = search_terms(_text(row))  # the index's terms: the feedback searches them
        if not doc_terms:
            continue
        share = float(first[position]) / top_score
        for term, count in Counter(doc_terms).items():
            frequency = index.document_frequency(term)
            if frequency > documents * FEEDBACK_MAX_DF:
                continue
            weight = count / len(doc_terms) * math.log(1 + documents / max(frequency, 1)) * share
            evidence[term] = evidence.get(term, 0.0) + weight
    chosen = sorted(evidence.items(), key=lambda item: (-item[1], item[0]))[:FEEDBACK_TERMS]
    if not chosen:
        return first
    strongest = chosen[0][1]
    # Only the added weights are scored again: the first pass already holds the need's own terms.
    extra = {term: FEEDBACK_WEIGHT * value / strongest for term, value in chosen}
    return first + index.weighted_scores(extra)


class WordIdf(dict[str, float]):
    """word → the cosine's word weight, ln(N/df) + 1 (0 for a word no document holds); each word's df
    is read once, on first sight (a dict, not a function: the lookups run per word of 100 candidates)."""

    def __init__(self, documents: int, document_frequency: Callable[[str], int]) -> None:
        super().__init__()
        self.documents = max(documents, 1)
        self.document_frequency = document_frequency

    def __missing__(self, word: str) -> float:
        found = self.document_frequency(word)
        value = self[word] = math.log(self.documents / found) + 1 if found else 0.0
        return value


def fused_scores(bm25: np.ndarray, query_words: list[str], candidate_words: list[list[str]],
                 idf: WordIdf) -> np.ndarray:
    """Each candidate's BM25 (``bm25``, the candidates' in order, best first) as a share of the best
    one, plus ``COSINE_WEIGHT`` × the cosine of the query's and the candidate's TF-IDF vectors of
    jieba words (raw counts × ``idf``: ln(N/df) + 1, df from the documents searched). BM25 saturates
    a word repeated and rewards the bigrams of long words; the cosine rewards a document whose words
    are mostly the query's. Each sees what the other misses: the sum ranks better than either on
    both halves of the evaluation set (docs/matching.md). ``candidate_words`` may cover only the
    first candidates: the others keep their BM25 share. Both directions use it: a need's patents
    (``rank``) and a patent's needs (``rank_needs_for_patent``)."""

    def vector(counts: Counter) -> tuple[dict[str, float], float]:
        weights = {word: count * idf[word] for word, count in counts.items()}
        return weights, math.sqrt(sum(w * w for w in weights.values()))

    query, query_norm = vector(Counter(query_words))
    best = float(bm25[0]) or 1.0
    fused = bm25 / best
    for i, words_of_candidate in enumerate(candidate_words):  # the first candidates, best first
        document, document_norm = vector(Counter(words_of_candidate))
        dot = sum(weight * document.get(word, 0.0) for word, weight in query.items())
        cosine = dot / (query_norm * document_norm) if query_norm and document_norm else 0.0
        fused[i] += COSINE_WEIGHT * cosine
    return fused


def _top_positive(scores: np.ndarray, count: int) -> np.ndarray:
    positive = np.flatnonzero(scores > 0)
    if len(positive) > count:
        positive = positive[np.argpartition(-scores[positive], count - 1)[:count]]
    return positive[np.argsort(-scores[positive], kind="stable")]


def office_concordance(data_dir: str | Path | None) -> Concordance | None:
    from ipcity.matching.concordance import current_concordance

    return current_concordance(data_dir)


def office_sei_table(data_dir: str | Path | None) -> SeiTable | None:
    """The office's SEI table, read again only when its file changes (rank() asks on every query)."""
    from ipcity.analytics.reference import resolve_sei_rules
    from ipcity.analytics.sei import load_sei_table

    path, _version = resolve_sei_rules(None, data_dir)
    if not path:
        return None
    if not Path(path).is_file():
        return load_sei_table(path)  # not cached: it says what is wrong
    stat = Path(path).stat()
    return _sei_table_at(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _sei_table_at(path: str, _mtime_ns: int, _size: int) -> SeiTable:
    from ipcity.analytics.sei import load_sei_table

    return load_sei_table(path)


def rank_needs_for_patent(patent: dict[str, Any], needs: list[Need], *, top: int = 20,
                          concordance: Concordance | None = None, sei_table: SeiTable | None = None,
                          priors: tuple[str, ...] = PRIORS) -> list[tuple[Need, float, Why]]:
    """The needs a patent answers best: a small BM25 over the needs, the same terms (``search_terms``),
    the same fusion with the cosine of TF-IDF words (df over the needs), the same priors and
    explanation rule. Each need's words are compared for every candidate, not only the first
    ``RESCORE``; there is no feedback pass (the query is the patent's whole text)."""
    import bm25s

    if not needs:
        return []
    cuts = [cut(n.query_text) for n in needs]
    model = bm25s.BM25(method="lucene")
    # Searched by the index's terms, as a need's patents are; compared and explained by the cuts' words.
    model.index([search_terms(n.query_text) or [""] for n in needs], show_progress=False)
    patent_text = cut(_text(patent))
    query = [t for t in dict.fromkeys(search_terms(_text(patent))) if t in model.vocab_dict]
    if not query:
        return []
    scores = np.asarray(model.get_scores(query), dtype=np.float64)
    candidates = _top_positive(scores, len(needs))
    if not len(candidates):
        return []
    needs_holding = Counter(word for c in cuts for word in set(c.words))
    fused = fused_scores(scores[candidates], patent_text.words, [cuts[i].words for i in candidates.tolist()],
                         WordIdf(len(needs), lambda word: needs_holding.get(word, 0)))
    patent_terms = set(patent_text.terms)
    results = []
    for position, fused_score in zip(candidates.tolist(), fused.tolist(), strict=True):
        need = needs[position]
        context = need_context(need, concordance=concordance, sei_table=sei_table, priors=priors, text=cuts[position])
        boost, why = explain(context, patent, sei_table=sei_table, priors=priors, text_terms=patent_terms)
        if why.explains:
            results.append((need, round(fused_score * (1 + boost), 4), why))
    results.sort(key=lambda item: (-item[1], item[0].id))
    return results[:top]
