"""Persons: token rules over the one natasha parse, names in the nominative, roles."""

from resarchive.extract.persons import extract_persons
from resarchive.record.models import Speaker

from .helpers import context

ctx = context


def by_name(persons):
    return {p.name: p for p in persons}


def test_dative_thanks_with_position_and_organization():
    text = (
        "1. Выразить благодарность Логинову Игорю Семеновичу, директору Дворца культуры "
        "металлургов, за помощь в проведении семинара.\n"
    )
    persons = extract_persons(ctx(text), [])
    assert [p.name for p in persons] == ["Логинов Игорь Семенович"]
    assert persons[0].role == "директор"
    assert persons[0].organization == "Дворец культуры металлургов"
    source = text
    start, end = persons[0].span
    assert source[start:end] == "Логинову Игорю Семеновичу"


def test_accusative_list_with_organizations_in_parentheses():
    text = (
        "Включить в состав совета: Бережную Анну Олеговну (Тисульская ЦБС); "
        "Кравец Галину Юрьевну и Зайцеву Ольгу Ивановну (ЦБС г. Юрги); "
        "Ткаченко Илью Павловича (Областная библиотека для детей).\n"
    )
    people = by_name(extract_persons(ctx(text), []))
    assert set(people) == {
        "Бережная Анна Олеговна",
        "Кравец Галина Юрьевна",
        "Зайцева Ольга Ивановна",
        "Ткаченко Илья Павлович",
    }
    assert people["Бережная Анна Олеговна"].organization == "Тисульская ЦБС"
    # the organization in parentheses belongs to both names joined by "и"
    assert people["Кравец Галина Юрьевна"].organization == "ЦБС г. Юрги"
    assert people["Зайцева Ольга Ивановна"].organization == "ЦБС г. Юрги"
    assert people["Ткаченко Илья Павлович"].role is None


def test_eponyms_and_authors_are_not_persons():
    text = (
        "Семинар прошел в Областной библиотеке им. А.С. Пушкина и в библиотеке "
        "имени Н. К. Крупской. Обсуждали книги А. Гайдара.\n"
    )
    assert extract_persons(ctx(text), []) == []


def test_a_full_nominative_name_after_a_work_is_its_author_herself():
    # r13_01: the name after «книги» is the author in apposition, not a genitive owner
    text = (
        "Автор книги Егерева Татьяна Александровна, кандидат исторических наук, "
        "рассказала, как родилась идея. Прошла презентация книги Петрова Ивана "
        "Сергеевича. В библиотеке имени Курбатова Вера Ивановна Павлова провела урок.\n"
    )
    names = [p.name for p in extract_persons(ctx(text), [])]
    assert "Егерева Татьяна Александровна" in names
    assert "Павлова Вера Ивановна" in names
    assert not any(n.startswith(("Петров", "Курбатов")) for n in names)


def test_names_in_quoted_titles_are_not_actors():
    text = "- «Читаем Маршака Самуила Яковлевича вместе», докладчик выступила с опытом.\n"
    assert extract_persons(ctx(text), []) == []


def test_initials_form_is_a_person():
    text = "С приветственным словом выступила директор библиотеки Н.В. Зуева.\n"
    assert [p.name for p in extract_persons(ctx(text), [])] == ["Зуева Н. В."]


def test_speakers_are_persons_once():
    text = (
        "- «Опыт работы», докладчик Пахомова Инна Сергеевна, методист ЦБС г. Ачинска.\n"
        "Отметить работу Пахомовой Инны Сергеевны и Рудаковой Елены Павловны.\n"
    )
    start = text.index("Пахомова")
    speaker = Speaker(
        name="Пахомова Инна Сергеевна",
        position="методист",
        organization="ЦБС г. Ачинска",
        talk="Опыт работы",
        span=(start, start + len("Пахомова Инна Сергеевна")),
    )
    persons = extract_persons(ctx(text), [speaker])
    assert [p.name for p in persons] == ["Пахомова Инна Сергеевна", "Рудакова Елена Павловна"]
    assert persons[0].role == "методист"
    assert persons[0].organization == "ЦБС г. Ачинска"


def test_unbalanced_quotes_in_a_title_do_not_hide_the_speaker_name():
    text = "- «Читаем с мамой «Сказки Пушкина», докладчик Лаптева Вера Игоревна, библиотекарь.\n"
    assert [p.name for p in extract_persons(ctx(text), [])] == ["Лаптева Вера Игоревна"]


