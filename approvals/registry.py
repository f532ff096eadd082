"""What each decision does when it takes effect: filled by the owning apps in their AppConfig.ready(),
so that approvals never imports the apps above it.

`apply(owner, *, actor, on, payload)` is the owning app's one call into its own service (the single
place of effect); `on` is the day the decision takes effect (the approval's, or the submitted date when
the decision is delegated); `root(owner)` is the object whose history shows the request.

An app above may also adjust who decides a decision about a given object (integrated: simple cases,
繁简分流, take a shorter path): `approver_adjuster_register(fn)`, `fn(owner, decision, role) -> role`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DecisionHandler:
    apply: Callable[..., Any]
    root: Callable[[Any], Any]
    describe: Callable[[dict], str]
    label: Callable[[Any], str]


_HANDLERS = {}


def decision_register(decision, *, apply, root=None, describe=None, label=None):
    _HANDLERS[str(decision)] = DecisionHandler(
        apply=apply, root=root or (lambda owner: owner), describe=describe or (lambda payload: ""), label=label or str
    )


def decision_handler(decision):
    try:
        return _HANDLERS[str(decision)]
    except KeyError:
        raise LookupError(f"no owning app registered the decision {decision!r}") from None


_ADJUSTERS = []


def approver_adjuster_register(adjust):
    if adjust not in _ADJUSTERS:
        _ADJUSTERS.append(adjust)


def approver_adjusted(owner, decision, role):
    for adjust in _ADJUSTERS:
        role = adjust(owner, decision, role)
    return role
