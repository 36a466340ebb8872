"""Applicant kinds (申请人情况) and the columns of report table 三.

Regulation Art. 27: citizens, legal persons and other organisations may apply. The report
(国办公开办函〔2021〕30号) counts natural persons and five kinds of legal person or other
organisation, then the total. An application counts under the applicant named on it (not an
agent); joint applicants count once, by the first named.
"""

from __future__ import annotations

from enum import StrEnum


class ApplicantKind(StrEnum):
    NATURAL_PERSON = "natural_person"
    COMMERCIAL = "commercial"
    RESEARCH = "research"
    PUBLIC_INTEREST = "public_interest"
    LEGAL_SERVICE = "legal_service"
    OTHER_ORG = "other_org"


APPLICANT_LABELS: dict[ApplicantKind, str] = {
    ApplicantKind.NATURAL_PERSON: "自然人",
    ApplicantKind.COMMERCIAL: "商业企业",
    ApplicantKind.RESEARCH: "科研机构",
    ApplicantKind.PUBLIC_INTEREST: "社会公益组织",
    ApplicantKind.LEGAL_SERVICE: "法律服务机构",
    ApplicantKind.OTHER_ORG: "其他",
}
ORGANISATION_HEADING = "法人或其他组织"

# Columns of table 三 in order: the six kinds, then the total.
T3_COLUMNS: tuple[str, ...] = (*(k.value for k in ApplicantKind), "total")
T3_COLUMN_LABELS: dict[str, str] = {**{k.value: v for k, v in APPLICANT_LABELS.items()}, "total": "总计"}


def is_organisation(kind: ApplicantKind) -> bool:
    """Everything but a natural person is a legal person or other organisation (Art. 27)."""
    return kind is not ApplicantKind.NATURAL_PERSON
