"""Rules added after measuring on the held-out set (tests/heldout): short snippets of
our own, one per rule, none taken from the held-out or seed documents."""

from __future__ import annotations

from datetime import date

import pytest

from resarchive.clean import clean
from resarchive.extract.document import extract_document
from resarchive.extract.event import extract_event
from resarchive.extract.organizations import extract_organizations
from resarchive.extract.persons import extract_persons
from resarchive.extract.places import extract_places
from resarchive.extract.recommendations import extract_recommendations
from resarchive.extract.speakers import extract_speakers
from resarchive.rules.legal_forms import strip_legal_form
from resarchive.rules.place_lines import find_place_lines

from .helpers import context

ctx = context


# --------------------------------------------------------------------------- text, dates


def test_place_date_line_after_a_blank_line_is_not_a_page_break() -> None:
    text = "РЕШЕНИЕ\nсеминара «Краеведение в библиотеке»\n\nг. Кострома, 3 марта 2015 г.\n"
    lines = clean(text).text.split("\n")
    assert "г. Кострома, 3 марта 2015 г." in lines


def test_place_line_separated_by_spaces_or_with_the_date_first() -> None:
    [pl] = find_place_lines("г. Киров                    12 мая 2017 г.")
    assert pl.place == "Киров" and pl.date.first == date(2017, 5, 12)
    [pl] = find_place_lines("12 мая 2017 г.                    г. Киров")
    assert pl.place == "Киров" and pl.date.first == date(2017, 5, 12)
    assert find_place_lines("12 мая 2017 г. в Кирове прошел семинар") == []


# --------------------------------------------------------------------------- event

FORUM = """РЕЗОЛЮЦИЯ
III Областного форума сельских библиотек
«Село читающее»

г. Кострома, с 4 по 6 июня 2019 г.

С 4 по 6 июня 2019 г. в г. Костроме проходил III Областной форум сельских библиотек \
«Село читающее». Организаторы: Департамент культуры Костромской области, Костромская \
областная универсальная научная библиотека им. Н. К. Крупской (далее – КОУНБ). \
Специалисты КОУНБ провели мастер-классы для участников.
"""


def test_event_name_after_a_genitive_phrase_and_place_line_after_blank() -> None:
    c = ctx(FORUM)
    doc = extract_document(c)
    event = extract_event(c)
    assert doc.kind == "resolution"
    assert event.type == "forum"
    assert event.name == "Село читающее"
    assert event.place == "Кострома"
    assert (event.start, event.end) == (date(2019, 6, 4), date(2019, 6, 6))


def test_organizers_keep_eponym_initials_and_drop_the_abbreviation() -> None:
    event = extract_event(ctx(FORUM))
    assert event.organizers == [
        "Департамент культуры Костромской области",
        "Костромская областная универсальная научная библиотека им. Н. К. Крупской",
    ]  # and "Специалисты КОУНБ провели …" names people, not an organizer


def test_legal_form_with_a_region_code() -> None:
    assert strip_legal_form("ГБУК РК «Национальная библиотека»") == "Национальная библиотека"
    text = "Семинар провела ГБУК РК «Национальная библиотека» 5 мая 2019 г.\n"
    [org] = extract_organizations(ctx(text))
    assert (org.name, org.legal_form) == ("Национальная библиотека", "ГБУК РК")


# --------------------------------------------------------------------------- speakers, persons

TALKS = """С докладами выступили:
Орлова Вера Павловна, заведующая сектором краеведения МКУК «Нейская ЦБС» – «Летопись села»;
Соколов Петр Ильич, главный библиотекарь МБУК «Шарьинская библиотека» – «Клуб краеведов».
"""


def test_unmarked_talk_list_after_an_intro() -> None:
    found = extract_speakers(ctx(TALKS))
    assert [(s.name, s.position, s.organization, s.talk) for s in found] == [
        (
            "Орлова Вера Павловна",
            "заведующая сектором краеведения",
            "МКУК «Нейская ЦБС»",
            "Летопись села",
        ),
        (
            "Соколов Петр Ильич",
            "главный библиотекарь",
            "МБУК «Шарьинская библиотека»",
            "Клуб краеведов",
        ),
    ]


