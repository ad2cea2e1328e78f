# The commands of the README's quick start: `make brief`, `make test` and, to explore,
# `make lab`.  Each builds .venv from pyproject.toml (once, and again when it changes) and
# installs what the machine needs for offline briefs: a CJK font and, for the browser test,
# chromium.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SYSTEM := $(VENV)/.system-deps

.PHONY: brief test lab fuzz notebooks bench lint summary clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -qq --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -qq --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# Debian packages: a CJK font for charts (vl-convert finds system fonts), chromium for
# the offline-rendering test and the PDFs the layout-text test renders, and poppler-utils
# for their text (pdftotext -layout).  Installed when we are root on Debian; otherwise we
# say so.
$(SYSTEM): | $(STAMP)
	@if fc-list 2>/dev/null | grep -qi 'wqy\|noto sans cjk' && command -v chromium >/dev/null \
	    && command -v pdftotext >/dev/null; then \
	  echo "system packages: present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing fonts-wqy-microhei, chromium and poppler-utils from Debian …"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	     fonts-wqy-microhei fontconfig chromium poppler-utils >/dev/null) || \
	  echo "warning: could not install system packages; charts may lack CJK glyphs"; \
	else \
	  echo "warning: install fonts-wqy-microhei, chromium and poppler-utils (apt) for CJK" \
	       "charts, the browser test and the layout-text test"; \
	fi
	touch $(SYSTEM)

# One offline HTML brief per organ plus one for the whole corpus, and reports_out/index.html.
brief: $(STAMP) $(SYSTEM)
	$(PY) -m govkit brief data --out reports_out

# tests/ and, through nbval, the committed outputs of notebooks/ (see [tool.pytest.ini_options]).
test: $(STAMP) $(SYSTEM)
	$(PY) -m pytest

# JupyterLab on notebooks/ with the venv's kernel, listening on 127.0.0.1 only and so
# without a token (jupyter_server_config.py holds the settings; tests/test_lab.py runs this
# target).  It prints the URL to open.  Another port: make lab LAB_PORT=8890; more
# options: make lab LAB_ARGS="--IdentityProvider.token=…".
LAB_PORT ?= 8888
LAB_ARGS ?=
lab: $(STAMP) $(SYSTEM)
	$(PY) -m jupyter lab --config=jupyter_server_config.py --ServerApp.port=$(LAB_PORT) $(LAB_ARGS)

# The property and mangling tests with random examples, 25 times as many (the "fuzz"
# Hypothesis profile of tests/conftest.py; `make test` runs a fixed, derandomized set).
# No notebooks.  A failure is kept in .hypothesis/ and tried first on the next run.
FUZZ_TESTS := tests/test_properties.py tests/test_mangling.py tests/test_crawler.py \
	$(wildcard tests/test_fuzz*.py)
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -p no:nbval -o addopts=-ra $(FUZZ_TESTS)

# Re-execute the notebooks on data/ and strip run-specific metadata, so their committed
# outputs are what nbval compares against.  Run after a change that alters a figure.
notebooks: $(STAMP) $(SYSTEM)
	$(PY) -m jupyter nbconvert --to notebook --execute --inplace notebooks/*.ipynb
	$(PY) scripts/strip_notebooks.py notebooks/*.ipynb

# Throughput on distinct generated reports in every rendering, with their cells checked
# against the truth, then keyword extraction and brief batches (benchmarks/README.md).
# Options for the first: make bench BENCH_ARGS="--text 5000 --pdf 0".
BENCH_ARGS ?=
# The store at scale (first load, reload, +1 % new files): STORE_ARGS="--reports 100000".
STORE_ARGS ?=
bench: $(STAMP) $(SYSTEM)
	$(PY) benchmarks/throughput.py $(BENCH_ARGS)
	$(PY) benchmarks/store_scale.py $(STORE_ARGS)
	$(PY) benchmarks/keywords_throughput.py
	$(PY) benchmarks/brief_batch.py

lint: $(STAMP)
	$(PY) -m ruff check govkit tests benchmarks scripts
	$(PY) -m mypy govkit

clean:
	rm -rf $(VENV) reports_out/*.html .pytest_cache
