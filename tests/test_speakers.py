"""Speakers from talk lists: names to the nominative, positions, organizations, titles."""

from __future__ import annotations

import pytest

from resarchive.extract.speakers import extract_speakers, split_position
from resarchive.rules.quotes import balance_quotes

from .helpers import context


@pytest.fixture(scope="module")
def make():
    return context


TALKS = "\n".join(
    [
        "В ходе семинара были заслушаны выступления:",
        "",
        "- «Краеведческий портал библиотеки», докладчик Петрова Наталья Сергеевна, главный библиотекарь МБУК «Городская библиотека г. Твери».",  # noqa: E501
        "- «„Читаем вместе“ и «Книжный десант» - проекты для подростков», докладчик Смирнов Олег Игоревич, заведующий сектором «Юность» ГБУК «Тверская областная библиотека».",  # noqa: E501
        "- «Игры по книге А. Гайдара «Тимур и его команда», докладчик Орлова Вера Павловна, библиотекарь отдела «Солнышко» Детской библиотеки №3 МБУК ЦБС г. Ржева.",  # noqa: E501
        "- Онлайн-викторины в работе МБУК «Районная библиотека»: первые итоги, докладчик Зайцева Ольга Ивановна, директор МБУК «Районная библиотека».",  # noqa: E501
        "",
    ]
)


def test_talk_list(make) -> None:
    ctx = make(TALKS)
    speakers = extract_speakers(ctx)
    assert [s.name for s in speakers] == [
        "Петрова Наталья Сергеевна",
        "Смирнов Олег Игоревич",
        "Орлова Вера Павловна",
        "Зайцева Ольга Ивановна",
    ]
    first = speakers[0]
    assert first.talk == "Краеведческий портал библиотеки"
    assert first.position == "главный библиотекарь"
    assert first.organization == "МБУК «Городская библиотека г. Твери»"
    assert speakers[1].position == "заведующий сектором «Юность»"
    assert speakers[1].organization == "ГБУК «Тверская областная библиотека»"
    # An unbalanced inner quote: the collapsed closing quote is restored.
    assert speakers[2].talk == "Игры по книге А. Гайдара «Тимур и его команда»"
    assert speakers[2].position == "библиотекарь отдела «Солнышко»"
    assert speakers[2].organization == "Детской библиотеки №3 МБУК ЦБС г. Ржева"
    # An unquoted title is the text before ", докладчик".
    assert speakers[3].talk == "Онлайн-викторины в работе МБУК «Районная библиотека»: первые итоги"


def test_span_is_the_list_item_in_the_source(make) -> None:
    ctx = make(TALKS)
    speaker = extract_speakers(ctx)[0]
    held = ctx.clean.source[speaker.span[0] : speaker.span[1]]
    assert held.startswith("«Краеведческий портал")
    assert held.endswith("г. Твери».")


def test_nested_quote_collapsed_at_the_start(make) -> None:
    text = (
        "Выступления:\n"
        "- «Библиотека «Маяк» - клуб выходного дня», докладчик Белова Ирина Андреевна, "
        "методист МБУК «ЦБС г. Калуги».\n"
        "- «Маяк» - клуб выходного дня», докладчик Белова Ирина Андреевна, методист.\n"
    )
    speakers = extract_speakers(make(text))
    assert speakers[0].talk == "Библиотека «Маяк» - клуб выходного дня"
    assert speakers[1].talk == "«Маяк» - клуб выходного дня"
    assert speakers[1].position == "методист" and speakers[1].organization is None


def test_person_first_and_spoke_with_talk_shapes(make) -> None:
    text = (
        "Программа семинара:\n"
        "- Кузнецова Мария Петровна (ЦБС г. Пскова) – «Летнее чтение».\n\n"
        "С докладом «Библиотека и школа» выступила Соколова Анна Викторовна, директор "
        "МБУК «Городская библиотека».\n"
    )
    speakers = extract_speakers(make(text))
    names = [s.name for s in speakers]
    assert "Кузнецова Мария Петровна" in names
    kuz = speakers[names.index("Кузнецова Мария Петровна")]
    assert kuz.organization == "ЦБС г. Пскова" and kuz.talk == "Летнее чтение"
    sok = [s for s in speakers if s.name == "Соколова Анна Викторовна"][0]
    assert sok.talk == "Библиотека и школа"
    assert sok.position == "директор" and sok.organization == "МБУК «Городская библиотека»"


def test_lists_of_people_are_not_speakers(make) -> None:
    text = "4. Ввести в состав совета: Иванову Анну Петровну (ЦБС г. Омска); Попова Петра Ильича.\n"
    assert extract_speakers(make(text)) == []


def test_helpers() -> None:
    assert balance_quotes("А» - Б") == "«А» - Б"
    assert balance_quotes("А «Б") == "А «Б»"
    assert split_position("редактор 2 категории, специалист по связям ГБУК «Б»") == (
        "редактор 2 категории, специалист по связям",
        "ГБУК «Б»",
    )
