"""bench/run_all.py keeps working: on the demo data, one run, it prints a row of figures per page × persona.

Only the harness is checked here (every page still answers, every ideal query still runs on the schema);
the figures themselves are never asserted — benchmarks print, tests do not time.
"""

import importlib.util
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command

RUN_ALL = Path(__file__).resolve().parent.parent / "bench" / "run_all.py"


@pytest.fixture
def run_all():
    spec = importlib.util.spec_from_file_location("bench_run_all", RUN_ALL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.postgresql  # the ideal queries are timed by PostgreSQL's EXPLAIN ANALYZE
@pytest.mark.django_db
def test_run_all_prints_a_row_of_figures_per_page_and_persona(run_all):
    call_command("load_demo", stdout=io.StringIO())
    personas = [
        run_all.Persona("county", "jinchuan_handler"),
        run_all.Persona("province", "sichuan_supervisor"),
        run_all.Persona("supreme", "admin"),
    ]
    printed = []

    run_all.run(personas, runs=1, warmup=0, out=printed.append)

    table = printed[-1].splitlines()
    rows = {}
    for line in table[2:]:
        cells = [c.strip() for c in line.strip("|").split("|")]
        rows[(cells[0], cells[2])] = cells
    expected = {(page.name, p.label) for page in run_all.pages() for p in personas}
    if run_all.search_page("环境"):
        expected |= {("search", p.label) for p in personas}
    else:
        assert any("search skipped" in line for line in printed)
    assert set(rows) == expected
    number = re.compile(r"^[\d,]+(\.\d+)?$")
    for (page, persona), cells in rows.items():
        _page, scale, _persona, median, p95, queries, sql, calls = cells[:8]
        assert all(number.match(v) for v in (scale, median, p95, queries, sql, calls)), (page, persona, cells)
        assert int(queries) > 0, (page, persona)
        assert 0 < float(sql) <= float(median), (page, persona, cells)  # the queries' share of the page's time
        ideal, ratio, sql_ratio = cells[9], cells[10], cells[11]
        # Every list has its ideal query, and it returns the page's rows; the pages that read the rollups (the
        # overview, the board's counts) and search have none (a dash).
        if page not in ("statistics overview", "rectification board", "search"):
            assert number.match(ideal) and ratio.endswith("×") and sql_ratio.endswith("×"), (page, persona, cells)
            assert cells[12] in ("ids", "keys", "set"), (page, persona, cells)


def test_run_all_refuses_usernames_it_cannot_find(run_all, db):
    with pytest.raises(SystemExit, match="nat_county"):
        run_all.run([run_all.Persona("county", "nat_county")], runs=1, warmup=0, out=lambda line: None)
