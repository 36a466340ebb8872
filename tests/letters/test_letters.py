"""Letters: every kind renders to DOCX and PDF saying the case, the applicant, the decision and
its article; issued bytes survive a template edit; downloads are scoped."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from gongkai.cases import services
from gongkai.cases.models import Case
from gongkai.law.letters import KIND_BASIS, REPLY_VARIANTS, TITLES, LetterKind
from gongkai.law.outcomes import OUTCOMES
from gongkai.letters.drafting import TO_PARTY, draft_letter
from gongkai.letters.models import Letter, LetterTemplate
from gongkai.letters.rendering import render_docx, render_pdf
from gongkai.letters.services import letter_content
from tests.cases.builders import application, arrived, assigned

from .helpers import docx_text, pdf_text, squeeze

DAY = date(2026, 9, 1)


def _replied(world, outcome: str = "withheld_state_secret", reasons: str = "属于国家秘密。") -> Case:
    case = assigned(world, DAY)
    handler, head = world.users["handler"], world.users["head"]
    services.case_draft_reply(actor=handler, case=case, outcome=outcome, reasons=reasons, on=DAY)
    services.case_approve_reply(actor=head, case=case, on=DAY)
    return services.case_issue_reply(actor=head, case=case, on=DAY)


@pytest.mark.parametrize("kind", list(LetterKind))
def test_every_kind_renders_to_docx_and_pdf(world, kind: LetterKind) -> None:
    case = assigned(world, DAY)
    data = {"correction_due": "2026-09-15", "text": "请写明文件标题", "working_days": 10, "reason": "需要检索档案"}
    data |= {
        "party": "青山建设有限公司",
        "reasons": "涉及公共利益",
        "amount_yuan": 300,
        "basis": "按件计收",
        "outcome": "disclosed",
    }
    draft = draft_letter(case, kind, data=data, issued_on=DAY)
    for text in (squeeze(docx_text(render_docx(draft))), squeeze(pdf_text(render_pdf(draft)))):
        assert case.number in text
        assert ("青山建设有限公司" if kind in TO_PARTY else "张三") in text  # a third party is not told who applied
        assert squeeze(TITLES[kind]) in text
        basis = KIND_BASIS.get(kind) or REPLY_VARIANTS["disclosed"].basis
        assert squeeze(basis) in text


@pytest.mark.parametrize("variant", sorted(REPLY_VARIANTS))
def test_each_reply_variant_names_its_article(world, variant: str) -> None:
    chosen = REPLY_VARIANTS[variant]
    case = assigned(world, DAY)
    case.outcome = chosen.outcome_code
    case.reply_reasons = "见 https://www.qingshan.gov.cn/zwgk/1.html" if variant == "disclosed_public" else "理由。"
    draft = draft_letter(case, LetterKind.REPLY, issued_on=DAY)
    assert draft.variant == variant
    text = squeeze(pdf_text(render_pdf(draft)))
    assert squeeze(chosen.decision) in text
    assert squeeze(chosen.basis) in text  # the outcome row's provision, from law/outcomes
    assert ("复议前置" in "".join(draft.paragraphs)) is False  # the wording is the statute's, not a label
    assert ("应当先申请行政复议" in text) is chosen.refuses
    if variant == "disclosed_public":
        assert "https://www.qingshan.gov.cn/zwgk/1.html" in text
        assert draft.qr_url


def test_there_is_a_variant_for_every_outcome_row_plus_36_1() -> None:
    assert set(REPLY_VARIANTS) == {o.code for o in OUTCOMES} | {"disclosed_public"}
    assert len(REPLY_VARIANTS) == 22


def test_steps_issue_their_letters_in_the_step(world) -> None:
    case = assigned(world, DAY)
    handler = world.users["handler"]
    services.case_request_correction(
        actor=handler, case=case, correction_due=date(2026, 9, 20), text="请写明年份", on=DAY
    )
    assert list(Letter.objects.filter(case=case).values_list("kind", flat=True)) == ["receipt", "correction"]
    letter = Letter.objects.get(case=case, kind="correction")
    assert "请写明年份" in docx_text(letter_content(letter, "docx"))


def test_a_rendering_failure_undoes_the_step(world) -> None:
    case = assigned(world, DAY)
    LetterTemplate.objects.create(kind="correction", body="{% if %}")
    with pytest.raises(Exception, match="文书模板有误"):
        services.case_request_correction(
            actor=world.users["handler"], case=case, correction_due=date(2026, 9, 20), text="x", on=DAY
        )
    case.refresh_from_db()
    assert case.status == "in_progress"
    assert not Letter.objects.filter(case=case, kind="correction").exists()


def test_an_issued_letter_survives_a_template_edit(world) -> None:
    case = _replied(world)
    letter = Letter.objects.get(case=case, kind="reply")
    before = letter_content(letter, "pdf"), letter_content(letter, "docx"), letter.pdf_sha256
    LetterTemplate.objects.create(kind="reply", body="全新的正文 {{ case_number }}")
    letter.refresh_from_db()
    assert (letter_content(letter, "pdf"), letter_content(letter, "docx"), letter.pdf_sha256) == before
    assert "全新的正文" not in docx_text(before[1])
    assert "全新的正文" in "".join(draft_letter(case, LetterKind.REPLY, issued_on=DAY).paragraphs)


def test_the_stored_receipt_has_no_query_code(world) -> None:
    submitted = services.case_register(
        actor=world.users["registrar"],
        agency=world.city,
        application=application(),
        channel="in_person",
        received_at=arrived(DAY),
    )
    receipt = Letter.objects.get(case=submitted.case, kind="receipt")
    text = docx_text(letter_content(receipt, "docx")) + pdf_text(letter_content(receipt, "pdf"))
    assert submitted.query_code not in text
    assert "不载明查询码" in squeeze(text)


def test_downloads_are_scoped(world, client: Client) -> None:
    case = _replied(world)
    letter = Letter.objects.get(case=case, kind="reply")
    url = f"/api/v1/staff/cases/{case.number}/letters/{letter.pk}?format=docx"
    client.force_login(world.users["other_handler"])
    assert client.get(url).status_code == 404
    client.force_login(world.users["handler"])
    response = client.get(url)
    assert response.status_code == 200
    assert response.content == letter_content(letter, "docx")
    page = client.get(f"/staff/letters/case/{case.pk}/{letter.pk}.pdf")
    assert page.status_code == 200
    assert page.content[:4] == b"%PDF"
    client.force_login(world.users["other_handler"])
    assert client.get(f"/staff/letters/case/{case.pk}/{letter.pk}.pdf").status_code == 404


def test_staff_download_letters_with_an_api_token(world) -> None:
    from gongkai.core.tokens import token_create

    case = _replied(world)
    letter = Letter.objects.get(case=case, kind="reply")
    url = f"/api/v1/staff/cases/{case.number}/letters/{letter.pk}?format=pdf"
    token = token_create(actor=None, user=world.users["handler"])[1]
    outsider = token_create(actor=None, user=world.users["other_handler"])[1]
    client = Client()
    response = client.get(url, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.content == letter_content(letter, "pdf")
    assert client.get(url, headers={"Authorization": f"Bearer {outsider}"}).status_code == 404
    assert client.get(url, headers={"Authorization": "Bearer gk_nonsense"}).status_code == 401


def test_the_applicant_downloads_with_the_query_code(world, client: Client) -> None:
    submitted = services.case_submit_online(agency=world.city, application=application(), via="web")
    case = submitted.case
    services.case_accept(actor=world.users["registrar"], case=case)
    receipt = Letter.objects.get(case=case, kind="receipt")
    url = f"/api/v1/applications/{case.number}/letters/{receipt.pk}"
    assert client.get(url, headers={"X-Query-Code": "wrong"}).status_code == 404
    response = client.get(url, headers={"X-Query-Code": submitted.query_code})
    assert response.status_code == 200
    assert response.content == letter_content(receipt, "pdf")
    status = client.get(f"/api/v1/applications/{case.number}", headers={"X-Query-Code": submitted.query_code})
    assert [row["id"] for row in status.json()["letters"]] == [receipt.pk]
    form = {"number": case.number, "code": submitted.query_code, "letter": receipt.pk, "format": "pdf"}
    assert client.post("/apply/status/letters/", form).content == letter_content(receipt, "pdf")
    assert client.post("/apply/status/letters/", form | {"code": "wrong"}).status_code == 404
    on_the_fly = client.post("/apply/status/letters/receipt/", form)
    assert submitted.query_code in pdf_text(on_the_fly.content)
