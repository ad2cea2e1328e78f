"""Briefs as files: the brief notebook run once per selection, exported as offline HTML.

papermill injects each selection's parameters into notebooks/10-brief.ipynb and executes
it; nbconvert exports the result without code cells through govkit's ``brief`` template
(no CDN scripts, charts inlined as SVG); ``index.html`` links every brief.  Each file is
written under a temporary name and moved into place with :func:`os.replace`, so a rerun
never leaves a half-written brief.  A selection that fails is reported and the others
go on.

Kernel start-up and imports (Altair alone takes about 2 s to import) dominate a brief of
this size, so each worker starts one kernel and runs its share of the selections in it,
clearing the namespace between briefs (``%reset -f``); ``workers`` kernels run side by
side.  ``fresh_kernels=True`` gives each brief its own kernel, papermill's default.

Example:
    >>> results = publish.write_briefs("data", "reports_out", by=("organ", "corpus"))
"""

from __future__ import annotations

import hashlib
import html
import os
import queue
import statistics
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from ..corpus import Corpus, load
from ..errors import GovkitError
from .brief import Selection, selections

BRIEF_NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "10-brief.ipynb"
TEMPLATES = Path(__file__).resolve().parent / "templates"
KERNEL = "python3"
CELL_TIMEOUT = 600
_NAME_CHARS = 40


