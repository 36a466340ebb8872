"""The one state machine of a case (see gongkai.core.states).

received ─accept→ in_progress ─request_correction→ awaiting_correction ─receive_correction→ in_progress
in_progress ─start_consultation→ consulting ─end_consultation→ in_progress
in_progress ─notify_fee→ awaiting_payment ─receive_payment→ in_progress
in_progress ─draft_reply→ reply_drafted ─approve_reply→ reply_approved ─issue_reply→ replied ─close→ closed
reply_drafted ─return_reply→ in_progress (the head sends the draft back)
awaiting_correction / awaiting_payment ─close→ closed (abandoned: Art. 30 / 国办函〔2020〕109号)
received / in_progress ─transfer→ transferred;  every open state ─withdraw→ withdrawn
replied / closed ─reopen→ in_progress (a reconsideration or court corrected the reply: a new reply
is due, services/appeals.py)
Assigning, extending, setting a deadline (Art. 35) and asking for assistance (协查) are events
that leave the state as it is.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.states import StateMachine

from .models import OPEN_STATUSES, CaseStatus

S = CaseStatus

CASE_STATES = StateMachine(
    _("case"),
    CaseStatus,
    {
        S.RECEIVED: [S.IN_PROGRESS, S.AWAITING_CORRECTION, S.TRANSFERRED, S.WITHDRAWN],
        S.IN_PROGRESS: [
            S.AWAITING_CORRECTION,
            S.CONSULTING,
            S.AWAITING_PAYMENT,
            S.REPLY_DRAFTED,
            S.TRANSFERRED,
            S.WITHDRAWN,
        ],
        S.AWAITING_CORRECTION: [S.IN_PROGRESS, S.CLOSED, S.WITHDRAWN],
        S.CONSULTING: [S.IN_PROGRESS, S.WITHDRAWN],
        S.AWAITING_PAYMENT: [S.IN_PROGRESS, S.CLOSED, S.WITHDRAWN],
        S.REPLY_DRAFTED: [S.REPLY_APPROVED, S.IN_PROGRESS, S.WITHDRAWN],
        S.REPLY_APPROVED: [S.REPLIED, S.WITHDRAWN],
        S.REPLIED: [S.CLOSED, S.IN_PROGRESS],
        S.CLOSED: [S.IN_PROGRESS],
    },
)

# States in which the handling events that do not move the state are allowed.
HANDLING_STATES = frozenset({S.IN_PROGRESS, S.CONSULTING, S.AWAITING_PAYMENT, S.REPLY_DRAFTED})
assert HANDLING_STATES <= OPEN_STATUSES
