"""The rules that read documents of new kinds, case by case: recognising a kind, an insert's items and
leads, Persian headings, header synonyms, written dates, time since onset, the Chinese lexicon."""
from __future__ import annotations

import pytest

from pipeline.circular.layout import header_labels, page_layout
from pipeline.circular.letter import written_date
from pipeline.lexicon import load
from pipeline.normalize.fa import normalize_fa
from pipeline.normalize.zh import normalize_zh
from pipeline.statements.dosing_adapter import onset_criteria, read_fa, read_zh
from pipeline.statements.insert_zh import is_package_insert, item_marker, lead_of, names_in
from pipeline.statements.prose_fa import line_to_block


@pytest.mark.parametrize("line, expected", [
    ("1. 原发免疫性血小板减少症", (2, "原发免疫性血小板减少症")),
    ("2、川崎病", (2, "川崎病")),
    ("（3）重症感染:每日200mg/kg", (3, "重症感染:每日200mg/kg")),
    ("(4) CIDP", (3, "CIDP")),
    ("① 川崎病", (4, "川崎病")),
    ("三、格林-巴利综合征", (0, "格林-巴利综合征")),
    ("（二）儿童用药", (1, "儿童用药")),
    ("b. 成人:每日0.4g/kg", (5, "成人:每日0.4g/kg")),
    ("0.4g/kg,连续5天", None),
    ("2g/kg单剂", None),
])
def test_an_insert_item_is_known_by_its_number_mark(line, expected):
    assert item_marker(line) == expected


@pytest.mark.parametrize("text, lead", [
    ("川崎病:发病10日内应用,2g/kg", "川崎病"),
    ("用量:", "用量"),
    ("每日400mg/kg,连续5日", ""),
    ("本品为人免疫球蛋白制剂,适用于下列患者使用并应在医生指导下进行输注治疗以及观察:略", ""),
])
def test_an_items_lead_is_the_short_text_before_its_colon(text, lead):
    assert lead_of(text) == lead


@pytest.mark.parametrize("text, ids", [
    ("儿童ITP", ["itp-children"]),
    ("成人ITP", ["immune-thrombocytopenia"]),
    ("原发免疫性血小板减少症、川崎病", ["immune-thrombocytopenia", "kawasaki-disease"]),
    ("血栓性血小板减少性紫癜", ["ttp-hus"]),
    (normalize_zh("吉蘭-巴雷綜合徵"), ["guillain-barre-syndrome"]),  # traditional script
    (normalize_zh("皮膚黏膜淋巴結綜合徵"), ["kawasaki-disease"]),
    ("格林巴利综合征", ["guillain-barre-syndrome"]),
    ("重症肌无力", ["myasthenia-gravis"]),
])
def test_chinese_names_of_indications_in_either_script(text, ids):
    assert names_in(text) == ids


def test_every_canonical_indication_has_chinese_names():
    missing = [e["id"] for e in load("indications.yaml")
               if not any(isinstance(a, str) for a in e.get("aliases_zh") or ())]
    assert missing in ([], ["neonatal-thrombocytopenia-maternal-itp"])  # described by words only


@pytest.mark.parametrize("text, lang, days", [
    ("发病10日内应用", "zh", 10), ("发病两周内给药", "zh", 14), ("起病后 2 周以内", "zh", 14),
    ("درمان طی 2 هفته از شروع علائم آغاز شود", "fa", 14), ("در 10 روز اول بیماری", "fa", 10),
    ("تا 10 روز از شروع تب", "fa", 10),
    ("از شروع علائم بیش از 3 هفته نگذشته باشد", "fa", 21), ("در سه روز نخست پس از آغاز تب", "fa", 3),
])
def test_time_since_onset_is_a_threshold_in_days(text, lang, days):
    [criterion] = onset_criteria(text, lang, "d", "s", None)
    assert (criterion.analyte, criterion.op, criterion.value_low, criterion.unit) == (
        "days_since_onset", "<=", days, "d")


