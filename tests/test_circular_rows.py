"""The circular's table, read end to end: every row, each cell in its logical column, on the real text."""
import pandas as pd

from .conftest import DOC_ID, row_with


def test_every_logical_row_in_reading_order(source_rows):
    rows = source_rows[source_rows.doc_id == DOC_ID]
    assert list(rows.row_number) == list(range(1, 56))
    firsts = list(rows.indication_text[:5])
    assert firsts == ["بیماری میاستنی گراویس", "قبل از پیوند کلیه و کاندید پیوند", "شکست مکرر لانه گزینی (RIF)",
                      "صرع مقاوم کودکان Intractable Childhood Epilepsy", "سندرم گیلن باره"]
    assert rows.indication_text.iloc[-1].startswith("آنمی‌های حاد همولیتیک اتوایمیون")
    assert rows.row_id.is_unique and rows.row_id.str.startswith(DOC_ID).all()


def test_first_row_cells_and_place(source_rows):
    row = row_with(source_rows, "indication_text", "میاستنی گراویس")
    assert (row.page, list(row.lines)) == (2, [37])
    assert "دوز تو تال 1-2 گرم برای هر کیلوگرم وزن بدن به صورت منقسم در 2 تا ترجیحا 5 روز متوالی" in row.dosing_text
    assert row.conditions_text.startswith("قبل از تجویز دارو، بیمار به طور مناسب هیدراته باشد.")
    assert pd.isna(row.recommendations_text) and pd.isna(row.contraindication_text)


def test_kidney_candidate_conditions_continue_on_next_page(source_rows):
    row = row_with(source_rows, "indication_text", "قبل از پیوند کلیه و کاندید پیوند")
    assert (list(row.pages), list(row.lines)) == ([2, 3], [38, 42])
    assert "پلاسمافرز تجویز می‌شود. در صورت عدم انجام پیوند تا 6 ماه بعد از پروتکل حساسیت زدایی" in row.conditions_text
    assert row.conditions_text.endswith("بر اساس صلاحیت نفرولوژیست قابل انجام است.")
    assert any(r.startswith("continued: conditions") for r in row.repairs)


def test_repeated_sentence_collapsed_only_when_identical(source_rows):
    # the source says it four times: once with "در" before "بیمارانی", three times without
    row = row_with(source_rows, "indication_text", "قبل از پیوند کلیه و کاندید پیوند")
    assert row.dosing_text.count("سطح سرمی آنتی بادی anti-HLA") == 2
    sentence = ("بیمارانی که سطح سرمی آنتی بادی anti-HLA در آنها بالاست به منظور کاهش آلرژی در "
                "زمان بستری برای پیوند کلیه حداکثر 5 روز قبل از پیوند تجویز می‌شود.")
    assert row.dosing_text == f"در {sentence} {sentence}"
    assert "repeats_collapsed: 2 identical repeated sentence(s) dropped from dosing" in row.repairs
    assert any(r.startswith("repeat_differs: a sentence of dosing") for r in row.review_reasons)
    assert row.raw_dosing.count("سطح سرمی آنتی بادی anti-HLA") == 4  # the source keeps its words


def test_reversed_header_page(source_rows):
    # page 3 repeats the header from recommendations to drug; cells still land in their columns
    row = row_with(source_rows, "indication_text", "Intractable Childhood Epilepsy")
    assert row.page == 4
    assert row.dosing_text.startswith("استفاده از IVIg در سندروم‌های West, Lennox-Gastaut")
    assert row.dosing_text.endswith("1 g / kg / day به مدت 2 روز")
    assert row.conditions_text == "به عنوان خط آخر درمان و مخصوصا در بیمارانی که کاندید رزکسیون جراحی هستند"


def test_indication_and_contraindication_both_present(source_rows):
    row = row_with(source_rows, "indication_text", "شکست مکرر لانه گزینی")
    assert row.contraindication_text == "نازایی"


def test_cidp_dosing_continues_on_next_page(source_rows):
    row = row_with(source_rows, "indication_text", "CIDP")
    assert list(row.lines) == [50, 54]
    assert "امکان افزایش فواصل بین دوز تا 6 هفته بر اساس پاسخ بالینی بیمار و علائم بین کورس‌های تزریق دارو" \
        in row.dosing_text
    assert row.conditions_text == "بیماران برای درمان ناتوانی عصبی عضلانی و بهبود وضعیت حرکتی"


def test_row_without_indication_is_kept_and_flagged(source_rows):
    row = source_rows[source_rows.indication_text.isna()]
    assert len(row) == 1
    row = row.iloc[0]
    assert row.row_number == 10 and row.page == 6
    assert row.needs_review
    assert any(r.startswith("missing_indication") for r in row.review_reasons)
    assert "درمان حمله حاد: 0.4-1.0 gr/kg/dose" in row.dosing_text
    assert "<p>" not in row.dosing_text and "<p>" in row.raw_dosing
    assert row.dosing_text.endswith("هر 3 تا 6 هفته بنابر پاسخ بالینی و سطح پلاکت‌ها")


