"""Every write to a case: keyword-only, one transaction, a CaseEvent and an audit event each.

``intake``: the public online form and API (``case_submit_online``) and the registrar's counter
and post entry (``case_register``), with the gap-free case number and the query code.
``steps``: each step of the handling (``case_accept`` … ``case_withdraw``), which checks who may
(``gongkai.cases.permissions``), moves the state through ``CASE_STATES`` (an illegal move raises
``InvalidTransition``), records the step, feeds the reply clock and stores the recomputed due
date in the same transaction.
``archive``: the archive of ended cases (immutable until an administrator reopens one) and the
precedents linked from the case library.
``attachments``: files sent with an application or added by the office (``case_attach``), each
known by content and checked for size, and their audited, hash-checked download
(``attachment_bytes``).
``supervision``: 督办 (a supervisor above presses an agency, the agency acknowledges) and 联合会商
records on a case; neither moves the state or the clock.
"""

from .appeals import appeal_record, appeal_set_result
from .archive import archive_due, case_archive, case_link_precedent, case_unarchive
from .attachments import (
    MAX_FILES,
    AttachmentFile,
    attachment_bytes,
    attachment_problems,
    case_attach,
    case_attachments,
    download_name,
    max_attachment_bytes,
)
from .intake import (
    DOUBLE_SUBMIT_WINDOW,
    ApplicantInput,
    ApplicationInput,
    Submitted,
    application_problems,
    case_register,
    case_submit_online,
    query_code_digest,
    query_code_matches,
)
from .steps import (
    case_accept,
    case_approve_reply,
    case_assign,
    case_close,
    case_draft_reply,
    case_end_consultation,
    case_extend,
    case_issue_reply,
    case_notify_fee,
    case_receive_correction,
    case_receive_payment,
    case_request_assistance,
    case_request_correction,
    case_return_reply,
    case_set_deadline,
    case_start_consultation,
    case_transfer,
    case_withdraw,
)
from .supervision import case_press, case_record_joint_consultation, press_acknowledge

__all__ = [
    "DOUBLE_SUBMIT_WINDOW",
    "MAX_FILES",
    "ApplicantInput",
    "ApplicationInput",
    "AttachmentFile",
    "Submitted",
    "appeal_record",
    "appeal_set_result",
    "application_problems",
    "archive_due",
    "attachment_bytes",
    "attachment_problems",
    "case_accept",
    "case_approve_reply",
    "case_archive",
    "case_assign",
    "case_attach",
    "case_attachments",
    "case_close",
    "case_draft_reply",
    "case_end_consultation",
    "case_extend",
    "case_issue_reply",
    "case_link_precedent",
    "case_notify_fee",
    "case_press",
    "case_receive_correction",
    "case_receive_payment",
    "case_record_joint_consultation",
    "case_register",
    "case_request_assistance",
    "case_request_correction",
    "case_return_reply",
    "case_set_deadline",
    "case_start_consultation",
    "case_submit_online",
    "case_transfer",
    "case_unarchive",
    "case_withdraw",
    "download_name",
    "max_attachment_bytes",
    "press_acknowledge",
    "query_code_digest",
    "query_code_matches",
]
