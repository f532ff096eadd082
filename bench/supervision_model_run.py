"""How long a mismatch supervision model takes over 1M rows against 1M rows on PostgreSQL (issue 13 target: a minute).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pil_bench .venv/bin/python bench/supervision_model_run.py [--rows 1000000]

It builds a throwaway test database (Django's test_<name>, destroyed at the end), loads the demo organisation,
COPYs N land-change patches (地块编号, 地类, 变化类型, 面积, 变化日期) as dataset A and N construction approvals
(地块编号, 批准日期) as dataset B, where about 3% of the farmland patches have no approval, ANALYZEs, then runs the
model "耕地上未批先建" through the same service a Celery worker calls (run_execute: chunks, progress, hits with
snapshot and explanation) and prints the time, the hit count and EXPLAIN ANALYZE of one whole-range query.
"""

import argparse
import io
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor != "postgresql":
        sys.exit("needs PostgreSQL: DATABASE_URL=postgres://...")
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def copy_rows(cursor, version_id, rows):
    buffer = io.StringIO()
    for number, key, data in rows:
        buffer.write(f"{version_id}\t{number}\t{key}\t{json.dumps(data, ensure_ascii=False)}\n")
    buffer.seek(0)
    cursor.cursor.copy_expert("COPY supervision_models_datasetrow (version_id, row_number, key, data) FROM STDIN", buffer)


def run(args):
    from django.db import connection
    from django.utils import timezone

    from procuratorates import demo
    from procuratorates.models import Field, User
    from supervision_models import services
    from supervision_models.models import Binding, Dataset, DatasetVersion, Run, SupervisionModel

    demo.load()
    user = User.objects.get(username="jinchuan_handler")
    n, rng = args.rows, random.Random(13)
    cols_a = [
        {"key": "c0", "source": 0, "name": "地块编号", "type": "identifier", "id_kind": "parcel", "is_key": True},
        {"key": "c1", "source": 1, "name": "地类", "type": "text", "id_kind": "", "is_key": False},
        {"key": "c2", "source": 2, "name": "变化类型", "type": "text", "id_kind": "", "is_key": False},
        {"key": "c3", "source": 3, "name": "面积（亩）", "type": "number", "id_kind": "", "is_key": False},
        {"key": "c4", "source": 4, "name": "变化日期", "type": "date", "id_kind": "", "is_key": False},
    ]
    cols_b = [
        {"key": "c0", "source": 0, "name": "地块编号", "type": "identifier", "id_kind": "parcel", "is_key": True},
        {"key": "c1", "source": 1, "name": "批准日期", "type": "date", "id_kind": "", "is_key": False},
    ]
    versions = []
    for name, cols in (("耕地变化图斑", cols_a), ("建设用地审批", cols_b)):
        ds = Dataset.objects.create(name=name, source_agency="自然资源局", procuratorate=user.procuratorate)
        v = DatasetVersion.objects.create(dataset=ds, number=1, obtained_on="2026-03-01", columns=cols, key_column="c0",
                                          status="ready", progress=100, row_count=n)
        Dataset.objects.filter(pk=ds.pk).update(current_version=v)
        versions.append((ds, v))
    (ds_a, va), (ds_b, vb) = versions

    started = time.perf_counter()
    kinds = ["耕地", "林地", "园地", "草地"]
    missing = set()
    with connection.cursor() as cursor:
        batch_a, batch_b = [], []
        for i in range(n):
            parcel = f"513228-{i:08d}"
            kind = kinds[i % 4]
            batch_a.append((i + 2, parcel, {"c0": parcel, "c1": kind, "c2": "新增建设用地" if i % 2 == 0 else "地类调整",
                                             "c3": round(rng.uniform(0.5, 30), 2), "c4": f"2025-{i % 12 + 1:02d}-15"}))
            if kind == "耕地" and rng.random() < 0.03:
                missing.add(parcel)
                parcel = f"513228-B{i:07d}"  # an approval of some other parcel: row counts stay N against N
            batch_b.append((i + 2, parcel, {"c0": parcel, "c1": f"2024-{i % 12 + 1:02d}-01"}))
            if len(batch_a) == 100_000:
                copy_rows(cursor, va.pk, batch_a)
                copy_rows(cursor, vb.pk, batch_b)
                batch_a, batch_b = [], []
        if batch_a:
            copy_rows(cursor, va.pk, batch_a)
            copy_rows(cursor, vb.pk, batch_b)
        loaded = time.perf_counter() - started
        cursor.execute("ANALYZE supervision_models_datasetrow")
    print(f"COPY {n:,} + {n:,} rows: {loaded:.1f} s (then ANALYZE)")

    rule = {"join": "mismatch", "a_key": "地块编号", "b_key": "地块编号", "conditions": [
        {"side": "a", "column": "地类", "op": "equals", "value": "耕地"},
        {"side": "a", "column": "变化类型", "op": "contains", "value": "建设"},
    ]}
    model = SupervisionModel.objects.create(name="耕地上未批先建", procuratorate=user.procuratorate,
                                            field=Field.objects.get(code=1), purpose="bench", rule=rule)
    Binding.objects.create(model=model, procuratorate=user.procuratorate, dataset_a=ds_a, dataset_b=ds_b)
    run_obj = Run.objects.create(model=model, model_version=1, procuratorate=user.procuratorate, version_a=va, version_b=vb)

    started = time.perf_counter()
    services.run_execute(run_id=run_obj.pk, now=timezone.now())
    elapsed = time.perf_counter() - started
    run_obj.refresh_from_db()
    expected = sum(1 for p in missing if int(p.rsplit("-", 1)[1]) % 2 == 0)
    print(f"run ({services.RUN_CHUNKS} chunks, hits stored with snapshot and explanation): {elapsed:.1f} s, "
          f"status {run_obj.status}, {run_obj.hit_count:,} hits (expected {expected:,}) {run_obj.error}")

    started = time.perf_counter()
    services.run_execute(run_id=Run.objects.create(model=model, model_version=1, procuratorate=user.procuratorate,
                                                   version_a=va, version_b=vb).pk, now=timezone.now())
    print(f"second run (every hit recognised, none duplicated): {time.perf_counter() - started:.1f} s, "
          f"new hits {Run.objects.latest('pk').new_hit_count}")

    sql, params = services.rules.compile_run(rule, va, vb, a_name=ds_a.name, b_name=ds_b.name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM supervision_models_datasetrow WHERE version_id = %s", [va.pk])
        lo, hi = cursor.fetchone()
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, [*params, lo, hi])
        print("\nEXPLAIN ANALYZE of the whole range in one query:")
        print("\n".join(r[0] for r in cursor.fetchall()))


if __name__ == "__main__":
    main()
