# Two entry points, both self-installing into .venv:
#   make check   install, then check the bundled seed plan
#   make test    install, then run the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SEED := plans/kpu-kota-pontianak-2023.txt

.PHONY: check test install clean bench bench-peers bench-reviewer bench-web bench-reading fuzz reports docs tables serve

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

check: $(STAMP)
	$(BIN)/rkt-rules check $(SEED)

test: $(STAMP)
	$(BIN)/python -m pytest -q -n auto
	$(BIN)/python -m mypy --cache-dir $(VENV)/.mypy_cache

# The reviewer's page on http://127.0.0.1:8000/ (Ctrl-C stops it); the web extra is in .[test].
serve: $(STAMP)  # make serve PORT=8080 for another port
	$(BIN)/rkt-rules serve $(if $(PORT),--port $(PORT))

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .hypothesis

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# The fuzz campaign at length: the same property tests as make test (damaged files of every format,
# every entry point, hostile inputs), 1,500 examples each instead of 80.
FUZZ_TESTS := tests/test_format_fuzz.py tests/test_fuzz.py tests/test_hostile_input.py tests/test_targets.py tests/test_generated_layouts.py
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q -n auto $(FUZZ_TESTS)

# POST /api/check on the seed and on a two-page PDF: medians of 20 requests, beside the CLI's cold check.
bench-web: $(STAMP)
	$(BIN)/python benchmarks/web.py

# Precision and recall of the default ruleset against what a SAKIP reviewer writes.
# Pages per second of each shared PDF (a fresh process each), a scanned page's OCR cost apart.
bench-reading: $(STAMP)
	$(BIN)/python benchmarks/reading.py

bench-reviewer: $(STAMP)
	$(BIN)/python benchmarks/reviewer/run.py

# The same, plus the shared harness's corpus and its peer engines timed beside us
# (needs ../shared/bench; installs the peers into /tmp/peers on first use).
HARNESS := ../shared/bench
bench-peers: $(STAMP)
	test -x /tmp/peers/venv/bin/python || PEERS=/tmp/peers bash $(HARNESS)/setup_peers.sh
	test -f /tmp/bench/corpus_2000/manifest.json || $(PYTHON) $(HARNESS)/gen_plans.py --n 2000 --seed 1 --out /tmp/bench/corpus_2000
	$(BIN)/python benchmarks/run.py --peer-corpus /tmp/bench/corpus_2000 --peers /tmp/peers

# The bundled plan's reports, kept in the repository (a test checks they are current),
# dated by SOURCE_DATE_EPOCH so that they are the same bytes whatever the day.
REPORT_EPOCH := 1672531200
reports: $(STAMP)
	SOURCE_DATE_EPOCH=$(REPORT_EPOCH) $(BIN)/rkt-rules report $(SEED) --output-dir reports --fail-on never

# The rule reference, generated from the default ruleset, and the check-kind table
# of docs/authoring.md, generated from the registry (tests check both are current).
docs: $(STAMP)
	$(BIN)/rkt-rules rules docs --lang en --output docs/rules.md
	$(BIN)/rkt-rules rules docs --lang id --output docs/rules.id.md
	$(BIN)/python -c "from pathlib import Path; from rkt_rules.rules.authoring import with_check_kind_table as w; p = Path('docs/authoring.md'); p.write_text(w(p.read_text(encoding='utf-8')), encoding='utf-8')"

# Generated files reviewed like code (tests check they are current): the unit
# table the reader uses without importing pint, resolved by pint from
# rkt_rules/read/units.txt, and the plan model's JSON Schema.
tables: $(STAMP)
	$(BIN)/python -c "from rkt_rules.read.units import HERE, TABLE, table_text; (HERE / TABLE).write_text(table_text(), encoding='utf-8')"
	$(BIN)/python -c "import json; from rkt_rules.model import Plan; open('schemas/plan.schema.json', 'w', encoding='utf-8').write(json.dumps(Plan.model_json_schema(mode='serialization'), indent=2, sort_keys=True) + '\\n')"