def test_role_keeps_its_complements() -> None:
    text = (
        "Наградить Белову Ольгу Ивановну, заведующую отделом комплектования Галичской "
        "районной библиотеки, и Зуева Игоря Петровича, заместителя директора по "
        "развитию Буйской ЦБС.\n"
    )
    c = ctx(text)
    persons = {p.name: p for p in extract_persons(c, extract_speakers(c))}
    assert persons["Белова Ольга Ивановна"].role == "заведующая отделом комплектования"
    assert persons["Белова Ольга Ивановна"].organization == "Галичская районная библиотека"
    assert persons["Зуев Игорь Петрович"].role == "заместитель директора по развитию"
    assert persons["Зуев Игорь Петрович"].organization == "Буйская ЦБС"


# --------------------------------------------------------------------------- places


def test_republic_list_stops_at_the_adjectives_of_another_head() -> None:
    text = "Приехали библиотекари из республик Адыгея и Алтай, Курской и Орловской областей.\n"
    names = [p.name for p in extract_places(ctx(text))]
    assert names == [
        "Республика Адыгея",
        "Республика Алтай",
        "Курская область",
        "Орловская область",
    ]


def test_a_national_body_named_by_its_abbreviation_alone_or_inside_a_name() -> None:
    # r4_05, r6_02: "президент РБА", "Конференции РБА"; "ЦБС" names no one institution
    text = "Приняли участие президент РБА и директор ЦБС. Прошла сессия Конференции РБА.\n"
    names = {(o.name, o.short) for o in extract_organizations(ctx(text))}
    assert ("Российская библиотечная ассоциация", "РБА") in names
    assert not any(short == "ЦБС" for _, short in names)


def test_a_letterhead_in_capitals_without_the_acts_word_and_a_government() -> None:
    # r7_11 (Нижний Новгород, 2019), r7_12 (Орёл, 2011); "Правительство … области"
    text = (
        "ПРАВИТЕЛЬСТВО НИЖЕГОРОДСКОЙ ОБЛАСТИ ПРАВИТЕЛЬСТВО НИЖЕГОРОДСКОЙОБЛАСТИ РАСПОРЯЖЕНИЕ\n"
        "от 25 марта 2019 года\n\nКонкурс поддержало Правительство Ульяновской области.\n"
    )
    names = {o.name.lower() for o in extract_organizations(ctx(text))}
    assert "правительство нижегородской области" in names
    assert "правительство ульяновской области" in names


def test_an_event_named_like_a_body_is_no_organization() -> None:
    # r4_12 (Новгород, 2021): "Семинар-совещание директоров МЦБС «…»"
    text = "Семинар-совещание директоров МЦБС «Итоги работы библиотек» пройдет 2 марта 2021 г.\n"
    names = [o.name for o in extract_organizations(ctx(text))]
    assert not any(n.startswith("Семинар") for n in names), names


def test_village_adjectives_of_library_names_are_not_places() -> None:
    # r4_15 (Бологое, 2013): coordinated adjectives share one head; pymorphy guesses
    # "Сеглинской" as a noun and "Рютинскую" as a verb, the -ск- suffix tells them.
    text = (
        "в зоне обслуживания Савинской, Сеглинской, Дубровской, Рютинской сельских "
        "библиотек-филиалов администрация района постановляет:\n"
        "б) Сеглинскую сельскую библиотеку-филиал;\n"
        "г) Рютинскую сельскую библиотеку-филиал.\n"
    )
    assert [p.name for p in extract_places(ctx(text))] == []
    orgs = {o.name for o in extract_organizations(ctx(text))}
    assert "Сеглинская сельская библиотека-филиал" in orgs


