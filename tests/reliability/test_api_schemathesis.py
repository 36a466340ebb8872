"""Schemathesis over the API's own OpenAPI schema (issue 9 item 11): generated requests, valid and
not, for every operation — never a 5xx. Bounded (a few examples per operation) to stay in `make test`.

The staff operations run a second time with an office head's API token, so that the generated
bodies, filters and actions reach the services instead of stopping at the 401."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

EXAMPLES_PER_OPERATION = 12


def _schema() -> Any:
    from django.core.wsgi import get_wsgi_application

    from gongkai.api.urls import api

    loaded = schemathesis.openapi.from_dict(api.get_openapi_schema())
    loaded.app = get_wsgi_application()
    return loaded


schema = _schema()


@pytest.fixture(autouse=True)
def _in_the_test_transaction(world: Any) -> Iterator[None]:
    """As Django's test client does: keep the test's transaction open across in-process requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def head_token(world: Any) -> str:
    from gongkai.core.tokens import token_create
    from gongkai.documents.services import DocumentInput, document_create
    from gongkai.publishing.services import submit_for_review
    from tests.cases.builders import assigned

    assigned(world)  # a case for the lists and filters to find
    head = world.users["head"]
    # a document in review with a finding (the first id): the review operations reach the services
    document = document_create(
        actor=head,
        agency=world.city,
        data=DocumentInput(title="关于政务公开的通知", body="<p>依照政府信息公开条列</p>"),
    )
    submit_for_review(actor=head, document=document)
    return token_create(actor=None, user=head, label="schemathesis")[1]


def _assert_answered(case: Any, response: Any) -> None:
    assert response.status_code < 500, (
        f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:300]}"
    )
    if response.status_code >= 400 and response.status_code != 405:  # 405: a method the schema does not have
        assert response.text.startswith("{"), (
            case.method,
            case.formatted_path,
            response.status_code,
            response.text[:200],
        )
        body = json.loads(response.text)
        assert "error" in body, (case.method, case.formatted_path, response.status_code, response.text[:200])


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_5xx(case: Any) -> None:
    _assert_answered(case, case.call())


@schema.include(path_regex="/staff/").parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_staff_operation_answers_5xx_with_a_token(case: Any, head_token: str) -> None:
    case.headers = {**(case.headers or {}), "Authorization": f"Bearer {head_token}"}  # over any generated one
    response = case.call()
    _assert_answered(case, response)
    assert response.status_code != 401, (case.method, case.formatted_path, response.text[:200])
