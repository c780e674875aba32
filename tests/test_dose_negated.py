"""A dose the words say is not to be given, or was not given: its regimen is kept and carries dose_negated,
quoting the words; the near misses (no response, a maximum, another drug, the patient, the speed, a purpose, a
condition, a population's contraindication) carry no such reason. The corpus pins the readings; it cannot say
that a reason is absent, which is what the near misses need."""
from __future__ import annotations

import pytest

from pipeline import read_statement


def _negated(text: str, lang: str) -> list[str]:
    reading = read_statement(text, lang=lang)
    assert reading.regimens, "the amount is kept as a regimen"
    return [r.message for g in reading.regimens for r in g.review_reasons if r.code == "dose_negated"]


FLAGGED = [
    ("در سالمندان با نارسایی کلیه، ۲ گرم/کیلوگرم را در یک روز ندهید.", "fa", "ندهید"),
    ("IVIG ۲ g/kg درخواست شد ولی به علت عدم موجودی داده نشد.", "fa", "داده نشد"),
    ("۱ g/kg را در بیماران قلبی نباید یکجا داد", "fa", "نباید"),
    ("دوز ۲ g/kg برای این بیمار توصیه نمی‌شود", "fa", "توصیه"),
    ("۲ g/kg تجویز شد، اما به علت کمبود دارو لغو شد", "fa", "لغو شد"),
    ("老年、肾功能不全者不宜单日给予2 g/kg。", "zh", "不宜单日给予"),
    ("原计划IVIG 2 g/kg，因药品短缺未输注。", "zh", "未输注"),
    ("2 g/kg不应一次给予", "zh", "不应一次给予"),
    ("IVIG 1 g/kg，因患儿家属拒绝，未用药", "zh", "未用药"),
    ("原計劃IVIG 2 g/kg，因缺藥取消", "zh", "取消"),
    ("该患儿未予IVIG 1 g/kg", "zh", "未予"),
    ("۲ g/kg، نباید در یک روز داده شود", "fa", "نباید"),
]

NEAR_MISSES = [
    ("بیمارانی که به درمان پاسخ ندادند ۱ گرم بر کیلوگرم دیگر دریافت کنند", "fa"),
    ("در صورت عدم پاسخ، ۱ گرم بر کیلوگرم دیگر تجویز شود", "fa"),
    ("نباید از ۲ g/kg بیشتر شود", "fa"),
    ("دوز نگهدارنده نباید از ۳۰۰ میلی‌گرم بر کیلوگرم کمتر شود", "fa"),
    ("بیمار پردنیزولون دریافت نکرده بود و IVIG ۲ گرم بر کیلوگرم طی ۲ روز تزریق شد", "fa"),
    ("۲ g/kg را با سرعت زیاد تزریق نکنید", "fa"),
    ("بدون نیاز به پیش‌دارو، ۰٫۴ گرم بر کیلوگرم روزانه برای ۵ روز", "fa"),
    ("IVIG ۲ g/kg طی ۲ روز، اگر واکنش شدید رخ داد ادامه داده نشود", "fa"),
    ("不宜超过2 g/kg", "zh"),
    ("每日剂量不应低于0.4 g/kg", "zh"),
    ("无反应者可再予2 g/kg", "zh"),
    ("若无效，可再予2 g/kg", "zh"),
    ("患者未发热，予IVIG 2 g/kg", "zh"),
    ("患者未用激素，予IVIG 2 g/kg单次输注", "zh"),
    ("不能耐受激素者予IVIG 1 g/kg×2天", "zh"),
    ("无需预处理，IVIG 0.4 g/kg/d×5天", "zh"),
    ("为避免肾损伤，2 g/kg分5天给予", "zh"),
    ("IVIG 1 g/kg输注速度不宜过快", "zh"),
    ("从未用过IVIG者首剂2 g/kg", "zh"),
    ("IVIG 2 g/kg，若出现过敏反应则取消后续输注", "zh"),
    ("IVIG 1 g/kg 单次，禁用于IgA缺乏伴抗IgA抗体者", "zh"),
    ("本品不得与其他药物混合，0.4 g/kg/d，连用5天", "zh"),
    ("IVIG 0.4 g/kg/d×5天，未见不良反应", "zh"),
    ("IVIG 2 g/kg单次，皮疹未予处理", "zh"),
    ("川崎病：2 g/kg单次输注，不应分次给予", "zh"),
    ("若首剂2 g/kg后仍发热，可再予2 g/kg，不宜第三次使用", "zh"),
    ("در صورت عدم پاسخ ۱ g/kg دیگر، نباید نوبت سوم داده شود", "fa"),
    ("IVIG 0.4 g/kg/d，连用5天，不宜一次给予", "zh"),
    ("۲ g/kg طی ۲ روز، نباید یکجا داده شود", "fa"),
]


@pytest.mark.parametrize("text, lang, words", FLAGGED)
def test_a_dose_not_to_be_given_or_not_given_is_flagged_quoting_the_words(text, lang, words):
    messages = _negated(text, lang)
    assert messages and words in messages[0]


@pytest.mark.parametrize("text, lang", NEAR_MISSES)
def test_a_near_miss_is_not_a_negated_dose(text, lang):
    assert _negated(text, lang) == []


@pytest.mark.parametrize("lang", ["fa", "zh"])
def test_every_negation_the_patterns_find_holds_one_of_the_packs_keys(lang):
    """The pack's `negation.keys` are searched before its patterns: a statement a pattern matches in (the
    corpus, the cases above) holds one of them, or the pattern would never run there."""
    from pipeline.dosing.negation import _words
    from tests.test_corpus import corpus_lines

    w = _words(lang)
    texts = [line["text"] for line in corpus_lines(lang)] + [c[0] for c in FLAGGED + NEAR_MISSES if c[1] == lang]
    found = 0
    for text in texts:
        normalized = read_statement(text, lang=lang).normalized
        for pattern in w.clause + w.not_given:
            if pattern.search(normalized):
                found += 1
                assert w.keys.search(normalized.lower()), (text, pattern.pattern)
    assert found
