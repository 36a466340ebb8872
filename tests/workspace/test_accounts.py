"""忘记密码 and the log-in page: the platform's name, an e-mailed reset link or who resets accounts."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from gongkai.core.models import AuditEvent
from tests.factories import PASSWORD


def test_login_page_and_title_show_the_platform_not_the_host(client: Client, db: None, settings: Any) -> None:
    settings.GONGKAI_SITE_NAME = "示范省政府信息公开平台"
    body = client.get("/staff/login/", HTTP_HOST="gk.example.gov.cn").content.decode()
    assert "<title>工作人员登录 · 示范省政府信息公开平台</title>" in body
    assert "gk.example.gov.cn" not in body
    assert 'href="/staff/password/forgot/"' in body
    assert "忘记密码？" in body


def test_without_mail_the_page_says_who_resets_accounts(client: Client, db: None, settings: Any) -> None:
    settings.GONGKAI_PASSWORD_RESET_EMAIL = False
    body = client.get("/staff/password/forgot/").content.decode()
    assert "本平台未配置电子邮件，不能通过邮件链接重置密码。" in body
    assert "本机关的管理员" in body
    assert "系统管理员" in body
    assert "<form" not in body.split("<main", 1)[1]  # nothing to fill in
    settings.GONGKAI_ACCOUNT_HELP = "省政务公开办 张工 0000-12345678"
    body = client.get("/staff/password/forgot/").content.decode()
    assert "需要重置密码时，请联系省政务公开办 张工 0000-12345678。" in body
    # Posting does not send anything either.
    client.post("/staff/password/forgot/", {"email": "x@example.cn"})
    assert mail.outbox == []


def test_the_emailed_link_sets_a_new_password(client: Client, world: Any, settings: Any) -> None:
    settings.GONGKAI_PASSWORD_RESET_EMAIL = True
    settings.GONGKAI_SITE_NAME = "示范省政府信息公开平台"
    handler = world.users["handler"]
    handler.email = "handler@example.gov.cn"
    handler.save()

    form = client.get("/staff/password/forgot/").content.decode()
    assert '<label for="id_email">电子邮箱</label>' in form
    response = client.post("/staff/password/forgot/", {"email": "handler@example.gov.cn"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/password/forgot/sent/"
    assert "请查收邮件" in client.get(response["Location"]).content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["handler@example.gov.cn"]
    assert message.subject == "设置示范省政府信息公开平台的新密码"
    assert "您好" in message.body
    assert "示范省政府信息公开平台" in message.body
    link = re.search(r"http://testserver(/staff/password/reset/\S+/)", message.body)
    assert link is not None

    page = client.get(link.group(1), follow=True)
    assert "设置新密码" in page.content.decode()
    set_url = page.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200
    assert 'role="alert"' in weak.content.decode()
    done = client.post(set_url, {"new_password1": "a-new-Password-42", "new_password2": "a-new-Password-42"})
    assert done.status_code == 302
    assert done["Location"] == "/staff/password/reset/done/"
    handler.refresh_from_db()
    assert handler.check_password("a-new-Password-42")
    assert not handler.check_password(PASSWORD)
    event = AuditEvent.objects.get(action="account.password_reset")
    assert event.actor == handler
    assert event.details == {"by": "email"}

    used = client.get(link.group(1), follow=True).content.decode()
    assert "该链接无效：已被使用或已过期。" in used  # a link works once


@pytest.mark.django_db
def test_an_unknown_address_gets_the_same_answer_and_no_mail(client: Client, settings: Any) -> None:
    settings.GONGKAI_PASSWORD_RESET_EMAIL = True
    response = client.post("/staff/password/forgot/", {"email": "nobody@example.cn"})
    assert response.status_code == 302
    assert response["Location"] == "/staff/password/forgot/sent/"
    assert mail.outbox == []
