"""``ipcity match``: build, query (text and JSON) and the reference tables; bad input exits 2."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ipcity.cli.main import cli

from .conftest import FIXTURES


def run(*args: str):
    return CliRunner().invoke(cli, ["match", *args])


def test_build_then_query_as_json(data_dir):
    built = run("build", "--dataset", "fx")
    assert built.exit_code == 0, built.output
    assert built.output.startswith("dataset fx: 12 documents, ") and " terms, " in built.output
    result = run("query", "我公司生产光伏玻璃，需要提高透光率的减反射镀膜技术", "--dataset", "fx", "--json", "--top", "2")
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert [set(h) for h in hits] == [{"pub_number", "score", "why"}] * len(hits)
    assert hits[0]["pub_number"] == "CN99000007A" and len(hits) <= 2
    assert hits[0]["score"] >= hits[-1]["score"]
    assert "透光率" in hits[0]["why"]["shared_terms"]


def test_industry_and_region_apply_the_priors(data_dir):
    run("build", "--dataset", "fx")
    assert run("reference", "concordance", str(FIXTURES / "concordance.csv")).exit_code == 0
    result = run("query", "光伏玻璃减反射镀膜，提高透光率", "--dataset", "fx", "--industry", "C3041", "--region", "340300", "--json")
    assert result.exit_code == 0, result.output
    priors = [p["prior"] for p in json.loads(result.output)[0]["why"]["priors"]]
    assert "ipc" in priors and "region" in priors
    text = run("query", "光伏玻璃减反射镀膜，提高透光率", "--dataset", "fx")
    assert text.exit_code == 0 and "CN99000007A" in text.output and "共有词" in text.output


def test_bad_input_is_one_line_and_exit_2(data_dir):
    unbuilt = run("query", "光伏玻璃镀膜", "--dataset", "fx")
    assert unbuilt.exit_code == 2 and "ipcity match build --dataset fx" in unbuilt.output
    run("build", "--dataset", "fx")
    for args, words in ((["query", "", "--dataset", "fx"], "需求描述过短"), (["query", "玻", "--dataset", "fx"], "需求描述过短"),
                        (["query", "光伏玻璃", "--dataset", "fx", "--industry", "9899"], "未知的行业代码：9899"),
                        (["query", "光伏玻璃", "--dataset", "fx", "--region", "999999"], "未知的地区代码"),
                        (["build", "--dataset", "nope"], "没有名为 nope 的数据集")):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert words in result.output and result.output.count("\n") == 1


def test_unknown_dataset_names_a_command_that_lists_the_datasets(data_dir):
    refused = run("build", "--dataset", "nope")
    assert refused.exit_code == 2 and "ipcity patents datasets" in refused.output
    listed = CliRunner().invoke(cli, ["patents", "datasets"])
    assert listed.exit_code == 0 and listed.output.startswith("fx\t"), listed.output


def test_reference_tables(data_dir, tmp_path):
    table = tmp_path / "gbt4754.csv"
    table.write_text("代码,类别名称\n304,玻璃制造\n3041,平板玻璃制造\n", encoding="utf-8")
    loaded = run("reference", "industries", str(table))
    assert loaded.exit_code == 0 and "gbt4754-" in loaded.output
    bad = tmp_path / "bad.csv"
    bad.write_text("industry_code,ipc_patterns\n9899,C03C*\n", encoding="utf-8")
    refused = run("reference", "concordance", str(bad))
    assert refused.exit_code == 2 and "9899" in refused.output
    assert not (data_dir / "reference" / "ipc_industry").exists()


def test_an_index_of_the_older_cut_still_ranks_but_says_to_build_again(data_dir):
    from ipcity.matching.index import SUMMARY_FILE, index_dir

    run("build", "--dataset", "fx")
    path = index_dir("fx", data_dir) / SUMMARY_FILE
    path.write_text(json.dumps({k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if k != "cut"}),
                    encoding="utf-8")
    result = run("query", "我公司生产光伏玻璃，需要提高透光率的减反射镀膜技术", "--dataset", "fx", "--json")
    assert result.exit_code == 0
    assert "ipcity match build --dataset fx" in result.stderr
    assert json.loads(result.stdout)[0]["pub_number"] == "CN99000007A"
