"""The mechanisms' five trails move into the one audit trail (core.AuditEntry), keeping actors and
timestamps: status changes, the activity of transfers, assistance, meetings and joint cases, and the
django-simple-history tables of mechanisms, members, joint cases and campaigns (one entry per historical
record: create / edit / delete, `changes` = the fields that differ from the object's previous record).

- `status` is not diffed: status moves were recorded by MechanismStatusChange (copied above, with their
  actor and reason); simple-history saw them as an edit by whoever saved the row next.
- Values read as a person reads them: a choice by its label, a foreign key by the name of what it points at.
- The many-to-many history tables (a mechanism's fields, a joint case's collaborators) held a snapshot of
  the relation per historical record and no actor of their own: each snapshot is folded into its record's
  entry, as changes["fields"] / changes["collaborators"] = [before, after] where the set changed.
- Entries are written in chunks of 1000 while the rows are read with .iterator(); names are looked up only
  for the ids the rows reference.

The reverse is a real copy back of what the old tables can hold: status entries of mechanisms become
MechanismStatusChange rows and the entries of transfers, assistance, meetings and joint cases become
ActivityHistory rows again, with their times; then the mechanisms' entries leave the audit table so that
migrating forward again does not duplicate them. The simple-history tables come back empty: their
snapshots of every field cannot be rebuilt from the changes recorded here (the package is gone too).
"""

from django.db import migrations

STATUS_ACTIONS = {"in_force": "activate", "suspended": "suspend", "expired": "expire"}
HISTORY_TYPES = {"+": "create", "~": "edit", "-": "delete"}
SKIPPED = {"id", "version", "status", "history_id", "history_date", "history_change_reason", "history_type",
           "history_user", "history_relation"}
ACTIVITY_MODELS = {"transfer": "mechanismtransfer", "assistance": "assistancerequest", "meeting": "meeting",
                   "joint_case": "jointcase"}
# The name of what a foreign key points at, by the target model.
NAME_OF = {("procuratorates", "procuratorate"): "name", ("procuratorates", "agency"): "name",
           ("procuratorates", "field"): "name", ("procuratorates", "user"): "full_name", ("mechanisms", "mechanism"): "name",
           ("pil_cases", "case"): "title", ("clues", "clue"): "title"}
CHUNK = 1000


def _chunks(rows):
    chunk = []
    for row in rows.iterator(chunk_size=CHUNK):
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Names:
    """Names by (model, pk), fetched only for the ids asked for, once each."""

    def __init__(self, apps):
        self.apps, self.cache = apps, {}

    def load(self, app, model, ids):
        missing = {pk for pk in ids if pk is not None and (app, model, pk) not in self.cache}
        if missing:
            attr = NAME_OF[(app, model)]
            for pk, name in self.apps.get_model(app, model).objects.filter(pk__in=missing).values_list("pk", attr):
                self.cache[(app, model, pk)] = name
            for pk in missing:
                self.cache.setdefault((app, model, pk), f"#{pk}")

    def get(self, app, model, pk):
        if pk is None:
            return ""
        self.load(app, model, [pk])
        return self.cache[(app, model, pk)]