@pytest.mark.parametrize("sentence, lang, low, high, every", [
    ("每日400mg/(kg·d),连用5天", "zh", 400, 400, (1.0, "d")),
    ("0.4 g/(kg·d)", "zh", 400, 400, (1.0, "d")),
    ("400 میلی‌گرم بر کیلوگرم روزانه به مدت 5 روز", "fa", 400, 400, (1.0, "d")),
    ("2 گرم/کیلوگرم تک دوز", "fa", 2000, 2000, (None, None)),
])
def test_an_insert_or_guideline_sentence_goes_through_the_dose_engine(sentence, lang, low, high, every):
    text = normalize_zh(sentence) if lang == "zh" else normalize_fa(sentence)
    reading = (read_zh if lang == "zh" else read_fa)(text, text, "d", "s", None)
    [regimen] = reading.regimens
    assert (regimen.dose_low_mg_per_kg, regimen.dose_high_mg_per_kg) == (low, high)
    assert (regimen.every_low, regimen.every_unit) == every
    assert regimen.span is not None and regimen.source_text  # the words it was read from, where they stand


def test_a_dose_the_grammar_cannot_read_is_flagged_not_dropped():
    text = normalize_fa("دوز 400 میلی‌گرم ضربدر کیلوگرم")  # "400 mg times kg": no per-kg reading is certain
    reading = read_fa(text, text, "d", "s", None)
    assert reading.flags or all(r.review_reasons for r in reading.regimens)
    assert not any(r.dose_low_mg_per_kg for r in reading.regimens if not r.review_reasons)


@pytest.mark.parametrize("cells, columns", [
    (("ردیف", "نام بیماری", "مقدار و نحوه مصرف", "شرایط و ملاحظات", "موارد منع مصرف"),
     ["row_number", "indication", "dosing", "conditions", "contraindication"]),
    (("موارد مصرف", "دوز", "توضیحات"), ["indication", "dosing", "recommendations"]),
    # a second conditions word falls to the free recommendations column, a second remarks word to conditions
    (("عنوان بیماری", "دوز", "شرایط", "ملاحظات"), ["indication", "dosing", "conditions", "recommendations"]),
    (("بیماری", "نکات", "توضیحات", "دوز"), ["indication", "recommendations", "conditions", "dosing"]),
    (("بیماری", "مقدار مصرف در هر نوبت", "شرایط بیماری"), ["indication", "dosing", "conditions"]),
    (("میزان مصرف دارو", "اندیکاسیون", "شرایط تجویز", "شماره ردیف"),
     ["dosing", "indication", "conditions", "row_number"]),
    (("نام دارو", "کاربرد خدمت", "افراد صاحب صلاحیت جهت تجویز", "محل ارائه خدمت", "شرط تجویز", "",
      "تواتر خدمت (تعداد دفعات و فواصل خدمت)", "شرایط تجویز", "توصیه ها"),
     ["drug", "service", "prescribers", "setting", "condition_group", "dosing", "conditions", "recommendations"]),
])
def test_header_words_name_columns_by_their_key_words_in_any_order(cells, columns):
    assert list(header_labels(cells).values()) == columns


def test_a_data_line_holding_key_words_is_no_header():
    cells = ("بیماری کاوازاکی", "دوز 2 گرم به ازای هر کیلوگرم", "شرایط خاص بیمار و ملاحظات ویژه او در بخش")
    assert len(header_labels(cells)) < 3


def test_a_table_without_a_condition_group_places_each_cell_by_its_header():
    layout, flags = page_layout(("ردیف", "نام بیماری", "دوز", "شرایط"), None, 2)
    assert layout.direct and layout.row_number_at == 0 and layout.indication_at == 1 and not flags


@pytest.mark.parametrize("text, date", [
    ("1401/11/3", "1401/11/03"), ("3 بهمن 1401", "1401/11/03"), ("12 اردیبهشت ماه 1400", "1400/02/12"),
    ("15 مهر 1399", "1399/07/15"), ("بدون تاریخ", None),
])
def test_a_letters_date_in_digits_or_words(text, date):
    assert written_date(normalize_fa(text)) == date


