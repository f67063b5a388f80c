"""Segmentation: real sentences of the seeds, kinds by visible rules, exact offsets."""

from __future__ import annotations

import json
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.langid import detect
from aligner.segment import MAX_SENTENCE_CHARS, load_document, segment


def _check_invariants(doc):
    text = doc.text
    covered = [False] * len(text)
    prev_end = -1
    for s in doc.sentences:
        assert s.text == text[s.start : s.end]
        assert s.start < s.end and s.start >= prev_end  # in order, never overlapping
        assert not s.text[0].isspace() and not s.text[-1].isspace()
        prev_end = s.end
        for i in range(s.start, s.end):
            covered[i] = True
    missed = [i for i, c in enumerate(text) if not c.isspace() and not covered[i]]
    assert not missed, f"uncovered characters at {missed[:5]}"
    paras = [s.paragraph for s in doc.sentences]
    assert paras == sorted(paras)


def test_russian_seed(seed_ru):
    doc = load_document(seed_ru)
    _check_invariants(doc)
    assert doc.lang == "ru" and doc.encoding == "utf-8"
    first = doc.sentences[0]
    assert (first.text, first.kind, first.paragraph) == ("date 2026-02-12", "meta", 0)
    body = doc.body()
    assert len(body) == 20
    assert all(s.kind == "body" for s in doc.sentences[1:])
    assert body[0].text.startswith("Правительство Японии во главе с премьер-министром Санаэ Такаити")
    assert body[0].text.endswith("в отношении России.")
    # A quoted sentence ending in «…». stays one sentence and ends at the closing quote.
    assert any(s.text.endswith("«возвращением к милитаризму».") and s.text.startswith("В Пекине") for s in body)
    # Six paragraphs, the quote paragraph among them.
    assert sorted({s.paragraph for s in doc.sentences}) == [0, 1, 2, 3, 4, 5]
    assert body[-1].text.startswith("Пока же Москва") and body[-1].text.endswith("операции.")


def test_arabic_seed(seed_ar):
    doc = load_document(seed_ar)
    _check_invariants(doc)
    assert doc.lang == "ar"
    kinds = [s.kind for s in doc.sentences]
    assert kinds.count("boilerplate") == 3 and kinds[-3:] == ["boilerplate"] * 3
    assert doc.sentences[-3].text.startswith("اقرأ المزيد:")
    assert doc.sentences[-2].text.startswith("اشترك في قناة MK")
    body = doc.body()
    assert len(body) == 20
    assert body[0].text.startswith("ويبدو أن الحكومة اليابانية")
    assert body[-1].text.endswith("بعد بدء عملية عسكرية خاصة.")
    # "يناير/كانون الثاني 2026" and the Arabic comma do not end sentences.
    assert any("يناير/كانون الثاني 2026، مما وجه ضربة" in s.text for s in body)


def test_unrelated_seeds_segment(seed_unrelated):
    for path in seed_unrelated:
        doc = load_document(path)
        _check_invariants(doc)
        assert doc.lang == "ar" and len(doc.body()) >= 10


def test_russian_abbreviations_initials_numbers():
    text = (
        "Выступил посол Н. Ноздрев, т.е. глава миссии. Рост составил 2,5 процента в 2025 г. "
        "Затем выступил проф. Иванов из МГУ им. Ломоносова в г. Москве. "
        "«Мы готовы!» — сказал он. Это конец."
    )
    doc = segment(text, "ru")
    _check_invariants(doc)
    assert [s.text for s in doc.sentences] == [
        "Выступил посол Н. Ноздрев, т.е. глава миссии.",
        "Рост составил 2,5 процента в 2025 г.",
        "Затем выступил проф. Иванов из МГУ им. Ломоносова в г. Москве.",
        "«Мы готовы!» — сказал он.",
        "Это конец.",
    ]


def test_arabic_terminators():
    text = "هل توافق على ذلك؟ قال الوزير: نعم، نوافق؛ لكن بشروط. وأضاف د. محمد أن المحادثات مستمرة! انتهى"
    doc = segment(text, "ar")
    _check_invariants(doc)
    assert [s.text for s in doc.sentences] == [
        "هل توافق على ذلك؟",
        "قال الوزير: نعم، نوافق؛ لكن بشروط.",
        "وأضاف د. محمد أن المحادثات مستمرة!",
        "انتهى",
    ]


def test_arabic_full_stop_without_space_still_ends_a_sentence():
    text = "تشهد العلاقات تطوراً متذبذباً ومهدّداً للاستقرار.منذ عام 2016 بدأ التقارب. وقال د.محمد إن ذلك صحيح."
    doc = segment(text, "ar")
    _check_invariants(doc)
    assert [s.text for s in doc.sentences] == [
        "تشهد العلاقات تطوراً متذبذباً ومهدّداً للاستقرار.",
        "منذ عام 2016 بدأ التقارب.",
        "وقال د.محمد إن ذلك صحيح.",
    ]


