"""The mechanisms' five trails move into the one audit trail (core.AuditEntry), keeping actors and
timestamps: status changes, the activity of transfers, assistance, meetings and joint cases, and the
django-simple-history tables of mechanisms, members, joint cases and campaigns (one entry per historical
record: create / edit / delete, `changes` = the fields that differ from the object's previous record).
The m2m history tables (a mechanism's fields, a joint case's collaborators) held no actor of their own:
they are dropped with the package."""

from django.db import migrations

STATUS_ACTIONS = {"in_force": "activate", "suspended": "suspend", "expired": "expire"}
HISTORY_TYPES = {"+": "create", "~": "edit", "-": "delete"}
SKIPPED = {"id", "version", "history_id", "history_date", "history_change_reason", "history_type", "history_user",
           "history_relation"}


def copy_trails(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("core", "AuditEntry")

    def type_of(model):
        return ContentType.objects.get_or_create(app_label="mechanisms", model=model)[0]

    def names(app, model, attr):
        return dict(apps.get_model(app, model).objects.values_list("pk", attr))

    mechanism_type = type_of("mechanism")
    procuratorates = names("procuratorates", "Procuratorate", "name")
    short_names = names("procuratorates", "Procuratorate", "short_name")
    agencies = names("procuratorates", "Agency", "name")
    mechanisms = names("mechanisms", "Mechanism", "name")
    cases = names("pil_cases", "Case", "title")
    clues = names("clues", "Clue", "title")
    entries = []

    def add(subject_type, subject_id, label, mechanism_id, **values):
        root_type, root_id = (mechanism_type, mechanism_id) if mechanism_id else (subject_type, subject_id)
        entries.append(AuditEntry(subject_type=subject_type, subject_id=subject_id, subject_label=str(label)[:300],
                                  root_type=root_type, root_id=root_id, **values))

    for row in apps.get_model("mechanisms", "MechanismStatusChange").objects.order_by("at", "pk"):
        add(mechanism_type, row.mechanism_id, mechanisms.get(row.mechanism_id, ""), row.mechanism_id,
            action=STATUS_ACTIONS.get(row.to_status, row.to_status), from_status=row.from_status, to_status=row.to_status,
            actor_id=row.actor_id, at=row.at, on=row.on, reason=row.reason, changes={})

    Transfer = apps.get_model("mechanisms", "MechanismTransfer")
    transfers = {t.pk: f"{short_names.get(t.from_procuratorate_id)}→{short_names.get(t.to_procuratorate_id)}：{clues.get(t.from_clue_id)}"
                 for t in Transfer.objects.all()}
    meetings = {m.pk: f"{mechanisms.get(m.mechanism_id)} {m.scheduled_on}" for m in apps.get_model("mechanisms", "Meeting").objects.all()}
    joint = {j.pk: f"{mechanisms.get(j.mechanism_id)}：{cases.get(j.case_id)}" for j in apps.get_model("mechanisms", "JointCase").objects.all()}
    activity_subjects = {
        "transfer": (type_of("mechanismtransfer"), transfers),
        "assistance": (type_of("assistancerequest"), names("mechanisms", "AssistanceRequest", "subject")),
        "meeting": (type_of("meeting"), meetings),
        "joint_case": (type_of("jointcase"), joint),
    }
    for row in apps.get_model("mechanisms", "ActivityHistory").objects.order_by("at", "pk"):
        subject_type, labels = activity_subjects[row.subject]
        add(subject_type, row.subject_id, labels.get(row.subject_id, f"#{row.subject_id}"), row.mechanism_id,
            action=row.action, from_status=row.from_status, to_status=row.to_status, actor_id=row.actor_id, at=row.at,
            on=row.on, reason=row.reason, changes={})

    def member_label(h):
        return procuratorates.get(h.procuratorate_id) or agencies.get(h.agency_id) or h.other_name

    histories = [
        ("HistoricalMechanism", "mechanism", lambda h: h.name, lambda h: h.id),
        ("HistoricalMember", "member", member_label, lambda h: h.mechanism_id),
        ("HistoricalJointCase", "jointcase", lambda h: f"{mechanisms.get(h.mechanism_id)}：{cases.get(h.case_id)}",
         lambda h: h.mechanism_id),
        ("HistoricalCampaign", "campaign", lambda h: h.name, lambda h: None),
    ]
    for model_name, subject_model, label, mechanism_of in histories:
        Historical = apps.get_model("mechanisms", model_name)
        subject_type = type_of(subject_model)
        tracked = [f for f in Historical._meta.concrete_fields if f.name not in SKIPPED]
        previous = {}
        for h in Historical.objects.order_by("id", "history_date", "history_id"):
            values = {f.name: getattr(h, f.attname) for f in tracked}
            before = previous.get(h.id)
            changes = {}
            if before is not None and h.history_type == "~":
                changes = {
                    name: ["" if before[name] is None else str(before[name]), "" if value is None else str(value)]
                    for name, value in values.items()
                    if before[name] != value
                }
            previous[h.id] = values
            add(subject_type, h.id, label(h), mechanism_of(h), action=HISTORY_TYPES.get(h.history_type, "edit"),
                actor_id=h.history_user_id, at=h.history_date, changes=changes)
    AuditEntry.objects.bulk_create(entries, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("mechanisms", "0002_case_collaborators_from_joint_cases"),
        ("core", "0001_audit_entry"),
        ("procuratorates", "0002_reference_data"),
    ]

    operations = [
        migrations.RunPython(copy_trails, migrations.RunPython.noop),
        migrations.DeleteModel(name="HistoricalMechanism_fields"),
        migrations.DeleteModel(name="HistoricalJointCase_collaborators"),
        migrations.DeleteModel(name="HistoricalMechanism"),
        migrations.DeleteModel(name="HistoricalMember"),
        migrations.DeleteModel(name="HistoricalJointCase"),
        migrations.DeleteModel(name="HistoricalCampaign"),
        migrations.DeleteModel(name="MechanismStatusChange"),
        migrations.DeleteModel(name="ActivityHistory"),
    ]
