"""`make lab`: JupyterLab on notebooks/ with the project's interpreter, reachable on
127.0.0.1 without a token, and a notebook opened in it shows what is committed.

The test runs the Makefile's target itself — the venv's stamps taken as up to date and
``PY`` this interpreter, so the command line and jupyter_server_config.py are the ones
`make lab` uses — on a free loopback port, with Jupyter's runtime, data and config folders
in a temporary directory.  It opens 01-overview through the server's contents API, starts
its kernel through the sessions API and runs the code cells over the kernel's websocket,
as JupyterLab does, then stops the server through its API.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

pytest.importorskip("jupyterlab", reason="jupyterlab is not installed (it is a dependency of "
                                         "govkit: pip install -e .)")
from tornado.websocket import websocket_connect  # jupyter_server's own tornado

NOTEBOOK = "01-overview.ipynb"
STARTUP = 60  # seconds the server may take to answer /api/status
CELL = 120    # seconds one cell may run (01-overview's slowest loads data/: ~2 s)
STOP = 20     # seconds the server may take to exit after /api/shutdown


@dataclass
class Lab:
    """A running `make lab`: its base URL, process, log and a client with its cookies."""

    url: str
    proc: subprocess.Popen[bytes]
    log: Path
    opener: urllib.request.OpenerDirector
    cookies: CookieJar

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text("utf-8", "replace").splitlines()[-40:])

    def request(self, method: str, path: str, body: Any = None) -> Any:
        """An API call as JupyterLab makes it: cookies, and the XSRF token on changes."""
        headers = {"Content-Type": "application/json"}
        xsrf = next((c.value for c in self.cookies if c.name == "_xsrf"), None)
        if xsrf is not None:
            headers["X-XSRFToken"] = xsrf
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers=headers)
        try:
            with self.opener.open(req, timeout=30) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            raise AssertionError(f"{method} {path}: {e.code} {e.read()[:500]!r}\n"
                                 f"server log:\n{self.log_tail()}") from e
        return json.loads(raw) if raw else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_lab(port: int) -> list[str]:
    """`make lab` on ``port``, without rebuilding the venv (this interpreter is the
    venv's) and without a browser; a port already taken fails instead of moving on."""
    make = shutil.which("make")
    if make is None:
        pytest.fail("make is not on PATH: this test runs `make lab`")
    return [make, "-s", "-C", str(ROOT), "-o", ".venv/.installed", "-o", ".venv/.system-deps",
            "lab", f"PY={sys.executable}", f"LAB_PORT={port}",
            "LAB_ARGS=--no-browser --ServerApp.port_retries=0"]


def stop(proc: subprocess.Popen[bytes]) -> None:
    """The server, make and anything they started: TERM, then KILL."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if proc.poll() is not None:
            return
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    home = tmp_path_factory.mktemp("lab")
    env = {k: v for k, v in os.environ.items()
           if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "JUPYTER_PATH",
                        "JUPYTER_CONFIG_PATH", "JUPYTER_TOKEN"}}
    env.update({"JUPYTER_RUNTIME_DIR": str(home / "runtime"),
                "JUPYTER_DATA_DIR": str(home / "data"),
                "JUPYTER_CONFIG_DIR": str(home / "config"),
                "IPYTHONDIR": str(home / "ipython")})
    port = free_port()
    log = home / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(make_lab(port), stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    cookies = CookieJar()
    server = Lab(f"http://127.0.0.1:{port}", proc, log,
                 urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies)),
                 cookies)
    try:
        deadline = time.monotonic() + STARTUP
        while True:
            if proc.poll() is not None:
                pytest.fail(f"make lab exited with {proc.returncode}:\n{server.log_tail()}")
            try:
                with server.opener.open(server.url + "/api/status", timeout=5):
                    break
            except urllib.error.HTTPError as e:  # it answers, but not to a local user
                pytest.fail(f"GET /api/status: {e.code} {e.reason}\n{server.log_tail()}")
            except OSError:  # not listening yet
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"no answer on {server.url}/api/status after {STARTUP} s:\n"
                            f"{server.log_tail()}")
            time.sleep(0.25)
        yield server
        server.request("POST", "/api/shutdown")
        try:
            assert proc.wait(timeout=STOP) == 0, server.log_tail()
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running {STOP} s after /api/shutdown:\n{server.log_tail()}")
    finally:
        stop(proc)


def test_lab_serves_notebooks_on_loopback_without_a_token(lab: Lab) -> None:
    # the page a browser opens: JupyterLab itself, not a login page; it sets the XSRF
    # cookie that JupyterLab sends back with every change
    with lab.opener.open(lab.url + "/lab", timeout=30) as resp:
        assert resp.geturl() == lab.url + "/lab"
        page = resp.read().decode()
    assert any(c.name == "_xsrf" for c in lab.cookies)
    data = re.search(
        r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    assert data is not None, page[:500]
    config = json.loads(data.group(1))
    assert config["news"] == {"disabled": True}  # offline: no announcements feed

    # the URL `make lab` prints is the one the README tells to open
    assert f"{lab.url}/lab" in lab.log.read_text("utf-8", "replace")
    listing = lab.request("GET", "/api/contents")
    assert sorted(item["name"] for item in listing["content"]
                  if item["type"] == "notebook") == sorted(
        p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


def _execute_request(code: str, session: str) -> tuple[str, str]:
    msg_id = uuid.uuid4().hex
    return msg_id, json.dumps({
        "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session,
                   "username": "test_lab", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}})


async def run_cells(url: str, session: str, cells: list[str]) -> list[tuple[dict, list]]:
    """Each cell's execute_reply and its outputs (as nbformat stores them: streams of one
    name joined), executed in order on the kernel behind ``url``'s websocket."""
    ws = await websocket_connect(url)
    results = []
    try:
        for code in cells:
            msg_id, request = _execute_request(code, session)
            await ws.write_message(request)
            reply, outputs, idle = None, [], False
            while reply is None or not idle:
                raw = await asyncio.wait_for(ws.read_message(), CELL)
                assert isinstance(raw, str), f"the kernel's websocket closed or sent {raw!r}"
                msg = json.loads(raw)
                if msg["parent_header"].get("msg_id") != msg_id:
                    continue
                kind, content = msg["header"]["msg_type"], msg["content"]
                if msg["channel"] == "shell" and kind == "execute_reply":
                    reply = content
                elif kind == "status":
                    idle = content["execution_state"] == "idle"
                elif kind == "stream":
                    if outputs and outputs[-1].get("name") == content["name"]:
                        outputs[-1]["text"] += content["text"]
                    else:
                        outputs.append({"output_type": "stream", **content})
                elif kind in {"execute_result", "display_data", "error"}:
                    outputs.append({"output_type": kind, **content})
            results.append((reply, outputs))
    finally:
        ws.close()
    return results


