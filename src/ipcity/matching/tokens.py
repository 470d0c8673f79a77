"""The terms of Chinese technical text: jieba words (through rjieba) plus the CJK character bigrams
inside longer words.

Why bigrams only inside words: jieba may cut 石墨烯 as one word in one abstract and as 石墨 / 烯 in
another; the bigrams 石墨, 墨烯 of the long word keep such texts matching. Bigrams across word
boundaries (烯复, 合导…) would add about two postings per character of noise and double the index, so
they are left out. Stopwords (function words and the boilerplate of patent abstracts: 本发明, 所述,
一种…), punctuation and bare numbers are dropped; latin words are lower-cased.

Each distinct word's expansion is computed once and cached (``_Expansions``): a million abstracts
hold a few million distinct words but hundreds of millions of occurrences.

Two cuts: ``search_terms`` (the index's and the BM25 query's terms) cut with jieba's dictionary
alone (no HMM) in its search mode; ``terms``, ``words`` and ``cut`` (what is compared and explained)
keep jieba's ordinary cut. Jieba's HMM guesses new words from the neighbouring characters, and in a
firm's plant language it glues words no abstract holds (缩松要, 示教要, 砂用: 旧砂用起来); without
it the same characters are cut the same way in the need and in the patent (砂 matches 型砂's
abstract). The search mode adds the dictionary's words inside a long one (废品 in 废品率, 师傅 in
老师傅). Chosen on half A of the evaluation set and confirmed on half B (docs/matching.md, *Sixth
hold-out round*); the explanation keeps the ordinary cut, so what counts as a word the firm wrote
is unchanged.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import rjieba

_CJK = re.compile(r"^[\u3400-\u9fff]+$")
_HAS_WORD_CHAR = re.compile(r"[\w\u3400-\u9fff]")
_NUMBER = re.compile(r"^[\d.,%％]+[a-zA-Z]{0,3}$")  # 30, 2.5, 30min, 5.2W: measurements, not topics

# Function words, and words every patent abstract uses whatever its subject.
STOPWORDS = frozenset("""
的 了 和 与 及 或 在 是 为 对 于 将 由 以 所 其 该 并 而 从 到 被 把 使 上 下 中 内 外 个 等 之 也 又 则 即 若 可 能
一 一种 一个 一些 这 那 此 各 每 其中 以及 及其 以下 以上 所述 包括 包含 具有 设有 通过 采用 利用 进行 用于 用以 实现 提供
本发明 本实用新型 本申请 本公开 本外观设计 发明 实用新型 公开 涉及 属于 技术领域 领域 步骤 如下 其特征 特征 在于 所示 如图
得到 可以 能够 从而 同时 然后 之后 之间 相对 一端 另一端 所在 以便 使得 可 有效 解决 问题 现有 技术 方面 方法 装置 系统
我们 我司 公司 企业 需要 需求 希望 寻求 寻找 要求 目前 现在 主要 相关 以及 进一步 能 会 要 有 无 不 没有 我 我们 你 他
a an the of and or to in for with by on is are be as at from that this which
""".split())


class _Expansions(dict):
    """word → the terms it adds (empty for stopwords and punctuation); filled on first sight."""

    def __missing__(self, word: str) -> tuple[str, ...]:
        value = _expand(word)
        self[word] = value
        return value


def _expand(word: str) -> tuple[str, ...]:
    word = word.strip().lower()
    if not word or word in STOPWORDS or not _HAS_WORD_CHAR.search(word) or _NUMBER.match(word):
        return ()
    if len(word) >= 3 and _CJK.match(word):
        return (word, *(word[i:i + 2] for i in range(len(word) - 1)))
    return (word,)


_EXPANSIONS = _Expansions()
_WORD_LIMIT = 2_000_000  # the cache is cleared past this many distinct words (bounded memory)


def _cut(text: str) -> list[str]:
    return rjieba.cut(text) if text else []


SEARCH_CUT = "jieba-search-no-hmm"  # names search_cut in an index's summary: an index made by another cut is outdated


def search_cut(text: str) -> list[str]:
    """The words the index and the BM25 query are made of: jieba's search mode, dictionary only
    (no HMM: its guessed words differ between a firm's text and an abstract; see above)."""
    return rjieba.cut_for_search(text, False) if text else []


def search_terms(text: str) -> list[str]:
    """The index's and the BM25 query's terms: each word of ``search_cut`` with its inner bigrams,
    repeated as often as they occur (never shown as a shared word: see ``terms``)."""
    if len(_EXPANSIONS) > _WORD_LIMIT:
        _EXPANSIONS.clear()
    return list(itertools.chain.from_iterable(map(_EXPANSIONS.__getitem__, search_cut(text))))


def expansions(text: str) -> list[tuple[str, ...]]:
    """Each jieba word's terms (the word, then its bigrams; empty for a stopword): one cut from which
    both ``terms`` and ``words`` follow, for a text read both ways (the ranker's candidates)."""
    if len(_EXPANSIONS) > _WORD_LIMIT:
        _EXPANSIONS.clear()
    return list(map(_EXPANSIONS.__getitem__, _cut(text)))


def terms(text: str) -> list[str]:
    """Jieba words (ordinary cut) with their inner bigrams, in order, repeated as often as they
    occur: what the explanation counts as shared (the index holds ``search_terms``)."""
    return list(itertools.chain.from_iterable(expansions(text)))


def words(text: str) -> list[str]:
    """Jieba words without bigrams, stopwords, punctuation or numbers (for explanations)."""
    return [expansion[0] for expansion in expansions(text) if expansion]


@dataclass(frozen=True)
class TextCut:
    """A text cut once and read both ways: ``terms`` as ``terms(text)``, ``words`` as ``words(text)``
    (a query is searched by its terms, explained and compared by its words)."""

    terms: list[str]
    words: list[str]


def cut(text: str) -> TextCut:
    expanded = expansions(text)
    return TextCut(terms=list(itertools.chain.from_iterable(expanded)),
                   words=[expansion[0] for expansion in expanded if expansion])