def test_indication_under_wrong_shared_header(source_rows):
    row = row_with(source_rows, "indication_text", "نقص ایمنی هومرال اولیه یا ثانویه")
    assert row.dosing_text.startswith("در بیماران با دوز اولیه 400-800 mg/kg و سپس 200-400 mg/kg هر 3-4 هفته")
    assert row.conditions_text.startswith("سطح سرمی IgG بسیار پایین باشد")
    assert any(r.startswith("indication_moved") for r in row.repairs)


def test_page_with_fewer_columns_puts_dose_in_dosing(source_rows):
    # the page names no dosing column: the dose text sits under the contraindication header
    row = row_with(source_rows, "indication_text", "گیرندگان آلونژیک")
    assert pd.isna(row.contraindication_text)
    assert row.dosing_text.startswith("مصرف روتین در بیماران HSCT نیاز نیست.")
    assert "با دوز 400-500 mg/kg هر 3-4 هفته" in row.dosing_text
    row = row_with(source_rows, "indication_text", "درمان صرع مقاوم کودکان")
    assert row.dosing_text.startswith("استفاده از IVIg در سندروم‌های West")
    assert row.conditions_text.startswith("به عنوان خط آخر درمان")


def test_row_shifted_under_full_header(source_rows):
    row = row_with(source_rows, "indication_text", "مواجهه با سرخک")
    assert row.dosing_text == "0.4 g/kg"
    assert row.conditions_text == "بر اساس اندیکاسیون و ترجیحا در اسرع وقت"
    assert row.recommendations_text == "به رعایت فاصله زمانی بین تزریق و دریافت سایر واکسن‌ها دقت شود."
    hep_a = row_with(source_rows, "indication_text", "هیپاتیت A")
    assert hep_a.dosing_text.startswith("0.4 g/kg و تکرار در صورت نیاز")


def test_indication_and_dose_continue_across_page(source_rows):
    row = row_with(source_rows, "indication_text", "نقص ایمنی هورمونی اولیه")
    assert list(row.pages) == [9, 10]
    assert row.indication_text.endswith("نقص ایمنی common variable، نقص ایمنی وابسته به X، سندروم ویسکوت-آلدریچ)")
    assert row.dosing_text.endswith("در سندرم ویسکوت-آلدریچ ممکن است نیاز به تجویز دوز بالای رنج تجویزی باشد.")


def test_amr_dose_continues_across_page(source_rows):
    row = row_with(source_rows, "indication_text", "rejection")
    assert "100 mg/kg بعد از هر جلسه پلاسمافرز تا دوز تجمعی 1-2gr/kg و بعد از سال اول" in row.dosing_text


def test_new_row_on_a_new_page_is_not_a_continuation(source_rows):
    # the previous rows end without a period; their next-page neighbours are rows of their own
    for words in ("Orseclum myoclonus", "birdshot", "درمان MS عودکننده"):
        row = row_with(source_rows, "indication_text", words)
        assert len(row.pages) == 1


def test_normalized_decimals_in_cells(source_rows):
    mmn = row_with(source_rows, "indication_text", "Multifocal Motor Neuropathy")
    assert "با رنج دوز 2-0.5 gram/kg هر 2-6 هفته یا 0.5 تا 2.4 گرم برای هر کیلوگرم وزن بدن ماهانه" in mmn.dosing_text
    cll = row_with(source_rows, "indication_text", "لوسمی لنفوسیتیک مزمن")
    assert "دوز 0.4 گرم برای هر کیلوگرم وزن بدن هر 3 یا 4 هفته" in cll.dosing_text
    cmv = row_with(source_rows, "indication_text", "CMV")
    assert cmv.dosing_text.endswith("در 0.4 گرم در کیلوگرم هر 28 روز")


def test_pointing_and_conditions_rows(source_rows):
    assert row_with(source_rows, "indication_text", "آنوریسم شریان کرونری").dosing_text == "مثل کاوازاکی"
    pra = row_with(source_rows, "indication_text", "PRA>20%")
    assert pra.conditions_text == "رجوع به استفاده از IVIg در بیماران کاندید پیوند کلیه"
    sepsis = row_with(source_rows, "indication_text", "سپسیس شدید")
    assert sepsis.conditions_text.startswith("500-1000mg/kg به مدت دو تا چهار روز")


def test_whole_row_text_and_raw(source_rows):
    row = row_with(source_rows, "indication_text", "بیماری کاوازاکی")
    assert row.text.startswith("بیماری کاوازاکی | 2 گرم برای هر کیلوگرم")
    assert row.raw_text.split("\t")[4] == "بیماری کاوازاکی"
    assert len(row.review_reasons) == 0 and row.status == "kept"


def test_only_the_row_without_indication_the_disagreeing_row_and_a_reworded_repeat_need_review(source_rows):
    # the row repeating a sentence in other words, the row whose text and PDF renditions read
    # differently, and the row without indication
    flagged = source_rows[source_rows.needs_review]
    assert list(flagged.row_number) == [2, 3, 10]
    assert [r.split(":")[0] for r in flagged.iloc[0].review_reasons] == ["repeat_differs"]
    assert [r.split(":")[0] for r in flagged.iloc[1].review_reasons] == ["renditions_differ"] * 3
    assert [r.split(":")[0] for r in flagged.iloc[2].review_reasons] == ["missing_indication", "indication_inferred"]
