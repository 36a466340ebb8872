"""Year, agency, report or not, and the template where the tables do not tell: from every place they appear."""

from __future__ import annotations

import pytest

from gongkai.reports.model import ReportFormat

from .render import read_text

BODY = "一、总体情况\n{opening}\n二、主动公开政府信息情况\n本年度主动公开信息120条。\n"


def read(head: str, opening: str = "全年共受理政府信息公开申请3件。") -> tuple[ReportFormat, str | None, int | None]:
    report = read_text(head + "\n" + BODY.format(opening=opening))
    return report.format, report.agency, report.year


@pytest.mark.parametrize(
    ("head", "agency", "year"),
    [
        # site chrome before the title, the date line before it
        (
            "2024年1月15日 星期一\n无障碍 | 长者模式\n首页 > 政务公开 > 年度报告\n字号 大 中 小 打印 关闭\n"
            "发布时间:2024-01-20 来源:本站\n青山县人民政府2023年政府信息公开工作年度报告",
            "青山县人民政府",
            2023,
        ),
        ("青山市教育局政府信息公开工作年度报告(2023年度)", "青山市教育局", 2023),  # year in brackets after
        ("青山县白云镇2023年政府信息公开年报", "青山县白云镇", 2023),  # 年报
        ("青山市统计局2023政府信息公开工作年度报告", "青山市统计局", 2023),  # 年 lost
        ("青山县白云镇人民政府\n2023年度政府信息公开工作年度报告", "青山县白云镇人民政府", 2023),  # split in two
        ("uedbet体育_官网@:西柳镇人民政府2023年政府信息公开工作年度报告", "西柳镇人民政府", 2023),  # spam glued on
    ],
)
def test_title_anywhere_in_the_first_lines(head: str, agency: str, year: int) -> None:
    assert read(head) == (ReportFormat.F2021, agency, year)


@pytest.mark.parametrize(
    ("head", "opening", "year"),
    [
        ("政府信息公开工作年度报告\n发布时间:2024-01-29", "现将本局2023年度政府信息公开工作情况报告如下。", 2023),
        ("政府信息公开工作年度报告", "本报告统计期限自2023年1月1日起至2023年12月31日止。", 2023),
        ("政府信息公开工作年度报告", "本报告数据统计期限为202311日至20231231日。", 2023),  # punctuation lost
        ("政府信息公开工作年度报告", "2023年,县政府办公室坚持以公开为常态。", 2023),
    ],
)
def test_year_stated_only_in_the_body(head: str, opening: str, year: int) -> None:
    assert read(head, opening)[2] == year


def test_the_publication_date_is_never_the_reporting_year() -> None:
    assert read("政府信息公开工作年度报告\n发布时间:2021-01-29\n2021年1月29日")[2] is None


@pytest.mark.parametrize("opening", ["2023年,我局坚持以公开为常态。", "2023年,本机关认真贯彻《条例》。"])
def test_an_agency_named_only_as_we_stays_null(opening: str) -> None:
    assert read("2023年政府信息公开工作年度报告", opening)[1] is None


@pytest.mark.parametrize(
    ("year", "template"),
    [(2017, ReportFormat.PRE_2019), (2020, ReportFormat.F2019), (2022, ReportFormat.F2021)],
)
def test_a_report_without_tables_takes_its_years_template(year: int, template: ReportFormat) -> None:
    # the 2019 notice cited in a 2022 report does not make it a 2019-template report
    opening = "根据国办公开办函〔2019〕60号要求编制本报告。"
    assert read(f"青山县人民政府{year}年政府信息公开工作年度报告", opening)[0] is template


@pytest.mark.parametrize(
    "head",
    [
        "青山县白云镇2023年政府信息公开工作年度报告解读",
        "青山县人民政府政府信息公开指南",
        "2023年青山市政务公开工作要点",
        "白云镇人民政府政府信息公开工作年度报告制度",
        "2022年上半年政府信息公开数据统计",
        "青山省发布2016年政府信息公开工作年度报告\n2017-03-28 来源: 青山日报",
    ],
)
def test_look_alikes_are_not_reports(head: str) -> None:
    assert read(head)[0] is ReportFormat.NOT_A_REPORT


