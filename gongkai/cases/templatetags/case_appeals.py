"""The appeals section of the staff case page (``cases/_appeals.html``): what it lists and offers."""

from __future__ import annotations

from typing import Any

from django import template

from .. import permissions
from ..appeal_selectors import case_appeals
from ..models import AppealKindChoice, AppealResultChoice, Case
from ..services.appeals import may_be_appealed

register = template.Library()


@register.simple_tag(takes_context=True)
def appeals_section(context: Any, case: Case) -> dict[str, Any]:
    """The case's reconsiderations and lawsuits, and whether this user may record them."""
    user = context["request"].user
    appeals = list(case_appeals(case))
    may_work = permissions.can_handle_case(user, case)
    return {
        "rows": appeals,
        "may_record": may_work and may_be_appealed(case),
        "may_set_result": may_work,
        "kinds": AppealKindChoice.choices,
        "results": [(v, label) for v, label in AppealResultChoice.choices if v != AppealResultChoice.PENDING],
        "reconsiderations": [a for a in appeals if a.kind == AppealKindChoice.RECONSIDERATION],
    }
