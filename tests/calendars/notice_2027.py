"""A 2027 notice for tests, written in the State Council's form (test data, not the real notice:
the 2027 notice is not out when these tests were written). Its dates follow the 2025 办法 and the
lunar calendar: 除夕 5 February, 清明 5 April, 端午 9 June, 中秋 15 September."""

from __future__ import annotations

from datetime import date

NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2027年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（除夕，周五）至13日（周六）放假调休，共9天。1月31日（周日）、2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。5月8日（周六）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。
"""

# the same year as rows (name, first rest day, last rest day) and make-up days (date, name)
PERIODS_2027 = [
    ("元旦", date(2027, 1, 1), date(2027, 1, 3)),
    ("春节", date(2027, 2, 5), date(2027, 2, 13)),
    ("清明节", date(2027, 4, 3), date(2027, 4, 5)),
    ("劳动节", date(2027, 5, 1), date(2027, 5, 5)),
    ("端午节", date(2027, 6, 9), date(2027, 6, 9)),
    ("中秋节", date(2027, 9, 15), date(2027, 9, 15)),
    ("国庆节", date(2027, 10, 1), date(2027, 10, 7)),
]
MAKEUPS_2027 = [
    (date(2027, 1, 31), "春节"),
    (date(2027, 2, 20), "春节"),
    (date(2027, 5, 8), "劳动节"),
    (date(2027, 9, 26), "国庆节"),
    (date(2027, 10, 9), "国庆节"),
]