def test_a_report_whose_title_is_lost_is_a_report_by_its_sections() -> None:
    assert read("")[0] is ReportFormat.F2021


def test_a_sentence_naming_the_report_is_not_its_title() -> None:
    # "…第五十条规定,制作本报告。": 规定 in a sentence does not make the document a 规定
    head = "依据《中华人民共和国政府信息公开条例》第五十条规定,制作本报告。"
    assert read(head, "2019年,新华街道办事处高度重视政府信息公开工作。")[0] is ReportFormat.F2019


def test_the_opening_names_agency_and_year() -> None:
    head = "现公布荷塘区桂花街道办事处2019年政府信息公开工作年度报告。"
    assert read(head) == (ReportFormat.F2019, "荷塘区桂花街道办事处", 2019)
    head = "现将2023年陇县城关镇人民政府信息公开工作年度报告予以公布。"
    assert read(head)[1:] == ("陇县城关镇人民政府", 2023)


def test_a_report_whose_opening_was_lost_keeps_its_tables_and_the_year_its_body_speaks_of() -> None:
    from .render import t2_lines
    from .test_fixtures import sample

    report = sample()
    text = "(二)政府信息依申请公开情况\n2022年度街道受理信息公开申请0件。\n2022年度未发生行政复议。\n"
    text += "二、主动公开政府信息情况\n" + "\n".join(t2_lines(report)) + "\n"
    read = read_text(text)
    assert (read.format, read.year) == (ReportFormat.F2021, 2022)
    assert read.t2 == report.t2


@pytest.mark.parametrize(
    ("head", "opening", "agency"),
    [
        # the report's title quoted in the opening
        ("现发布《临洮县新添镇2022年政府信息公开工作年度报告》。", "全年共受理申请3件。", "临洮县新添镇"),
        # a whole-government report named by its place
        ("桂林市2020年政府信息公开工作年度报告", "全年共受理申请3件。", "桂林市"),
        # section 一 opening after an enumerated heading, no year before the name
        ("政府信息公开工作年度报告", "(一)贯彻落实条例规定。2020年,唐村镇认真贯彻落实《条例》。", "唐村镇"),
        ("政府信息公开工作年度报告", "包头市市场监督管理局高度重视政府信息公开工作。", "包头市市场监督管理局"),
        # the general office that compiled a government's report: the government reports
        ("2018年政府信息公开工作年度报告", "本报告由青山县人民政府办公室编制。", "青山县人民政府"),
        # short forms without the place are not names
        ("2022年政府信息公开工作年度报告", "2022年,区政府办公室认真贯彻执行《条例》。", None),
        ("2021年政府信息公开工作年度报告", "2021年,开发区管委会紧紧围绕中心工作。", None),
    ],
)
def test_agency_from_every_place_and_no_guess(head: str, opening: str, agency: str | None) -> None:
    assert read(head, opening)[1] == agency


def test_the_issuing_body_of_the_page_metadata_names_the_agency() -> None:
    head = (
        "当前位置:首页>政府信息公开年报\n发文字号: | 发布日期:2024-02-20\n"
        "发文机关:壶关县人民政府\n2023年政府信息公开工作年度报告"
    )
    assert read(head)[1] == "壶关县人民政府"


@pytest.mark.parametrize(
    ("head", "agency"),
    [
        ("本报告由银川市网络信息化局根据《条例》规定编制。", "银川市网络信息化局"),
        (
            "根据县政府办公室《关于做好年度报告的通知》要求,黄龙县市场监督管理局结合单位实际编制本报告。",
            "黄龙县市场监督管理局",
        ),
        ("2024年丽水市政府信息公开工作年度报告根据《条例》编制并向社会公布。", "丽水市"),
        ("政府信息公开\n正阳县2014年政府信息公开工作年度报告", "正阳县"),  # a menu label before the title
        ("道县文广新局2013年度信息公开工作\n年度报告", "道县文广新局"),  # the title split in two
        ("标题:壶关县人民政府2023年政府信息公开工作年度报告 | |", "壶关县人民政府"),  # metadata as a table row
    ],
)
def test_agency_in_the_head_lines(head: str, agency: str) -> None:
    assert read(head)[1] == agency


