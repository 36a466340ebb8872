"""Documents for the search tests. EXAM and REPEAL are real (titles, 文号, issuers and dates as
published by the Shandong provincial government, the same as in tests/documents); the others are
made up for these tests in the same style. Bodies are short and written for the test."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from gongkai.documents import services
from gongkai.documents.models import Document
from gongkai.documents.services import DocumentInput

EXAM = DocumentInput(
    title="山东省人民政府办公厅关于印发山东省政府信息公开工作考核办法的通知",
    kind="normative",
    doc_number="鲁政办字〔2020〕25号",
    issuer="山东省人民政府办公厅",
    written_on=date(2020, 3, 2),
    published_on=date(2020, 3, 5),
    topic="政务公开",
    body="<p>为做好政府信息公开工作考核，制定本办法。考核结果纳入绩效评价。</p>",
)
REPEAL = DocumentInput(
    title="山东省人民政府关于废止和修改部分省政府规范性文件的决定",
    kind="normative",
    doc_number="鲁政字〔2024〕28号",
    issuer="山东省人民政府",
    written_on=date(2024, 2, 1),
    published_on=date(2024, 2, 5),
    body="<p>经清理，决定废止和修改部分省政府规范性文件。</p>",
)
FUND = DocumentInput(
    title="山东省住房公积金管理办法",
    kind="rule",
    doc_number="鲁政办发〔2024〕2号",
    issuer="山东省人民政府办公厅",
    written_on=date(2024, 1, 10),
    published_on=date(2024, 1, 15),
    topic="住房保障",
    body="<p>职工缴存的住房公积金，用于购买、建造自住住房。提取住房公积金应当提供证明。</p>",
)
OLD_FUND = DocumentInput(
    title="山东省住房公积金提取管理暂行规定",
    kind="normative",
    doc_number="鲁政办发〔2015〕30号",
    issuer="山东省人民政府办公厅",
    written_on=date(2015, 6, 1),
    published_on=date(2015, 6, 5),
    status="repealed",
    body="<p>职工提取住房公积金的条件和程序。</p>",
)
BIRTH = DocumentInput(
    title="山东省人民政府办公厅关于进一步完善生育支持政策的通知",
    kind="other",
    doc_number="鲁政办发〔2023〕9号",
    issuer="山东省人民政府办公厅",
    written_on=date(2023, 5, 4),
    published_on=date(2023, 5, 8),
    body="<p>完善生育保险和生育津贴政策，减轻家庭养育负担。</p>",
)
PENSION = DocumentInput(
    title="青山市城乡居民基本养老保险实施办法",
    kind="normative",
    issuer="青山市人民政府",
    published_on=date(2022, 9, 1),
    body="<p>城乡居民养老金按月发放。</p>",
)
LIBRARY = (EXAM, REPEAL, FUND, OLD_FUND, BIRTH, PENSION)


def publish(agency: Any, data: DocumentInput, **changes: Any) -> Document:
    return services.document_create(actor=None, agency=agency, data=replace(data, **changes), state="published")
