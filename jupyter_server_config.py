"""JupyterLab for exploring govkit's notebooks: what `make lab` starts, and what
tests/test_lab.py starts to prove it.

`make lab` runs ``jupyter lab --config=jupyter_server_config.py`` with the project's
venv; the port and any extra option come from its command line (``LAB_PORT``,
``LAB_ARGS``), which wins over this file.  The kernel is the venv's own ``python3``
(ipykernel installs it into .venv/share/jupyter, which Jupyter searches before the
user's folders when it runs from a venv, and its ``python`` is the server's
interpreter), the name the notebooks declare — so they open with the project's Python
and the govkit installed in it.
"""

import os
import sys
from pathlib import Path

c = get_config()  # type: ignore[name-defined]  # noqa: F821 - defined by Jupyter's loader

# The notebooks read ../data from their own folder (their `data` parameter).
c.ServerApp.root_dir = str(Path(__file__).resolve().parent / "notebooks")

# Loopback only, so no token and no password: nobody off this machine can connect, and a
# local user opens the printed http://127.0.0.1:8888/lab without copying a token.  Every
# process on this machine can reach it, though; on a shared machine give it a token
# (make lab LAB_ARGS=--IdentityProvider.token=…).  The Host, Origin and XSRF checks stay on:
# they keep web pages from other sites and DNS rebinding out.
c.ServerApp.ip = "127.0.0.1"
c.IdentityProvider.token = ""
c.PasswordIdentityProvider.hashed_password = ""

# The Makefile installs system packages when run as root, as in a container; the lab
# runs there too (its notebooks then run as root, like `make brief` does).
c.ServerApp.allow_root = True

# A browser only where one can show: a desktop session, macOS or Windows.  Over ssh or in
# a container Python's webbrowser would start a text browser inside the terminal; there
# the printed URL is what to open.
c.ServerApp.open_browser = sys.platform in ("darwin", "win32") or bool(
    os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))

# Offline: no announcements feed, no update check, no extension search on PyPI.
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"
