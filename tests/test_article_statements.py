"""The article's statements: kinds, indications (strong, weak, none) and the reference list."""
import pytest

from pipeline.article.indications import match_indication

from .conftest import statement_with


@pytest.mark.parametrize("words, kind", [
    ("每周使用 0.5 g/kg", "dose"),
    ("每隔一天一次", "dose"),
    ("IgG <4 克/升", "threshold"),
    ("20 岁及以上", "policy"),  # the payer's rule; its thresholds are criteria all the same
    ("目前的指南并不建议", "policy"),
    ("一些专家建议", "policy"),
    ("偶尔可能会出现严重的副作用", "adverse_effect"),
    ("严重感染", "adverse_effect"),  # an item of the side-effect list
    ("恶心、发烧", "adverse_effect"),
    ("2008 年对 30 项试验", "outcome"),
    ("成功率范围从 60% 到 80%", "outcome"),
    ("就会发生 GVHD", "other"),
    ("Raanani, Pia", "reference"),
])
def test_statement_kinds(article, words, kind):
    assert statement_with(article.statements, words).kind == kind


def test_cmv_statements_link_to_the_circulars_cmv_indication(article):
    strong = statement_with(article.statements, "没有强有力的证据支持")
    assert strong.indication_id == "cmv-disease" and not strong.review_reasons  # names CMV 肺炎
    weak = statement_with(article.statements, "CMV阳性患者的移植")
    assert weak.indication_id == "cmv-disease" and weak.review_reasons[0].code == "indication_weak"


def test_hypogammaglobulinaemia_in_bmt_speaks_of_both_circular_rows(article):
    igg = statement_with(article.statements, "IgG <4 克/升")
    assert igg.indication_id == "secondary-hypogammaglobulinemia"  # the circular's row that names BMT
    assert igg.indication_candidates == ("secondary-hypogammaglobulinemia", "allo-hsct-hypogammaglobulinemia")
    assert igg.review_reasons[0].code == "indication_weak"


def test_gvhd_has_no_indication_in_the_circular(article):
    assert statement_with(article.statements, "移植物抗宿主病 (移植物抗宿主病)").indication_id is None
    assert statement_with(article.statements, "就会发生 GVHD").indication_id is None


def test_the_more_specific_description_wins():
    match = match_indication("同种异体移植 和 骨髓移植 后出现低丙种球蛋白血症", "", None)
    assert match.indication_id == "allo-hsct-hypogammaglobulinemia"
    assert match.candidates == ("allo-hsct-hypogammaglobulinemia", "secondary-hypogammaglobulinemia")


def test_equal_matches_are_an_ambiguity_not_a_choice(monkeypatch):
    from pipeline.article import indications

    monkeypatch.setattr(indications, "_aliases", lambda: (
        indications._Alias("a-row", ("甲病",), True), indications._Alias("b-row", ("乙病",), True)))
    match = match_indication("甲病或乙病", "", None)
    assert match.indication_id is None and set(match.candidates) == {"a-row", "b-row"}
    assert indications.review_reason(match).code == "indication_ambiguous"


@pytest.mark.parametrize("number, doi", [
    (2, "10.1200/JCO.2008.16.8450"),
    (3, "10.1182/blood.v124.21.2482.2482"),
    (5, "10.1136/bmjopen-2015-008316"),
    (6, "10.1002/14651858.CD015719"),
    (8, "10.4103/ijh.ijh_41_24"),
])
def test_reference_dois(article, number, doi):
    assert article.references[number - 1].doi == doi


def test_references_without_doi_keep_their_address(article):
    refs = {r.number: r for r in article.references}
    assert [n for n, r in refs.items() if r.doi is None] == [1, 4, 7]
    assert refs[1].url == "https://www.ncbi.nlm.nih.gov/books/NBK536951/"
    assert refs[4].url.endswith("LTFU_HSCT_guidelines_physicians.pdf")
    assert refs[7].url == "www.cms.gov/medicare-coverage-database/view/lcd.aspx?lcdid=39314&ver=7"


@pytest.mark.parametrize("number, authors, et_al, title, venue, year", [
    (1, ("Khaddour K", "Hana CK", "Mewawalla P"), False, "造血干细胞移植", "StatPearls [互联网]", 2025),
    (2, ("Raanani, Pia",), True, "造血干细胞移植中的免疫球蛋白预防:系统评价与荟萃分析", "临床肿瘤学杂志", 2009),
    (3, ("Yannakou, Costas K.",), True, "异基因干细胞移植后静脉注射免疫球蛋白与 CMV 再激活水平降低相关", "Blood", 2014),
    (4, ("弗雷德·哈钦森癌症中心", "Carpenter, P.", "Boeckh, M.", "Cheng, G.-S.", "Stern, J.", "Holmberg, L."), False,
     "造血干细胞移植后的长期随访", None, 2025),
    (5, ("Cowan, Juthaporn",), True,
     "关于接受造血干细胞移植的患者预防性使用静脉注射免疫球蛋白的随机对照试验系统评价的更新方案", "BMJ Open", 2015),
    (6, ("Chai, Khai Li",), True, "免疫球蛋白替代疗法预防血液系统恶性肿瘤患者及造血干细胞移植患者的感染",
     "Cochrane 系统评价数据库", 2024),
    (7, (), False, "LCD——静脉注射免疫球蛋白(IVIG)的说明书外使用(L39314)", None, None),
])
def test_reference_parts(article, number, authors, et_al, title, venue, year):
    ref = article.references[number - 1]
    assert (ref.authors, ref.et_al, ref.title, ref.venue, ref.year) == (authors, et_al, title, venue, year)


def test_translated_names_split_at_semicolons(article):
    ref = article.references[7]
    assert len(ref.authors) == 8 and ref.authors[0] == "卡亚,艾哈迈德" and ref.authors[-1] == "法特玛·希拉尔·亚金"
    assert ref.title.endswith("植入时间吗?") and ref.venue == "伊拉克血液学杂志" and ref.year == 2024


def test_what_a_reference_lacks_is_flagged(article):
    assert tuple(r.text for r in article.references[6].review_reasons) == ("reference_incomplete: no authors found",
                                                    "reference_incomplete: no year found")
    assert not any(r.review_reasons for r in article.references if r.number != 7)


def test_citations_point_into_the_reference_list(article):
    cited = {n for s in article.statements for n in s.citations}
    assert cited == set(range(1, 9))
    assert statement_with(article.statements, "每周使用 0.5 g/kg").citations == (3,)
