import pytest

from gongkai.law.applicants import T3_COLUMNS, ApplicantKind, is_organisation
from gongkai.law.outcomes import (
    OUTCOME_CODES,
    OUTCOMES,
    T3_ROW_LABELS,
    T3_ROWS_2019,
    T3_ROWS_2021,
    OutcomeGroup,
    outcome,
    outcomes_in,
)

# The row keys of shared/spec/report-json.md, in the official order.
SPEC_ROWS = [
    "new_received",
    "carried_over",
    "disclosed",
    "partially_disclosed",
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_admin_query",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "not_processed_petition",
    "not_processed_repeat",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirmation",
    "other_no_correction",
    "other_fee_unpaid",
    "other",
    "total",
    "carried_forward",
]


def test_rows_follow_the_spec_exactly() -> None:
    assert list(T3_ROWS_2021) == SPEC_ROWS
    assert len(T3_ROWS_2021) == 25
    assert len(T3_ROWS_2019) == 23
    assert "other" in T3_ROWS_2019
    assert "other_fee_unpaid" not in T3_ROWS_2019


def test_twenty_one_outcomes_plus_the_total_make_the_22_result_rows() -> None:
    assert len(OUTCOMES) == 21
    assert len(set(OUTCOME_CODES)) == 21
    assert len(T3_ROWS_2021[2:24]) == 22


@pytest.mark.parametrize(
    ("group", "count"),
    [
        (OutcomeGroup.DISCLOSED, 1),
        (OutcomeGroup.PARTIALLY_DISCLOSED, 1),
        (OutcomeGroup.WITHHELD, 8),
        (OutcomeGroup.UNAVAILABLE, 3),
        (OutcomeGroup.NOT_PROCESSED, 5),
        (OutcomeGroup.OTHER, 3),
    ],
)
def test_groups(group: OutcomeGroup, count: int) -> None:
    assert len(outcomes_in(group)) == count


@pytest.mark.parametrize(
    ("code", "label", "article"),
    [
        ("withheld_security_stability", "3.危及“三安全一稳定”", "第十四条"),
        ("withheld_third_party", "4.保护第三方合法权益", "第十五条"),
        ("unavailable_needs_creation", "2.没有现成信息需要另行制作", "第三十八条"),
        ("not_processed_excessive", "4.无正当理由大量反复申请", "第三十五条"),
        ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "第三十条"),
        ("not_processed_repeat", "2.重复申请", "第三十六条第六项"),
    ],
)
def test_labels_and_articles(code: str, label: str, article: str) -> None:
    assert T3_ROW_LABELS[code] == label
    assert article in outcome(code).basis


def test_full_label_names_the_group() -> None:
    assert outcome("withheld_state_secret").full_label == "(三)不予公开 1.属于国家秘密"
    assert outcome("disclosed").full_label == "(一)予以公开"


def test_unknown_code_is_named() -> None:
    with pytest.raises(KeyError, match="nope"):
        outcome("nope")


def test_applicant_columns() -> None:
    assert T3_COLUMNS == (
        "natural_person",
        "commercial",
        "research",
        "public_interest",
        "legal_service",
        "other_org",
        "total",
    )
    assert not is_organisation(ApplicantKind.NATURAL_PERSON)
    assert is_organisation(ApplicantKind.LEGAL_SERVICE)
