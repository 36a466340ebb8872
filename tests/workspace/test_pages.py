"""Staff workspace: log-in required, Chinese, scoped to the user's agencies."""

from __future__ import annotations

from django.test import Client

from tests.factories import PASSWORD


def test_workspace_requires_login(client: Client, world) -> None:
    response = client.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")


def test_login_page_is_chinese_and_labelled(client: Client, db) -> None:
    body = client.get("/staff/login/").content.decode()
    assert "<h1>工作人员登录</h1>" in body
    assert '<label for="id_username">' in body
    assert '<label for="id_password">' in body


def test_login_with_bad_password_changes_nothing(client: Client, world) -> None:
    response = client.post("/staff/login/", {"username": "city_handler", "password": "nope"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert 'role="alert"' in response.content.decode()
    assert "请输入一个正确的用户名和密码。注意，两者都区分大小写。" in response.content.decode()


def test_handler_dashboard_shows_role_and_agency(client: Client, world) -> None:
    # a real log-in (django-axes needs the request: the log-in page passes it, client.login() does not)
    response = client.post("/staff/login/", {"username": "city_handler", "password": PASSWORD})
    assert response.status_code == 302
    body = client.get("/staff/").content.decode()
    assert "青山市人民政府" in body
    assert "承办人" in body
    assert "白云市人民政府" not in body


def test_supervisor_sees_subtree_in_agency_list(client: Client, world) -> None:
    client.force_login(world.users["city_supervisor"])
    body = client.get("/staff/agencies/").content.decode()
    assert "青山市教育局" in body
    assert "绿水县人民政府" in body
    assert "白云市人民政府" not in body
    assert "示范省司法厅" not in body


def test_audit_log_shows_only_events_in_reach(client: Client, world) -> None:
    client.force_login(world.users["other_handler"])
    body = client.get("/staff/audit/").content.decode()
    assert "白云市人民政府" in body
    assert "青山市人民政府" not in body


def test_logout_is_post_only_and_ends_the_session(client: Client, world) -> None:
    client.force_login(world.users["handler"])
    assert client.get("/staff/logout/").status_code == 405
    client.post("/staff/logout/")
    assert client.get("/staff/").status_code == 302


def test_audit_log_names_actions_in_chinese(client: Client, world) -> None:
    client.force_login(world.users["head"])
    body = client.get("/staff/audit/").content.decode()
    assert "授予岗位" in body
    assert "新建机关" in body
    assert ">membership.granted<" not in body
