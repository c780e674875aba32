"""Reading the article: headings by rule, sections, sentences, and the same reading from its HTML."""
import dataclasses
import html

import pytest

from pipeline.article.blocks import is_heading, text_to_blocks
from pipeline.article.read import read_article
from pipeline.build import build
from pipeline.ingest import read_source

from .conftest import ARTICLE_TXT, copy_raw, statement_with

HEADINGS = [
    "咨询 IVIG 专家", "骨髓移植概述", "IVIG 对于骨髓移植有哪些潜在益处?",
    "静脉注射免疫球蛋白(IVIG)用于骨髓移植:对特定人群的潜在益处",
    "骨髓移植后巨细胞病毒(CMV)肺炎的静脉注射免疫球蛋白(IVIG)治疗", "获得 IVIG 共同支付援助",
    "低丙种球蛋白血症患者静脉注射免疫球蛋白", "用于骨髓移植的 IVIG:当前医疗指南是怎么说的?",
    "用于骨髓移植的 IVIG:有哪些副作用?", "常见问题", "为什么要给移植患者注射 IVIG?",
    "干细胞移植后 IVIG 治疗有哪些优势?", "IVIG 输注的成功率是多少?", "IVIG 在排斥反应中如何发挥作用?",
    "IVIG 疗法能提高骨髓移植患者的生存率吗?", "参考:",
]


def as_html(text: str) -> str:
    """The article as a web page would carry it: h2 headings, ul/li lists, p paragraphs, page noise."""
    out, in_list = ["<!doctype html><html><head><title>IVIG 与骨髓移植</title><script>var x = '<p>不是正文</p>';"
                    "</script><style>p { color: red }</style></head><body><main>"], False
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("- ") != in_list:
            out.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        body = html.escape(line[2:] if in_list else line).replace("低丙种球蛋白血症", '<a href="/hypo">低丙种球蛋白血症</a>')
        tag = "li" if in_list else "h2" if line in HEADINGS else "p"
        out.append(f"  <{tag}>\n    {body}\n  </{tag}>")
    out.append("</ul>" if in_list else "")
    return "\n".join(out + ["</main></body></html>"])


@pytest.fixture(scope="module")
def html_reading(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "ivig-bmt-article-zh.html"
    path.write_text(as_html(ARTICLE_TXT.read_text(encoding="utf-8")), encoding="utf-8")
    return read_article(read_source(path))


def test_headings_are_found_by_rule():
    blocks = text_to_blocks(ARTICLE_TXT.read_text(encoding="utf-8"))
    assert [b.text for b in blocks if b.kind == "heading"] == HEADINGS


@pytest.mark.parametrize("line, heading", [
    ("该过程的其他名称是:", False),  # a colon introduces the list below
    ("参考文献:", True),
    ("IVIG 更常用于骨髓移植后。", False),
    ("IVIG 成功率范围从 60% 到 80%,取决于所治疗的病症、个体反应和具体 IVIG品牌.", False),
    ("为什么要给移植患者注射 IVIG?", True),
    ("这是问题吗?这是回答。", False),
])
def test_heading_rule(line, heading):
    assert is_heading(line) is heading


def test_doc_id_is_unchanged_and_rendition_independent(article, html_reading):
    assert article.document.doc_id == html_reading.document.doc_id == "article-db7056881d39"


def test_sentences_sit_under_their_headings(article):
    assert statement_with(article.statements, "IgG <4 克/升").section == "低丙种球蛋白血症患者静脉注射免疫球蛋白"
    assert statement_with(article.statements, "每隔一天一次").section == \
        "骨髓移植后巨细胞病毒(CMV)肺炎的静脉注射免疫球蛋白(IVIG)治疗"
    first = article.statements[0]
    assert first.section is None and first.text.startswith("虽然不建议日常使用")
    assert [s.kind for s in article.statements if s.section == "参考:"] == ["reference"] * 8


def test_every_sentence_and_list_item_is_a_statement(article):
    assert len(article.statements) == 68
    assert len({s.statement_id for s in article.statements}) == 68
    assert [s.position for s in article.statements] == list(range(1, 69))
    assert statement_with(article.statements, "脑内膜肿胀").block == "list_item"


def test_citation_marks_that_lost_a_bracket_are_mended(article):
    igg = statement_with(article.statements, "IgG <4 克/升")
    assert igg.text.endswith("克/升)[5]") and igg.raw_text.endswith("克/升)[5")
    assert igg.citations == (5,) and igg.repairs
    quarter = statement_with(article.statements, "四分之一")
    assert quarter.text == "接受骨髓移植的患者中,有四分之一会出现低丙种球蛋白血症。[6]."
    assert quarter.citations == (6,) and quarter.numbers == (0.25,)
    cms = statement_with(article.statements, "CMS 不建议")
    assert cms.text.endswith("使用 IVIG。[7].") and cms.citations == (7,)
    assert "opening bracket" in cms.repairs[0]


def test_html_reads_to_the_same_statements(article, html_reading):
    def comparable(reading):
        statements = [dataclasses.replace(s, line=None) for s in reading.statements]
        return statements, reading.regimens, reading.criteria, reading.references

    assert comparable(html_reading) == comparable(article)


def test_text_and_html_side_by_side_are_one_document(tmp_path):
    raw = copy_raw(tmp_path, [ARTICLE_TXT.name])
    (raw / "ivig-bmt-article-zh.html").write_text(as_html(ARTICLE_TXT.read_text(encoding="utf-8")), encoding="utf-8")
    report = build(raw, tmp_path / "out")
    assert report.documents == 1 and report.statements == 68
    import pandas as pd

    doc = pd.read_parquet(tmp_path / "out" / "documents.parquet").iloc[0]
    assert doc["format"] == "text+html" and list(doc["renditions"]) == [ARTICLE_TXT.name, "ivig-bmt-article-zh.html"]
    assert "renditions_differ" not in set(pd.read_parquet(tmp_path / "out" / "flags.parquet")["code"])