def shown(outputs: list[dict]) -> list[str]:
    """What a cell shows as text: its streams and the text/plain of its results."""
    return [o["text"] if o["output_type"] == "stream" else o["data"]["text/plain"]
            for o in outputs if o["output_type"] in {"stream", "execute_result"}]


def test_a_notebook_runs_in_the_lab_as_committed(lab: Lab) -> None:
    nb = lab.request("GET", f"/api/contents/{NOTEBOOK}?content=1")
    assert nb["type"] == "notebook"
    cells = [c for c in nb["content"]["cells"] if c["cell_type"] == "code"]
    kernel_name = nb["content"]["metadata"]["kernelspec"]["name"]
    assert kernel_name in lab.request("GET", "/api/kernelspecs")["kernelspecs"]

    session = lab.request("POST", "/api/sessions", {
        "path": NOTEBOOK, "name": NOTEBOOK, "type": "notebook",
        "kernel": {"name": kernel_name}})
    kernel = session["kernel"]["id"]
    ws_url = (lab.url.replace("http://", "ws://")
              + f"/api/kernels/{kernel}/channels?session_id={uuid.uuid4().hex}")
    probe = "import os, sys, govkit\nprint(sys.executable, os.getcwd(), govkit.__file__, sep='\\n')"
    try:
        results = asyncio.run(run_cells(ws_url, uuid.uuid4().hex,
                                        [c["source"] for c in cells] + [probe]))
    finally:
        lab.request("DELETE", f"/api/sessions/{session['id']}")
    assert lab.request("GET", "/api/kernels") == []  # the session took its kernel along

    *ran, (probe_reply, probe_out) = results
    for i, (cell, (reply, outputs)) in enumerate(zip(cells, ran, strict=True)):
        where = f"{NOTEBOOK}, code cell {i}: {cell['source'].splitlines()[-1]}"
        assert reply["status"] == "ok", (where, outputs)
        assert shown(outputs) == shown(cell["outputs"]), where
    # real figures among them: the corpus read from notebooks/ through "../data"
    assert any(re.match(r"<govkit.Corpus: [1-9]\d* reports", text)
               for _, outputs in ran for text in shown(outputs))
    # the notebook's kernel is the project's interpreter, in notebooks/, with its govkit
    assert probe_reply["status"] == "ok"
    executable, cwd, module = shown(probe_out)[0].splitlines()
    assert Path(executable) == Path(sys.executable)
    assert Path(cwd) == ROOT / "notebooks"
    assert Path(module).is_relative_to(ROOT / "govkit")