def copy_trails(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    names = _Names(apps)

    def type_of(model):
        return ContentType.objects.get_or_create(app_label="mechanisms", model=model)[0]

    mechanism_type = type_of("mechanism")

    def entry(subject_type, subject_id, label, mechanism_id, **values):
        root_type, root_id = (mechanism_type, mechanism_id) if mechanism_id else (subject_type, subject_id)
        return AuditEntry(subject_type=subject_type, subject_id=subject_id, subject_label=str(label)[:300],
                          root_type=root_type, root_id=root_id, **values)

    for chunk in _chunks(apps.get_model("mechanisms", "MechanismStatusChange").objects.order_by("at", "pk")):
        names.load("mechanisms", "mechanism", {r.mechanism_id for r in chunk})
        AuditEntry.objects.bulk_create([
            entry(mechanism_type, r.mechanism_id, names.get("mechanisms", "mechanism", r.mechanism_id), r.mechanism_id,
                  action=STATUS_ACTIONS.get(r.to_status, r.to_status), from_status=r.from_status, to_status=r.to_status,
                  actor_id=r.actor_id, at=r.at, on=r.on, reason=r.reason, changes={})
            for r in chunk
        ])

    def activity_labels(kind, ids):
        model = apps.get_model("mechanisms", ACTIVITY_MODELS[kind]).objects.filter(pk__in=ids)
        if kind == "transfer":
            rows = list(model)
            names.load("clues", "clue", {t.from_clue_id for t in rows})
            shorts = dict(apps.get_model("procuratorates", "Procuratorate").objects.filter(
                pk__in={t.from_procuratorate_id for t in rows} | {t.to_procuratorate_id for t in rows}
            ).values_list("pk", "short_name"))
            return {t.pk: f"{shorts.get(t.from_procuratorate_id)}→{shorts.get(t.to_procuratorate_id)}："
                          f"{names.get('clues', 'clue', t.from_clue_id)}" for t in rows}
        if kind == "assistance":
            return dict(model.values_list("pk", "subject"))
        if kind == "meeting":
            return {m.pk: f"{names.get('mechanisms', 'mechanism', m.mechanism_id)} {m.scheduled_on}" for m in model}
        return {j.pk: f"{names.get('mechanisms', 'mechanism', j.mechanism_id)}：{names.get('pil_cases', 'case', j.case_id)}"
                for j in model}

    for chunk in _chunks(apps.get_model("mechanisms", "ActivityHistory").objects.order_by("at", "pk")):
        labels = {kind: activity_labels(kind, {r.subject_id for r in chunk if r.subject == kind}) for kind in ACTIVITY_MODELS}
        AuditEntry.objects.bulk_create([
            entry(type_of(ACTIVITY_MODELS[r.subject]), r.subject_id, labels[r.subject].get(r.subject_id, f"#{r.subject_id}"),
                  r.mechanism_id, action=r.action, from_status=r.from_status, to_status=r.to_status, actor_id=r.actor_id,
                  at=r.at, on=r.on, reason=r.reason, changes={})
            for r in chunk
        ])

    def member_label(h):
        if h.procuratorate_id:
            return names.get("procuratorates", "procuratorate", h.procuratorate_id)
        return names.get("procuratorates", "agency", h.agency_id) if h.agency_id else h.other_name

    histories = [
        ("HistoricalMechanism", "mechanism", lambda h: h.name, lambda h: h.id, ("HistoricalMechanism_fields", "fields", "field")),
        ("HistoricalMember", "member", member_label, lambda h: h.mechanism_id, None),
        ("HistoricalJointCase", "jointcase",
         lambda h: f"{names.get('mechanisms', 'mechanism', h.mechanism_id)}：{names.get('pil_cases', 'case', h.case_id)}",
         lambda h: h.mechanism_id, ("HistoricalJointCase_collaborators", "collaborators", "procuratorate")),
        ("HistoricalCampaign", "campaign", lambda h: h.name, lambda h: None, None),
    ]
    for model_name, subject_model, label, mechanism_of, m2m in histories:
        Historical = apps.get_model("mechanisms", model_name)
        subject_type = type_of(subject_model)
        tracked = [f for f in Historical._meta.concrete_fields if f.name not in SKIPPED]

        def shown(field, value):
            if value is None or value == "":
                return ""
            if field.is_relation:
                meta = field.related_model._meta
                return names.get(meta.app_label, meta.model_name, value) if (meta.app_label, meta.model_name) in NAME_OF else str(value)
            if field.choices:
                return str(dict(field.flatchoices).get(value, value))
            return str(value)

        snapshots = {}  # history_id → the related names of the m2m at that record
        if m2m:
            through, key, target = m2m
            rows = apps.get_model("mechanisms", through).objects.values_list("history_id", f"{target}_id")
            for history_id, target_id in rows.iterator(chunk_size=CHUNK):
                snapshots.setdefault(history_id, set()).add(target_id)
            names.load("procuratorates", target, {pk for ids in snapshots.values() for pk in ids})
        previous = {}
        for chunk in _chunks(Historical.objects.order_by("id", "history_date", "history_id")):
            batch = []
            for h in chunk:
                values = {f.name: shown(f, getattr(h, f.attname)) for f in tracked}
                if m2m:
                    values[key] = "、".join(sorted(names.get("procuratorates", target, pk) for pk in snapshots.get(h.history_id, ())))
                before = previous.get(h.id)
                changes = {}
                if before is not None and h.history_type == "~":
                    changes = {name: [before[name], value] for name, value in values.items() if before[name] != value}
                previous[h.id] = values
                batch.append(entry(subject_type, h.id, label(h), mechanism_of(h), action=HISTORY_TYPES.get(h.history_type, "edit"),
                                   actor_id=h.history_user_id, at=h.history_date, changes=changes))
            AuditEntry.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")
    Mechanism = apps.get_model("mechanisms", "Mechanism")
    StatusChange = apps.get_model("mechanisms", "MechanismStatusChange")
    Activity = apps.get_model("mechanisms", "ActivityHistory")
    for model in (StatusChange, Activity):
        model._meta.get_field("at").auto_now_add = False  # keep each entry's own time
    types = {ct.model: ct.pk for ct in ContentType.objects.filter(app_label="mechanisms")}
    kinds = {types.get(model): kind for kind, model in ACTIVITY_MODELS.items()}
    alive = Mechanism.objects.values("pk")
    statuses = AuditEntry.objects.filter(subject_type_id=types.get("mechanism"), root_id__in=alive).exclude(to_status="")
    for chunk in _chunks(statuses.order_by("at", "pk")):
        StatusChange.objects.bulk_create([
            StatusChange(mechanism_id=e.subject_id, from_status=e.from_status, to_status=e.to_status, actor_id=e.actor_id,
                         on=e.on or e.at.date(), reason=e.reason, at=e.at)
            for e in chunk
        ])
    activity = AuditEntry.objects.filter(subject_type_id__in=[k for k in kinds if k], root_type_id=types.get("mechanism"),
                                         root_id__in=alive)
    for chunk in _chunks(activity.order_by("at", "pk")):
        Activity.objects.bulk_create([
            Activity(mechanism_id=e.root_id, subject=kinds[e.subject_type_id], subject_id=e.subject_id, action=e.action[:30],
                     from_status=e.from_status[:20], to_status=e.to_status[:20], actor_id=e.actor_id, on=e.on or e.at.date(),
                     reason=e.reason, at=e.at)
            for e in chunk
        ])
    AuditEntry.objects.filter(subject_type_id__in=list(types.values())).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("mechanisms", "0002_case_collaborators_from_joint_cases"),
        ("core", "0001_audit_entry"),
        ("procuratorates", "0002_reference_data"),
    ]

    operations = [
        migrations.RunPython(copy_trails, copy_back),
        migrations.DeleteModel(name="HistoricalMechanism_fields"),
        migrations.DeleteModel(name="HistoricalJointCase_collaborators"),
        migrations.DeleteModel(name="HistoricalMechanism"),
        migrations.DeleteModel(name="HistoricalMember"),
        migrations.DeleteModel(name="HistoricalJointCase"),
        migrations.DeleteModel(name="HistoricalCampaign"),
        migrations.DeleteModel(name="MechanismStatusChange"),
        migrations.DeleteModel(name="ActivityHistory"),
    ]
