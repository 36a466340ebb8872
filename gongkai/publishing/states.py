"""The way of a document to publication (see gongkai.core.states).

draft ─submit→ first_review ─approve→ second_review ─approve→ final_review ─approve→ published
(fewer stages when the agency asks for fewer sign-offs: 2 → first, final; 1 → first);
every review stage ─return→ draft; published ─withdraw→ withdrawn ─submit→ first_review.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.core.states import StateMachine
from gongkai.documents.models import PublicationState

P = PublicationState

DOCUMENT_STATES = StateMachine(
    _("document"),
    PublicationState,
    {
        P.DRAFT: [P.FIRST_REVIEW],
        P.FIRST_REVIEW: [P.SECOND_REVIEW, P.FINAL_REVIEW, P.PUBLISHED, P.DRAFT],
        P.SECOND_REVIEW: [P.FINAL_REVIEW, P.DRAFT],
        P.FINAL_REVIEW: [P.PUBLISHED, P.DRAFT],
        P.PUBLISHED: [P.WITHDRAWN],
        P.WITHDRAWN: [P.FIRST_REVIEW],
    },
)

REVIEW_STATES = frozenset({P.FIRST_REVIEW, P.SECOND_REVIEW, P.FINAL_REVIEW})
SUBMITTABLE_STATES = frozenset({P.DRAFT, P.WITHDRAWN})

STAGES: dict[int, tuple[str, ...]] = {
    1: (P.FIRST_REVIEW,),
    2: (P.FIRST_REVIEW, P.FINAL_REVIEW),
    3: (P.FIRST_REVIEW, P.SECOND_REVIEW, P.FINAL_REVIEW),
}


def stages(signoffs: int) -> tuple[str, ...]:
    """The review stages for ``signoffs`` sign-offs (clamped to 1–3)."""
    return STAGES[min(max(signoffs, 1), 3)]
