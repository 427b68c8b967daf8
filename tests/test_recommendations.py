"""The operative part: items, numbers, sections, addressees, continuation, non-operative lists."""

from __future__ import annotations

import pytest

from resarchive.extract.operative import classify_intro
from resarchive.extract.recommendations import extract_recommendations

from .helpers import context


@pytest.fixture(scope="module")
def make():
    return context


def test_numbered_items_with_section(make) -> None:
    text = (
        "По итогам совещания приняты следующие решения:\n\n"
        "1. Продолжить работу по оцифровке краеведческих фондов.\n"
        "2. Провести конкурс буктрейлеров в 2024 году.\n\n"
        "Участники поблагодарили организаторов.\n"
    )
    recs = extract_recommendations(make(text))
    assert [r.number for r in recs] == [1, 2]
    assert recs[0].text == "Продолжить работу по оцифровке краеведческих фондов."
    assert recs[0].section == "По итогам совещания приняты следующие решения"
    assert all(r.addressee is None for r in recs)


def test_page_break_inside_an_item_is_not_a_new_item(make) -> None:
    text = (
        "Участники семинара постановили:\n\n"
        "1. Библиотекам обеспечить учет\n\n"
        "- мероприятий в журнале.\n"
        "2. Подготовить отчёт.\n"
    )
    ctx = make(text)
    recs = extract_recommendations(ctx)
    assert [r.text for r in recs] == [
        "Библиотекам обеспечить учет мероприятий в журнале.",
        "Подготовить отчёт.",
    ]
    assert recs[0].addressee == "Библиотеки"
    held = ctx.clean.source[recs[0].span[0] : recs[0].span[1]]
    assert held.startswith("Библиотекам") and held.endswith("журнале.")


def test_addressee_headings(make) -> None:
    text = (
        "Участники конференции рекомендуют:\n\n"
        "Органам местного самоуправления:\n\n"
        "- предусмотреть средства на комплектование фондов;\n"
        "- сохранить сеть сельских библиотек.\n\n"
        "Библиотекам муниципальных образований:\n\n"
        "- активнее использовать социальные сети;\n"
        "- оргкомитету разместить материалы конференции на сайте.\n"
    )
    recs = extract_recommendations(make(text))
    assert [r.addressee for r in recs] == [
        "Органы местного самоуправления",
        "Органы местного самоуправления",
        "Библиотеки муниципальных образований",
        "Оргкомитет",  # an item's own dative addressee wins over the heading
    ]
    assert recs[0].text == "предусмотреть средства на комплектование фондов;"
    assert all(r.section == "Участники конференции рекомендуют" for r in recs)


def test_dative_addressee_opening_an_item(make) -> None:
    text = (
        "Решили:\n\n"
        "1. Министерству культуры области рассмотреть вопрос о финансировании.\n"
        "2. Методическому отделу подготовить рекомендации.\n"
        "3. Совместными усилиями провести акцию.\n"
    )
    recs = extract_recommendations(make(text))
    assert [r.addressee for r in recs] == [
        "Министерство культуры области",
        "Методический отдел",
        None,
    ]


def test_addressee_in_the_introducing_line(make) -> None:
    text = (
        "Участники круглого стола рекомендуют органам власти:\n\n"
        "• увеличить финансирование;\n\n• поддержать модернизацию.\n"
    )
    recs = extract_recommendations(make(text))
    assert [r.addressee for r in recs] == ["Органы власти", "Органы власти"]


def test_one_item_per_paragraph(make) -> None:
    text = (
        "Участники семинара считают необходимым:\n\n"
        "Продолжить сотрудничество со школами района.\n\n"
        "Шире освещать работу библиотек в местной прессе.\n\n"
        "В заключение участники посетили выставку.\n"
    )
    recs = extract_recommendations(make(text))
    assert [r.text for r in recs] == [
        "Продолжить сотрудничество со школами района.",
        "Шире освещать работу библиотек в местной прессе.",
    ]
    assert all(r.number is None for r in recs)


def test_non_operative_lists_are_skipped(make) -> None:
    text = (
        "Были заслушаны выступления:\n\n"
        "- «Летнее чтение», докладчик Иванова Анна Петровна, методист.\n\n"
        "Участники считают важными вопросы:\n\n"
        "- сохранение фондов;\n- развитие кадров.\n\n"
        "В семинаре участвовали библиотекари городов:\n\n- Омск;\n- Томск.\n"
    )
    assert extract_recommendations(make(text)) == []


def test_a_list_of_people_inside_an_item_stays_one_item(make) -> None:
    text = (
        "Постановили:\n\n"
        "1. Ввести в состав совета:\n"
        "– Иванову Анну Петровну (ЦБС г. Омска);\n"
        "– Петрова Олега Ильича (МИБС г. Томска).\n"
        "2. Провести следующее заседание в мае.\n"
    )
    recs = extract_recommendations(make(text))
    assert [r.number for r in recs] == [1, 2]
    assert recs[0].text.startswith("Ввести в состав совета: Иванову Анну Петровну")
    assert recs[0].text.endswith("(МИБС г. Томска).")


