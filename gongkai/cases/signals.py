"""What other apps hear about a case.

``case_step_recorded`` is sent inside the step's transaction, after its ``CaseEvent`` is written
and the clock recomputed, with ``case``, ``event`` (the ``CaseEvent``), ``actor`` and ``via``.
A receiver that writes (a letter issued with the reply) writes in the same transaction, and an
error it raises undoes the step; a receiver that talks to the outside world (e-mail, SMS) must
defer that with ``transaction.on_commit``. Apps above ``cases`` (letters, notifications) listen;
``cases`` itself never imports them.

``case_pressed`` is sent with ``press`` when a supervisor presses an agency (督办), inside that
transaction, so that the notifications app tells the agency's staff.

``case_letters_listed`` is sent with ``case`` when the public status API lists a case's
letters; each receiver returns a list of JSON-ready rows (the letters app answers).
"""

from __future__ import annotations

from django.dispatch import Signal

case_step_recorded = Signal()
case_pressed = Signal()  # with ``press`` (a CasePress) and ``actor``, inside the press's transaction
case_letters_listed = Signal()