@pytest.mark.parametrize("line, kind", [
    ("سندرم گیلن باره", "heading"),
    ("## دوز در کودکان", "heading"),
    ("2.1 درمان نگهدارنده", "heading"),
    ("IVIg در این بیماران توصیه می‌شود", "paragraph"),  # a sentence-final verb: not a heading
    ("کاوازاکی: 2 گرم/کیلوگرم", "paragraph"),           # a dose: not a heading
    ("- ITP در کودکان: 1 گرم/کیلوگرم", "list_item"),
    ("الف) میاستنی گراویس: 2 گرم/کیلوگرم در 5 روز", "list_item"),
    ("400 میلی‌گرم/کیلوگرم روزانه به مدت 5 روز داده می‌شود.", "paragraph"),
    ("موارد مصرف: نقص ایمنی اولیه، کاوازاکی", "paragraph"),  # a label and its value: not a heading
    ("بیماری کاوازاکی:", "heading"),                          # a name and a colon: what follows is about it
])
def test_persian_prose_lines_read_as_headings_items_or_paragraphs(line, kind):
    assert line_to_block(line, 1).kind == kind


@pytest.mark.parametrize("text, insert", [
    ("说明书\n【适应症】\n川崎病。\n【用法用量】\n2g/kg。\n", True),
    ("說明書\n【適應症】\n川崎病。\n【用法用量】\n2g/kg。\n", True),
    ("IVIG 用于川崎病。\n【注】见下文。\n", False),
    ("〖适 应 症〗\n川崎病。\n[用法用量]\n2g/kg。\n", True),
])
def test_a_package_insert_is_known_by_its_bracketed_sections(text, insert):
    assert is_package_insert(text) is insert


def test_a_hard_wrapped_persian_paragraph_is_one_paragraph():
    from pipeline.statements.prose_fa import text_to_blocks

    text = ("سندرم گیلن باره\nدر بیماران مبتلا به گیلن باره که قادر به راه رفتن مستقل نیستند، IVIg با\n"
            "دوز 400 میلی‌گرم بر کیلوگرم روزانه به مدت 5 روز\nدر بیماران بستری\nتجویز می‌شود.\n\nپایان متن\n")
    assert [(b.kind, b.text.split()[-1]) for b in text_to_blocks(text)] == [
        ("heading", "باره"), ("paragraph", "می‌شود."), ("heading", "متن")]


@pytest.mark.parametrize("head, number, date", [
    (["شماره: ۱۲۳/د                تاریخ: ۱۴۰۱/۱۱/۰۳"], "123/د", "1401/11/03"),
    (["تاریخ: ۱۴۰۱/۱۱/۰۳    شماره: ۴۵۶/۷۸۹۰"], "456/7890", "1401/11/03"),  # not the decimal 456.7890
    (["شماره نامه: ۱۴۵۲", "تاریخ نامه: ۳ بهمن ۱۴۰۱"], "1452", "1401/11/03"),
    (["شماره: ۲۸/۳۶/۱۴۸۹۱۱", "تاریخ: ۱۳۹۹/۰۶/۱۶"], "28/36/148911", "1399/06/16"),
])
def test_a_letters_number_and_date_on_one_line_or_two(head, number, date):
    from pipeline.circular.letter import lines_to_letter

    letter, _ = lines_to_letter(head + ["با سلام", "متن"], None)
    assert (letter.letter_number, letter.date_jalali) == (number, date)


@pytest.mark.parametrize("cells, header", [
    (("بیماری", "دوز"), True),                        # a two-column table: indication and dosing
    (("بیماری میاستنی گراویس", "دوز 2 گرم"), False),   # a data line
    (("نام دارو", "بیماری"), False),
])
def test_a_two_column_table_is_known_by_its_indication_and_dosing(cells, header):
    from pipeline.circular.layout import is_header

    assert is_header(cells) is header


@pytest.mark.parametrize("text, indication", [
    ("در ITP حاد در کودکان، 1 گرم/کیلوگرم داده می‌شود.", "itp-children"),
    ("در بزرگسالان مبتلا به ITP، 1 گرم/کیلوگرم داده می‌شود.", "immune-thrombocytopenia"),
    ("در ITP مقاوم، 1 گرم/کیلوگرم داده می‌شود.", "immune-thrombocytopenia"),
    ("در پلی نوروپاتی دمیلینه التهابی مزمن، دوز القایی 2 گرم/کیلوگرم است.", "cidp"),
])
def test_persian_sentences_name_their_indication(text, indication):
    from pipeline.statements.prose_fa import match_unit
    from pipeline.statements.read import Unit

    match = match_unit(Unit(normalize_fa(text), text, None, normalize_fa(text), "", 0, "paragraph", 1))
    assert match.indication_id == indication