def test_surnames_in_capitals_after_initials_under_a_signature():
    # Legal acts sign off with the surname in capitals (r10: Krasnodar, Ryazhsk dumas).
    text = (
        "Ряжская районная Дума решила:\n"
        "1.Утвердить прилагаемое Положение.\n"
        "Глава Ряжского муниципального района\n"
        "В.Н.КАШИРСКИЙ\n"
        "Председатель Ряжской районной Думы\n"
        "А.В.НАСОНОВ\n"
    )
    persons = extract_persons(ctx(text), [])
    assert [p.name for p in persons] == ["Каширский В. Н.", "Насонов А. В."]
    start, end = persons[1].span
    assert text[start:end] == "А.В.НАСОНОВ"


def test_capitals_before_initials_are_no_surname():
    text = (
        "Выступили: член Координационного бюро БАЕ Л. Ю. Гафурова; директор ЦБС И.И. Петрова; "
        "художник МБУК Л.В. Торокова.\n"
    )
    names = [p.name for p in extract_persons(ctx(text), [])]
    assert names == ["Гафурова Л. Ю.", "Петрова И. И.", "Торокова Л. В."]


def test_a_name_after_an_abbreviated_post_keeps_its_own_case():
    # r10: «( кл.рук-ль Шамкова Л.Г.)» — no noun before the name to put it in the genitive.
    text = 'Композиция для учащихся 8 "Б" класса ( кл.рук-ль Шамкова Л.Г.) "Няня ваша".\n'
    assert [p.name for p in extract_persons(ctx(text), [])] == ["Шамкова Л. Г."]


def test_the_subject_of_a_verb_after_it_is_a_nominative_of_the_verbs_gender():
    # r12: «Заведующая отделом комплектования и обработки Белова Н. В. рассказала …» — a
    # genitive noun before the name no longer makes it Белов's genitive.
    text = (
        "Заведующая отделом комплектования и обработки Белова Н. В. рассказала о каталоге. "
        "Директор районной библиотечной системы Смирнова Е.В. представила доклад. "
        "Ведущий методист отдела обслуживания Белов Н. А. рассказал о проекте. "
        "Доклад Смирнова А. А. вызвал споры."
    )
    assert [p.name for p in extract_persons(ctx(text), [])] == [
        "Белова Н. В.",
        "Смирнова Е. В.",
        "Белов Н. А.",
        "Смирнов А. А.",
    ]


def test_a_surname_beside_two_initials_is_one_though_a_place_bears_it():
    # r12: «… по социальным вопросам Грибова С.С. Были заслушаны доклады» (the village
    # Грибов); and a place in the genitive inside a post does not hide its case (r5:
    # «возложить на вице-губернатора Санкт-Петербурга Кириллова В.В.»).
    text = (
        "Открыла семинар заместитель главы района Орехова С.С. Были заслушаны доклады. "
        "Контроль возложить на заместителя губернатора Санкт-Петербурга Кириллова В.В."
    )
    assert [p.name for p in extract_persons(ctx(text), [])] == [
        "Орехова С. С.",
        "Кириллов В. В.",
    ]


def test_a_town_before_a_first_name_and_surname_is_no_surname():
    # r13_02: «Зубцова» is only a town to the dictionary (Зубцов); the name is the next two
    text = (
        "За круглым столом встретились преподаватель истории средней школы №1 "
        "Зубцова Валентина Индеева и профессор Владимир Беспалов.\n"
    )
    names = {p.name for p in extract_persons(ctx(text), [])}
    assert names == {"Индеева Валентина", "Беспалов Владимир"}


def test_a_second_initial_that_lost_its_dot_is_still_an_initial():
    # r8_06: «И. Ю Перченко»; a one-letter preposition after initials is none
    text = (
        "С докладами выступили секретарь совета Т. А. Самойлюк и заведующий библиотекой "
        "И. Ю Перченко. Ответственный: Иванов И. И. К Смирновой обратились коллеги.\n"
    )
    names = [p.name for p in extract_persons(ctx(text), [])]
    assert names == ["Самойлюк Т. А.", "Перченко И. Ю.", "Иванов И. И."]


def test_a_mans_surname_that_is_a_feminine_noun():
    # r12_08: «Иван Щербина»; «Сёмина» stays the feminine of Сёмин
    text = "С докладом выступил ученик 10 класса Иван Щербина. Ему помогала Ирина Сёмина.\n"
    names = [p.name for p in extract_persons(ctx(text), [])]
    assert names == ["Щербина Иван", "Сёмина Ирина"]
