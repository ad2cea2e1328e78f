"""The committed notebooks: thin, parameterized, stripped — and nbval really catches a
figure that changes."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
from conftest import DATA, ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"


def code_cells(path: Path) -> list[nbformat.NotebookNode]:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_the_notebooks_are_there() -> None:
    names = {p.name for p in NOTEBOOKS}
    assert {"01-overview.ipynb", "02-applications.ipynb", "03-reviews.ipynb",
            "04-problem-phrases.ipynb", "05-series.ipynb", "10-brief.ipynb"} <= names
    assert all(re.fullmatch(r"\d\d-[a-z0-9-]+\.ipynb", n) for n in names), names


def test_first_code_cell_holds_the_parameters_and_only_defaults() -> None:
    for path in NOTEBOOKS:
        first = code_cells(path)[0]
        assert "parameters" in first.metadata.get("tags", []), path.name
        for node in ast.parse(first.source).body:  # plain assignments of literals
            assert isinstance(node, ast.Assign), (path.name, ast.dump(node))
            ast.literal_eval(node.value)


def test_notebooks_are_thin() -> None:
    for path in NOTEBOOKS:
        for cell in code_cells(path):
            tree = ast.parse(cell.source)
            defs = [n for n in ast.walk(tree)
                    if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
                                  | ast.Lambda)]
            assert not defs, f"{path.name}: define functions in govkit, not in notebooks"
            modules = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import)
                       for a in n.names} | {n.module for n in ast.walk(tree)
                                            if isinstance(n, ast.ImportFrom)}
            assert "re" not in modules, f"{path.name}: no parsing in notebooks"


def test_notebooks_are_stripped_of_run_metadata() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "strip_notebooks.py"),
                           "--check", *map(str, NOTEBOOKS)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, f"run `make notebooks`: {proc.stdout}"
    for path in NOTEBOOKS:
        text = path.read_text("utf-8")
        assert '"execution"' not in text and '"papermill"' not in text, path.name


def _brief_copy(tmp: Path, name: str, *, change: tuple[str, str] | None = None) -> Path:
    """The brief notebook cut after its key figures, reading data/ by absolute path, with
    one stored output optionally changed as a parser change would change it."""
    nb = nbformat.read(ROOT / "notebooks" / "10-brief.ipynb", as_version=4)
    key = next(i for i, c in enumerate(nb.cells) if "key_figures_table" in c.source)
    nb.cells = nb.cells[:key + 1]
    nb.cells[0].source = nb.cells[0].source.replace('"../data"', json.dumps(str(DATA)))
    if change is not None:
        outputs = nb.cells[key].outputs
        assert outputs and change[0] in outputs[0].data["text/plain"]
        for mime in ("text/plain", "text/html"):
            outputs[0].data[mime] = outputs[0].data[mime].replace(*change)
    path = tmp / name
    nbformat.write(nb, path)
    return path


def test_nbval_catches_a_changed_figure(tmp_path: Path) -> None:
    # the corpus brief prints 行政处罚决定 3240（不完整）: data/'s decisions, 004 and five
    # glued Pingtan rows unreadable
    same = _brief_copy(tmp_path, "same.ipynb")
    changed = _brief_copy(tmp_path, "changed.ipynb",
                          change=("行政处罚决定（件） | 3240（不完整）",
                                  "行政处罚决定（件） | 3241（不完整）"))
    (tmp_path / "pytest.ini").write_text("[pytest]\n", "utf-8")  # not the repo's config
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env",
         f"--nbval-sanitize-with={SANITIZE}", "-p", "no:cacheprovider", "-rA",
         f"--rootdir={tmp_path}", "-c", str(tmp_path / "pytest.ini"), str(same), str(changed)],
        capture_output=True, text=True, cwd=tmp_path, timeout=600, check=False)
    out = proc.stdout
    failed = re.findall(r"^FAILED (\S+)", out, re.M)
    assert proc.returncode == 1, out[-3000:]
    assert len(failed) == 1 and failed[0].startswith("changed.ipynb::"), out[-3000:]
    assert "3241（不完整）" in out and "3240（不完整）" in out  # the diff names both figures
    assert not [line for line in out.splitlines()
                if line.startswith("FAILED same.ipynb")], "the unchanged copy must pass"
