"""A backup restores: scripts/backup.sh then scripts/restore.sh into a new database and a new media folder
give back every clue, case, attachment file and audit row (PostgreSQL: the scripts use pg_dump/pg_restore)."""

import os
import subprocess
import uuid
from datetime import date
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from clues import services as clue_services
from clues.models import Clue, ClueAttachment, ClueReporter
from clues.uploads import check_files
from core.models import AuditEntry
from pil_cases.models import Case
from procuratorates.models import Field
from tests.clues.conftest import jpeg, png

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


def database_url(name):
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER'] or 'postgres'}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def run_script(script, *args, media_root):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"DATABASE_URL": database_url(connection.settings_dict["NAME"]), "MEDIA_ROOT": str(media_root)}
    result = subprocess.run(["bash", str(ROOT / "scripts" / script), *map(str, args)], env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]


def restored_rows(name, sql):
    s = connection.settings_dict
    with psycopg2.connect(host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"] or "postgres",
                          password=s["PASSWORD"] or None, dbname=name) as conn, conn.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    conn.close()
    return rows


def drop_database(name):
    s = connection.settings_dict
    conn = psycopg2.connect(host=s["HOST"] or "127.0.0.1", port=s["PORT"] or 5432, user=s["USER"] or "postgres",
                            password=s["PASSWORD"] or None, dbname="postgres")
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def restored_name():
    name = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    yield name
    drop_database(name)


def test_a_backup_restores_every_clue_case_attachment_and_audit_row(demo, org, media_root, restored_name, tmp_path):
    clerk, handler = demo["jinchuan_clerk"], demo["jinchuan_handler"]
    for n in range(3):
        clue = clue_services.clue_register(
            actor=clerk, procuratorate=org["金川"], title=f"勒乌镇河道非法采砂 {n}", description="夜间采砂，河床破坏严重。",
            source="public_report", received_on=date(2026, 3, 2), handler=handler, field=Field.objects.get(code=1),
            files=check_files([jpeg(f"{n}.jpg"), png(f"{n}.png")]),
            reporter={"anonymous": False, "name": "卓玛", "phone": f"1380000{n:04d}"},
        )
    clue_services.clue_file_case(clue=clue, actor=handler, case_type="administrative", today=date(2026, 3, 10))
    clues, cases = set(Clue.objects.values_list("pk", flat=True)), set(Case.objects.values_list("pk", flat=True))
    audit = set(AuditEntry.objects.values_list("pk", flat=True))
    files = {a.file.name: Path(a.file.path).read_bytes() for a in ClueAttachment.objects.all()}
    tokens = set(ClueReporter.objects.values_list("pk", "phone_hash"))
    assert len(clues) == 3 and cases and len(files) == 6 and len(audit) >= 4

    backup = run_script("backup.sh", tmp_path / "backups", media_root=media_root)
    restored_media = tmp_path / "restored-media"
    run_script("restore.sh", backup, restored_name, restored_media, media_root=media_root)

    assert {r[0] for r in restored_rows(restored_name, "SELECT id FROM clues_clue")} == clues
    assert {r[0] for r in restored_rows(restored_name, "SELECT id FROM pil_cases_case")} == cases
    assert {r[0] for r in restored_rows(restored_name, "SELECT id FROM core_auditentry")} == audit
    assert set(restored_rows(restored_name, "SELECT id, phone_hash FROM clues_cluereporter")) == tokens
    restored_files = {r[0] for r in restored_rows(restored_name, "SELECT file FROM clues_clueattachment")}
    assert restored_files == set(files)
    for name, content in files.items():
        assert (restored_media / name).read_bytes() == content


def test_restore_refuses_to_write_over_an_existing_database(demo, media_root, tmp_path):
    backup = run_script("backup.sh", tmp_path / "backups", media_root=media_root)
    env = os.environ | {"DATABASE_URL": database_url(connection.settings_dict["NAME"])}
    result = subprocess.run(["bash", str(ROOT / "scripts" / "restore.sh"), backup, connection.settings_dict["NAME"],
                             tmp_path / "new-media"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "already exists" in result.stderr
