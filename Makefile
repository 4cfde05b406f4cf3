# Lantoa: `make run` sets everything up and starts it; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run setup install vendor test lint check pytest test-postgres bench eval clean

run: setup
	@echo "Lantoa: http://127.0.0.1:8000/  (quản trị: http://127.0.0.1:8000/admin/)  Ctrl-C để dừng."
	$(VENV)/bin/honcho start

setup: install vendor
	@mkdir -p var/broker/queue var/broker/processed var/media var/mail
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input -v 0
	$(PY) manage.py load_demo

install: $(STAMP)

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# Chart.js for the dashboards and Noto CJK fonts for the zh/ja/ko public pages, from Debian's
# packages (no CDN).
vendor:
	@test -f /usr/share/javascript/chart.js/chart.min.js || \
	  { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	    { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjs-chart.js >/dev/null; }; } || \
	  echo "Chart.js missing: run 'sudo apt-get install libjs-chart.js' for the dashboard charts."
	@fc-list 2>/dev/null | grep -q "Noto Sans CJK" || \
	  { command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ] && \
	    { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; }; } || \
	  echo "Noto CJK fonts missing: run 'sudo apt-get install fonts-noto-cjk' (Chinese, Japanese, Korean pages)."

test: install vendor lint check pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache  # the layers of STYLE.md ([tool.importlinter] in pyproject.toml)

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py compile_translations --check

pytest: install
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The same suite on PostgreSQL (the server must be running; CI starts it).
test-postgres: install
	DATABASE_URL=$${POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test} $(VENV)/bin/pytest $(PYTEST_ARGS)

bench: install
	$(PY) -m bench $(BENCH_ARGS)

eval: install
	$(PY) -m bench.evaluate $(EVAL_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