def test_an_operative_verb_and_a_lone_letter_are_no_places() -> None:
    # r6_13 (Ростов Ярославский, 2011): natasha reads "Постановляет" and a cut "В" as places
    text = (
        "Об утверждении Положения об обязательном экземпляре документов в Ростовском "
        "муниципальном районе\n\n\nВ соответствии со статьей 16 Федерального закона\n"
        "Постановляет:\n1.Утвердить Положение.\n"
    )
    assert [p.name for p in extract_places(ctx(text))] == ["Ростовский муниципальный район"]


@pytest.mark.parametrize(
    "text",
    [
        "Апрель 2024\nВ районе прошёл семинар.\n",  # r7_15: a calendar widget
        "Конференция пройдёт с 19 по 21 мая. Пятница будет посвящена экскурсиям.\n",
        "Библиотекари района собрались на семинар.\n",
        "Библиотеке по адресу: город Орел, ул. 2-я Курская, д. № 21а.\n",  # r7_12
    ],
)
def test_calendar_words_people_and_streets_are_no_places(text: str) -> None:
    names = [p.name for p in extract_places(ctx(text))]
    assert not {"Апрель", "Пятница", "Библиотекари", "2-я Курская"} & set(names), names


def test_part_of_a_dotted_name_is_not_a_place() -> None:
    text = "Зарегистрироваться на портале «Госуслуги.Культура.РФ» до 1 мая 2022 г.\n"
    assert [p.name for p in extract_places(ctx(text))] == []


# --------------------------------------------------------------------------- recommendations


def test_abbreviation_as_an_addressee_heading() -> None:
    text = """Участники совещания рекомендуют:

Библиотекам района:
• провести месячник краеведческой книги;

ЦРБ:
• подготовить обзор краеведческих изданий.
"""
    recs = extract_recommendations(ctx(text))
    assert [(r.addressee, r.text[:20]) for r in recs] == [
        ("Библиотеки района", "провести месячник кр"),
        ("ЦРБ", "подготовить обзор кр"),
    ]


def test_meeting_of_a_named_club_is_not_named_after_the_club() -> None:
    text = (
        "Решение\nзаседания клуба «Книжная гавань»\n\n"
        "5 марта 2019 г. состоялось заседание клуба «Книжная гавань».\n"
    )
    assert extract_event(ctx(text)).name != "Книжная гавань"


def test_spoke_shape_stops_at_the_end_of_the_sentence() -> None:
    text = (
        "С докладом «Книга и семья» выступила Лосева Анна Юрьевна, методист МБУК «Вичугская ЦБС». "
        "Опытом поделилась Рыбина Ирина Олеговна.\n"
    )
    s, shared = extract_speakers(ctx(text))
    assert (s.name, s.organization, s.talk) == (
        "Лосева Анна Юрьевна",
        "МБУК «Вичугская ЦБС»",
        "Книга и семья",
    )
    # The next sentence tells a talk of its own (experience shared, no topic named).
    assert (shared.name, shared.talk) == ("Рыбина Ирина Олеговна", None)


def test_title_then_name_without_a_keyword() -> None:
    text = (
        "Были заслушаны выступления:\n"
        "1. «Фонды и читатели», Карпова Нина Петровна, директор МУК «Кинешемская ЦБС».\n"
    )
    [s] = extract_speakers(ctx(text))
    assert (s.name, s.position, s.organization, s.talk) == (
        "Карпова Нина Петровна",
        "директор",
        "МУК «Кинешемская ЦБС»",
        "Фонды и читатели",
    )


def test_item_opening_with_an_abbreviation_and_an_infinitive_has_that_addressee() -> None:
    text = (
        "Участники рекомендуют:\n1. ЦРБ провести конкурс чтецов в 2020 году.\n2. Обновить фонды.\n"
    )
    recs = extract_recommendations(ctx(text))
    assert [r.addressee for r in recs] == ["ЦРБ", None]


# --------------------------------------------------------------------------- third round


