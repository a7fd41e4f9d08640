.PHONY: run test test-fast lint fmt worker bench screenshots

run:  ## Install everything and serve the demo site at http://127.0.0.1:8000 (PORT=8001 make run for another port)
	scripts/run

test:  ## The whole test suite, browser tests included
	scripts/test

test-fast:  ## Everything but the browser tests
	scripts/test -m "not e2e"

lint:
	scripts/bootstrap
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

fmt:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

worker:  ## A task worker on its own (production runs it as a service)
	.venv/bin/python manage.py db_worker

bench:  ## Build the benchmark data (once) and measure every page against nginx with wrk; report in bench/results/
	test -f var/bench.sqlite3 || bench/generate.sh
	.venv/bin/python bench/wrk.py

screenshots:  ## Save the home, an article and the testimony archive at 360, 768 and 1280 px in docs/screenshots
	FAIRFIELD_SCREENSHOTS=$(CURDIR)/docs/screenshots scripts/test -m e2e -n 0 tests/e2e/test_display.py -k screenshots
