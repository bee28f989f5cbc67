# xinhui-print: two commands on a fresh Debian 12 machine.
#   make demo   set everything up, build the default outputs into out/
#   make test   set everything up, run the test suite
.PHONY: setup demo test bench clean

VENV := .venv
BIN := $(VENV)/bin

setup:
	@bash scripts/setup.sh

demo: setup
	$(BIN)/xinhui-print doctor
	$(BIN)/xinhui-print build --press data/xinhui-2023.yaml

# Two workers (the machine's two cores); tests/conftest.py groups the tests that share a build.
test: setup
	$(BIN)/python -m pytest -n 2 --dist loadgroup

bench: setup
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf out/* .cache
