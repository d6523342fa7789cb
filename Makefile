# Quick start: `make run` (venv, install, index, serve on http://127.0.0.1:8000) and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test install index lint eval clean

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# CPU torch first: a plain `torch` requirement would pull a multi-GB CUDA build
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

index: install
	$(VENV)/bin/indexer build

run: index
	$(VENV)/bin/assistant serve

lint: install
	$(VENV)/bin/ruff check .

test: install lint
	$(PY) -m pytest -q

eval: index
	$(PY) -m eval retrieval --set ../shared/eval/qa_dev.jsonl

clean:
	rm -rf var .pytest_cache
