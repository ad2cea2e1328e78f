"""A brief opened in headless Chromium with the network cut off: the charts draw, nothing
is fetched from outside the file, and Chinese text has real glyphs (no tofu boxes)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sample_briefs import sample_briefs

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (make installs it when run as root: "
                             "apt-get install chromium fonts-wqy-microhei)")

#: Headless, no background traffic, and no network at all: every request goes to a
#: closed local port and every host name fails to resolve.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--proxy-server=http://127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
         "--hide-scrollbars"]

# Appended to a copy of the brief: what the browser laid out, as JSON in the DOM.
PROBE = """<script>
window.addEventListener("load", () => {
  const glyph = (ch) => {
    const c = document.createElement("canvas"); c.width = c.height = 48;
    const g = c.getContext("2d");
    g.font = "40px " + getComputedStyle(document.body).fontFamily;
    g.fillText(ch, 2, 40); return c.toDataURL();
  };
  const probe = {
    svgs: [...document.querySelectorAll("svg")].map((s) => {
      const r = s.getBoundingClientRect(); return [Math.round(r.width), Math.round(r.height)];
    }),
    svgTexts: [...document.querySelectorAll("svg text")].map((t) => t.getComputedTextLength()),
    resources: performance.getEntriesByType("resource").map((e) => e.name),
    // a character the fonts lack draws the same box as any other missing character
    tofu: glyph("政") === glyph("\\u{10FFFD}"),
    blank: glyph("政") === glyph(" "),
  };
  const pre = document.createElement("pre");
  pre.id = "probe"; pre.textContent = JSON.stringify(probe);
  document.body.appendChild(pre);
});
</script>"""


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


class _Resources(HTMLParser):
    """Every URL a page would load: script/img/iframe src, stylesheet and icon links."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("src", "href", "data"):
            if a.get(key) and (tag != "a" or key != "href"):
                self.urls.append((tag, a[key] or ""))


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    batch = sample_briefs()
    assert batch.proc.returncode == 0, batch.proc.stderr
    return batch.out / "corpus.html"


def test_no_resource_points_outside_the_file(page: Path) -> None:
    for brief in page.parent.glob("*.html"):
        parser = _Resources()
        parser.feed(brief.read_text("utf-8"))
        outside = [(tag, url) for tag, url in parser.urls
                   if re.match(r"^(?:[a-z]+:)?//", url, re.I) and not url.startswith("data:")]
        assert outside == [], brief.name


def test_charts_draw_offline_with_real_glyphs(page: Path, tmp_path: Path) -> None:
    probe_page = tmp_path / page.name
    probe_page.write_text(page.read_text("utf-8").replace("</body>", PROBE + "</body>"), "utf-8")
    proc = chromium(tmp_path / "profile", "--virtual-time-budget=10000", "--dump-dom",
                    probe_page.as_uri())
    found = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, re.S)
    assert found, proc.stderr[-2000:]
    probe = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert len(probe["svgs"]) == 12  # the corpus brief's charts, its two roll-ups included
    assert all(w >= 300 and h >= 100 for w, h in probe["svgs"]), probe["svgs"]
    assert probe["svgTexts"] and all(n > 0 for n in probe["svgTexts"])  # labels laid out
    assert [u for u in probe["resources"] if not u.startswith(("file:", "data:"))] == []
    assert not probe["blank"]
    assert not probe["tofu"], "no CJK font: install fonts-wqy-microhei"


def test_screenshot(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "brief.png"
    chromium(tmp_path / "profile", "--window-size=1100,2400", f"--screenshot={shot}",
             page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000  # text and charts, not a blank page
