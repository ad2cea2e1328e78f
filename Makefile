# The two commands of the README's quick start: `make brief` and `make test`.
# Both build .venv from pyproject.toml (once, and again when it changes) and install what
# the machine needs for offline briefs: a CJK font and, for the browser test, chromium.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SYSTEM := $(VENV)/.system-deps

.PHONY: brief test bench lint summary clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# Debian packages: a CJK font for charts (vl-convert finds system fonts) and chromium for
# the offline-rendering test.  Installed when we are root on Debian; otherwise we say so.
$(SYSTEM): | $(STAMP)
	@if fc-list 2>/dev/null | grep -qi 'wqy\|noto sans cjk' && command -v chromium >/dev/null; then \
	  echo "system packages: present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing fonts-wqy-microhei and chromium from Debian …"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	     fonts-wqy-microhei fontconfig chromium >/dev/null) || \
	  echo "warning: could not install system packages; charts may lack CJK glyphs"; \
	else \
	  echo "warning: install fonts-wqy-microhei and chromium (apt) for CJK charts and the browser test"; \
	fi
	touch $(SYSTEM)

brief: $(STAMP) $(SYSTEM)
	$(PY) -m govkit summary data

test: $(STAMP) $(SYSTEM)
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) benchmarks/throughput.py
	$(PY) benchmarks/keywords_throughput.py

lint: $(STAMP)
	$(PY) -m ruff check govkit tests benchmarks
	$(PY) -m mypy govkit

clean:
	rm -rf $(VENV) reports_out/*.html .pytest_cache
