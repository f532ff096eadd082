"""Hits as an Excel workbook (openpyxl write-only): what the review page shows, identifiers of people masked."""

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook

from .masking import shown_row


def hits_workbook(hits):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("命中"))
    sheet.append([_("命中编号"), _("监督模型"), _("命中说明"), _("状态"), _("命中次数"), _("线索"), _("证据快照")])
    for hit in hits:
        evidence = []
        for role, version in (("a", hit.version_a), ("b", hit.version_b)):
            data = hit.snapshot.get(role)
            if data:
                cells = "；".join(f"{c['name']}：{c['value']}" for c in shown_row(data, version.columns) if c["value"] != "")
                evidence.append(f"【{version.dataset.name}】{cells}")
        sheet.append([hit.pk, hit.model.name, hit.explanation, hit.get_status_display(), hit.times_found, hit.clue_id or "",
                      "\n".join(evidence)])
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
