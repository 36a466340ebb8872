"""List untranslated or fuzzy entries in every app's zh_Hans catalogue (exit 1 if any)."""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    missing = 0
    for po_path in sorted(ROOT.glob("gongkai/*/locale/zh_Hans/LC_MESSAGES/django.po")):
        catalogue = polib.pofile(str(po_path))
        todo = catalogue.untranslated_entries() + catalogue.fuzzy_entries()
        for entry in todo:
            print(f"{po_path.relative_to(ROOT)}: {entry.msgid!r}")
        missing += len(todo)
    print(f"{missing} entries need a translation" if missing else "all catalogues complete")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
