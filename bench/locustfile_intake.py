"""Locust users for the intake benchmark: each posts applications to ``POST /api/v1/applications``
as fast as the server answers (no think time), one new ``Idempotency-Key`` per request.

Driven by ``bench/intake_bench.py`` (headless, on loopback). Environment:
``BENCH_AGENCIES`` (comma-separated agency codes to apply to) and ``BENCH_RESULTS`` (a JSON
file: every answer's key, HTTP status and case number, written when the run stops, so that the
bench can compare what locust was told with what the database holds).
"""

from __future__ import annotations

import json
import os
import random
import uuid
from datetime import date, timedelta
from typing import Any

from locust import FastHttpUser, constant, events, task
from stdnum.cn import ric

AGENCIES = [code for code in os.environ.get("BENCH_AGENCIES", "qs-gov").split(",") if code]
ANSWERS: list[tuple[str, int, str]] = []
REGIONS = ["110101", "110105", "110108", "120101", "310101", "310104"]  # valid for births 1950–2004
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明"


def resident_id(rng: random.Random) -> str:
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(20_000))
    body = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")  # (it reads 17 digits and ignores the 18th)


def body(rng: random.Random) -> dict[str, Any]:
    return {
        "agency": rng.choice(AGENCIES),
        "applicant": {
            "kind": "natural_person",
            "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            "id_type": "resident_id",
            "id_number": resident_id(rng),
            "phone": f"13{rng.randrange(10**9):09d}",
            "email": "",
            "address": f"示范省青山市文化路{rng.randint(1, 300)}号",
        },
        "description": f"{rng.randint(2019, 2026)}年本地区城镇老旧小区改造计划及资金安排（第{rng.randrange(10**6)}号）",
        "delivery_form": "electronic",
        "delivery_method": "online",
    }


class Applicant(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.rng = random.Random()

    @task
    def submit(self) -> None:
        key = str(uuid.uuid4())
        with self.client.post(
            "/api/v1/applications",
            json=body(self.rng),
            headers={"Idempotency-Key": key},
            name="POST /api/v1/applications",
            catch_response=True,
        ) as response:
            number = ""
            if response.status_code == 201:
                number = response.json().get("number", "")
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}: {(response.text or '')[:120]}")
            ANSWERS.append((key, response.status_code, number))


@events.quitting.add_listener
def _write_answers(**_kwargs: Any) -> None:
    path = os.environ.get("BENCH_RESULTS")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(ANSWERS, out, ensure_ascii=False)