def test_settlement_prefixes_give_places_and_the_event_place() -> None:
    [pl] = find_place_lines("д. Заречье, 5 августа 2014 г.")
    assert pl.place == "Заречье"
    text = (
        "РЕШЕНИЕ\nсеминара «Библиотека и село»\n\n"
        "5 августа 2014 г. в пос. Лесном состоялся семинар «Библиотека и село». "
        "Приехали коллеги из станицы Отрадной и х. Молчанова.\n"
    )
    c = ctx(text)
    places = {p.name: p.kind for p in extract_places(c)}
    assert places.get("Лесной") == "settlement"
    assert places.get("Отрадная") == "settlement"
    assert extract_event(c).place == "Лесной"


def test_place_label_line_is_the_event_place_and_not_part_of_the_title() -> None:
    text = (
        "РЕШЕНИЕ\nзаседания библиотечного совета\n\nДата проведения: 03.02.2016\n"
        "Место проведения: г. Ижевск\n\n3 февраля 2016 г. состоялось заседание "
        "библиотечного совета. Участвовали 12 человек.\n"
    )
    c = ctx(text)
    assert extract_event(c).place == "Ижевск"
    assert extract_document(c).title == "Решение заседания библиотечного совета"


def test_city_before_the_type_word_in_the_event_sentence() -> None:
    text = "Резолюция\n\n9 мая 2016 года в Калуге прошла областная конференция «Читаем вместе».\n"
    assert extract_event(ctx(text)).place == "Калуга"


def test_region_named_after_its_centre_in_a_title_but_no_region_of_history() -> None:
    # The blind gold lists no part of the world nor region of history (Урал, Евразия, Русь).
    text = "Сборник «Библиотеки Брянщины» вышел в 2015 году. Проект «Книжный Урал» продолжен.\n"
    names = {p.name for p in extract_places(ctx(text))}
    assert "Брянщина" in names and "Урал" not in names


def test_adjective_of_an_organization_name_is_not_a_place() -> None:
    text = "Семинар прошел в Никольской модельной сельской библиотеке 3 мая 2018 г.\n"
    assert "Никольская" not in {p.name for p in extract_places(ctx(text))}


def test_lower_case_kind_word_before_a_quoted_name_belongs_to_the_name() -> None:
    text = (
        "В заседании участвовали члены литературного клуба «Вдохновение» и "
        "сотрудники краеведческого центра «Наследие».\n"
    )
    names = {o.name for o in extract_organizations(ctx(text))}
    assert {"Литературный клуб «Вдохновение»", "Краеведческий центр «Наследие»"} <= names


def test_not_organizations_people_headings_plural_kinds_and_parts_of_titles() -> None:
    text = (
        "Рекомендации семинара\n\nУчастники секции отметили опыт. Сельские библиотеки "
        "округа работают летом. Доклад «Модельная библиотека: первые итоги» прозвучал.\n"
    )
    names = {o.name for o in extract_organizations(ctx(text))}
    assert not names & {"Участники секции", "Рекомендация семинара", "Модельная библиотека"}
    assert not any(n.startswith("Сельские библиотеки") for n in names)


def test_later_mention_dropping_adjectives_merges_into_the_organization() -> None:
    text = (
        "Семинар прошел на базе Озерской центральной районной библиотеки. "
        "Сотрудники Озерской библиотеки подготовили выставку.\n"
    )
    orgs = [o.name for o in extract_organizations(ctx(text))]
    assert orgs == ["Озерская центральная районная библиотека"]


def test_pronoun_subject_organizers_follow_the_verb() -> None:
    text = (
        "Круглый стол «Книга и семья» состоялся 4 июня 2019 г. Его организовали "
        "Комитет по культуре Тамбовской области и МБУК «Мичуринская ЦБС».\n"
    )
    assert extract_event(ctx(text)).organizers == [
        "Комитет по культуре Тамбовской области",
        "Мичуринская ЦБС",
    ]


def test_connections_of_an_online_event_are_its_participants() -> None:
    text = (
        "Вебинар «Сайт библиотеки» прошел 2 марта 2022 г., зафиксировано более 180 подключений.\n"
    )
    assert extract_event(ctx(text)).participants.total == 180


