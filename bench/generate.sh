#!/usr/bin/env bash
# Build the benchmark data sets with load_demo, each in its own SQLite file under var/:
#   var/bench.sqlite3      10,000 articles, 1,000 generated members, 300 comments under one article
#                          (the one load.py serves)
#   var/bench-100.sqlite3  100 articles and 30 comments (only to show that query counts do not grow)
set -euo pipefail
cd "$(dirname "$0")/.."
python=.venv/bin/python
seed=2026

mkdir -p var
rm -f var/bench*.sqlite3 var/bench*.sqlite3-*
echo "Migrating an empty database …"
DATABASE_URL=sqlite:///var/bench-empty.sqlite3 $python manage.py migrate --noinput -v0

# VACUUM INTO copies a consistent database; cp of a WAL-mode file can silently lose tables.
copy_empty() {
  $python -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("VACUUM INTO ?", (sys.argv[2],))' \
    var/bench-empty.sqlite3 "$1"
}

copy_empty var/bench-100.sqlite3
DATABASE_URL=sqlite:///var/bench-100.sqlite3 $python manage.py load_demo --articles 100 --comments 30 --seed $seed | sed -n 1p

copy_empty var/bench.sqlite3
echo "time manage.py load_demo --articles 10000 --members 1000 --comments 300 --seed $seed"
time (DATABASE_URL=sqlite:///var/bench.sqlite3 $python manage.py load_demo --articles 10000 --members 1000 --comments 300 --seed $seed \
  | sed -n 1p)
rm -f var/bench-empty.sqlite3