def test_english_abbreviations():
    text = "Mr. Smith met Dr. Jones at 9 a.m. in the U.S. capital. They talked. It rained e.g. all day."
    doc = segment(text, "en")
    assert [s.text for s in doc.sentences] == [
        "Mr. Smith met Dr. Jones at 9 a.m. in the U.S. capital.",
        "They talked.",
        "It rained e.g. all day.",
    ]


def test_kinds_by_rules():
    text = (
        "МОСКВА, 12 февраля. /ТАСС/. Премьер заявил о переговорах.\n"
        "Фото: Иван Петров\n"
        "Второй абзац статьи. Ещё предложение.\n"
        "Читайте также: Новости дня о главном\n"
        "Подписывайтесь на наш канал в Telegram. Там всё самое важное\n"
    )
    doc = segment(text, "ru")
    _check_invariants(doc)
    got = [(s.kind, s.text) for s in doc.sentences]
    assert got == [
        ("meta", "МОСКВА, 12 февраля. /ТАСС/."),
        ("body", "Премьер заявил о переговорах."),
        ("meta", "Фото: Иван Петров"),
        ("body", "Второй абзац статьи."),
        ("body", "Ещё предложение."),
        ("boilerplate", "Читайте также: Новости дня о главном"),
        ("boilerplate", "Подписывайтесь на наш канал в Telegram."),
        ("boilerplate", "Там всё самое важное"),
    ]


def test_body_sentence_mentioning_a_channel_is_not_boilerplate():
    doc = segment("Министр выступил на телеканале «Россия». Он ответил на вопросы.", "ru")
    assert [s.kind for s in doc.sentences] == ["body", "body"]


def test_hard_wrapped_text_keeps_paragraphs():
    text = (
        "The minister said on Monday that the talks\nwould resume next week in Geneva, and\n"
        "that both sides had agreed to it.\n\nA second paragraph starts here and\ncontinues on the next line.\n"
    )
    doc = segment(text, "en")
    _check_invariants(doc)
    assert [s.paragraph for s in doc.sentences] == [0, 1]
    assert "\n" in doc.sentences[0].text


def test_overlong_sentence_is_cut_at_clause_breaks():
    text = "، ".join(["جملة طويلة جدا بلا نهاية"] * 200) + "."
    doc = segment(text, "ar")
    _check_invariants(doc)
    assert len(doc.sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in doc.sentences)


def test_langid():
    assert detect("Правительство Японии") == "ru"
    assert detect("الحكومة اليابانية") == "ar"
    assert detect("The government of Japan") == "en"
    assert detect("Уряд України ухвалив рішення і оголосив про зміни в їхній політиці") == "uk"


def test_cli_json_offsets(seed_ru):
    proc = subprocess.run(
        [sys.executable, "-m", "aligner", "segment", str(seed_ru), "--format", "json"],
        capture_output=True, text=True, check=True,
    )
    out = json.loads(proc.stdout)
    assert out["lang"] == "ru" and out["encoding"] == "utf-8"
    document = seed_ru.read_text(encoding="utf-8")
    assert all(document[s["start"] : s["end"]] == s["text"] for s in out["sentences"])
    assert {"id", "text", "start", "end", "paragraph", "kind"} == set(out["sentences"][0])


_ALPHABET = st.sampled_from(
    list("абвгдеёжзийклмнопрстуфхцчшщыьэюя АБВГДЕЖЗИК")
    + list("ابتثجحخدذرسشصضطظعغفقكلمنهوي ")
    + list("abcdefgXYZ 0123456789٠١٢")
    + list(".!?…؟،؛,;:«»“”\"'()—-\n\r\t\u00a0\u2028\u200f\u0640")
    + ["г.", "т.е.", "Н. ", "\n\n", " date 2026-02-12 ", "Читайте также: ", "اقرأ المزيد: ", "2,5"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=400).map("".join), st.sampled_from(["ar", "ru", "en"]))
def test_segments_cover_text_exactly(text, lang):
    _check_invariants(segment(text, lang))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["слово", "كلمة", "word", " ", ", "]), min_size=300, max_size=900).map("".join))
def test_long_runs_are_capped(text):
    doc = segment(text, "ru")
    _check_invariants(doc)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in doc.sentences)


def test_two_letter_initial_does_not_end_a_sentence():
    """ntrex128-dev reuters.218909: "— заявил ... начальник полиции Мерфи Дж. Пол." was cut
    after "Дж.", leaving "Пол." as a sentence of its own (and a stranded bead)."""
    text = "«Уэйд Симс получил ранение», — заявил начальник полиции Мерфи Дж. Пол. Уэйд вступился за друга."
    sents = [s.text for s in segment(text, "ru").sentences]
    assert sents == ["«Уэйд Симс получил ранение», — заявил начальник полиции Мерфи Дж. Пол.",
                     "Уэйд вступился за друга."]
    # An all-capital acronym still ends its sentence.
    assert len(segment("Об этом сообщили в ФСБ. Затем выступил министр.", "ru").sentences) == 2
