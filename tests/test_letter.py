"""The circular's letter: number, Jalali and Gregorian dates, what it answers, who signed, validity."""
import pytest

from pipeline.circular.letter import jalali_to_iso

from .conftest import DOC_ID


def test_letter_metadata(documents):
    doc = documents.loc[DOC_ID]
    assert doc["lang"] == "fa"
    assert doc["title"] == "فرم راهنمای تجویز داروی IVIg"
    assert doc["letter_number"] == "28/36/148911"
    assert (doc["date_jalali"], doc["date_iso"]) == ("1399/06/16", "2020-09-06")
    assert doc["letter_time"] == "07:59"
    assert doc["attachments"] == "ندارد"
    assert doc["in_reply_to_number"] == "53/97405/د"
    assert (doc["in_reply_to_date_jalali"], doc["in_reply_to_date_iso"]) == ("1399/06/12", "2020-09-02")
    assert doc["in_reply_to_sender"] == "معاون محترم غذا و دارو دانشگاه"
    assert doc["url"] == "http://url.qums.ac.ir/guidelines1"
    assert doc["signer"] == "دکتر امیر محمد کاظمی فر"
    assert doc["signer_title"] == "معاون درمان"
    assert doc["issuer_code"] == "qums"
    assert doc["issuer_en"].startswith("Qazvin University of Medical Sciences")


def test_validity_two_years_from_issue(documents):
    doc = documents.loc[DOC_ID]
    assert doc["validity_years"] == 2
    assert doc["valid_from_iso"] == "2020-09-06"
    assert (doc["valid_until_jalali"], doc["valid_until_iso"]) == ("1401/06/16", "2022-09-07")


def test_recipients_keep_wrapped_names_whole(documents):
    recipients = list(documents.loc[DOC_ID]["recipients"])
    assert len(recipients) == 6
    assert recipients[1] == "ریاست محترم بیمارستان کوثر-قدس-22 بهمن-شفا-شهدا-شهیدرجایی-امیرالمومنین(ع) - رحیمیان"
    assert recipients[-1] == "ریاست محترم سازمان نظام پزشکی قزوین"


def test_first_row_carries_drug_service_prescribers_setting(documents):
    doc = documents.loc[DOC_ID]
    assert (doc["drug"], doc["service_type"], doc["setting"]) == ("IVIg", "بستری موقت و بستری", "بیمارستان")
    prescribers = list(doc["prescribers"])
    assert prescribers[0] == "متخصص داخلی"
    assert "متخصص زنان و زایمان" in prescribers and "فوق تخصص خون و انکولوژی" in prescribers
    assert prescribers[-1] == "فوق تخصص روماتولوژی و ایمنولوژی و آلرژی"


def test_general_considerations_kept_as_notes(documents):
    notes = list(documents.loc[DOC_ID]["notes"])
    assert len(notes) == 6
    assert notes[0].startswith("در خصوص نحوه تجویز IVig")
    assert "حوادث ترومبوآمبولیک" in notes[2]
    assert "مننژیت آسپتیک" in notes[3]


@pytest.mark.parametrize("jalali, iso", [("1399/06/16", "2020-09-06"), ("1401/06/16", "2022-09-07"),
                                         ("1399/12/30", "2021-03-20"), ("1400/12/30", None)])
def test_jalali_to_iso(jalali, iso):
    assert jalali_to_iso(jalali) == iso
