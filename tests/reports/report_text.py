"""A clean 2021-format report as text (tables flattened to pipes), for the audit, command and view tests.

Laid out like the seeds after repair: the six section titles, table 二 in its blocks, table 三
with its header rows and every row label, table 四 as one row of 15 numbers.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.law.outcomes import T3_ROW_LABELS
from gongkai.reports.model import T3_ROW_KEYS, T4_GROUPS, T4_KEYS, AnnualReport, ReportFormat


def _n(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def report_text(report: AnnualReport, *, narrative: str = "") -> str:
    assert report.t2 is not None
    assert report.t3 is not None
    assert report.t4 is not None
    t2 = report.t2
    lines = [
        f"{report.agency}{report.year}年政府信息公开工作年度报告",
        f"本报告根据《中华人民共和国政府信息公开条例》要求，结合{report.year}年{report.agency}政府信息公开工作实际编制。",
        "一、总体情况",
        narrative or f"{report.year}年，{report.agency}认真贯彻落实政务公开工作要求。",
        "二、主动公开政府信息情况",
        "第二十条第(一)项 | | | |",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
    ]
    for block, label in (("rules", "规章"), ("normative_documents", "行政规范性文件")):
        cells = t2[block]
        lines.append(f"{label} | {_n(cells['issued'])} | {_n(cells['repealed'])} | {_n(cells['in_force'])} |")
    lines += [
        "第二十条第(五)项 | | | |",
        "信息内容 | 本年处理决定数量 | | |",
        f"行政许可 | {_n(t2['licensing']['decisions'])} | | |",
        "第二十条第(六)项 | | | |",
        "信息内容 | 本年处理决定数量 | | |",
        f"行政处罚 | {_n(t2['penalty']['decisions'])} | | |",
        f"行政强制 | {_n(t2['compulsory']['decisions'])} | | |",
        "第二十条第(八)项 | | | |",
        "信息内容 | 本年收费金额(单位:万元) | | |",
        f"行政事业性收费 | {_n(t2['fees']['amount_10k_yuan'])} | | |",
        "三、收到和处理政府信息公开申请情况",
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 | | | | | | |",
        "自然人 | 法人或其他组织 | | | | | 总计 |",
        "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |",
    ]
    for row in T3_ROW_KEYS[ReportFormat.F2021]:
        values = " | ".join(_n(v) for v in report.t3[row])
        label = T3_ROW_LABELS[row]
        if row == "disclosed":
            label = f"三、本年度办理结果 | {label}"
        lines.append(f"{label} | {values} |")
    lines += [
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 | 行政诉讼 | | | | |",
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉 |",
        "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
        " | ".join(_n(report.t4[group][key]) for group in T4_GROUPS for key in T4_KEYS) + " |",
        "五、存在的主要问题及改进情况",
        "一是公开内容还不够全面。下一步将加强培训。",
        "六、其他需要报告的事项",
        f"{report.year}年度未收取信息处理费。",
    ]
    return "\n".join(lines) + "\n"
