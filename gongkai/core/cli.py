"""The ``gongkai`` console script: a friendly front door to the management commands.

``gongkai NAME ...`` runs the management command NAME (with the few renames below), so every
command a later app adds is reachable the same way, e.g. ``gongkai clock``.
"""

from __future__ import annotations

import os
import sys

from .extensions import cli_commands

# Our names for commands whose Django name differs.
RENAMED = {"check": "doctor"}


def _manage_line() -> tuple[str, str]:
    from django.utils.translation import gettext as _

    return ("manage", _("run any Django management command, e.g. gongkai manage createsuperuser"))


def _print_help(extra: list[tuple[str, str]]) -> None:
    from django.utils.translation import gettext as _

    print(_("Gongkai (公开) government information disclosure platform — command line"))
    print()
    print(_("Usage: gongkai <command> [arguments]; gongkai <command> --help lists a command's arguments."))
    print()
    # Every app lists its own commands (AppConfig.cli_commands, in app order); "manage" comes last.
    for name, description in [*extra, _manage_line()]:
        print(f"  {name:<10} {description}")


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line, get_commands
    from django.utils.translation import gettext as _

    try:
        django.setup()
    except ImproperlyConfigured as error:
        # A setting that is missing or wrong (e.g. a short SECRET_KEY in production mode): the
        # settings' own Chinese sentence on one line, exit status 2, no traceback. (The prefix is
        # written out: without settings there is no translation machinery yet.)
        print(f"错误：{error}", file=sys.stderr)
        sys.exit(2)
    if not args or args[0] in {"help", "-h", "--help"}:
        _print_help(cli_commands())
        return
    name, rest = args[0], args[1:]
    if name == "manage":
        if not rest:
            _print_help(cli_commands())
            sys.exit(2)
        name, rest = rest[0], rest[1:]
    else:
        name = RENAMED.get(name, name)
    if name not in get_commands():
        print(
            _("Error: unknown command “%(name)s”; run “gongkai help” for the list.") % {"name": args[0]},
            file=sys.stderr,
        )
        sys.exit(2)
    execute_from_command_line(["gongkai", name, *rest])


if __name__ == "__main__":
    main()
