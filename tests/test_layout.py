"""The package's folders are the path a report takes, and imports run one way.

read (bytes → one parsed report) → the corpus (frames, store, links between reports) →
analyze (frames → figures) → publish (charts, briefs, exports) → cli.  A module may import
its own stage and the stages before it, never one after: a parse that imported the corpus,
or a measure that imported a chart, would undo what the folders say.  Read from the
source with :mod:`ast`, every import, including those inside functions.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "govkit"
#: Stage of each top-level name under govkit/ (a module or a folder); higher runs later.
STAGES = {"schema": 0, "errors": 0, "labels": 0, "read": 1, "corpus": 2, "store": 2,
          "years": 2, "continuity": 2, "coverage": 2, "dictionary": 2, "analyze": 3,
          "publish": 4, "cli": 5, "__main__": 5}


def _stage(top: str) -> int:
    return STAGES.get(top, -1)


def _imports(path: Path, rel: tuple[str, ...] | None = None) -> list[tuple[int, str]]:
    """(line, imported module under govkit, dotted, without ``govkit.``) of a file;
    ``rel`` is where the file stands under govkit/ (default: where it is)."""
    rel = rel or path.relative_to(PKG).with_suffix("").parts
    package = list(rel[:-1])
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == "govkit":
                target = node.module.split(".")[1:]
            else:
                continue
            names = [a.name for a in node.names] if not target else [None]
            for name in names:
                full = target + ([name] if name else [])
                if full:
                    out.append((node.lineno, ".".join(full)))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, a.name.split(".", 1)[1]) for a in node.names
                    if a.name.startswith("govkit.")]
    return out


MODULES = sorted(p for p in PKG.rglob("*.py") if p.relative_to(PKG).parts[0] != "__init__.py")


def test_every_module_has_a_stage() -> None:
    tops = {p.relative_to(PKG).with_suffix("").parts[0] for p in MODULES}
    assert {t for t in tops if _stage(t) < 0} == set()


def _later(path: Path, rel: tuple[str, ...] | None = None) -> list[str]:
    """The imports of a file that reach a later stage than its own."""
    rel = rel or path.relative_to(PKG).with_suffix("").parts
    own = _stage(rel[0])
    return [f"line {line}: {target}" for line, target in _imports(path, rel)
            if _stage(target.split(".")[0]) > own]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PKG)))
def test_imports_run_one_way(path: Path) -> None:
    assert _later(path) == [], f"{path.relative_to(PKG)} imports a later stage"


def test_the_rule_catches_a_parse_importing_the_corpus(tmp_path: Path) -> None:
    bad = tmp_path / "probe.py"
    bad.write_text("from ..corpus import Corpus\n\ndef f():\n    from ..publish import charts\n",
                   encoding="utf-8")
    assert _later(bad, ("read", "probe")) == ["line 1: corpus", "line 4: publish"]
    assert _later(bad, ("publish", "probe")) == []