def test_an_insert_printed_without_brackets_is_read_by_its_section_names():
    from pipeline.statements.insert_zh import blocks_to_units, text_to_blocks

    text = "某某说明书\n适应症:川崎病。\n用法用量:\n(1)川崎病:发病10日内,2g/kg,单次输注。\n"
    assert is_package_insert(text)
    _, blocks = text_to_blocks(text)
    units = blocks_to_units(blocks)
    assert [(u.section, u.lead) for u in units][-2:] == [("适应症", ""), ("用法用量", "川崎病")]


def test_an_insert_whose_section_names_stand_alone_on_their_lines():
    from pipeline.statements.insert_zh import blocks_to_units, text_to_blocks

    text = "某某说明书\n适应症\n1. 川崎病。\n用法用量\n1. 川崎病:2g/kg,单次输注。\n"
    assert is_package_insert(text)
    units = blocks_to_units(text_to_blocks(text)[1])
    assert [(u.section, u.lead) for u in units] == [(None, ""), ("适应症", ""), ("用法用量", "川崎病")]


@pytest.mark.parametrize("text, ids", [
    ("موارد مصرف: نقص ایمنی اولیه، ITP، کاوازاکی، گیلن باره",
     ["humoral-immunodeficiency", "immune-thrombocytopenia", "kawasaki-disease", "guillain-barre-syndrome"]),
    ("در ITP حاد در کودکان 1 گرم/کیلوگرم", ["itp-children"]),
    ("ITP ناشی از HIV", ["secondary-itp-infection"]),
])
def test_persian_text_names_every_indication_once(text, ids):
    from pipeline.statements.prose_fa import names_in

    assert names_in(normalize_fa(text)) == ids


def test_an_insert_lead_line_holds_the_lines_below_it_until_another_lead():
    from pipeline.statements.insert_zh import LANGUAGE, blocks_to_units, text_to_blocks

    text = ("【适应症】\n川崎病。\n【用法用量】\n原发免疫性血小板减少症:\n成人:每日0.4g/kg,连用5天。\n"
            "儿童:每日1g/kg,连用2天。\n川崎病:发病10天内,2g/kg单次静脉滴注。\n")
    units = blocks_to_units(text_to_blocks(text)[1])
    matched = [LANGUAGE.match(u).indication_id for u in units if "/kg" in u.text]
    assert matched == ["immune-thrombocytopenia", "immune-thrombocytopenia", "kawasaki-disease"]


def test_a_bare_name_item_holds_its_sub_items_and_the_lines_below_them():
    """"(1)川崎病" alone (no colon) speaks for "①首剂:..." under it; the sub-item's own lead (首剂, 方案二)
    names no indication and does not hide the parent's; an unmarked sentence below keeps it too."""
    from pipeline.statements.insert_zh import LANGUAGE, blocks_to_units, text_to_blocks

    text = ("【用法用量】\n(1)川崎病\n①首剂:2g/kg,单次输注;\n②其后:按病情调整。\n"
            "(2)原发免疫性血小板减少症\n①方案一:每日0.4g/kg,连用5天;\n②方案二:每日1g/kg,连用2天;\n"
            "血小板低于30×10^9/L者方可使用。\n")
    units = blocks_to_units(text_to_blocks(text)[1])
    matched = [LANGUAGE.match(u).indication_id for u in units if "/kg" in u.text or "血小板低于" in u.text]
    assert matched == ["kawasaki-disease", "immune-thrombocytopenia", "immune-thrombocytopenia"]


@pytest.mark.parametrize("text, lead", [
    ("原发性免疫缺陷病", "原发性免疫缺陷病"),
    ("每日400mg/kg", ""),
    ("慢性炎性脱髓鞘性多发性神经根神经病(CIDP)。", ""),
])
def test_a_bare_item_is_a_lead_when_it_is_a_name_alone(text, lead):
    from pipeline.statements.insert_zh import _bare_name

    assert _bare_name(normalize_zh(text)) == lead