def test_noun_items_after_directions_of_work(make) -> None:
    text = (
        "Его участники обозначили следующие направления деятельности:\n\n"
        "• проведение мониторинга;\n\n• разработка методических рекомендаций.\n"
    )
    recs = extract_recommendations(make(text))
    assert [r.text for r in recs] == [
        "проведение мониторинга;",
        "разработка методических рекомендаций.",
    ]


@pytest.mark.parametrize(
    ("intro", "verdict"),
    [
        ("Участники конференции рекомендуют:", True),
        ("Обсудив вопросы комплектования, участники постановили:", True),
        ("Для решения этих задач библиотекам необходимо:", True),
        ("Участники считают важными вопросы:", False),
        ("В ходе семинара были заслушаны выступления:", False),
        ("Программа семинара:", False),
    ],
)
def test_classify_intro(intro: str, verdict: bool) -> None:
    assert classify_intro(intro) is verdict


def test_an_unnumbered_line_gives_what_the_items_colon_announced(make) -> None:
    # A city duma's decision (r10): item 1's object on a line of its own; items 2-4 go on.
    text = (
        "Городская Дума решила:\n"
        "1.Утвердить наименование библиотеки в городе:\n"
        "Центральная городская детская библиотека (филиал N 9) имени поэта Иванова И. И.\n"
        "2.Опубликовать официально настоящее решение в средствах массовой информации.\n"
        "3.Контроль за выполнением настоящего решения возложить на комитет Думы.\n"
        "Председатель городской Думы\n"
    )
    recs = extract_recommendations(make(text))
    assert [r.number for r in recs] == [1, 2, 3]
    assert recs[0].text == (
        "Утвердить наименование библиотеки в городе: Центральная городская детская "
        "библиотека (филиал N 9) имени поэта Иванова И. И."
    )
    assert recs[2].text.startswith("Контроль за выполнением")


def test_a_line_after_a_finished_item_ends_the_list(make) -> None:
    text = (
        "Участники решили:\n"
        "1. Утвердить план работы:\n"
        "на 2024 год.\n"
        "2. Провести семинар.\n"
        "Председатель совета\n"
        "3. Это не пункт решения, а номер страницы\n"
    )
    recs = extract_recommendations(make(text))
    assert [r.text for r in recs] == ["Утвердить план работы: на 2024 год.", "Провести семинар."]


def test_a_defined_term_run_on_to_the_next_line_does_not_end_the_list(make) -> None:
    # r11: «(далее -» / «Программа) согласно приложению.»: a term, not a document's heading.
    text = (
        "Земское собрание постановляет:\n"
        "1. Утвердить районную программу (далее -\n"
        "Программа) согласно приложению.\n"
        "2. Администрации района предусматривать средства на мероприятия\n"
        "Программы.\n"
        "3. Рекомендовать органам самоуправления принять участие в Программе.\n"
    )
    recs = extract_recommendations(make(text))
    assert [r.number for r in recs] == [1, 2, 3]
    assert recs[0].text == "Утвердить районную программу (далее - Программа) согласно приложению."
    assert recs[1].text.endswith("мероприятия Программы.")


def test_an_item_opening_with_its_addressee_and_a_colon_gives_one_duty_per_part(make) -> None:
    # r13_08: a 1983 resolution, its item's lines joined by the fixed-width layout
    text = (
        "Совет Министров РСФСР постановляет:\n"
        "1. Правлению Всероссийского добровольного общества любителей книги:\n"
        "руководствуясь решениями Правительства, всемерно поднимать уровень пропаганды "
        "книги; полнее использовать печатные издания (газеты; журналы) для пропаганды.\n"
        "2. Контроль за исполнением постановления возложить на министерство.\n"
    )
    recs = extract_recommendations(make(text))
    board = "Правление Всероссийского добровольного общества любителей книги"
    assert [(r.number, r.addressee, r.text.split()[0]) for r in recs] == [
        (1, board, "руководствуясь"),
        (1, board, "полнее"),
        (2, None, "Контроль"),
    ]
    assert recs[1].text.endswith("(газеты; журналы) для пропаганды.")
    start, end = recs[1].span
    assert text.replace("\n", " ")[start:end].startswith("полнее использовать")


def test_an_items_next_paragraph_that_instructs_is_one_more_duty(make) -> None:
    # r14_09: a presidential order with no «постановляю:», item 1 in two paragraphs
    text = (
        "РАСПОРЯЖЕНИЕ\n\nО создании Библиотеки Президента Российской Федерации\n\n"
        "1. Согласиться с предложением о создании Библиотеки Президента Российской Федерации.\n\n"
        "Определить местом размещения Библиотеки здание Синода в г. Санкт-Петербурге.\n\n"
        "2. Образовать рабочую группу по созданию Библиотеки.\n\n"
        "Библиотека открыта для читателей.\n"
    )
    recs = extract_recommendations(make(text))
    assert [(r.number, r.text.split()[0]) for r in recs] == [
        (1, "Согласиться"),
        (1, "Определить"),
        (2, "Образовать"),
    ]
