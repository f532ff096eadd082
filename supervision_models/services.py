"""Writes of supervision models: datasets and their imports, models, runs, and hits turned into clues.

Keyword-only `<entity>_<verb>` functions; callers have looked objects up within what the actor may see
(query.py); these decide whether the actor may act (403) and whether the state allows it (409). The clock is
passed in. Long work (an import, a run) is a Celery task queued through the outbox once the request commits.
"""

import io
import logging
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from clues import services as clue_services
from clues.models import ClueSource
from core.audit import audit_record
from core.copy import copy_into, copy_line
from core.errors import Conflict
from core.language import in_record_language
from core.outbox import outbox_enqueue

from . import importing, permissions, rules
from .masking import mask, personal_keys
from .models import (
    Binding,
    Dataset,
    DatasetRow,
    DatasetVersion,
    Hit,
    HitStatus,
    ImportStatus,
    ModelRevision,
    ModelStatus,
    Run,
    RunStatus,
    SupervisionModel,
)

logger = logging.getLogger(__name__)
RUN_CHUNKS = 10  # a run reports progress and checks for cancellation between chunks of dataset A's rows
COPY_BATCH = 20_000


# ---------------------------------------------------------------- datasets


def dataset_create(*, actor, name, source_agency, description=""):
    permissions.require(permissions.can_create_dataset(actor))
    dataset = Dataset.objects.create(
        name=name, source_agency=source_agency, description=description, procuratorate=actor.procuratorate, created_by=actor
    )
    audit_record(subject=dataset, actor=actor, action="create")
    return dataset


def dataset_share(*, dataset, actor, procuratorates):
    permissions.require(permissions.can_import(actor, dataset))
    dataset.shared_with.set([p for p in procuratorates if p.pk != dataset.procuratorate_id])
    audit_record(subject=dataset, actor=actor, action="share", reason="、".join(p.name for p in procuratorates))
    return dataset


def dataset_preview(*, dataset, actor, file):
    """The headings and first rows of an upload, with a guessed type per column: nothing is stored."""
    permissions.require(permissions.can_import(actor, dataset))
    return importing.preview(file, file.name)


def _mapping(columns, headings_count):
    importing.check_mapping(columns, headings_count)
    mapped = []
    for i, column in enumerate(columns):
        mapped.append({
            "key": f"c{i}", "source": column["source"], "name": column["name"].strip(), "type": column["type"],
            "id_kind": column.get("id_kind") or "" if column["type"] == "identifier" else "",
            "is_key": bool(column.get("is_key")),
        })
    keys = [c for c in mapped if c["is_key"]]
    if len(keys) > 1:
        raise ValidationError({"columns": _("只能选择一个关键字段。")})
    if not keys:  # the first identifier column is the key by default
        first = next((c for c in mapped if c["type"] == "identifier"), None)
        if first:
            first["is_key"] = True
    return mapped