@pytest.mark.parametrize("text, ids", [
    ("سندرم استیونس-جانسون شدید", ["sjs-ten"]),
    ("نکرولیز توکسیک اپیدرمال", ["sjs-ten"]),
    ("سندروم گیلن‌باره", ["guillain-barre-syndrome"]),
    ("سندرم گیلن-باره", ["guillain-barre-syndrome"]),
    ("بیماری کاواساکی", ["kawasaki-disease"]),
])
def test_persian_spelling_variants_name_the_same_indication(text, ids):
    from pipeline.statements.prose_fa import names_in

    assert names_in(normalize_fa(text)) == ids


def test_a_circular_rows_condition_cell_gives_time_since_onset():
    from pipeline.criteria import row_to_criteria
    from pipeline.records import SourceRow

    cells = {"indication": "کاوازاکی", "dosing": "2 گرم/کیلوگرم", "conditions": "در 7 روز اول بیماری"}
    row = SourceRow("c", "c-r1", 1, 1, (1,), (1,), cells, cells, " ".join(cells.values()), None)
    [onset] = [c for c in row_to_criteria(row) if c.analyte == "days_since_onset"]
    assert (onset.op, onset.value_low, onset.source_field, onset.row_ids) == ("<=", 7, "conditions", ("c-r1",))


def test_nested_numbered_headings_join_in_the_section():
    from pipeline.statements.prose_fa import blocks_to_units, text_to_blocks

    text = "۳. بیماری‌های خونی\n۳.۲. کم خونی همولیتیک اتوایمیون\nدر این بیماران 1 گرم/کیلوگرم در 2 روز داده می‌شود.\n"
    _, units = blocks_to_units(text_to_blocks(text))
    assert units[0].section == "بیماری\u200cهای خونی / کم خونی همولیتیک اتوایمیون"


@pytest.mark.parametrize("sentence, kind", [
    ("در بیماران با نارسایی کلیه از تزریق سریع پرهیز شود.", "policy"),
    ("در سالمندان از فرآورده پرغلظت اجتناب گردد.", "policy"),
    ("سردرد شایع‌ترین عارضه است.", "adverse_effect"),
])
def test_a_precaution_is_policy_even_when_it_names_a_side_effect(sentence, kind):
    from pipeline.statements.prose_fa import LANGUAGE
    from pipeline.statements.read import Unit

    unit = Unit(normalize_fa(sentence), sentence, None, sentence, "", 0, "paragraph", 1)
    assert LANGUAGE.kind(unit) == kind


def test_a_letters_subject_line_is_its_subject_not_a_recipient_and_an_unknown_issuer_keeps_its_name():
    from pipeline.circular.letter import lines_to_letter

    head = ["بسمه تعالی", "دانشگاه علوم پزشکی نمونه‌آباد", "معاونت غذا و دارو", "شماره: ۱۲/۳۴۵", "تاریخ: ۱۴۰۲/۰۲/۰۲",
            "رئیس محترم بیمارستان الف", "مدیر محترم درمانگاه ب", "موضوع: دستورالعمل تجویز IVIg"]
    letter, flags = lines_to_letter(head + ["با سلام", "متن نامه"], None)
    assert letter.recipients == ("رئیس محترم بیمارستان الف", "مدیر محترم درمانگاه ب")
    assert letter.subject == "دستورالعمل تجویز IVIg"
    assert (letter.issuer_fa, letter.department) == ("دانشگاه علوم پزشکی نمونه\u200cآباد", "معاونت غذا و دارو")
    assert "unknown_issuer" in {f.code for f in flags}


def test_an_inserts_title_is_its_leaflet_line_not_the_approval_date_above_it():
    from pipeline.statements.insert_zh import text_to_blocks

    text = "核准日期:2020年01月02日\n某某注射液说明书\n【适应症】\n川崎病。\n【用法用量】\n川崎病:2g/kg。\n"
    assert text_to_blocks(text)[0] == "某某注射液说明书"


@pytest.mark.parametrize("section, holds", [("规格", False), ("成份", False), ("用法用量", True), (None, True)])
def test_an_inserts_pack_sizes_are_not_doses(section, holds):
    from pipeline.statements.insert_zh import LANGUAGE
    from pipeline.statements.read import Unit

    unit = Unit("10%(50ml:5g)", "10%(50ml:5g)", section, "10%(50ml:5g)", "", 0, "paragraph", 1)
    assert LANGUAGE.holds_doses(unit) is holds