@dataclass(frozen=True, slots=True)
class BriefResult:
    """One selection's outcome: the file written, or why there is none."""

    selection: Selection
    filename: str
    seconds: float
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def filename(selection: Selection) -> str:
    """A safe, unique and stable file name for a selection's brief.

    Chinese names are kept; anything that is not a letter, digit, ``-`` or ``_`` (path
    separators, control characters, dots, spaces) becomes ``_``; long names are cut; a
    hash of the selection's kind and key keeps names unique and the same on every run.

    >>> filename(Selection("organ", "南山区/六号街道", "南山区/六号街道"))[:15]
    'organ-南山区_六号街道-'
    """
    if selection.kind == "corpus":
        return "corpus.html"
    if selection.kind == "year" and selection.key.isascii() and selection.key.isdigit():
        return f"year-{selection.key}.html"
    text = unicodedata.normalize("NFC", selection.key)
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in text)
    safe = "_".join(p for p in safe.split("_") if p)[:_NAME_CHARS].strip("-_") or "x"
    digest = hashlib.sha1(f"{selection.kind}\0{selection.key}".encode()).hexdigest()[:8]
    return f"{selection.kind}-{safe}-{digest}.html"


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, so the
    file is either the old one or the whole new one, never half written."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export_html(nb: nbformat.NotebookNode, title: str) -> str:
    """An executed brief notebook as one self-contained HTML page without code cells."""
    from nbconvert import HTMLExporter

    nb = nbformat.from_dict(nb)
    nb.metadata["title"] = title
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            # warnings on stderr are for the developer, not for the brief's reader
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    exporter = HTMLExporter(template_name="brief", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    exporter.language_code = "zh-CN"
    body, _ = exporter.from_notebook_node(nb)
    return body


class _Runner:
    """Runs brief notebooks in one kernel, cleared between runs; the caller closes it
    after every run for a new kernel per brief."""

    def __init__(self, notebook: nbformat.NotebookNode, cwd: Path) -> None:
        self.notebook, self.cwd = notebook, cwd
        self.km: Any = None

    def _kernel(self) -> Any:
        from jupyter_client.manager import KernelManager

        if self.km is not None and not self.km.is_alive():
            self.close()  # a brief killed it; the next one gets a new kernel
        if self.km is None:
            self.km = KernelManager(kernel_name=KERNEL)
            # log-level ERROR: ipykernel warns about TCP transport on every start
            self.km.start_kernel(cwd=str(self.cwd), extra_arguments=["--log-level=ERROR"])
        else:
            kc = self.km.blocking_client()
            kc.start_channels()
            try:
                kc.wait_for_ready(timeout=60)
                kc.execute_interactive("%reset -f", store_history=False, timeout=60)
            finally:
                kc.stop_channels()
        return self.km

    def run(self, parameters: dict[str, object]) -> nbformat.NotebookNode:
        import papermill as pm

        # Our own kernel manager (started in the notebook's folder) rather than papermill's
        # ``cwd``, which changes the whole process's directory — unsafe with threads.
        return pm.execute_notebook(
            self.notebook, None, parameters=parameters, kernel_name=KERNEL,
            progress_bar=False, request_save_on_cell_execute=False,
            execution_timeout=CELL_TIMEOUT, km=self._kernel())

    def close(self) -> None:
        if self.km is not None:
            self.km.shutdown_kernel(now=True)
            self.km = None


def _describe(exc: BaseException) -> str:
    ename, evalue = getattr(exc, "ename", None), getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"
    return f"{type(exc).__name__}: {exc}"


def _render(runner: _Runner, selection: Selection, params: Mapping[str, object],
            out: Path) -> BriefResult:
    name = filename(selection)
    start = time.perf_counter()
    try:
        nb = runner.run({**params, **selection.parameters()})
        page = export_html(nb, f"{selection.title}：政府信息公开工作年度报告简报")
        write_atomic(out / name, page)
    except Exception as exc:  # one failing selection must not stop the batch: record it
        return BriefResult(selection, name, time.perf_counter() - start, _describe(exc))
    return BriefResult(selection, name, time.perf_counter() - start)


def run_selections(chosen: Sequence[Selection], params: Mapping[str, object], out: Path, *,
                   notebook: Path, workers: int, fresh_kernels: bool,
                   done: Callable[[BriefResult], None] = lambda r: None) -> list[BriefResult]:
    """Execute and export each selection's brief with ``workers`` kernels side by side;
    results come back in the order of ``chosen``."""
    nb = nbformat.read(notebook, as_version=4)
    todo: queue.Queue[tuple[int, Selection]] = queue.Queue()
    for item in enumerate(chosen):
        todo.put(item)
    results: dict[int, BriefResult] = {}
    lock = threading.Lock()

    def work() -> None:
        runner = _Runner(nb, notebook.parent)
        try:
            while True:
                try:
                    i, sel = todo.get_nowait()
                except queue.Empty:
                    return
                result = _render(runner, sel, params, out)
                with lock:
                    results[i] = result
                    done(result)
                if fresh_kernels:
                    runner.close()
        finally:
            runner.close()

    threads = [threading.Thread(target=work, name=f"brief-{k}", daemon=True)
               for k in range(max(1, min(workers, len(chosen))))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [results[i] for i in range(len(chosen))]


def write_index(out: Path, results: Sequence[BriefResult], corpus: Corpus) -> Path:
    """``index.html``: every brief with its reports and findings, failures included."""
    kinds = {"corpus": "全部", "organ": "按机关", "year": "按年度", "report": "单份报告"}
    findings = dict(corpus.findings.group_by("report_id").len().iter_rows())
    rows = []
    for r in results:
        sel = r.selection
        n_find = sum(findings.get(rid, 0) for rid in sel.report_ids)
        link = (f'<a href="{html.escape(r.filename)}">{html.escape(sel.title)}</a>' if r.ok
                else html.escape(sel.title))
        state = ("" if r.ok else
                 f'<span class="failed">生成失败：{html.escape(r.error or "")}</span>')
        rows.append(f"<tr><td>{kinds.get(sel.kind, sel.kind)}</td><td>{link}{state}</td>"
                    f"<td>{len(sel.report_ids)}</td><td>{n_find}</td></tr>")
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>政府信息公开工作年度报告简报</title>
<style>
body {{ font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC",
       "PingFang SC", "Microsoft YaHei", sans-serif; color: #222; margin: 0; }}
main {{ max-width: 900px; margin: 0 auto; padding: 24px 28px; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 6px 10px; text-align: left; }}
th {{ background: #f6f7f9; }}
.failed {{ color: #c62828; display: block; font-size: 13px; }}
</style>
</head>
<body><main>
<h1>政府信息公开工作年度报告简报</h1>
<p>共 {sum(r.ok for r in results)} 份简报，涵盖 {corpus.reports.height} 份年度报告。
数据质量提示指出可能不可靠的数字，详见各简报。</p>
<table>
<thead><tr><th>范围</th><th>简报</th><th>报告份数</th><th>数据质量提示</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</main></body>
</html>
"""
    target = out / "index.html"
    write_atomic(target, page)
    return target


def write_briefs(data: str | os.PathLike[str], out: str | os.PathLike[str], *,
                 by: Iterable[str] = ("organ", "corpus"), workers: int | None = None,
                 notebook: str | os.PathLike[str] | None = None, fresh_kernels: bool = False,
                 progress: bool = True, store: str | os.PathLike[str] | None = None
                 ) -> list[BriefResult]:
    """Write one HTML brief per selection of the reports in ``data``, and ``index.html``.

    Args:
        data: a report file or a folder of reports.
        out: the folder to write into (created if missing).
        by: "organ", "year" and/or "corpus" — which selections get a brief.
        workers: kernels run side by side (default: up to 2, or the cores if fewer).
        notebook: the brief notebook (default: notebooks/10-brief.ipynb of the checkout).
        fresh_kernels: start a new kernel for every brief instead of reusing one.
        progress: show a progress bar on stderr.
        store: the store (:mod:`govkit.store`) the reports are parsed into and every kernel
            reads them from; default a temporary one, removed afterwards.  ``govkit brief``
            passes the default store, so its closing summary loads the corpus again for free.

    Returns:
        One :class:`BriefResult` per selection, failed ones with their error.
    """
    nb_path = (Path(notebook) if notebook is not None else BRIEF_NOTEBOOK).resolve()
    if not nb_path.is_file():
        raise GovkitError(f"brief notebook not found: {nb_path} (pass --notebook)")
    out_dir = Path(out).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    with (nullcontext(os.fspath(store)) if store is not None
          else tempfile.TemporaryDirectory(prefix="govkit-cache-")) as cache:
        # parse once here; every kernel then reads the parsed reports from the cache
        corpus = load(data, cache_dir=cache)
        chosen = selections(corpus, by)
        params = {"data": str(Path(data).resolve()), "cache_dir": cache}
        bar: Any = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=len(chosen), desc="briefs", unit="brief", file=sys.stderr)

        def done(result: BriefResult) -> None:
            if bar is not None:
                bar.update(1)
                bar.set_postfix_str(result.selection.title[:20])
            if not result.ok:
                print(f"govkit brief: {result.selection.title}: {result.error}",
                      file=sys.stderr)

        try:
            results = run_selections(chosen, params, out_dir, notebook=nb_path,
                                     workers=workers, fresh_kernels=fresh_kernels, done=done)
        finally:
            if bar is not None:
                bar.close()
    write_index(out_dir, results, corpus)
    return results


def timing_summary(results: Sequence[BriefResult], total: float, workers: int,
                   fresh_kernels: bool) -> str:
    """One line of timings: briefs, total time and time per brief."""
    if not results:
        return "no briefs"
    secs = sorted(r.seconds for r in results)
    median = statistics.median(secs)
    mode = "a new kernel per brief" if fresh_kernels else "kernels reused"
    return (f"{sum(r.ok for r in results)}/{len(results)} briefs in {total:.1f} s "
            f"({workers} worker(s), {mode}); per brief: median {median:.1f} s, "
            f"max {secs[-1]:.1f} s")
