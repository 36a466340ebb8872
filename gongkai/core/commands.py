"""Base class for our management commands: user errors print one Chinese line, never a traceback.

Exit statuses: 0 success, 1 the command ran but found problems (e.g. an audit with errors),
2 bad usage or bad input (the same code the ``gongkai clock`` contract uses).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils.translation import gettext as _

from .errors import DomainError

USAGE_ERROR = 2


def _argparse_patterns() -> list[tuple[re.Pattern[str], str]]:
    return [
        (re.compile(r"the following arguments are required: (.+)"), _("missing required arguments: {0}")),
        (re.compile(r"unrecognized arguments: (.+)"), _("unrecognised arguments: {0}")),
        (
            re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"),
            _("argument {0}: invalid value {1}; choose from {2}"),
        ),
        (re.compile(r"argument (\S+): expected one argument"), _("argument {0} needs a value")),
        (re.compile(r"argument (\S+): invalid (\w+) value: (.+)"), _("argument {0}: invalid value {2}")),
    ]


def translate_argparse_message(message: str) -> str:
    """argparse speaks English; our users read Chinese."""
    for pattern, template in _argparse_patterns():
        match = pattern.search(message)
        if match:
            return template.format(*match.groups())
    return message


def error_line(message: str) -> str:
    return _("Error: %(message)s") % {"message": message}


class ChineseCommandParser(CommandParser):
    """A CommandParser whose usage errors are one Chinese line and exit status 2."""

    def error(self, message: str) -> NoReturn:
        line = error_line(translate_argparse_message(message))
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(USAGE_ERROR, f"{line}\n")
        raise CommandError(line, returncode=USAGE_ERROR)


class GongkaiCommand(BaseCommand):
    """Runs ``handle`` and turns domain and usage errors into one line on stderr.

    Commands with subcommands pass ``parser_class=ChineseCommandParser`` to ``add_subparsers``.
    """

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = ChineseCommandParser  # same fields, Chinese error()
        return parser

    def run_from_argv(self, argv: list[str]) -> None:
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        try:
            self.execute(*args, **cmd_options)
        except DomainError as error:
            self.stderr.write(error_line(error.message))
            for line in detail_lines(error.details):
                self.stderr.write(f"  {line}")
            sys.exit(USAGE_ERROR)
        except CommandError as error:
            self.stderr.write(error_line(str(error)))
            sys.exit(error.returncode)
        except DatabaseError as error:
            self.stderr.write(
                error_line(
                    _("the database is unreachable or not migrated (%(kind)s); run “gongkai migrate” first.")
                    % {"kind": error.__class__.__name__}
                )
            )
            sys.exit(1)


def detail_lines(details: Any) -> list[str]:
    """Flatten an error's details (a list of problems or a field → message map) into lines."""
    if isinstance(details, list):
        return [str(item.get("message", item)) if isinstance(item, dict) else str(item) for item in details]
    if isinstance(details, dict):
        return [f"{key}: {value}" for key, value in details.items()]
    return []
