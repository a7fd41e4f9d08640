.PHONY: run test test-fast lint fmt worker

run:  ## Install everything and serve the demo site at http://127.0.0.1:8000
	scripts/run

test:  ## The whole test suite, browser tests included
	scripts/test

test-fast:  ## Everything but the browser tests
	scripts/test -m "not e2e"

lint:
	scripts/bootstrap
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

fmt:
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

worker:  ## A task worker on its own (production runs it as a service)
	.venv/bin/python manage.py db_worker
