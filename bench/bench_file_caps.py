"""Reading decompression bombs within the file caps: peak memory and seconds per bomb.

Run: ``.venv/bin/python bench/bench_file_caps.py [--timeout 120] [--src DIR] [--only docx,pdf]``.

Generates the bombs once into a temporary folder (nothing is committed; tests/files/bombs.py makes
them): a DOCX whose word/document.xml unpacks to 200 MB (six million one-letter paragraphs), a PDF
whose one FlateDecode content stream unpacks to 2 GB, an HTML page nested 100,000 elements deep,
and six ZIPs of 39 MB each (three members of 13 MB: each member and each ZIP within its own limit)
taken as one upload. Each is read in a fresh process the way the platform reads it
(``load_source`` for the documents, ``unpack`` with the default upload limits for the ZIPs), one
at a time; the numbers printed per bomb:

- wall seconds (the process is killed at ``--timeout`` seconds: "killed");
- peak resident set of the reading process (``os.wait4``'s ``ru_maxrss``), and the peak of the
  whole process tree (the PDF reader's child included) sampled every 20 ms from ``/proc``;
- what came out: readable or not, the problems recorded.

``--src DIR`` reads with the ``gongkai`` package found in DIR instead (e.g. a ``git archive`` of an
older commit), for before/after numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024
PAGE = os.sysconf("SC_PAGE_SIZE")


def _make(folder: Path) -> dict[str, Path]:
    sys.path.insert(0, str(ROOT))
    from tests.files.bombs import docx_bomb, pdf_bomb, zip_set

    paths = {
        "docx": folder / "bomb.docx",
        "pdf": folder / "bomb.pdf",
        "html": folder / "nested.html",
        "zips": folder / "zips",
    }
    if not paths["docx"].exists():
        paths["docx"].write_bytes(docx_bomb(200 * MB, paragraphs=True))
    if not paths["pdf"].exists():
        paths["pdf"].write_bytes(pdf_bomb(2048 * MB))
    if not paths["html"].exists():
        depth = 100_000
        paths["html"].write_text("<html><body>" + "<div>" * depth + "深处的文字" + "</div>" * depth + "</body></html>")
    if not paths["zips"].exists():
        paths["zips"].mkdir()
        for name, data in zip_set(6, 39 * MB, members=3):
            (paths["zips"] / name).write_bytes(data)
    return paths


def _read(case: str, path: Path) -> dict[str, object]:
    """In the child: read one bomb as the platform does."""
    if case == "zips":
        from gongkai.files import IntakeRefused, UploadLimits, unpack

        class File:
            def __init__(self, file: Path) -> None:
                self.name = file.name
                self._handle = file.open("rb")

            def read(self, size: int = -1) -> bytes:
                return self._handle.read(size)

        try:
            uploads = unpack([File(file) for file in sorted(path.iterdir())], UploadLimits())
        except IntakeRefused as refused:
            return {"refused": [problem.kind.value for problem in refused.problems]}
        return {"accepted": len(uploads), "bytes": sum(len(upload.data) for upload in uploads)}
    from gongkai.files import load_source

    doc = load_source(path.read_bytes(), path.name)
    return {
        "readable": doc.readable,
        "chars": len(doc.text),
        "problems": [f"{problem.kind.value}: {problem.message}" for problem in doc.problems][:4],
    }


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants now."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            pid, ppid = int(entry), int(fields[1])
            rss[pid] = int(fields[21]) * PAGE
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(pid)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def _measure(case: str, path: Path, timeout: float, src: str | None) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": src or str(ROOT)}
    command = [sys.executable, __file__, "--child", case, str(path)]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.append(process.stdout.read() if process.stdout else ""))
    reader.start()
    peak, killed = 0, False
    while True:
        pid, _, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, _tree_rss(process.pid))
        if time.perf_counter() - started > timeout and not killed:
            killed = True
            process.kill()
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    process.returncode = 0  # reaped above
    reader.join()
    result: dict[str, object] = {
        "seconds": round(seconds, 2),
        "killed": killed,
        "process_peak_mb": usage.ru_maxrss // 1024,
        "tree_peak_mb": peak // MB,
    }
    text = "".join(output).strip()
    if text:
        result.update(json.loads(text.splitlines()[-1]))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--src", help="read with the gongkai package in this folder")
    parser.add_argument("--only", default="docx,pdf,html,zips")
    parser.add_argument("--folder", default=str(Path(tempfile.gettempdir()) / "gongkai-bombs"))
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        case, path = args.child
        print(json.dumps(_read(case, Path(path)), ensure_ascii=False))
        return
    folder = Path(args.folder)
    folder.mkdir(exist_ok=True)
    paths = _make(folder)
    for case in args.only.split(","):
        path = paths[case]
        size = sum(f.stat().st_size for f in path.iterdir()) if path.is_dir() else path.stat().st_size
        result = _measure(case, path, args.timeout, args.src)
        print(f"{case:5} {size / MB:7.2f} MB  {json.dumps(result, ensure_ascii=False)}", flush=True)


if __name__ == "__main__":
    main()