def test_the_general_office_compiles_its_governments_report() -> None:
    opening = "本报告是根据《条例》要求,由伊宁县人民政府办公室编制。"
    assert read("政府信息公开工作年度报告", opening)[1] == "伊宁县人民政府"
    opening = "本报告是根据《条例》要求,由怀柔区发展和改革委员会编制。"
    assert read("政府信息公开工作年度报告", opening)[1] == "怀柔区发展和改革委员会"


def test_the_report_named_with_its_year_outweighs_a_copied_statistics_period() -> None:
    head = "根据《条例》要求,青山市自然资源局编制了2021年度政府信息公开工作年度报告。统计期限为2020年1月1日至12月31日。"
    assert read(head)[2] == 2021


def test_an_opening_year_followed_by_yilai() -> None:
    assert read("政府信息公开工作年度报告", "2022年以来,丰收乡认真围绕重点工作。")[2] == 2022


def test_a_pre_2019_section_list_without_a_year_is_pre_2019() -> None:
    text = "一、政府信息公开总体工作情况\n(一)组织机构建设情况。\n二、主动公开政府信息的情况\n全年公开信息120条。\n"
    assert read_text(text).format is ReportFormat.PRE_2019


@pytest.mark.parametrize(
    ("head", "opening", "agency"),
    [
        # the official short forms, in full
        ("青山市市场监管局2023年政府信息公开工作年度报告", "全年共受理申请3件。", "青山市市场监督管理局"),
        ("青山县发改委2023年政府信息公开工作年度报告", "全年共受理申请3件。", "青山县发展和改革委员会"),
        ("白云区政府办公室2023年政府信息公开工作年度报告", "全年共受理申请3件。", "白云区人民政府办公室"),
        # the place the same text puts before the short name
        ("住建局2023年政府信息公开工作年度报告", "2023年青山县住建局共受理申请3件。", "青山县住房和城乡建设局"),
        # the one city the text names, for 市外办
        ("政府信息公开工作年度报告", "2023年,市外办按照《2023年青山市政务公开工作要点》推进公开。", "青山市外事办公室"),
        # the autonomous county the text spells out
        (
            "青山县政府办公室2023年政府信息公开工作年度报告",
            "青山彝族自治县人民政府网站公开信息120条。",
            "青山彝族自治县人民政府办公室",
        ),
    ],
)
def test_a_short_name_is_completed_from_the_same_text(head: str, opening: str, agency: str) -> None:
    assert read(head, opening)[1] == agency


@pytest.mark.parametrize(
    "opening",
    [
        "2023年青山县住建局受理申请3件,白云县住建局受理2件。",  # two places: which one is not certain
        "2023年住建局共受理申请3件。",  # no place at all
    ],
)
def test_a_short_name_without_one_certain_place_stays_as_read(opening: str) -> None:
    assert read("住建局2023年政府信息公开工作年度报告", opening)[1] == "住房和城乡建设局"


def test_we_stay_null_even_when_the_text_names_places() -> None:
    assert (
        read("2023年政府信息公开工作年度报告", "2023年,我局按照《2023年青山市政务公开工作要点》推进公开。")[1] is None
    )


@pytest.mark.parametrize(
    ("opening", "agency"),
    [
        ("本报告的电子版可在“青山区政府门户网站”政府信息公开栏中的“青山区白云镇”板块中下载。", "青山区白云镇"),
        ("本报告的电子版可在青山市白云区人民政府网下载。", "青山市白云区人民政府"),
    ],
)
def test_where_the_report_can_be_downloaded_names_the_agency(opening: str, agency: str) -> None:
    assert read("政府信息公开工作年度报告", f"{opening}\n全年共受理申请3件。")[1] == agency


def test_the_disclosure_leading_groups_office_compiles_its_governments_report() -> None:
    opening = "本报告是根据《条例》,由青山市白云区政务公开工作领导小组办公室编制。"
    assert read("政府信息公开工作年度报告", opening)[1] == "青山市白云区人民政府"