def test_initials_mention_merges_with_the_full_name() -> None:
    text = (
        "Выступила Соколова Марина Игоревна, библиограф. Решили: 1. Отделу "
        "библиографии (Соколова М. И.) подготовить указатель.\n"
    )
    names = [p.name for p in extract_persons(ctx(text), [])]
    assert names == ["Соколова Марина Игоревна"]


def test_speaker_with_an_institution_in_parentheses_and_a_project_in_the_position() -> None:
    text = (
        "Выступили:\n"
        "Орлов Павел Ильич (Государственный архив Тульской области) – «Фонды архива»;\n"
        "Белова Нина Петровна, руководитель проекта «Читаем вместе» МБУК «ЦБС г. Тулы», "
        "– «Проект года».\n"
    )
    a, b = extract_speakers(ctx(text))
    assert (a.position, a.organization) == (None, "Государственный архив Тульской области")
    assert b.position == "руководитель проекта «Читаем вместе»"
    assert b.organization == "МБУК «ЦБС г. Тулы»"


def test_paragraph_items_with_dative_addressees_adverbs_and_an_object_first() -> None:
    text = (
        "Участники совещания предлагают:\n\n"
        "Районным библиотекам ежегодно проводить дни краеведения.\n\n"
        "Лесновской поселенческой библиотеке подготовить буклет о селе.\n\n"
        "Очередное совещание провести в мае 2020 года.\n"
    )
    recs = extract_recommendations(ctx(text))
    assert [r.addressee for r in recs] == [
        "Районные библиотеки",
        "Лесновская поселенческая библиотека",
        None,
    ]


def test_addressee_in_parentheses_and_before_the_modal_of_the_intro() -> None:
    text = (
        "По итогам семинара специалистам библиотек рекомендовано:\n"
        "– проводить уроки чтения;\n"
        "– Отделу обслуживания (Ильина Т. В.) составить план до 1 мая.\n"
    )
    recs = extract_recommendations(ctx(text))
    assert [r.addressee for r in recs] == ["Специалисты библиотек", "Отдел обслуживания"]


def test_page_number_between_two_halves_of_an_item_is_debris() -> None:
    text = "Решили:\n1. Сохранить ставки библиотекарей в сельских\n\n7\n\n- библиотеках района.\n"
    [rec] = extract_recommendations(ctx(text))
    assert rec.text == "Сохранить ставки библиотекарей в сельских библиотеках района."


# --------------------------------------------------------------------------- round 4


def test_running_page_header_with_a_page_number_is_a_page_break() -> None:
    text = (
        "Участники совещания решили:\n"
        "1. Провести конкурс чтецов среди учащихся\n"
        "Решение совещания методистов  стр. 2\n"
        "- сельских школ района.\n"
        "2. Подготовить отчет.\n"
        "Решение совещания методистов  стр. 3\n"
    )
    lines = clean(text).text.split("\n")
    assert "1. Провести конкурс чтецов среди учащихся сельских школ района." in lines
    assert not any("стр." in line for line in lines)


def test_caps_heading_and_place_line_are_own_lines_without_blank_lines() -> None:
    text = (
        "Управление культуры Липецкой области\n"
        "РЕЗОЛЮЦИЯ\n"
        "областного семинара «Библиотека и музей»\n"
        "г. Липецк, 4 – 5 мая 2016 г.\n"
        "4 – 5 мая 2016 г. в Липецке прошел областной семинар «Библиотека и музей».\n"
    )
    lines = clean(text).text.split("\n")
    assert lines[1] == "РЕЗОЛЮЦИЯ областного семинара «Библиотека и музей»"
    assert lines[2] == "г. Липецк, 4 – 5 мая 2016 г."
    assert extract_document(ctx(text)).kind == "resolution"


