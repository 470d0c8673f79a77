"""Benchmark of patent transfer matching (issue 17): quality on the evaluation set, speed at scale.

    python benchmarks/matching.py [--records 1000000] [--queries 500] [--reference 100000]
                                  [--skip-quality] [--skip-speed] [--data-dir DIR]

(a) Quality on tests/matching/eval/ (every _a/_b part present, merged): nDCG@10, P@5, recall@50 of
    the shipped ranker (BM25 + all priors), the plain TF-IDF baseline, BM25 without priors and BM25
    with each prior alone, in the same run; the targets (nDCG@10 ≥ 0.6 and ≥ baseline + 0.05; no
    prior lowers it) are printed beside them. The SEI table is ../shared/data/sei_ipc_2021.
(b) Speed: a synthetic corpus of N patents (title ~20 characters, abstract 200–280 characters as
    CNIPA abstracts are). Abstracts recombine technical phrases of ten fields with numbers and
    invented compounds (new material, part and model names drawn from a pool of characters and
    letters), so that the vocabulary grows with N as a real corpus's does (tens of thousands of
    words at 100k, hundreds of thousands at 1M). The corpus is written once to Parquet in
    ``--data-dir`` and reused; making it is not timed. Each measured step runs in a fresh process
    (peak RSS = VmHWM): our streaming build of N; ``--queries`` needs written like firms' (drawn
    from the same phrases) against it, p50/p95; then the reference in the same run: bm25s's own
    ``index()`` on the first ``--reference`` patents (token lists in memory) and its ``retrieve``,
    beside our build and queries on the same subset. Targets: 1M in ≤ 120 s, p95 ≤ 100 ms, ≤ 2 GB.
    The machine's two cores are shared: compare figures only within one run.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EVAL_DIR = REPO / "tests" / "matching" / "eval"
SEI_RULES = REPO.parent / "shared" / "data" / "sei_ipc_2021" / "sei_ipc_2021.csv"

FIELDS = {
    "导热材料": (["石墨烯", "氮化硼", "氧化铝", "硅橡胶", "导热硅脂", "相变材料", "碳纳米管", "导热垫片", "热界面材料", "环氧树脂"],
             ["超声分散", "热压固化", "共混造粒", "真空脱泡", "原位聚合", "球磨改性"], ["导热系数高", "热阻低", "绝缘性好", "柔软可压缩"],
             ["电子器件散热", "动力电池热管理", "通信基站", "LED照明"]),
    "锂电池": (["正极材料", "负极材料", "隔膜", "电解液", "磷酸铁锂", "三元材料", "硅碳负极", "固态电解质", "集流体", "粘结剂"],
            ["高温烧结", "喷雾干燥", "涂覆", "碳包覆", "掺杂改性", "共沉淀"], ["循环寿命长", "倍率性能好", "能量密度高", "热稳定性好"],
            ["动力电池", "储能电站", "电动汽车", "消费电子"]),
    "玻璃": (["光伏玻璃", "电子玻璃", "减反射膜", "镀膜液", "超薄玻璃", "钢化玻璃", "玻璃基板", "二氧化硅溶胶", "锡槽", "退火窑"],
           ["浮法成型", "辊涂", "磁控溅射", "化学钢化", "溶胶凝胶", "精密退火"], ["透光率高", "耐磨耐候", "厚度均匀", "强度高"],
           ["光伏组件", "显示面板", "建筑幕墙", "车载显示"]),
    "茶叶": (["绿茶", "鲜叶", "杀青机", "揉捻机", "烘干机", "茶多酚", "理条机", "红茶", "茶饮料", "速溶茶粉"],
           ["摊青", "滚筒杀青", "揉捻", "发酵", "低温烘焙", "萃取浓缩"], ["香气高长", "汤色嫩绿", "品质稳定", "人工成本低"],
           ["名优绿茶", "茶饮料生产", "茶园机械化", "出口茶叶"]),
    "煤矿": (["瓦斯", "定向钻孔", "液压支架", "采煤机", "巷道", "煤层", "抽采管路", "注浆材料", "矿用传感器", "刮板输送机"],
           ["水力压裂", "负压抽采", "注浆加固", "远程监控", "智能截割", "锚杆支护"], ["安全可靠", "抽采率高", "变形小", "自动化程度高"],
           ["煤矿安全生产", "智能化矿井", "深部开采", "矿山救援"]),
    "农机": (["播种机", "收获机", "秸秆", "旋耕机", "植保无人机", "喷头", "排种器", "割台", "脱粒滚筒", "秸秆还田机"],
           ["精量播种", "变量施药", "北斗导航", "仿形控制", "液压驱动", "振动筛分"], ["作业效率高", "损失率低", "漏播率低", "适应性强"],
           ["小麦种植", "玉米收获", "水稻插秧", "丘陵山区"]),
    "生物医药": (["抗体", "疫苗", "中药提取物", "缓释微球", "多肽", "细胞培养基", "诊断试剂", "纳米载体", "靶向药物", "凝胶剂"],
             ["发酵培养", "层析纯化", "冷冻干燥", "超临界萃取", "微流控制备", "包埋"], ["纯度高", "生物利用度高", "副作用小", "稳定性好"],
             ["肿瘤治疗", "疾病诊断", "兽用疫苗", "慢病管理"]),
    "智能制造": (["工业机器人", "视觉检测", "减速器", "伺服电机", "数控机床", "控制器", "夹具", "传感器", "机械臂", "物流小车"],
             ["深度学习", "路径规划", "力控打磨", "在线标定", "故障诊断", "数字孪生"], ["定位精度高", "响应快", "节拍短", "故障率低"],
             ["汽车焊装", "电子装配", "仓储物流", "铸件打磨"]),
    "环保": (["污水", "脱硫剂", "催化剂", "活性炭", "膜组件", "污泥", "除尘器", "VOCs", "重金属", "生物滤池"],
           ["厌氧消化", "高级氧化", "吸附再生", "膜分离", "等离子体", "生物降解"], ["去除率高", "能耗低", "无二次污染", "运行稳定"],
           ["工业废水", "垃圾渗滤液", "烟气治理", "土壤修复"]),
    "新材料": (["铝合金", "钛合金", "高分子复合材料", "碳纤维", "陶瓷基板", "涂层", "稀土永磁", "硅基材料", "玄武岩纤维", "聚酰亚胺"],
            ["熔炼铸造", "热轧", "等离子喷涂", "粉末冶金", "化学气相沉积", "固溶时效"], ["强度高", "耐腐蚀", "轻量化", "耐高温"],
            ["航空航天", "轨道交通", "新能源汽车", "半导体封装"]),
}
_COMPOUND_CHARS = "氟氯溴碘硼硅磷硫硒锌铜镍钴锰铬钼钨钒钛锆铌钽铈镧钕钇锶钡钙镁铝锂钠钾铁锡铅铋锑镓铟锗酸酯醇醚胺酮醛烷烯炔苯酚"
_PART_CHARS = "轴套座板架杆轮盘环槽孔阀泵管罩壳箱柱块片针辊链齿簧塞帽"
_PLACE = ["340300", "340400", "340100", "340200", "320100", "330100", "370100", "410100"]


def _compound(rng: random.Random) -> str:
    return "".join(rng.choice(_COMPOUND_CHARS) for _ in range(rng.randint(2, 4))) + rng.choice(["复合物", "改性剂", "前驱体", "共聚物"])


def _model(rng: random.Random) -> str:
    return f"{rng.choice('ABCDEFGHKMNPQRSTXYZ')}{rng.choice('ABCDEFGHKMNPQRSTXYZ')}-{rng.randint(10, 99999)}"


def synth_patent(rng: random.Random, number: int) -> dict:
    field = rng.choice(list(FIELDS))
    nouns, processes, effects, uses = FIELDS[field]
    main, other = rng.sample(nouns, 2)
    part = rng.choice(_PART_CHARS) + rng.choice(_PART_CHARS)
    title = rng.choice([f"一种{main}及其制备方法", f"一种用于{rng.choice(uses)}的{main}", f"{main}的{rng.choice(processes)}装置",
                        f"一种{main}{part}组件", f"基于{rng.choice(processes)}的{main}系统"])
    sentences = [f"本发明公开了{title}，包括{main}、{other}和{_compound(rng)}",
                 f"采用{rng.choice(processes)}工艺，在{rng.randint(20, 900)}℃下处理{rng.randint(1, 48)}小时",
                 f"所述{part}由{_compound(rng)}制成，型号为{_model(rng)}",
                 f"经{rng.choice(processes)}和{rng.choice(processes)}得到{main}",
                 f"产品{rng.choice(effects)}、{rng.choice(effects)}，比现有产品提高{rng.randint(5, 60)}%",
                 f"{other}的质量分数为{rng.randint(1, 40)}%，粒径{rng.randint(1, 500)}纳米",
                 f"适用于{rng.choice(uses)}和{rng.choice(uses)}"]
    abstract = ""
    target = rng.randint(200, 280)
    while len(abstract) < target:
        abstract += rng.choice(sentences) + rng.choice(["，", "；", "。"])
    abstract = abstract[:target].rstrip("，；") + "。"
    ipc = {"导热材料": "C09K5/14", "锂电池": "H01M4/58", "玻璃": "C03C17/00", "茶叶": "A23F3/06", "煤矿": "E21F7/00",
           "农机": "A01C7/00", "生物医药": "A61K9/00", "智能制造": "B25J9/16", "环保": "C02F1/00", "新材料": "C22C21/00"}[field]
    return {"pub_number": f"CN{number:09d}A", "title": title, "abstract": abstract, "ipc": ipc,
            "region_code": rng.choice(_PLACE), "applicants": rng.choice(["某大学", "某研究院", "某有限公司"]),
            "kind": "invention", "status": "valid"}


def synth_query(rng: random.Random) -> str:
    nouns, processes, effects, uses = FIELDS[rng.choice(list(FIELDS))]
    return rng.choice([
        f"我公司主要生产{rng.choice(nouns)}，希望引进{rng.choice(processes)}技术，使产品{rng.choice(effects)}",
        f"寻求用于{rng.choice(uses)}的{rng.choice(nouns)}技术，要求{rng.choice(effects)}、{rng.choice(effects)}",
        f"需要{rng.choice(nouns)}和{rng.choice(nouns)}的{rng.choice(processes)}工艺，解决{rng.choice(uses)}中的难题",
    ])


def ensure_corpus(records: int, data_dir: Path) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = data_dir / f"matching-synth-{records}.parquet"
    if path.is_file():
        return path
    data_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(17)
    started = time.perf_counter()
    tmp = path.with_suffix(".tmp")
    with pq.ParquetWriter(tmp, pa.schema([(c, pa.string()) for c in
                                          ("pub_number", "title", "abstract", "ipc", "region_code", "applicants", "kind", "status")])) as writer:
        for start in range(0, records, 50_000):
            rows = [synth_patent(rng, i) for i in range(start, min(records, start + 50_000))]
            writer.write_table(pa.Table.from_pylist(rows))
    tmp.rename(path)
    print(f"synthesised {records} patents in {time.perf_counter() - started:.0f} s -> {path}", flush=True)
    return path


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _ours_build(corpus: str, limit: int, directory: str, queue) -> None:
    import pyarrow.parquet as pq

    from ipcity.matching.index import CHUNK_ROWS, build_index_from_batches

    def batches():
        left = limit
        for batch in pq.ParquetFile(corpus).iter_batches(batch_size=CHUNK_ROWS):
            if left <= 0:
                return
            yield batch.slice(0, left)
            left -= batch.num_rows

    started = time.perf_counter()
    summary = build_index_from_batches(batches(), Path(directory))
    queue.put((time.perf_counter() - started, _peak_rss_mb(), summary.documents, summary.terms))


def _ours_query(directory: str, queries: list[str], queue) -> None:
    from ipcity.matching.index import load_index_at
    from ipcity.matching.ranker import rank

    started = time.perf_counter()
    index = load_index_at(Path(directory))
    load_seconds = time.perf_counter() - started
    rank(index, queries[0])  # first touch of the mapped pages
    from ipcity.matching.ranker import _top_positive
    from ipcity.matching.tokens import search_terms

    times, plain = [], []
    for text in queries:
        start = time.perf_counter()
        rank(index, text, top=20)
        times.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()  # BM25 alone, as bm25s's retrieve does it: the like-for-like figure
        _top_positive(index.scores(search_terms(text)), 20)  # the index's terms, as rank searches them
        plain.append((time.perf_counter() - start) * 1000)
    queue.put((*_percentiles(times), load_seconds, _peak_rss_mb(), *_percentiles(plain)))


def _reference(corpus: str, limit: int, queries: list[str], queue) -> None:
    import bm25s
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ipcity.matching.tokens import search_terms

    batches, kept = [], 0
    for batch in pq.ParquetFile(corpus).iter_batches(batch_size=50_000, columns=["title", "abstract"]):
        batches.append(batch.slice(0, limit - kept))
        kept += batches[-1].num_rows
        if kept >= limit:
            break
    table = pa.Table.from_batches(batches)  # only the subset is read: its peak is the index's
    started = time.perf_counter()
    tokenised = [search_terms(f"{t}\n{a}") for t, a in zip(table["title"].to_pylist(), table["abstract"].to_pylist(), strict=True)]
    model = bm25s.BM25(method="lucene")
    model.index(tokenised, show_progress=False)
    build = time.perf_counter() - started
    del tokenised
    times = []
    for text in queries:
        start = time.perf_counter()
        model.retrieve([[t for t in search_terms(text) if t in model.vocab_dict] or [""]], k=20, show_progress=False)
        times.append((time.perf_counter() - start) * 1000)
    queue.put((build, *_percentiles(times), _peak_rss_mb()))


def _in_process(target, *args):
    context = mp.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    if process.exitcode != 0:
        raise SystemExit(f"{target.__name__} failed with exit code {process.exitcode}")
    return result


def speed(records: int, reference: int, query_count: int, data_dir: Path) -> None:
    corpus = ensure_corpus(records, data_dir)
    rng = random.Random(4754)
    queries = [synth_query(rng) for _ in range(query_count)]
    work = Path(tempfile.mkdtemp(prefix="matching-", dir=data_dir))
    subset = min(reference, records)
    print(f"reference in the same run: {subset} patents (bm25s index() on token lists, then retrieve; our build beside it)")
    ref_build, ref_p50, ref_p95, ref_rss = _in_process(_reference, str(corpus), subset, queries)
    sub_seconds, sub_rss, sub_docs, sub_terms = _in_process(_ours_build, str(corpus), subset, str(work / "subset"))
    sub_p50, sub_p95, _, sub_qrss, sub_bm25_p50, sub_bm25_p95 = _in_process(_ours_query, str(work / "subset"), queries)
    print(f"  bm25s index() : build {ref_build:.1f} s, peak {ref_rss:.0f} MB; retrieve p50 {ref_p50:.1f} ms, p95 {ref_p95:.1f} ms")
    print(f"  ours          : build {sub_seconds:.1f} s, peak {sub_rss:.0f} MB ({sub_docs} documents, {sub_terms} terms); "
          f"BM25 alone p50 {sub_bm25_p50:.1f} ms, p95 {sub_bm25_p95:.1f} ms; rank (feedback + priors + why) "
          f"p50 {sub_p50:.1f} ms, p95 {sub_p95:.1f} ms, query process {sub_qrss:.0f} MB")
    seconds, rss, documents, terms_count = _in_process(_ours_build, str(corpus), records, str(work / "full"))
    p50, p95, load_seconds, query_rss, bm25_p50, bm25_p95 = _in_process(_ours_query, str(work / "full"), queries)
    print(f"ours at {records}: build {seconds:.1f} s (target ≤ 120), peak {rss:.0f} MB (≤ 2048); {documents} documents, "
          f"{terms_count} terms; load {load_seconds:.1f} s; {len(queries)} queries: rank p50 {p50:.1f} ms, p95 {p95:.1f} ms "
          f"(≤ 100; BM25 alone p50 {bm25_p50:.1f}, p95 {bm25_p95:.1f}), query process peak {query_rss:.0f} MB (≤ 2048)")
    print(f"records={records} build_seconds={seconds:.1f} build_peak_mb={rss:.0f} p50_ms={p50:.1f} p95_ms={p95:.1f} "
          f"query_peak_mb={query_rss:.0f} reference_{subset}_build_seconds={ref_build:.1f} ours_{subset}_build_seconds={sub_seconds:.1f}")
    import shutil

    shutil.rmtree(work, ignore_errors=True)


def quality(eval_dir: Path) -> None:
    from ipcity.analytics.sei import load_sei_table
    from ipcity.matching.evaluate import TfidfBaseline, halves, load_eval_set, mean_metrics
    from ipcity.matching.index import build_index_from_table, load_index_at
    from ipcity.matching.ranker import rank

    eval_set = load_eval_set(eval_dir)
    if not eval_set.grades:
        print(f"quality: no graded needs in {eval_dir} yet")
        return
    print(f"quality on {eval_dir} ({', '.join(eval_set.files)}): {len(eval_set.patents)} patents, {len(eval_set.needs)} needs")
    work = Path(tempfile.mkdtemp(prefix="matching-eval-"))
    build_index_from_table(eval_set.patent_table(), work / "eval")
    index = load_index_at(work / "eval")
    sei = load_sei_table(SEI_RULES) if SEI_RULES.is_file() else None
    baseline = TfidfBaseline(eval_set.patents)

    def ranker(priors: tuple[str, ...]):
        return lambda need: [h.pub_number for h in rank(index, need, top=50, concordance=eval_set.concordance,
                                                        sei_table=sei, priors=priors)]

    rows = {"shipped (BM25 + ipc, sei, region)": ranker(("ipc", "sei", "region")),
            "TF-IDF baseline": lambda need: baseline.rank(need.query_text, 50),
            "BM25 without priors": ranker(()), "BM25 + ipc": ranker(("ipc",)), "BM25 + sei": ranker(("sei",)),
            "BM25 + region": ranker(("region",))}
    results = {name: mean_metrics(eval_set, fn) for name, fn in rows.items()}
    for name, m in results.items():
        print(f"  {name:36} nDCG@10 {m['ndcg@10']:.3f}  P@5 {m['p@5']:.3f}  recall@50 {m['recall@50']:.3f}  ({m['needs']} needs)")
    # The hold-out view: each half alone (written by different people); a change is kept only if
    # it helps the half it was chosen on and does not hurt the other.
    for letter, part in halves(eval_set).items():
        half_shipped = mean_metrics(part, rows["shipped (BM25 + ipc, sei, region)"])
        half_base = mean_metrics(part, rows["TF-IDF baseline"])
        print(f"  half {letter} ({half_shipped['needs']} needs): shipped nDCG@10 {half_shipped['ndcg@10']:.3f}, "
              f"baseline {half_base['ndcg@10']:.3f} ({half_shipped['ndcg@10'] - half_base['ndcg@10']:+.3f}); "
              f"recall@50 {half_shipped['recall@50']:.3f} / {half_base['recall@50']:.3f}")
    shipped, base, plain = (results[k]["ndcg@10"] for k in ("shipped (BM25 + ipc, sei, region)", "TF-IDF baseline", "BM25 without priors"))
    print(f"  targets: nDCG@10 ≥ 0.6 → {shipped:.3f} {'met' if shipped >= 0.6 else 'NOT met'}; "
          f"≥ baseline + 0.05 = {base + 0.05:.3f} → {'met' if shipped >= base + 0.05 else 'NOT met'}; "
          + "; ".join(f"{p} alone {results[f'BM25 + {p}']['ndcg@10'] - plain:+.3f}" for p in ("ipc", "sei", "region")))
    import shutil

    shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--reference", type=int, default=100_000)
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "ipcity-bench")
    args = parser.parse_args(argv)
    if not args.skip_quality:
        quality(args.eval_dir)
    if not args.skip_speed:
        speed(args.records, args.reference, args.queries, args.data_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