def dataset_import(*, dataset, actor, file, obtained_on, columns):
    """A new version from an uploaded file: checked and loaded by a Celery job (dataset_version_load)."""
    permissions.require(permissions.can_import(actor, dataset))
    headings = importing.preview(file, file.name)["columns"]
    mapped = _mapping(columns, len(headings))
    file.seek(0)
    with transaction.atomic():
        number = (dataset.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = DatasetVersion(
            dataset=dataset, number=number, obtained_on=obtained_on, columns=mapped, imported_by=actor,
            key_column=next((c["key"] for c in mapped if c["is_key"]), ""), file_name=os.path.basename(file.name)[:200],
        )
        suffix = os.path.splitext(file.name)[1].lower()[:8]  # the stored name is ours: an upload's name may be anything
        version.file.save(f"dataset-{dataset.pk}-v{number}{suffix}", ContentFile(file.read()), save=False)
        version.save()
        audit_record(subject=dataset, actor=actor, action="import", reason=_("第%(n)s版") % {"n": number})
        from .tasks import dataset_version_load

        outbox_enqueue(dataset_version_load, key=f"dataset-version-load:{version.pk}", version_id=version.pk)
    return version


def _set(model, pk, **values):
    model.objects.filter(pk=pk).update(**values)


def _copy_rows(version, rows):
    """Store rows fast: COPY on PostgreSQL, bulk_create elsewhere."""
    if connection.vendor == "postgresql":
        lines = (copy_line((version.pk, number, key, data)) for number, key, data in rows)
        with connection.cursor() as cursor:
            copy_into(cursor, "supervision_models_datasetrow", ("version_id", "row_number", "key", "data"), lines)
    else:
        DatasetRow.objects.bulk_create([DatasetRow(version=version, row_number=n, key=k, data=d) for n, k, d in rows])


def dataset_version_load(*, version_id):
    """The import job: first every row is checked (nothing stored if any is unreadable), then all are stored and the
    version becomes the dataset's current one. Progress 0–40 checking, 40–100 storing. Running it twice does
    nothing twice: only a pending version is claimed."""
    if not DatasetVersion.objects.filter(pk=version_id, status=ImportStatus.PENDING).update(status=ImportStatus.RUNNING):
        return
    version = DatasetVersion.objects.select_related("dataset").get(pk=version_id)
    try:
        with in_record_language():
            with version.file.open("rb") as f:
                data = f.read()
            total, problems = importing.check_rows(
                io.BytesIO(data), version.file_name, version.columns,
                progress=lambda n: _set(DatasetVersion, version_id, progress=min(39, 5 + n // 50_000)),
            )
        if problems:
            _set(DatasetVersion, version_id, status=ImportStatus.FAILED, problems=problems, progress=100)
            return
        if total == 0:
            _set(DatasetVersion, version_id, status=ImportStatus.FAILED, progress=100,
                 problems=[{"row": 2, "column": "", "problem": "文件中没有数据行"}])
            return
        _set(DatasetVersion, version_id, progress=40)
        batch, stored = [], 0
        for number, key, row, _problems in importing.iter_rows(io.BytesIO(data), version.file_name, version.columns):
            batch.append((number, key, row))
            if len(batch) >= COPY_BATCH:
                _copy_rows(version, batch)
                stored += len(batch)
                batch = []
                _set(DatasetVersion, version_id, progress=40 + int(59 * stored / total))
        if batch:
            _copy_rows(version, batch)
        with transaction.atomic():
            _set(DatasetVersion, version_id, status=ImportStatus.READY, row_count=total, progress=100)
            _set(Dataset, version.dataset_id, current_version=version_id)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE supervision_models_datasetrow")
    except ValidationError as exc:  # the file itself cannot be read
        DatasetRow.objects.filter(version_id=version_id).delete()
        problem = "；".join(m for messages in exc.message_dict.values() for m in messages)
        _set(DatasetVersion, version_id, status=ImportStatus.FAILED, progress=100,
             problems=[{"row": 0, "column": "", "problem": problem}])
    except Exception:
        # All or nothing: a failure half-way leaves no rows of this version behind.
        logger.exception("dataset version %s failed to load", version_id)
        DatasetRow.objects.filter(version_id=version_id).delete()
        _set(DatasetVersion, version_id, status=ImportStatus.FAILED, progress=100,
             problems=[{"row": 0, "column": "", "problem": "导入时发生系统错误，请重试"}])
        raise


def dataset_unmasked_read(*, dataset, actor):
    """Grant and record one read of full personal identifiers (403 without the right)."""
    permissions.require(permissions.can_read_personal(actor, dataset))
    audit_record(subject=dataset, actor=actor, action="personal-read")


# ---------------------------------------------------------------- models


def _ready_version(dataset):
    version = dataset.current_version
    if version is None or version.status != ImportStatus.READY:
        raise ValidationError({"dataset_a": _("数据集“%(ds)s”还没有导入数据。") % {"ds": dataset.name}})
    return version


def _check_rule(rule, dataset_a, dataset_b):
    rule = rules.check_shape(rule)
    rules.check_against(rule, _ready_version(dataset_a), _ready_version(dataset_b))
    return rule


def _revise(model, actor):
    ModelRevision.objects.create(
        model=model, number=model.version, name=model.name, purpose=model.purpose, rule=model.rule, created_by=actor
    )


def _own_datasets(actor, *datasets):
    for dataset in datasets:
        if not Dataset.objects.visible_to(actor).filter(pk=dataset.pk).exists():
            raise ValidationError({"dataset_a": _("只能使用本院的数据集或共享给本院的数据集。")})


def model_create(*, actor, name, field, purpose, rule, dataset_a, dataset_b):
    permissions.require(permissions.can_create_model(actor))
    _own_datasets(actor, dataset_a, dataset_b)
    rule = _check_rule(rule, dataset_a, dataset_b)
    with transaction.atomic():
        model = SupervisionModel.objects.create(
            name=name, field=field, purpose=purpose, rule=rule, procuratorate=actor.procuratorate, created_by=actor
        )
        _revise(model, actor)
        Binding.objects.create(model=model, procuratorate=actor.procuratorate, dataset_a=dataset_a, dataset_b=dataset_b)
        audit_record(subject=model, actor=actor, action="create", to_status=model.status)
    return model


def model_update(*, model, actor, name, field, purpose, rule):
    """A new version of the rule; earlier versions are kept (ModelRevision) and runs name the one they used."""
    permissions.require(permissions.can_edit_model(actor, model))
    binding = model.bindings.filter(procuratorate=actor.procuratorate).first()
    rule = _check_rule(rule, binding.dataset_a, binding.dataset_b) if binding else rules.check_shape(rule)
    with transaction.atomic():
        SupervisionModel.objects.filter(pk=model.pk).update(
            name=name, field=field, purpose=purpose, rule=rule, version=F("version") + 1
        )
        model.refresh_from_db()
        _revise(model, actor)
        audit_record(subject=model, actor=actor, action="edit", reason=_("第%(n)s版") % {"n": model.version})
    return model


def model_publish(*, model, actor, now):
    permissions.require(permissions.can_publish(actor, model))
    if not SupervisionModel.objects.filter(pk=model.pk, status=ModelStatus.DRAFT).update(
        status=ModelStatus.PUBLISHED, published_at=now
    ):
        raise Conflict(_("该模型已发布。"))
    model.refresh_from_db()
    audit_record(subject=model, actor=actor, action="publish", from_status=ModelStatus.DRAFT, to_status=ModelStatus.PUBLISHED)
    return model


def model_bind(*, model, actor, dataset_a, dataset_b):
    """A procuratorate chooses which of its own datasets play the model's roles A and B."""
    permissions.require(permissions.can_run(actor, model))
    _own_datasets(actor, dataset_a, dataset_b)
    rules.check_against(model.rule, _ready_version(dataset_a), _ready_version(dataset_b))
    binding, _created = Binding.objects.update_or_create(
        model=model, procuratorate=actor.procuratorate, defaults={"dataset_a": dataset_a, "dataset_b": dataset_b}
    )
    return binding


def model_adapt(*, model, actor, name=""):
    """A copy the office may change, keeping the link to the original and the version it was taken from."""
    permissions.require(permissions.can_run(actor, model))
    with transaction.atomic():
        copy = SupervisionModel.objects.create(
            name=name or _("%(name)s（%(org)s改编）") % {"name": model.name, "org": actor.procuratorate.short_name},
            field=model.field, purpose=model.purpose, rule=model.rule, procuratorate=actor.procuratorate, created_by=actor,
            original=model, original_version=model.version,
        )
        _revise(copy, actor)
        audit_record(subject=copy, actor=actor, action="adapt", reason=str(model))
    return copy


# ---------------------------------------------------------------- runs


def run_start(*, model, actor):
    permissions.require(permissions.can_run(actor, model))
    binding = model.bindings.filter(procuratorate=actor.procuratorate).select_related(
        "dataset_a__current_version", "dataset_b__current_version"
    ).first()
    if binding is None:
        raise ValidationError({"dataset_a": _("请先为该模型选择本院的数据集。")})
    version_a, version_b = _ready_version(binding.dataset_a), _ready_version(binding.dataset_b)
    rules.check_against(model.rule, version_a, version_b)
    active = (RunStatus.QUEUED, RunStatus.RUNNING)
    if Run.objects.filter(model=model, procuratorate=actor.procuratorate, status__in=active).exists():
        raise Conflict(_("该模型正在运行，请等待完成或取消后再运行。"))
    with transaction.atomic():
        run = Run.objects.create(
            model=model, model_version=model.version, procuratorate=actor.procuratorate, version_a=version_a,
            version_b=version_b, requested_by=actor,
        )
        audit_record(subject=model, actor=actor, action="run", reason=_("第%(n)s次运行") % {"n": run.pk})
        from .tasks import run_execute

        outbox_enqueue(run_execute, key=f"run-execute:{run.pk}", run_id=run.pk)
    return run


def run_cancel(*, run, actor):
    permissions.require(permissions.can_run(actor, run.model) and actor.procuratorate_id == run.procuratorate_id)
    if not Run.objects.filter(pk=run.pk, status__in=(RunStatus.QUEUED, RunStatus.RUNNING)).update(cancel_requested=True):
        raise Conflict(_("该运行已结束，无法取消。"))
    # A queued run that has not started is cancelled at once; a running one stops after its current chunk.
    Run.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(status=RunStatus.CANCELLED)
    run.refresh_from_db()
    return run


HIT_INSERT = """
WITH found AS ({select}),
stored AS (
  INSERT INTO supervision_models_hit (model_id, procuratorate_id, fingerprint, key, snapshot, explanation, version_a_id,
      version_b_id, first_run_id, last_run_id, times_found, status, dismiss_reason, found_at)
  SELECT %s, %s, f.fp, f.key, f.snapshot, f.explanation, %s, %s, %s, %s, 1, 'new', '', now()
  FROM found f(fp, key, snapshot, explanation)
  ON CONFLICT (model_id, procuratorate_id, fingerprint) DO UPDATE SET
      last_run_id = EXCLUDED.last_run_id, version_a_id = EXCLUDED.version_a_id, version_b_id = EXCLUDED.version_b_id,
      snapshot = EXCLUDED.snapshot,
      times_found = supervision_models_hit.times_found
          + CASE WHEN supervision_models_hit.last_run_id = EXCLUDED.last_run_id THEN 0 ELSE 1 END
  RETURNING (xmax = 0) AS inserted
)
SELECT count(*), count(*) FILTER (WHERE inserted) FROM stored
"""


def run_sql(run):
    """(SQL, params) of one chunk of the run: the caller appends the id range of A's rows."""
    model = run.model
    select, params = rules.compile_run(
        model.rule, run.version_a, run.version_b, a_name=run.version_a.dataset.name, b_name=run.version_b.dataset.name
    )
    return HIT_INSERT.format(select=select), params


def run_execute(*, run_id, now):
    """The run job: the rule over the datasets' current versions, in steps of A's rows so that progress shows and a
    cancel takes effect; each hit stored once per model and procuratorate (a hit found again is recognised)."""
    if not Run.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(status=RunStatus.RUNNING, started_at=now):
        return
    run = Run.objects.select_related("model", "version_a__dataset", "version_b__dataset").get(pk=run_id)
    try:
        if connection.vendor == "postgresql":
            _run_in_sql(run, now=now)
        else:
            _run_in_python(run, now=now)
    except Exception:
        logger.exception("run %s failed", run_id)
        _set(Run, run_id, status=RunStatus.FAILED, error=_("运行时发生系统错误，请重试。"), finished_at=now)


def _run_in_sql(run, *, now):
    """The rule compiled to SQL (rules.compile_run), one statement per chunk of A's rows by id."""
    run_id = run.pk
    with in_record_language():
        sql, params = run_sql(run)
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM supervision_models_datasetrow WHERE version_id = %s", [run.version_a_id])
        lo, hi = cursor.fetchone()
    found = new = 0
    if lo is not None:
        step = max(1, (hi - lo + RUN_CHUNKS) // RUN_CHUNKS)
        starts = range(lo, hi + 1, step)  # at most RUN_CHUNKS, fewer when A has fewer rows
        for i, start in enumerate(starts, start=1):
            if _run_cancelled(run_id):
                _set(Run, run_id, status=RunStatus.CANCELLED, hit_count=found, new_hit_count=new, finished_at=now)
                return
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql, [*params, start, start + step - 1, run.model_id, run.procuratorate_id,
                                     run.version_a_id, run.version_b_id, run.pk, run.pk])
                chunk_found, chunk_new = cursor.fetchone()
            found, new = found + chunk_found, new + chunk_new
            if i < len(starts):  # after the last chunk the run is done (100), written below
                run_progress(run_id=run_id, progress=int(100 * i / len(starts)), found=found, new=new)
    _set(Run, run_id, status=RunStatus.DONE, progress=100, hit_count=found, new_hit_count=new, finished_at=now)


def run_progress(*, run_id, progress, found, new):
    """Record how far a running run has got, as its page polls it (GET /api/v1/supervision-runs/{id}/). Written
    outside any chunk's transaction, so the page sees it at once; 100 is only ever written with the run's end."""
    _set(Run, run_id, progress=max(0, min(99, progress)), hit_count=found, new_hit_count=new)


def _run_cancelled(run_id):
    return Run.objects.filter(pk=run_id, cancel_requested=True).exists()


def _run_in_python(run, *, now):
    """The run on a database without the SQL this needs (SQLite under `make run`): the same rule evaluated in Python,
    with the same progress (after each tenth of A's rows) and the same cancellation between those steps."""
    counts = {"found": 0, "new": 0, "cancelled": False}
    every = max(1, run.version_a.row_count // RUN_CHUNKS)

    def rows_a():
        rows = DatasetRow.objects.filter(version=run.version_a).order_by("id").values_list("data", flat=True)
        for n, data in enumerate(rows.iterator(), start=1):
            yield data  # evaluate() stores this row's hits (below) before it asks for the next row
            if n % every == 0 and n < run.version_a.row_count:
                if _run_cancelled(run.pk):
                    counts["cancelled"] = True
                    return
                run_progress(run_id=run.pk, progress=int(100 * n / run.version_a.row_count), found=counts["found"],
                             new=counts["new"])

    rows_b = DatasetRow.objects.filter(version=run.version_b).values_list("data", flat=True).iterator()
    with in_record_language():
        found = rules.evaluate(run.model.rule, run.version_a, run.version_b, rows_a(), rows_b,
                               a_name=run.version_a.dataset.name, b_name=run.version_b.dataset.name)
        for fingerprint, key, snapshot, explanation in found:
            hit, created = Hit.objects.get_or_create(
                model=run.model, procuratorate=run.procuratorate, fingerprint=fingerprint,
                defaults={"key": key, "snapshot": snapshot, "explanation": explanation, "version_a": run.version_a,
                          "version_b": run.version_b, "first_run": run, "last_run": run},
            )
            counts["found"] += 1
            if created:
                counts["new"] += 1
            elif hit.last_run_id != run.pk:
                Hit.objects.filter(pk=hit.pk).update(last_run=run, times_found=F("times_found") + 1, snapshot=snapshot,
                                                     version_a=run.version_a, version_b=run.version_b)
    if counts["cancelled"]:
        _set(Run, run.pk, status=RunStatus.CANCELLED, hit_count=counts["found"], new_hit_count=counts["new"], finished_at=now)
        return
    _set(Run, run.pk, status=RunStatus.DONE, progress=100, hit_count=counts["found"], new_hit_count=counts["new"],
         finished_at=now)


# ---------------------------------------------------------------- hits


def _clue_text(hit):
    """The clue's description: the explanation, the model's purpose and the evidence, personal identifiers masked
    (a clue travels further than the dataset: to the case, its documents, the ledgers)."""
    model = hit.model
    lines = [hit.explanation, "", _("监督模型：%(name)s（第%(v)s版）；运行编号：%(run)s") % {
        "name": model.name, "v": model.version, "run": hit.last_run_id}, _("监督目的：%(p)s") % {"p": model.purpose}, "",
        _("证据快照：")]
    for role, version in (("a", hit.version_a), ("b", hit.version_b)):
        data = hit.snapshot.get(role)
        if not data:
            continue
        secret = personal_keys(version.columns)
        shown = "；".join(f"{c['name']}：{mask(data[c['key']]) if c['key'] in secret else data[c['key']]}"
                         for c in version.columns if data.get(c["key"]) is not None)
        lines.append(f"【{version.dataset.name}】{shown}")
    return "\n".join(lines)


def hit_convert(*, hits, actor, today, handler=None):
    """Each hit becomes a clue of source 大数据法律监督模型, registered and assigned like any clue."""
    clues = []
    for hit in hits:
        permissions.require(permissions.can_review(actor, hit))
    with transaction.atomic():
        for hit in hits:
            if hit.status != HitStatus.NEW:
                raise Conflict(_("只能处理待审查的命中。"))
            with in_record_language():
                title = _("%(model)s：%(key)s") % {"model": hit.model.name, "key": hit.explanation[:60]}
                description = _clue_text(hit)
            clue = clue_services.clue_register(
                actor=actor, procuratorate=hit.procuratorate, title=title[:200], description=description,
                source=ClueSource.SUPERVISION_MODEL, received_on=today, field=hit.model.field,
                handler=handler or clue_services.registering_handler(actor=actor, procuratorate=hit.procuratorate),
            )
            if not Hit.objects.filter(pk=hit.pk, status=HitStatus.NEW).update(
                status=HitStatus.CONVERTED, clue=clue, reviewed_by=actor
            ):
                raise Conflict(_("只能处理待审查的命中。"))
            hit.refresh_from_db()
            audit_record(subject=hit, actor=actor, action="convert", from_status=HitStatus.NEW, to_status=HitStatus.CONVERTED,
                         reason=str(clue.pk))
            clues.append(clue)
    return clues


def hit_dismiss(*, hits, actor, reason):
    for hit in hits:
        permissions.require(permissions.can_review(actor, hit))
    with transaction.atomic():
        for hit in hits:
            if not Hit.objects.filter(pk=hit.pk, status=HitStatus.NEW).update(
                status=HitStatus.DISMISSED, dismiss_reason=reason, reviewed_by=actor
            ):
                raise Conflict(_("只能处理待审查的命中。"))
            audit_record(subject=hit, actor=actor, action="dismiss", from_status=HitStatus.NEW, to_status=HitStatus.DISMISSED,
                         reason=reason)
    return hits
