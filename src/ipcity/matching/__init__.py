"""Patent transfer matching (供需对接): enterprises' technology needs against patents on offer.

A Django-free library (docs/matching.md): ``tokens`` (the terms of Chinese technical text),
``industries`` (GB/T 4754-2017), ``concordance`` (IPC ↔ industry), ``needs`` (the demand side and
its file), ``licensing`` (open-licence declarations), ``index`` (a streaming BM25 index in bm25s's
saved format), ``ranker`` (BM25 plus the IPC, SEI and region priors, each match explained),
``supply`` (patents on offer from a dataset) and ``evaluate`` (metrics and the TF-IDF baseline).
"""