def test_letter_sub_items_of_a_numbered_item_are_one_recommendation() -> None:
    text = (
        "Участники рекомендуют:\n"
        "Управлению культуры области:\n"
        "1. Включить в программу мероприятия по:\n"
        "а) ремонту сельских библиотек;\n"
        "б) подписке на периодику.\n"
        "2. Рассмотреть вопрос о штатах.\n"
        "Российской государственной библиотеке:\n"
        "1. Провести вебинар для методистов.\n"
    )
    recs = extract_recommendations(ctx(text))
    assert len(recs) == 3
    assert recs[0].text.endswith("ремонту сельских библиотек; подписке на периодику.")
    assert recs[2].addressee == "Российская государственная библиотека"


def test_topics_of_an_announced_event_are_not_recommendations() -> None:
    text = (
        "Приглашаем принять участие в семинаре «Детское чтение».\n"
        "Основные направления работы семинара:\n"
        "• чтение в семье;\n"
        "• летние программы.\n"
    )
    assert extract_recommendations(ctx(text)) == []


def test_present_tense_organizers_and_place_of_an_announced_event() -> None:
    text = (
        "Министерство культуры, туризма и архивного дела Н-ской области и ГБУК «Н-ская "
        "областная библиотека» проводят 5–6 июня 2025 года в г. Зареченске областной "
        "семинар «Книга и семья».\n"
    )
    ev = extract_event(ctx(text))
    assert ev.place == "Зареченск"
    assert ev.organizers[0] == "Министерство культуры, туризма и архивного дела Н-ской области"
    assert len(ev.organizers) == 2


def test_methodical_day_and_seminar_practicum_are_event_types_with_titles() -> None:
    ev = extract_event(ctx("12 мая 2020 г. прошел методический день «Фонды и каталоги».\n"))
    assert (ev.type, ev.name) == ("other", "Фонды и каталоги")
    ev = extract_event(ctx("12 мая 2020 г. прошел семинар-практикум «Сайт библиотеки».\n"))
    assert (ev.type, ev.name) == ("seminar", "Сайт библиотеки")


def test_online_count_written_as_in_online_mode() -> None:
    text = (
        "Семинар прошел 3 мая 2021 г., в нем участвовали 40 человек: "
        "12 очно и 28 в онлайн-режиме.\n"
    )
    p = extract_event(ctx(text)).participants
    assert (p.offline, p.online) == (12, 28)


def test_regional_prefix_of_a_legal_form_is_split_off() -> None:
    text = "ТОГБУК «Мичуринская детская библиотека» провела конкурс.\n"
    [org] = extract_organizations(ctx(text))
    assert (org.name, org.legal_form) == ("Мичуринская детская библиотека", "ТОГБУК")


def test_lower_case_government_body_with_its_region_and_caps_heading_is_not_an_org() -> None:
    text = (
        "ИНФОРМАЦИОННОЕ ПИСЬМО\n"
        "Организаторы: департамент культуры Вологодской области, Городская библиотека.\n"
    )
    names = [o.name for o in extract_organizations(ctx(text))]
    assert "департамент культуры Вологодской области" in names
    assert not any("ПИСЬМО" in n for n in names)


def test_initials_first_persons_with_role_after_or_abbreviated_before() -> None:
    text = (
        "Выступили Т. Г. Орлова, заведующая научно-методическим отделом МБУК «ЦБС г. Ельца», "
        "и зав. сектором В.К. Кузьмина (Городская библиотека).\n"
    )
    a, b = extract_persons(ctx(text), [])
    assert (a.name, a.role, a.organization) == (
        "Орлова Т. Г.",
        "заведующая научно-методическим отделом",
        "МБУК «ЦБС г. Ельца»",
    )
    assert (b.name, b.role) == ("Кузьмина В. К.", "заведующая сектором")


def test_named_centre_alone_after_a_position_is_the_organization() -> None:
    text = "Выступила Жукова Анна Петровна, руководитель молодежного центра «Доброе дело».\n"
    [p] = extract_persons(ctx(text), [])
    assert (p.role, p.organization) == ("руководитель", "Молодежный центр «Доброе дело»")


