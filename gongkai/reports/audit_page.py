"""The audit page: a self-contained, accessible Chinese HTML page for one audited report. Pure, no Django.

It shows the score, every finding (with a link to its place), the tables as read with each
finding marked at its cell, and the source text with the findings in context (a finding on a
line of the source — or a narrative number, found by its words and value — appears under that
line). Every value from the document is escaped with :func:`html.escape`.

:func:`audit_fragment` is the page's body (the staff workspace embeds it under its own heading);
:func:`audit_page` wraps it into a whole page; :func:`index_page` lists many audited files.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from html import escape

from gongkai.law.applicants import T3_COLUMN_LABELS

from .audit import Audit, format_label, tables_label
from .checks import ERROR_POINTS, RULE_CAP, WARNING_POINTS
from .findings import Finding, Severity
from .model import T3_COLUMN_KEYS, T3_ROW_KEYS, T4_GROUPS, T4_KEYS, AnnualReport, ReportFormat
from .wording import (
    T2_BLOCK_LABELS,
    T2_KEY_LABELS,
    T4_GROUP_LABELS,
    T4_KEY_LABELS,
    TABLE_LABELS,
    place_label,
    t3_row_label,
)

SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}

# Words that name each narrative fact in the text, to find the sentence that states it.
FACT_WORDS: dict[str, tuple[str, ...]] = {
    "applications_received": ("申请",),
    "applications_handled": ("办理", "申请"),
    "carried_over": ("结转",),
    "carried_forward": ("结转",),
    "disclosed": ("予以公开",),
    "partially_disclosed": ("部分公开",),
    "withheld": ("不予公开",),
    "unavailable": ("无法提供",),
    "not_processed": ("不予处理",),
    "other": ("其他",),
    "reconsiderations": ("复议",),
    "lawsuits": ("诉讼",),
    "fees_10k_yuan": ("费",),
    "normative_documents_in_force": ("现行有效",),
    "rules_issued": ("规章",),
    "normative_documents_issued": ("规范性文件",),
    "items_published": ("公开",),
}

AUDIT_CSS = """
.gk-audit { --gk-error: #a4161a; --gk-warn: #7a4f01; --gk-info: #1f4e8c; --gk-line: #d0d0d0; }
.gk-audit table { border-collapse: collapse; margin: .75rem 0 1.5rem; font-size: .92rem; }
.gk-audit caption { text-align: left; font-weight: 700; padding: .3rem 0; }
.gk-audit th, .gk-audit td { border: 1px solid var(--gk-line); padding: .3rem .5rem; vertical-align: top; }
.gk-audit thead th, .gk-audit tbody th { background: #f6f4f1; text-align: left; font-weight: 600; }
.gk-audit td.gk-num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.gk-audit .gk-blank { color: #595959; }
.gk-audit .gk-hit-error { background: #fbeaea; outline: 2px solid var(--gk-error); }
.gk-audit .gk-hit-warning { background: #fdf3dd; outline: 2px dashed var(--gk-warn); }
.gk-audit .gk-hit-info { background: #eaf1fb; }
.gk-audit .gk-flag { display: inline-block; font-size: .75rem; font-weight: 700; margin-left: .3rem; }
.gk-audit .gk-flag-error { color: var(--gk-error); } .gk-audit .gk-flag-warning { color: var(--gk-warn); }
.gk-audit .gk-flag-info { color: var(--gk-info); }
.gk-audit .gk-score { font-size: 1.1rem; }
.gk-audit .gk-score strong { font-size: 2rem; }
.gk-audit .gk-facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
.gk-audit .gk-facts dt { color: #4a4a4a; } .gk-audit .gk-facts dd { margin: 0; }
.gk-audit ol.gk-findings li { margin: .35rem 0; }
.gk-audit .gk-badge { display: inline-block; min-width: 2.5em; padding: 0 .35rem; border-radius: 3px;
  color: #fff; font-size: .85rem; text-align: center; }
.gk-audit .gk-badge-error { background: var(--gk-error); } .gk-audit .gk-badge-warning { background: var(--gk-warn); }
.gk-audit .gk-badge-info { background: var(--gk-info); }
.gk-audit ol.gk-source { font-size: .92rem; padding-left: 4rem; }
.gk-audit ol.gk-source li { white-space: pre-wrap; word-break: break-all; }
.gk-audit ol.gk-source li::marker { color: #595959; }
.gk-audit .gk-note { margin: .2rem 0 .4rem; padding: .2rem .5rem; border-left: 4px solid var(--gk-error);
  background: #fbeaea; white-space: normal; }
.gk-audit .gk-note-warning { border-color: var(--gk-warn); background: #fdf3dd; }
.gk-audit .gk-note-info { border-color: var(--gk-info); background: #eaf1fb; }
.gk-audit .gk-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
"""

PAGE_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  color: #1a1a1a; line-height: 1.7; margin: 0; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
a { color: #a4161a; } :focus-visible { outline: 3px solid #1f5fbf; outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: .5rem; background: #fff; padding: .4rem; }
"""


def _fmt(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value.quantize(Decimal(1)), "f") if value == value.to_integral_value() else format(value, "f")
    return str(value)


def _anchor(where: str) -> str:
    return "gk-" + re.sub(r"[^0-9A-Za-z_-]", "-", where)


class _Context:
    """Findings by place, their ids, and which places the page renders."""

    def __init__(self, audit: Audit, prefix: str) -> None:
        self.audit = audit
        self.prefix = prefix
        self.findings = list(audit.report.findings)
        self.ids = {index: f"{prefix}f{index + 1}" for index in range(len(self.findings))}
        self.by_where: dict[str, list[int]] = defaultdict(list)
        for index, finding in enumerate(self.findings):
            self.by_where[finding.where].append(index)
        self.rendered: set[str] = set()
        self.line_of: dict[int, int] = {}  # finding index → source line it is shown under
        self._place_on_lines()

    def _place_on_lines(self) -> None:
        lines = self.audit.source_lines
        numbers = {number for number, _ in lines}
        for index, finding in enumerate(self.findings):
            where = finding.where
            if where.startswith("line "):
                try:
                    number = int(where[5:])
                except ValueError:
                    continue
                if number in numbers:
                    self.line_of[index] = number
            elif where.startswith("narrative."):
                fact = where.split(".", 1)[1]
                value = self.audit.report.narrative.get(fact)
                found = _find_statement(lines, FACT_WORDS.get(fact, ()), value)
                if found is not None:
                    self.line_of[index] = found

    def id_of(self, where: str) -> str:
        return self.prefix + _anchor(where)

    def cell(self, where: str, content: str, *, header: bool = False, numeric: bool = True) -> str:
        """A table cell marked with the findings whose ``where`` is this cell."""
        self.rendered.add(where)
        hits = self.by_where.get(where, [])
        classes = ["gk-num"] if numeric and not header else []
        tag = "th" if header else "td"
        attrs = f' id="{self.id_of(where)}"'
        flags = ""
        if hits:
            worst = _worst(self.findings[i] for i in hits)
            classes.append(f"gk-hit-{worst.value}")
            attrs += f' aria-describedby="{" ".join(self.ids[i] for i in hits)}"'
            flags = "".join(
                f'<span class="gk-flag gk-flag-{self.findings[i].severity.value}">'
                f"{escape(self.findings[i].rule)}"
                f'<span class="gk-sr">（{SEVERITY_LABELS[self.findings[i].severity]}）</span></span>'
                for i in hits
            )
        cls = f' class="{" ".join(classes)}"' if classes else ""
        scope = ' scope="row"' if header else ""
        return f"<{tag}{cls}{attrs}{scope}>{content}{flags}</{tag}>"


def _worst(findings: Iterable[Finding]) -> Severity:
    order = [Severity.ERROR, Severity.WARNING, Severity.INFO]
    return min((f.severity for f in findings), key=order.index, default=Severity.INFO)


def _find_statement(lines: Sequence[tuple[int, str]], words: Sequence[str], value: object) -> int | None:
    """The first source line (not a table row) that holds all ``words`` and the number ``value``."""
    if value is None or not words:
        return None
    number = re.compile(rf"(?<![\d.]){re.escape(_fmt(value))}(?![\d.])")
    for line_number, text in lines:
        if "|" in text:
            continue
        if all(word in text for word in words) and number.search(text):
            return line_number
    return None


def _value(value: object) -> str:
    if value is None:
        return '<span class="gk-blank" aria-hidden="true">—</span><span class="gk-sr">空白</span>'
    return escape(_fmt(value))


def _missing(ctx: _Context, table: str) -> str:
    ctx.rendered.add(table)
    return f'<p id="{ctx.id_of(table)}">{escape(TABLE_LABELS[table])}：未读出（报告中缺失或无法识别）。</p>'


def _table2(ctx: _Context, report: AnnualReport) -> str:
    if report.t2 is None:
        return _missing(ctx, "t2")
    ctx.rendered.add("t2")
    rows = []
    for block, cells in report.t2.items():
        for key, value in (cells or {}).items():
            where = f"t2.{block}.{key}"
            label = f"{T2_BLOCK_LABELS.get(block, block)} · {T2_KEY_LABELS.get(key, key)}"
            rows.append(
                f"<tr>{ctx.cell(f't2.{block}', escape(label), header=True)}{ctx.cell(where, _value(value))}</tr>"
            )
    return (
        f'<table id="{ctx.id_of("t2")}"><caption>{escape(TABLE_LABELS["t2"])}</caption>'
        '<thead><tr><th scope="col">项目</th><th scope="col">数值</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _t3_row_order(report: AnnualReport) -> list[str]:
    t3 = report.t3 or {}
    official = T3_ROW_KEYS[
        ReportFormat.F2019 if "other_no_correction" not in t3 and "other" in t3 else ReportFormat.F2021
    ]
    return [row for row in official if row in t3] + [row for row in t3 if row not in official]


def _table3(ctx: _Context, report: AnnualReport) -> str:
    if report.t3 is None:
        return _missing(ctx, "t3")
    ctx.rendered.add("t3")
    head = "".join(f'<th scope="col">{escape(T3_COLUMN_LABELS[c])}</th>' for c in T3_COLUMN_KEYS)
    rows = []
    for row in _t3_row_order(report):
        values = list(report.t3.get(row) or [])
        values += [None] * (len(T3_COLUMN_KEYS) - len(values))
        cells = "".join(
            ctx.cell(f"t3.{row}.{column}", _value(value)) for column, value in zip(T3_COLUMN_KEYS, values, strict=False)
        )
        label = ctx.cell(f"t3.{row}", escape(t3_row_label(row, short=False)), header=True)
        rows.append(f"<tr>{label}{cells}</tr>")
    return (
        f'<table id="{ctx.id_of("t3")}"><caption>{escape(TABLE_LABELS["t3"])}</caption>'
        f'<thead><tr><th scope="col">项目</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _table4(ctx: _Context, report: AnnualReport) -> str:
    if report.t4 is None:
        return _missing(ctx, "t4")
    ctx.rendered.add("t4")
    head = "".join(f'<th scope="col">{escape(T4_KEY_LABELS[k])}</th>' for k in T4_KEYS)
    rows = []
    for group in T4_GROUPS:
        cells_in = report.t4.get(group) or {}
        cells = "".join(ctx.cell(f"t4.{group}.{key}", _value(cells_in.get(key))) for key in T4_KEYS)
        rows.append(f"<tr>{ctx.cell(f't4.{group}', escape(T4_GROUP_LABELS[group]), header=True)}{cells}</tr>")
    return (
        f'<table id="{ctx.id_of("t4")}"><caption>{escape(TABLE_LABELS["t4"])}</caption>'
        f'<thead><tr><th scope="col">类别</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def _finding_link(ctx: _Context, index: int, finding: Finding) -> str:
    label = escape(place_label(finding.where))
    if finding.where in ctx.rendered:
        return f'<a href="#{ctx.id_of(finding.where)}">{label}</a>'
    if index in ctx.line_of and finding.where.startswith("line "):
        return f'<a href="#{ctx.prefix}line-{ctx.line_of[index]}">{label}</a>'
    if index in ctx.line_of:
        return f'<a href="#{ctx.prefix}line-{ctx.line_of[index]}">{label}（原文第{ctx.line_of[index]}行）</a>'
    return label


def _findings_list(ctx: _Context) -> str:
    if not ctx.findings:
        return "<p>未发现问题。</p>"
    items = []
    for index, finding in enumerate(ctx.findings):
        severity = finding.severity.value
        items.append(
            f'<li id="{ctx.ids[index]}"><span class="gk-badge gk-badge-{severity}">'
            f"{SEVERITY_LABELS[finding.severity]}</span> <strong>{escape(finding.rule)}</strong> "
            f"{_finding_link(ctx, index, finding)}：{escape(finding.message)}</li>"
        )
    return f'<ol class="gk-findings">{"".join(items)}</ol>'


def _source(ctx: _Context) -> str:
    lines = ctx.audit.source_lines
    if not lines:
        return "<p>没有可显示的原文。</p>"
    notes: dict[int, list[int]] = defaultdict(list)
    for index, line in ctx.line_of.items():
        notes[line].append(index)
    items = []
    for number, text in lines:
        rendered_notes = "".join(
            f'<div class="gk-note gk-note-{ctx.findings[i].severity.value}" role="note">'
            f"{SEVERITY_LABELS[ctx.findings[i].severity]} {escape(ctx.findings[i].rule)}："
            f'<a href="#{ctx.ids[i]}">{escape(ctx.findings[i].message)}</a></div>'
            for i in sorted(notes.get(number, []))
        )
        hit = ""
        if number in notes:
            hit = f' class="gk-hit-{_worst(ctx.findings[i] for i in notes[number]).value}"'
        items.append(
            f'<li value="{number}" id="{ctx.prefix}line-{number}"><span{hit}>{escape(text)}</span>{rendered_notes}</li>'
        )
    return f'<ol class="gk-source">{"".join(items)}</ol>'


MEDIA_TYPE_LABELS: dict[str, str] = {
    "text": "纯文本",
    "html": "网页(HTML)",
    "docx": "Word文档(DOCX)",
    "pdf": "PDF文档",
    "unknown": "无法识别的文件类型",
}


def audit_fragment(audit: Audit, *, heading_level: int = 1, prefix: str = "") -> str:
    """The audit of one file as an HTML fragment (headings from ``heading_level``; ids start with ``prefix``)."""
    ctx = _Context(audit, prefix)
    report = audit.report
    h1, h2 = f"h{heading_level}", f"h{min(heading_level + 1, 6)}"
    tables = _table2(ctx, report) + _table3(ctx, report) + _table4(ctx, report)
    findings = _findings_list(ctx)  # after the tables: links go to the cells they rendered
    infos = sum(1 for f in report.findings if f.severity is Severity.INFO)
    encoding = f"，编码 {audit.encoding}" if audit.encoding else ""
    facts = [
        ("文件", f"{audit.name}（{MEDIA_TYPE_LABELS.get(audit.media_type, audit.media_type)}{encoding}）"),
        ("机关", report.agency or "未识别"),
        ("年度", f"{report.year}年度" if report.year else "未识别"),
        ("格式", format_label(audit)),
        ("读出的表格", tables_label(audit)),
    ]
    facts_html = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    title = f"{report.agency or audit.name}{f' {report.year}年度' if report.year else ''}报告审核"
    return (
        f'<article class="gk-audit" aria-labelledby="{prefix}gk-title">'
        f'<{h1} id="{prefix}gk-title">{escape(title)}</{h1}>'
        f'<dl class="gk-facts">{facts_html}</dl>'
        f'<p class="gk-score">得分 <strong>{audit.score}</strong> / 100 —— 错误 {len(report.errors)} 项，'
        f"警告 {len(report.warnings)} 项，提示 {infos} 项。</p>"
        f"<p>计分方法：满分100分，每个错误扣{ERROR_POINTS}分，每个警告扣{WARNING_POINTS}分，"
        f"同一规则最多扣{RULE_CAP}分；提示不扣分；不是年度报告或无法读取的文件为0分。</p>"
        f'<{h2} id="{prefix}gk-findings">发现的问题</{h2}>{findings}'
        f'<{h2} id="{prefix}gk-tables">读出的表格</{h2}>{tables}'
        f'<{h2} id="{prefix}gk-source">原文与问题位置</{h2}>'
        "<p>原文已经过修复（繁体转简体、去除拼音注音、修正标点）；问题显示在所在行下方。</p>"
        f"{_source(ctx)}</article>"
    )


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-Hans"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{PAGE_CSS}{AUDIT_CSS}</style></head>"
        f'<body><a class="skip" href="#main">跳到正文</a><main id="main">{body}</main></body></html>\n'
    )


def audit_page(audit: Audit) -> str:
    """A whole HTML page for one audited file."""
    report = audit.report
    return _page(f"{report.agency or audit.name} 年度报告审核", audit_fragment(audit))


def index_page(audits: Sequence[Audit], links: Sequence[str]) -> str:
    """A page listing audited files (``links[i]`` is the page of ``audits[i]``) with their scores."""
    rows = []
    for item, link in zip(audits, links, strict=True):
        report = item.report
        rows.append(
            f'<tr><th scope="row"><a href="{escape(link)}">{escape(item.name)}</a></th>'
            f"<td>{escape(report.agency or '')}</td><td>{report.year or ''}</td>"
            f"<td>{escape(format_label(item))}</td><td>{escape(tables_label(item))}</td>"
            f'<td class="gk-num">{len(report.errors)}</td><td class="gk-num">{len(report.warnings)}</td>'
            f'<td class="gk-num">{item.score}</td></tr>'
        )
    head = "".join(
        f'<th scope="col">{h}</th>' for h in ("文件", "机关", "年度", "格式", "读出的表格", "错误", "警告", "得分")
    )
    body = (
        f'<div class="gk-audit"><h1>年度报告审核汇总（{len(audits)}个文件）</h1>'
        f"<table><caption>各文件审核结果</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return _page("年度报告审核汇总", body)
