"""``govkit brief``: one offline HTML brief per selection, an index, safe file names,
atomic writes, and a failing selection that does not stop the others."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from conftest import DATA, SEEDS
from sample_briefs import sample_briefs

from govkit.publish import notebooks as publish
from govkit.publish.brief import Selection
from govkit.read.organs import organ_key

SEED_ORGANS = ["旧街街道办事处", "梁园区长征街道办事处", "关林街道", "慈音街道", "南山区六号街道"]
#: data/pingtan: 37 reports of seven organs (their SOURCES.tsv), one brief per organ
PINGTAN_ORGANS = ["平潭综合实验区国有资产管理局", "平潭综合实验区投资促进局",
                  "平潭综合实验区社会事业局", "平潭综合实验区综合执法与应急管理局",
                  "平潭综合实验区自然资源与生态环境局", "平潭综合实验区海坛片区管理局",
                  "平潭综合实验区金井片区管理局"]
ORGANS = SEED_ORGANS + PINGTAN_ORGANS


def organ_file(organ: str) -> str:
    """The brief of an organ is named for its organ_key, whatever its reports call it."""
    return publish.filename(Selection("organ", organ_key(organ) or organ, organ))


def brief_of(organ: str) -> str:
    return (sample_briefs().out / organ_file(organ)).read_text("utf-8")


def test_make_brief_writes_a_brief_per_organ_the_corpus_and_an_index() -> None:
    batch = sample_briefs()
    assert batch.proc.returncode == 0, batch.proc.stderr
    names = sorted(p.name for p in batch.out.iterdir())
    assert names == sorted(["corpus.html", "index.html", *(
        organ_file(o) for o in ORGANS)])
    index = (batch.out / "index.html").read_text("utf-8")
    links = re.findall(r'href="([^"]+)"', index)
    assert sorted(links) == sorted(n for n in names if n != "index.html")
    assert "13/13 briefs in" in batch.proc.stderr  # the timing line
    assert "briefs: 100%" in batch.proc.stderr  # the progress bar


def test_briefs_are_offline_pages_without_code() -> None:
    for page in sample_briefs().out.glob("*.html"):
        html = page.read_text("utf-8")
        assert not re.search(r"""<(?:script|link|img)\b[^>]*(?:src|href)=["']?(?:https?:)?//""",
                             html), page.name
        assert "<script" not in html, page.name
        if page.name != "index.html":
            assert "import govkit" not in html and "charts.use" not in html, page.name
            # the brief's eight charts, inline, two more when it covers several years;
            # the corpus brief has both and its two roll-ups (by year, by kind)
            expected = {12} if page.name == "corpus.html" else {8, 10}
            assert html.count("<svg") in expected, page.name
            assert (html.count("<svg") == 10) == ("历年变化" in html), page.name
            assert '<html lang="zh-CN">' in html


def test_briefs_carry_the_reports_figures() -> None:
    old = brief_of("旧街街道办事处")
    assert "<td>行政处罚决定（件）</td><td>15</td>" in old  # 000 reports 15 decisions
    assert "<td>本年新收申请（件）</td><td>0</td>" in old
    nanshan = brief_of("南山区六号街道")  # 004: 本年新收 not printed, null not 0
    assert "<td>本年新收申请（件）</td><td>—</td>" in nanshan
    assert "未印/无法读取" in nanshan
    assert "正文数字与表格不一致" in brief_of("慈音街道")  # 003's narrative.mismatch
    corpus = (sample_briefs().out / "corpus.html").read_text("utf-8")
    assert "<td>报告份数</td><td>42</td>" in corpus
    assert "全部报告：政府信息公开工作年度报告简报" in corpus


@pytest.mark.parametrize("key", ["南山区/六号街道", "a\x00b\nc", "../../etc/passwd", "CON",
                                 "街道 办事处.html", "长" * 200, "…"])
def test_file_names_are_safe_whatever_the_organ(key: str) -> None:
    name = publish.filename(Selection("organ", key, key))
    stem = name.removesuffix(".html")
    assert re.fullmatch(r"organ-[\w-]+-[0-9a-f]{8}", stem), name
    assert "/" not in name and "\\" not in name and ".." not in name
    assert len(name.encode()) < 200
    assert publish.filename(Selection("organ", key, "other title")) == name  # stable


def test_file_names_are_unique_and_readable() -> None:
    a = publish.filename(Selection("organ", "南山区/六号街道", ""))
    b = publish.filename(Selection("organ", "南山区_六号街道", ""))
    assert a != b and a.startswith("organ-南山区_六号街道-")
    assert publish.filename(Selection("year", "2021", "")) == "year-2021.html"
    assert publish.filename(Selection("corpus", "", "")) == "corpus.html"


def test_write_atomic_leaves_the_old_file_or_the_new_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.html"
    target.write_text("old", "utf-8")

    def broken(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        publish.write_atomic(target, "new")
    assert target.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]  # no temporary file left
    monkeypatch.undo()
    publish.write_atomic(target, "new")
    assert target.read_text("utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.html"]


def test_a_failing_selection_is_reported_and_the_others_are_written(tmp_path: Path) -> None:
    # A tiny brief notebook that fails for one organ; one reused kernel runs all five.
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(
            'data = ""\norgans = []\norgan_keys = []\nyears = []\nsources = []\ntitle = ""\n'
            'renderer = "svg"\ncache_dir = None', metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(
            'assert "boom" not in dir(), "state leaked from the previous brief"\n'
            'boom = True\n'
            'if organs == ["慈音街道"]:\n    raise RuntimeError("模拟失败")\n'
            'from govkit.publish.display import Markdown\nMarkdown("# " + title)'),
    ], metadata={"kernelspec": {"name": "python3", "language": "python",
                                "display_name": "Python 3"}})
    notebook = tmp_path / "tiny.ipynb"
    nbformat.write(nb, notebook)
    out = tmp_path / "out"
    for _ in range(2):  # the second run replaces the first run's files
        results = publish.write_briefs(SEEDS, out, by=["organ"], notebook=notebook, workers=1,
                                       progress=False)
        assert len(results) == 5
        failed = [r for r in results if not r.ok]
        assert [r.selection.title for r in failed] == ["慈音街道"]
        assert failed[0].error == "RuntimeError: 模拟失败"
        written = sorted(p.name for p in out.iterdir())
        assert len(written) == 5 and "index.html" in written  # 4 briefs and the index
        assert not [n for n in os.listdir(out) if n.startswith(".")]  # no temporary files
    index = (out / "index.html").read_text("utf-8")
    assert "生成失败：RuntimeError: 模拟失败" in index
    page = (out / organ_file("旧街街道办事处")).read_text("utf-8")
    assert re.search(r"<h1[^>]*>旧街街道办事处<", page)


def test_brief_command_rejects_an_unknown_grouping(capsys: pytest.CaptureFixture[str]) -> None:
    from govkit.cli import main

    with pytest.raises(SystemExit):
        main(["brief", str(DATA), "--out", "x", "--by", "province"])
    assert "choose from organ, year, corpus" in capsys.readouterr().err
