"""Cases built through the services, as a handler would have built them, for tests of what follows."""

import datetime

from pil_cases import services
from procuratorates.models import Agency, Field

from .conftest import SUGGESTION


def served_suggestion(handler, served_on, *, urgent=False, title="金川县大渡河河道非法采砂行政公益诉讼案"):
    """An administrative case of the handler's office whose suggestion was issued and served on `served_on`."""
    case = services.case_file(
        actor=handler, procuratorate=handler.procuratorate, case_type="administrative", field=Field.objects.get(code=1),
        title=title, handler=handler, filed_on=served_on - datetime.timedelta(days=30),
    )
    services.case_serve_filing(case=case, actor=handler, served_on=served_on - datetime.timedelta(days=29))
    services.case_investigate(case=case, actor=handler, on=served_on - datetime.timedelta(days=29))
    suggestion = services.suggestion_draft(
        case=case, actor=handler, agency=Agency.objects.get(name="金川县自然资源局"), urgent=urgent, **SUGGESTION
    )
    services.suggestion_issue(suggestion=suggestion, actor=handler, issued_on=served_on)
    services.suggestion_serve(suggestion=suggestion, actor=handler, served_on=served_on)
    return suggestion
