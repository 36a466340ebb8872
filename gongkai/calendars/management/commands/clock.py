"""``gongkai clock``: one JSON case on stdin → one JSON clock state on stdout.

Input ``{"received": "YYYY-MM-DD", "today": "YYYY-MM-DD", "events": [{"type": ..., "on": ...}]}``;
output ``ClockState.as_dict()``. Bad input (malformed JSON, unknown event, impossible order, a year
whose holiday schedule is not loaded) → exit status 2 and ``{"error": {"code", "message"}}``.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext as _

from gongkai.calendars.selectors import clock_settings, get_calendar
from gongkai.core.commands import USAGE_ERROR, GongkaiCommand
from gongkai.law.clock import ClockError, clock, parse_case
from gongkai.law.errors import LawError


class Command(GongkaiCommand):
    help = _(
        "Compute an application's reply clock. Reads one JSON case from standard input and prints "
        "one JSON result (due date, state, working days used and left, warnings, steps)."
    )

    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fee-time-counts",
            action="store_true",
            help=_("count the time waiting for a fee payment toward the deadline (default: it pauses the clock)"),
        )
        parser.add_argument("--indent", type=int, default=None, help=_("pretty-print with this indent"))

    def handle(self, *args: Any, **options: Any) -> None:
        stdin = options.get("stdin") or sys.stdin
        try:
            text = stdin.read()
        except UnicodeDecodeError as error:
            self._fail(ClockError(f"输入不是有效的UTF-8文本：{error}", code="invalid_json"))
            return
        try:
            case = parse_case(text)
            settings = clock_settings()
            if options["fee_time_counts"]:
                settings = dataclasses.replace(settings, fee_pauses_clock=False)
            state = clock(case.received, case.events, case.today, get_calendar(), settings)
        except LawError as error:
            self._fail(error)
            return
        self.stdout.write(json.dumps(state.as_dict(), ensure_ascii=False, indent=options["indent"]))

    def _fail(self, error: LawError) -> None:
        self.stdout.write(json.dumps({"error": {"code": error.code, "message": error.message}}, ensure_ascii=False))
        raise SystemExit(USAGE_ERROR)
