"""{% notification_bell %}: the bell with the unread count in the top bar of every staff page."""

from django import template

from deadlines.selectors import notifications_unread_count

register = template.Library()


@register.inclusion_tag("deadlines/_bell.html", takes_context=True)
def notification_bell(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"unread": notifications_unread_count(user) if user is not None else 0}
