from __future__ import annotations

import pytest

from resarchive.clean import clean
from resarchive.errors import BinaryInputError, EmptyInputError, EncodingError
from resarchive.read.decode import decode

KNOWN = {"ведущих", "социальных", "онлайн", "мероприятиях", "за", "заинтересованных"}


def is_word(word: str) -> bool:
    return word in KNOWN


def check_offsets(ct) -> None:
    for i, ch in enumerate(ct.text):
        if ch not in " \n":
            assert ct.source[ct.offsets[i]] == ch


def test_decode_encodings() -> None:
    text = "Резолюция семинара\n"
    assert decode(text.encode("utf-8")) == (text, "utf-8")
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "utf-8-sig")
    assert decode(text.encode("cp1251")) == (text, "cp1251")
    assert decode(text.encode("utf-16")) == (text, "utf-16")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"  \n\t \n", EmptyInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError),
        (bytes(range(128, 256)) * 4, EncodingError),
    ],
)
def test_decode_rejects(data: bytes, error: type) -> None:
    with pytest.raises(error):
        decode(data, "bad.txt")


def test_clean_joins_hyphenated_words_and_soft_wraps() -> None:
    source = "библиотекарей, ве-\nдущих работу в социаль-\r\nных сетях и онлайн-\nмероприятиях"
    ct = clean(source, is_word)
    assert ct.text == "библиотекарей, ведущих работу в социальных сетях и онлайн-мероприятиях"
    check_offsets(ct)
    start = ct.text.index("ведущих")
    s, e = ct.source_span(start, start + len("ведущих"))
    assert source[s:e] == "ве-\nдущих"


def test_clean_page_break_inside_item_and_stray_dash() -> None:
    source = (
        "Решили:\n1. Библиотекам обеспечить учет посещений. Отделу развития\n\n"
        "- библиотечного дела подготовить отчет.\n2. Провести семинар.\n"
    )
    ct = clean(source)
    assert ct.text.splitlines() == [
        "Решили:",
        "1. Библиотекам обеспечить учет посещений. "
        "Отделу развития библиотечного дела подготовить отчет.",
        "2. Провести семинар.",
    ]
    check_offsets(ct)


def test_clean_keeps_bullets_apart_and_strips_bold() -> None:
    source = "**РЕЗОЛЮЦИЯ**\n\n•  проведение акций;\n\n• разработка\nдокументов;\n"
    ct = clean(source)
    assert ct.text.splitlines() == ["РЕЗОЛЮЦИЯ", "• проведение акций;", "• разработка документов;"]
    check_offsets(ct)


def test_clean_sentence_break_across_blank_line_continues() -> None:
    ct = clean("Выход в\n\nмедиапространство важен.\n\nНовый абзац.")
    assert ct.text == "Выход в медиапространство важен.\nНовый абзац."


def test_clean_paragraph_per_line_without_blank_lines() -> None:
    # Word and PDF exports: one paragraph per line, no blank line between them.
    source = "Участники семинара решили:\nПровести конкурс.\nИздать сборник\nматериалов.\n"
    assert clean(source).text.splitlines() == [
        "Участники семинара решили:",
        "Провести конкурс.",
        "Издать сборник материалов.",
    ]


def test_clean_sub_numbered_and_lettered_items() -> None:
    source = "1.1. Провести семинар.\n1.2. Издать сборник.\nа) библиотекам;\nб) музеям.\n"
    assert len(clean(source).text.splitlines()) == 4


def test_genre_check_reads_through_line_wraps() -> None:
    from resarchive.rules.genre import genre_evidence, not_a_resolution

    assert genre_evidence("Резо-\nлюция круглого\nстола") == ["резолюц", "круглого стол"]
    assert not_a_resolution("Участники семинара ре-\nкомендуют библиотекам:") is None
    assert not_a_resolution("Купить: хлеб, молоко, яйца.") is not None
    assert "Cyrillic" in not_a_resolution("Buy milk, eggs and bread.")


def test_words_run_together_by_markup_get_their_space_back() -> None:
    from resarchive import nlp

    text = "Организаторами выступилиДепартамент культуры. Секция22 июня. ЦБСг. Тверь, ВКонтакте.\n"
    cleaned = clean(text, nlp.is_known_word)
    assert "выступили Департамент" in cleaned.text
    assert "Секция 22 июня" in cleaned.text
    assert "ЦБСг. Тверь, ВКонтакте" in cleaned.text
    # the inserted space stands at the second word's first letter in the source
    start, end = cleaned.source_span(cleaned.text.index("Департамент"), len(cleaned.text))
    assert text[start:].startswith("Департамент")
