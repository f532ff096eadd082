"""Who may act on what they can see (query.py decides seeing; a no here is 403)."""

from core.errors import NotAllowed
from procuratorates.models import ACTING_ROLES, STAFF_ROLES, SUPERVISING_ROLES

from .query import ancestor_ids


def require(allowed):
    if not allowed:
        raise NotAllowed


def _own(user, procuratorate_id):
    return user.procuratorate_id is not None and user.procuratorate_id == procuratorate_id


def can_create_dataset(user):
    return user.procuratorate_id is not None and user.has_role(*STAFF_ROLES)


def can_import(user, dataset):
    return _own(user, dataset.procuratorate_id) and user.has_role(*STAFF_ROLES)


def can_read_personal(user, dataset):
    """Full personal identifiers: the acting staff of the owning office only; every such read is audited."""
    return _own(user, dataset.procuratorate_id) and user.has_role(*ACTING_ROLES)


def can_create_model(user):
    return user.procuratorate_id is not None and user.has_role(*ACTING_ROLES)


def can_edit_model(user, model):
    return _own(user, model.procuratorate_id) and user.has_role(*ACTING_ROLES)


def can_publish(user, model):
    return _own(user, model.procuratorate_id) and user.has_role(*SUPERVISING_ROLES)


def is_offered(user, model):
    """The model is the user's office's own, or published by an office above it."""
    if user.procuratorate_id is None:
        return False
    if model.procuratorate_id == user.procuratorate_id:
        return True
    return model.status == "published" and model.procuratorate_id in ancestor_ids(user.procuratorate)


def can_run(user, model):
    return is_offered(user, model) and user.has_role(*ACTING_ROLES)


def can_review(user, hit):
    return _own(user, hit.procuratorate_id) and user.has_role(*ACTING_ROLES)


def model_actions(user, model):
    return {
        "edit": can_edit_model(user, model),
        "publish": can_publish(user, model) and model.status != "published",
        "run": can_run(user, model),
        "adapt": can_run(user, model) and not _own(user, model.procuratorate_id),
    }
