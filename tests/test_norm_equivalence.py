"""The fast text fold equals the plain definition: NFKC, folded quotes, no whitespace."""

from __future__ import annotations

import re
import unicodedata

from conftest import DATA, SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from govkit.read.text import _FOLD_PAIRS, _INVISIBLE, _fold

_TABLE = str.maketrans(dict(_FOLD_PAIRS))
_SPACE = re.compile(r"[\s" + "".join(map(re.escape, _INVISIBLE)) + "]+")


def reference(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text).translate(_TABLE))


def test_real_reports_fold_the_same() -> None:
    files = list(DATA.rglob("*.txt")) + list((SHARED / "corpus").glob("*.txt"))
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert _fold(text) == reference(text), f.name


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(
    "０１２３４５６７８９（）：，；！？　 \t\n\xa0\u2002\u200b\ufeff*“”‘’〔〕—–－①②⑴㈠⼀⺠"
    "ﾊﾟｶﾞabc123政府信息公开年度报告。、") | st.characters(), max_size=60))
def test_any_text_folds_the_same(text: str) -> None:
    assert _fold(text) == reference(text)