def test_russia_and_russian_federation_are_one_place() -> None:
    text = "Гости из регионов России. Министерству культуры Российской Федерации рассмотреть.\n"
    names = [p.name for p in extract_places(ctx(text))]
    assert names.count("Россия") == 1 and "Российская Федерация" not in names


# ------------------------------------------- institutions by kind and number (corpus r8)


def test_a_kind_with_a_number_or_a_legal_form_is_a_named_institution() -> None:
    text = (
        "Присутствовали специалисты МКУК «ЦБС». Выступили Радионова О.В., заведующая ГДБ №3, "
        "Макарова Е.В., библиотекарь ГБ №1, педагоги Фотьева З.В. (МКОУ СОШ №5) и Косьянчук "
        "Е.И. (МБОУ Гимназия №1). Вопросы затронуты заведующей сектором МКУК «ЦБС» "
        "Воробьевой Н.Н. Закон ФЗ № 131 не упоминался.\n"
    )
    names = [o.name for o in extract_organizations(ctx(text))]
    assert names == ["МКУК «ЦБС»", "ГДБ №3", "ГБ №1", "СОШ №5", "Гимназия №1"]


def test_a_school_named_by_its_railway_station_keeps_the_station() -> None:
    text = "Выступила учитель МКОУ ООШ ж.д. ст. Просница Иванова А. А.\n"
    assert [o.name for o in extract_organizations(ctx(text))] == ["ООШ ж.д. ст. Просница"]


def test_a_duma_and_an_eparchy_are_bodies_and_a_post_ends_a_genitive_tail() -> None:
    text = (
        "Решение приняла Дума городского округа. На заседании был представитель Гродненской "
        "епархии. Вручены грамоты Смоленской областной Думы заведующей Озёрненской детской "
        "библиотекой Фроловой Т.А.\n"
    )
    names = [o.name for o in extract_organizations(ctx(text))]
    assert "Дума городского округа" in names
    assert "Гродненская епархия" in names
    assert "Смоленская областная Дума" in names
    assert all("заведующ" not in n for n in names)
    assert not {"Гродненская епархия", "Дума городского округа"} & {
        p.name for p in extract_places(ctx(text))
    }


def test_a_village_library_in_a_post_after_an_abbreviated_title() -> None:
    text = (
        "С опытом выступили: Лапина Ю.С. (зав. Ключевской библиотеки), она рассказала о "
        "клубе. Сомова Н.В. (зав. Луговской библиотекой) рассказала о выставке.\n"
    )
    names = [o.name for o in extract_organizations(ctx(text))]
    assert {"Ключевская библиотека", "Луговская библиотека"} <= set(names)


def test_a_shortened_name_of_a_branch_is_the_same_library() -> None:
    text = (
        "Обсудили работу Ключевской сельской библиотеки-филиала. С докладом выступила зав. "
        "Ключевской библиотекой Анна Лапина.\n"
    )
    assert [o.name for o in extract_organizations(ctx(text))] == [
        "Ключевская сельская библиотека-филиал"
    ]


def test_a_body_named_by_its_head_noun_is_no_place() -> None:
    text = "Руководствуясь Уставом, Дума городского округа решила:\n1. Утвердить Положение.\n"
    assert [p.name for p in extract_places(ctx(text))] == []


def test_an_eponym_named_in_full_ends_the_name() -> None:
    text = (
        "Присвоить имя: МУ «Централизованная библиотечная система» г. Лесного имени Евгения "
        "Павловича Смирнова.\n"
    )
    names = [o.name for o in extract_organizations(ctx(text))]
    assert any(n.endswith("имени Евгения Павловича Смирнова") for n in names)


def test_a_bracket_cut_open_is_no_part_of_a_name() -> None:
    from resarchive.extract.org_names import _normalize

    name = _normalize("Государственная публичная научно-техническая библиотека (ГПНТБ СО РАН")
    assert name == "Государственная публичная научно-техническая библиотека"
