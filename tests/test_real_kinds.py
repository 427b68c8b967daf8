"""The kinds real reports and resolutions write, each on short snippets written for the test
(not taken from the corpus): persons in every name order and case, speakers told in prose,
dates in every written form, place lines, organizers."""

from __future__ import annotations

import pytest

from resarchive.extract.event import extract_event
from resarchive.extract.people import find_people
from resarchive.extract.persons import extract_persons
from resarchive.extract.speakers import extract_speakers
from resarchive.rules.dates import find_dates
from resarchive.rules.place_lines import find_place_lines

from .helpers import context


def people(text: str) -> list[str]:
    return [m.name for m in find_people(context(text)) if m.complete]


def speakers(text: str) -> dict[str, tuple]:
    ctx = context(text)
    return {s.name: (s.position, s.organization, s.talk) for s in extract_speakers(ctx)}


# --------------------------------------------------------------------------- persons


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Выступила Орлова Татьяна Михайловна, методист.", "Орлова Татьяна Михайловна"),
        ("Выступила Татьяна Михайловна Орлова, методист.", "Орлова Татьяна Михайловна"),
        ("Директор библиотеки Людмила Канушина рассказала о работе.", "Канушина Людмила"),
        ("Модератором была Надежда Балацкая из Москвы.", "Балацкая Надежда"),
        ("Отчёт представила Т. М. Орлова.", "Орлова Т. М."),
        ("Отчёт представила Т.М.Орлова.", "Орлова Т. М."),
        ("Отчёт представила Орлова Т. М., методист.", "Орлова Т. М."),
        ("В списке: Сомова Александра, библиотекарь.", "Сомова Александра"),
        # a hyphenated surname whose first part is no surname; -ян declines for a man only
        ("Выступила Г. Тер-Оганян, директор библиотеки.", "Тер-Оганян Г."),
        ("Слово предоставили члену бюро - Г. Тер-Оганяну.", "Тер-Оганян Г."),
        ("Приветствие уполномоченного - А. Тер-Оганяна.", "Тер-Оганян А."),
    ],
)
def test_every_name_order(text: str, name: str) -> None:
    assert people(text) == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # consonant-final masculine surname in the dative
        ("Благодарность объявлена Ремезовичу Олегу Игоревичу.", "Ремезович Олег Игоревич"),
        # the same surname of a woman does not decline
        ("Благодарность объявлена Ремезович Ольге Игоревне.", "Ремезович Ольга Игоревна"),
        # a surname in -а declines like a noun
        ("Благодарность объявлена Кручине Вере Павловне.", "Кручина Вера Павловна"),
        # an adjectival feminine surname with her first name
        ("Благодарность объявлена Седой Анне Ильиничне.", "Седая Анна Ильинична"),
        # initials only: the position after the name shows the case (and so the man)
        ("Заслушан доклад Сёмина В. П., директора ЦБС.", "Сёмин В. П."),
        ("Заслушан доклад Л. Г. Бойковой, главного библиотекаря.", "Бойкова Л. Г."),
        # an abbreviated position ("зам.") before the name shows no case
        ("Выступила зам. директора по работе с детьми Гречишкина Е.В.", "Гречишкина Е. В."),
    ],
)
def test_names_in_the_nominative_by_their_own_morphology_and_context(text, name) -> None:
    assert people(text) == [name]


def test_names_after_a_common_noun_are_its_genitive_a_list_of_them_alike() -> None:
    text = "Заслушаны сообщения Л. Н. Сёмина, С. В. Михалкова и Р. Гамзатова."
    assert people(text) == ["Сёмин Л. Н.", "Михалков С. В.", "Гамзатов Р."]


def test_a_list_of_names_after_an_authors_word_is_no_actors() -> None:
    assert people("Отметила юбилеи К. Д Ушинского, С. В. Рахманинова и Р. Гамзатова.") == []


def test_a_region_before_name_patronymic_surname_is_no_surname() -> None:
    # r7_04 (Ижевск, 2025): "министр культуры Удмуртской Республики Владимир Михайлович
    # Соловьев", "… Союза женщин России Елена Анатольевна Дербилова"
    text = (
        "Выступили министр культуры Удмуртской Республики Владимир Михайлович Соловьев и "
        "председатель отделения Союза женщин России Елена Анатольевна Дербилова.\n"
    )
    assert people(text) == ["Соловьев Владимир Михайлович", "Дербилова Елена Анатольевна"]


def test_yo_kept_as_written_and_a_first_name_pymorphy_reads_as_masculine() -> None:
    assert people("Выступила Ипполита Сергеевна Грачёва, библиотекарь.") == [
        "Грачёва Ипполита Сергеевна"
    ]


def test_eponyms_authors_and_villages_are_not_persons() -> None:
    text = (
        "Семинар прошёл в библиотеке им. А. С. Пушкина. Обзор книги И.А.Крылова подготовила "
        "библиотекарь д. Заречье Надежда Владимировна Макарова.\n"
    )
    assert people(text) == ["Макарова Надежда Владимировна"]


def test_name_and_patronymic_complete_a_person_named_before() -> None:
    text = (
        "Семинар открыла М. В. Кочетова, заведующая отделом. Марина Владимировна "
        "рассказала о новой книге.\n"
    )
    names = [p.name for p in extract_persons(context(text), [])]
    assert names == ["Кочетова Марина Владимировна"]


def test_a_role_agrees_with_its_noun() -> None:
    text = "Доклады сделали Л. Г. Бойкова, главного библиотекаря, и другие.\n"
    [person] = extract_persons(context(text), [])
    assert person.role == "главный библиотекарь"


# --------------------------------------------------------------------------- speakers


def test_talk_title_then_speaker_with_position_before_the_name() -> None:
    text = "С докладом «Книга и семья» выступила главный библиотекарь Ирина Сергеевна Лаптева.\n"
    assert speakers(text) == {
        "Лаптева Ирина Сергеевна": ("главный библиотекарь", None, "Книга и семья")
    }


def test_shared_experience_names_each_speaker_with_own_position() -> None:
    text = (
        "Опытом работы с подростками поделились заведующая сектором А. Н. Котова, "
        "а также библиотекарь Ю. Г. Лисина.\n"
    )
    found = speakers(text)
    assert found["Котова А. Н."] == ("заведующая сектором", None, "опыт работы с подростками")
    assert found["Лисина Ю. Г."][0] == "библиотекарь"


def test_names_listed_after_the_people_a_plural_speech_verb_names_are_speakers() -> None:
    # r13_01: the verb's subject noun stands between the verb and the colon
    text = (
        "Интересными проектами, яркими идеями, новыми формами работы поделились "
        "коллеги-библиотекари: Володина Е.В., Шпортко Н.В., Коновалова Н.Н.\n\n"
        "Об итогах года рассказали специалисты отдела: Петрова А. И. и Орлова В. П.\n\n"
        "В семинаре приняли участие коллеги: Сидорова Е. В., Котова А. Н.\n"
    )
    found = speakers(text)
    talk = "интересными проектами, яркими идеями, новыми формами работы"
    assert {name: t.lower() for name, (_, _, t) in found.items() if name[0] in "ВШК"} == {
        "Володина Е. В.": talk,
        "Шпортко Н. В.": talk,
        "Коновалова Н. Н.": talk,
    }
    assert found["Петрова А. И."][2] == "Об итогах года"
    assert "Орлова В. П." in found
    assert not {"Сидорова Е. В.", "Котова А. Н."} & set(found)


def test_a_talk_noun_naming_a_unit_tells_no_talk() -> None:
    # r13_13: participants with posts, «информации» part of a department's name
    text = (
        "Участниками встречи стали заведующая отделом краеведческой информации "
        "областной библиотеки С. М. Постникова и директор Центра правовой информации "
        "В. Н. Окоемова.\n\n"
        "С информацией об итогах года выступила заведующая сектором А. Н. Котова.\n"
    )
    assert set(speakers(text)) == {"Котова А. Н."}


def test_who_only_greets_in_a_clause_joined_by_a_comma_is_no_speaker() -> None:
    # r13_05, r8_16: the greeting and the talk are two clauses of one sentence
    text = (
        "Участников семинара приветствовал глава муниципального образования С.Л. "
        "Дементьев, о развитии культуры района рассказала Е.И. Павлюченко, начальник "
        "отдела культуры.\n\n"
        "Членов клуба поприветствовала заведующая районной библиотекой Н.Ю. Балаева, "
        "библиотекарь С.А. Ленинская познакомила присутствующих с редкими книгами.\n"
    )
    found = speakers(text)
    assert set(found) == {"Павлюченко Е. И.", "Ленинская С. А."}
    assert found["Павлюченко Е. И."][0] == "начальник отдела культуры"
    assert found["Ленинская С. А."][0] == "библиотекарь"


def test_who_described_something_told_it() -> None:
    # r13_14: «описала» is a speech verb that presents its object
    text = (
        "Алена Григорьева, начальник отдела поддержки библиотечных практик РГБ, подробно "
        "описала каждый пункт анкеты для участия.\n"
    )
    assert speakers(text)["Григорьева Алена"][2] == "каждый пункт анкеты для участия"


def test_the_indirect_question_after_told_is_the_talk() -> None:
    # r13_01, r13_14: «рассказала, как …», «рассказала, какие …»
    text = (
        "Тамара Ананова, директор РГБ, рассказала, какие учреждения могут участвовать в "
        "конкурсе и что подразумевается под лучшими практиками. Также она представила "
        "состав заявки.\n"
    )
    found = speakers(text)
    assert found["Ананова Тамара"][2] == (
        "какие учреждения могут участвовать в конкурсе и что подразумевается под лучшими практиками"
    )


def test_they_who_shared_are_the_persons_named_just_before() -> None:
    # r14_02: «пришли писатели … Они щедро делились своими творческими планами»
    text = (
        "На встречу с библиотекарями пришли писатели Колесникова Татьяна, Сметанина Н. и "
        "Юрий Николаев. Они щедро делились своими творческими планами.\n\n"
        "Слово взяли Котова А. Н. и Лисина Ю. Г. Она рассказала о новых книгах.\n"
    )
    found = speakers(text)
    assert set(found) == {
        "Колесникова Татьяна",
        "Сметанина Н.",
        "Николаев Юрий",
        "Лисина Ю. Г.",
    }
    assert found["Лисина Ю. Г."][2] == "о новых книгах"


def test_names_listed_under_a_talks_intro_are_speakers_and_a_moderator_is_not() -> None:
    # r14_06: bullets of «Имя Фамилия – должность» after «Свои доклады представили коллеги:»
    text = (
        "В роли модератора выступила статс-секретарь Жанна Алексеева. Профессионалы "
        "обсуждали вопросы комплектования.\n\n"
        "Свои доклады представили коллеги:\n\n"
        "• Вадим Дуда – генеральный директор Российской государственной библиотеки\n\n"
        "• Мария Веденяпина – директор Российской государственной детской библиотеки\n"
    )
    found = speakers(text)
    assert set(found) == {"Дуда Вадим", "Веденяпина Мария"}
    assert found["Дуда Вадим"][0] == "генеральный директор"
    assert found["Дуда Вадим"][2] is None


def test_discussants_and_named_speakers_are_speakers() -> None:
    text = (
        "С докладом выступил руководитель агентства М. Е. Лисин. В обсуждении проекта "
        "приняли участие: президент РБА, генеральный директор РНБ В. Н. Гусев, зам. "
        "Министра культуры А. Е. Бусов.\n"
        "28 ноября 2007 г. Олег Смолянинов выступил на конгрессе. В числе докладчиков были "
        "Председатель Совета С. Миронцев, писатель Ч. Айтматов, Первый заместитель "
        "Председателя Комитета Госдумы по образованию и науке О. Смолянинов.\n"
    )
    found = speakers(text)
    assert found["Гусев В. Н."] == (
        "президент",
        "РБА, генеральный директор РНБ",
        "обсуждение проекта",
    )
    assert found["Бусов А. Е."][:2] == ("зам.", "Министра культуры")
    assert found["Айтматов Ч."] == ("писатель", None, None)
    assert found["Миронцев С."][:2] == ("Председатель", "Совета")
    assert found["Смолянинов Олег"][0] == "Первый заместитель"


def test_a_name_right_after_an_eponym_and_a_speaker_who_reflected() -> None:
    text = (
        "С приветственным словом обратилась генеральный директор библиотеки имени Курбатова "
        "Вера Ивановна Лебедева. Она размышляла о романе «Открытая книга».\n"
    )
    assert people(text) == ["Лебедева Вера Ивановна"]
    assert speakers(text)["Лебедева Вера Ивановна"] == (
        "генеральный директор",
        "библиотеки имени Курбатова",
        "о романе «Открытая книга»",
    )


def test_review_about_topic_and_talk_noun_phrases() -> None:
    text = (
        "Методист И. Г. Рябова сделала обзор новых журналов: «Библиотека», «Чтение».\n"
        "О работе с волонтёрами рассказала директор библиотеки Анна Белова.\n"
        "С обзором периодических изданий выступила А. П. Зотова, библиотекарь.\n"
    )
    found = speakers(text)
    assert found["Рябова И. Г."][2] == "обзор новых журналов"
    assert found["Белова Анна"][2] == "О работе с волонтёрами"
    assert found["Зотова А. П."][2] == "обзор периодических изданий"


def test_talk_author_in_the_genitive_and_pronoun_subject() -> None:
    text = (
        "Совещание началось с доклада специалиста министерства Татьяны Лучиной, "
        "посвященного сети библиотек района.\n"
        "Открыла встречу библиотекарь Вера Павловна Смирнова. Она рассказала о "
        "работе клуба.\n"
    )
    found = speakers(text)
    assert found["Лучина Татьяна"][2] == "сети библиотек района"
    assert found["Смирнова Вера Павловна"][2] == "о работе клуба"


def test_greetings_and_moderators_are_persons_not_speakers() -> None:
    text = (
        "С приветственным словом выступила Ярослава Кленова, специалист.\n"
        "Участников поприветствовал глава района Николай Лаврин.\n"
        "Модератором выступила Надежда Болотова.\n"
    )
    ctx = context(text)
    assert extract_speakers(ctx) == []
    assert len(extract_persons(ctx, [])) == 3


def test_what_a_greeter_said_in_a_relative_clause_makes_no_talk() -> None:
    # r10: "…, который отметил, что …" tells the greeting's words, not a talk.
    text = (
        "С приветственным словом к участникам конференции обратился Глава района "
        "В.В. Сабреков, который отметил, что труд краеведов найдёт отклик.\n"
        "Участников приветствовала руководитель библиотеки Елена Романовна Замышляйченко, "
        "которая отметила значимость краеведческой работы.\n"
        "Затем Петрова А. И. рассказала о новых изданиях.\n"
    )
    assert [s.name for s in extract_speakers(context(text))] == ["Петрова А. И."]


def test_a_post_with_a_spaced_dash_in_its_compound_adjective() -> None:
    # r10: «методико – библиографическим» typed with a spaced dash, read as one word.
    text = (
        "Заведующая методико – библиографическим отделом С.Д. Глазко проанализировала "
        "работу библиотек в первом квартале.\n"
    )
    ctx = context(text)
    (speaker,) = extract_speakers(ctx)
    assert speaker.name == "Глазко С. Д."
    assert speaker.position == "Заведующая методико-библиографическим отделом"
    start, end = ctx.clean.source_span(ctx.text.index("методико"), ctx.text.index(" отделом"))
    assert text[start:end] == "методико – библиографическим"


def test_a_first_name_that_is_a_common_word_first() -> None:
    # r11: «Любовь» is first of all a noun; natasha reads «Любовь Зенкова» as one person.
    text = (
        "Старший научный сотрудник краеведческого музея Любовь Зенкова рассказала о том, "
        "как строилась плотина на реке Каменке.\n"
    )
    (speaker,) = extract_speakers(context(text))
    assert speaker.name == "Зенкова Любовь"


def test_a_list_of_speakers_after_a_colon_whose_first_item_is_in_its_clause() -> None:
    # r11: «С содокладами выступили: А; Б, В, Г.» — the items after the first are talks too.
    text = (
        "С содокладами выступили: заместитель директора КОУНБ им. А.И. Герцена "
        "Р.В. Шакирзянов; директор Кировской ОДБ им. А.С. Грина Н.Г. Рылова, директор "
        "Кировской ОЮБ И.Ю. Киселева, зам. директора Кировской ОСБС Т.А. Мишланова.\n"
    )
    assert [s.name for s in extract_speakers(context(text))] == [
        "Шакирзянов Р. В.",
        "Рылова Н. Г.",
        "Киселева И. Ю.",
        "Мишланова Т. А.",
    ]


def test_agenda_items_give_the_talks_of_by_question_speakers() -> None:
    text = (
        "Повестка дня:\n1. О плане работы на год.\n2. Об итогах конкурса чтецов.\n\n"
        "По первому вопросу выступила Гусева Анна Петровна, методист. По второму "
        "вопросу – Котов Иван Ильич, библиограф.\n"
    )
    found = speakers(text)
    assert found["Гусева Анна Петровна"][2] == "О плане работы на год"
    assert found["Котов Иван Ильич"][2] == "Об итогах конкурса чтецов"


def test_what_a_speaker_demonstrated_in_a_relative_clause_is_the_talk() -> None:
    # r4_02 (Несвиж, 2021): "свой опыт" is no topic; the circumstance before it is no talk
    text = (
        "В рамках заседания свой опыт представила Гребенько З.П., заведующий библиотекой, "
        "которая продемонстрировала присутствующим эффективные формы и методы работы.\n"
    )
    assert speakers(text)["Гребенько З. П."][2] == "эффективные формы и методы работы"


def test_discussants_talk_about_what_was_discussed() -> None:
    # r4_05 (РБА, коллегия): the thing discussed was quoted before as a draft's title
    text = (
        "С докладом выступил руководитель агентства М. Е. Швыдкой. Он представил проект "
        '"Концепции развития библиотечного дела в Российской Федерации".\n'
        "В обсуждении Концепции приняли участие: генеральный директор РНБ В. Н. Зайцев, "
        "генеральный директор РГБ В. В. Федоров.\n"
    )
    concept = "Концепция развития библиотечного дела в Российской Федерации"
    assert speakers(text)["Зайцев В. Н."][2] == concept
    # r5_03 (Ростов): a discussion of the event's theme
    text = (
        "17 апреля состоялось заседание площадки «Открытая трибуна» по теме «Библиотеки 21 "
        "века». В дискуссии приняли участие председатель комитета Светлана Манакина, министр "
        "культуры Анна Дмитриева.\n"
    )
    assert speakers(text)["Дмитриева Анна"][2] == "Библиотеки 21 века"


def test_what_a_report_analysed_is_its_talk() -> None:
    # r5_09 (Кугарчи, 2011)
    text = (
        "С.Ф. Бартова, член Совета РБА, в своем докладе проанализировала достижения "
        "общедоступных библиотек в сфере информатизации.\n"
    )
    talk = "достижения общедоступных библиотек в сфере информатизации"
    assert speakers(text)["Бартова С. Ф."][2] == talk


def test_titles_each_followed_by_its_author_in_brackets() -> None:
    # r6_02 (Ульяновск, 2008): «Title» (И.О. Фамилия, г. City), one after another
    text = (
        "Было представлено 15 докладов, наиболее интересными из которых были следующие: "
        "«Стратегия развития сельской библиотеки» (С.А. Бражникова, г. Белгород), «Участие "
        "сельских библиотек в создании ресурсов» (С.И. Бондарева, Брянская область), «Птица "
        "Феникс или трудолюбивый ослик: портрет библиотекаря» (О.В. Птиченко, г. Екатеринбург).\n"
    )
    assert speakers(text) == {
        "Бражникова С. А.": (None, "г. Белгород", "Стратегия развития сельской библиотеки"),
        "Бондарева С. И.": (
            None,
            "Брянская область",
            "Участие сельских библиотек в создании ресурсов",
        ),
        "Птиченко О. В.": (
            None,
            "г. Екатеринбург",
            "Птица Феникс или трудолюбивый ослик: портрет библиотекаря",
        ),
    }


def test_a_position_after_a_dash_and_discussants_of_the_events_title() -> None:
    # r6_04 (Челябинск, 2011): "Диская Н.И.- зам. министра …", the round table's title
    text = (
        '6 сентября прошёл круглый стол "Профессиональное взаимодействие - путь к успеху".\n'
        "В обсуждении вопросов приняли участие и Диская Н.И.- зам. министра культуры "
        "Челябинской области, Аносов И.И.- начальник управления по взаимодействию с "
        "институтами гражданского общества.\n"
    )
    found = speakers(text)
    title = "Профессиональное взаимодействие - путь к успеху"
    assert found["Диская Н. И."] == ("зам. министра культуры", "Челябинской области", title)
    assert found["Аносов И. И."][2] == title


def test_a_title_pointed_back_to_and_a_topic_before_an_example() -> None:
    # r7_07 (Крестцы): "«X» - с этой темой выступила …"; "рассказала о …, на примере …"
    text = (
        "«Сельская библиотека как фактор единого пространства» - с этой темой выступила "
        "заведующая Ямским филиалом Жолобова Н.Б.. Ведущий библиограф О.Павлова рассказала "
        "о справочном аппарате библиотек, на примере районной библиотеки представила "
        "каталоги.\n"
    )
    found = speakers(text)
    assert found["Жолобова Н. Б."][2] == "Сельская библиотека как фактор единого пространства"
    assert found["Павлова О."][2] == "о справочном аппарате библиотек"


def test_a_heard_speaker_who_told_and_a_first_name_that_completes_a_full_name() -> None:
    # r7_01 (Татищево): "заслушали … Шаламову Наталию Вячеславовну, которая рассказала …"
    text = (
        "Участники заслушали руководителя объединения Шаламову Наталию Вячеславовну, "
        "которая рассказала об итогах работы объединения.\n"
    )
    assert speakers(text)["Шаламова Наталия Вячеславовна"][2] == "об итогах работы объединения"
    # r7_03 (Калачинск): a full name, then its first name and patronymic alone
    text = (
        "Состоялась встреча с Вероникой Владимировной Шелленберг, поэтом. На встрече "
        "Вероника Владимировна рассказала о своем творчестве.\n"
    )
    assert list(speakers(text)) == ["Шелленберг Вероника Владимировна"]


def test_an_instruction_is_no_talk() -> None:
    text = "РЕШИЛИ:\n1. Отделу (Котов И. И.) подготовить обзор сайтов к маю.\n"
    assert speakers(text) == {}


# --------------------------------------------------------------------------- dates, places


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("13 окт. 2022 г.", "2022-10-13", "2022-10-13"),
        ("1-го декабря 2020 года", "2020-12-01", "2020-12-01"),
        ("г. Тамбов, 24.II.2024", "2024-02-24", "2024-02-24"),
        ("11.11-12.11.2021", "2021-11-11", "2021-11-12"),
        ("с 06.11.2019 по 09 ноября 2019 г.", "2019-11-06", "2019-11-09"),
        ("с 12 апреля 2021 г. по 14 апреля 2021 г.", "2021-04-12", "2021-04-14"),
        ("с 28 сентября по 1 октября 2021 года", "2021-09-28", "2021-10-01"),
        ("IMG 041512 марта 2021 года", "2021-03-12", "2021-03-12"),
    ],
)
def test_dates_in_every_written_form(text: str, first: str, last: str) -> None:
    [d] = find_dates(text)
    assert (d.first.isoformat(), d.last.isoformat()) == (first, last)


@pytest.mark.parametrize("debris", ["12:03", "25.11", "400", "DSC_0136.jpg", "20 Апреля"])
def test_page_debris_gives_no_date(debris: str) -> None:
    assert find_dates(debris) == []


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("13 окт. 2022 г., г. Саранск", "Саранск"),
        ("10 мая 2019 г., г. Великие Луки", "Великие Луки"),
        ("6 июня 2019 г., г. Тверь, ул. Советская, д. 5", "Тверь"),
        ("Новосибирск, с 28 сентября по 1 октября 2021 года", "Новосибирск"),
    ],
)
def test_place_lines(line: str, place: str) -> None:
    [found] = find_place_lines(line)
    assert found.place == place


def test_a_place_line_under_a_heading_is_not_joined_to_it() -> None:
    text = "РЕЗОЛЮЦИЯ\nобластной конференции «Книга»\nКурск, 5–6 мая 2021 года\n"
    event = extract_event(context(text))
    assert (event.place, str(event.start), str(event.end)) == ("Курск", "2021-05-05", "2021-05-06")


# --------------------------------------------------------------------------- organizers


def test_organizers_list_in_the_instrumental_to_the_end_of_the_sentence() -> None:
    text = (
        "Семинар был организован Министерством культуры Курской области, Курской областной "
        "библиотекой для детей и юношества им. А. П. Гайдара, Союзом библиотек края.\n"
    )
    assert extract_event(context(text)).organizers == [
        "Министерство культуры Курской области",
        "Курская областная библиотека для детей и юношества им. А. П. Гайдара",
        "Союз библиотек края",
    ]


@pytest.mark.parametrize(
    ("text", "organizers"),
    [
        # r7_02 (Рязань, 2022): "28 октября X совместно с Y провела семинар-совещание"
        (
            "28 октября Централизованная система детских библиотек города Рязани совместно с "
            "городским методическим объединением школьных библиотекарей провела "
            "семинар-совещание «Библиотечное обслуживание».\n",
            [
                "Централизованная система детских библиотек города Рязани",
                "Городское методическое объединение школьных библиотекарей",
            ],
        ),
        # r5_02 (Новосибирск): no agent of "организован"; the host "на базе" is it
        (
            "12 марта на базе Новосибирской государственной областной научной библиотеки "
            "состоялся круглый стол «Библиотеки России и Казахстана», который был организован "
            "в партнёрстве с Новосибирским библиотечным обществом.\n",
            [
                "Новосибирская государственная областная научная библиотека",
                "Новосибирское библиотечное общество",
            ],
        ),
        # r9_10 (Новосибирск, 2022): the organizers listed under their label
        (
            "Конференция Libway начала работу 14 марта.\nОрганизаторы конференции:\n"
            "- Государственная публичная научно-техническая библиотека (ГПНТБ СО РАН),\n"
            "- Российская библиотечная ассоциация (РБА),\n- Институт истории СО РАН.\n"
            "В первый день выступили гости.\n",
            [
                "Государственная публичная научно-техническая библиотека",
                "Российская библиотечная ассоциация",
                "Институт истории СО РАН",
            ],
        ),
    ],
)
def test_organizers_said_jointly_by_a_host_or_in_a_list(text: str, organizers: list) -> None:
    assert extract_event(context(text)).organizers == organizers


def test_a_form_page_with_labels_on_lines_of_their_own() -> None:
    # r5_10 (РГБ, 2019): "Место проведения" / "Организаторы" above their values
    text = (
        "Ежегодное совещание руководителей библиотек России\n\nДата проведения\n"
        "22-23 октября 2019\n\nМесто проведения\nМосква\n\nОрганизаторы\n"
        "Министерство культуры Российской Федерации, Российская государственная библиотека\n"
        "\nО мероприятии\n\n22—23 октября прошло совещание руководителей библиотек.\n"
    )
    event = extract_event(context(text))
    assert event.place == "Москва"
    assert event.organizers == [
        "Министерство культуры Российской Федерации",
        "Российская государственная библиотека",
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # r5_12: a meeting's title after the people it gathers
        (
            "Ежегодное совещание директоров «Актуальные проблемы управления библиотекой» "
            "состоится 24-27 сентября 2012 года.\n",
            "Актуальные проблемы управления библиотекой",
        ),
        # r4_12: a seminar's title after a library's abbreviation
        (
            "2 марта 2021 года состоится семинар-совещание директоров МЦБС «Итоги работы "
            "библиотек в 2020 году».\n",
            "Итоги работы библиотек в 2020 году",
        ),
    ],
)
def test_a_title_after_the_people_or_library_an_event_gathers(text: str, name: str) -> None:
    assert extract_event(context(text)).name == name


def test_a_meeting_of_a_club_is_not_named_by_the_clubs_name() -> None:
    text = "15 мая 2022 года состоялось заседание клуба «Библиотечные встречи».\n"
    assert extract_event(context(text)).name != "Библиотечные встречи"


def test_a_council_session_is_the_event_not_the_posts_time_stamp() -> None:
    # r5_07 (Павловская, 2016): the post's "19.05.2016 10:18" above the report
    text = (
        "19.05.2016 10:18\n\nОтчет перед депутатами на сессии Совета сельского поселения\n\n"
        "18 мая 2016 года состоялась очередная сессия Совета Павловского сельского поселения. "
        "На заседании было рассмотрено множество вопросов.\n"
    )
    event = extract_event(context(text))
    assert (event.type, str(event.start)) == ("meeting", "2016-05-18")


def test_a_form_pages_type_field_is_no_name() -> None:
    # r5_10 (РГБ, 2019): "Тип" / "Совещание" under a heading with a long quoted title
    text = (
        "Ежегодное совещание руководителей федеральных и центральных региональных библиотек "
        'России «Национальный проект "Культура" как новый этап развития библиотек»\n\n'
        "Тип\nСовещание\n\nО мероприятии\n\n22—23 октября в РГБ прошло совещание. "
        "В РГБ собрались 294 представителя 57 регионов.\n"
    )
    event = extract_event(context(text))
    # The quoted title after the meeting's people is its name (r12_14; r5_10's gold takes
    # it as well as the heading without it), not the form's "Совещание".
    assert event.name == "Национальный проект «Культура» как новый этап развития библиотек"
    assert event.participants.total == 294


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # r5_12: the venue in brackets after the date of an event that "состоится"
        (
            "Ежегодное совещание директоров «Актуальные проблемы» состоится 24-27 сентября "
            "2012 года, (г. Москва, РГДБ).\n",
            "Москва",
        ),
        # r12_06: the town in brackets after the named venue, before the type word
        (
            "14-15 мая 2024 года в Центральной библиотеке Республики Карелия "
            "(г. Петрозаводск) состоялся зональный семинар «Краеведение сегодня».\n",
            "Петрозаводск",
        ),
        # r5_08: a town pymorphy does not know, which natasha reads as a place
        ("В Перевальске прошло заседание методического объединения библиотекарей.\n", "Перевальск"),
        # r3_16: a past session in a legal act's preamble is no venue of this document
        (
            "Руководствуясь Руководством, принятым Конференцией РБА на X Ежегодной сессии "
            "27 мая 2005 г. (г. Санкт-Петербург), постановляю:\n",
            None,
        ),
    ],
)
def test_venues_in_brackets_and_towns_natasha_knows(text: str, place: str | None) -> None:
    assert extract_event(context(text)).place == place


@pytest.mark.parametrize("verb", ["инициирован", "проведён", "учреждён"])
def test_organizers_of_an_initiated_or_held_event_and_others_left_out(verb: str) -> None:
    text = (
        f"Форум {verb} Советом Федерации, Библиотечной ассамблеей Евразии, Лесной "
        "областной библиотекой и др. В работе приняли участие 50 делегаций.\n"
    )
    assert extract_event(context(text)).organizers == [
        "Совет Федерации",
        "Библиотечная ассамблея Евразии",
        "Лесная областная библиотека",
    ]


def test_organizers_with_lower_case_bodies_and_a_closing_dash() -> None:
    text = (
        "Как сообщили организаторы – областная научная библиотека и Союз библиотекарей – "
        "конференция собрала гостей.\n"
    )
    assert extract_event(context(text)).organizers == [
        "Областная научная библиотека",
        "Союз библиотекарей",
    ]


def test_supporters_are_organizers_only_when_none_is_named() -> None:
    supported = "Семинар прошёл при участии и поддержке Министерства культуры края.\n"
    event = extract_event(context(supported))
    assert event.organizers == ["Министерство культуры края"]
    both = "Семинар организован Союзом библиотек при поддержке Министерства культуры края.\n"
    assert extract_event(context(both)).organizers == ["Союз библиотек"]


def test_the_body_whose_event_it_is() -> None:
    text = "Состоялся выездной семинар Курской областной юношеской библиотеки «Молодёжь».\n"
    assert extract_event(context(text)).organizers == ["Курская областная юношеская библиотека"]


# --------------------------------------------------------------------------- recommendations


def recommendations(text: str) -> list[tuple]:
    from resarchive.extract.recommendations import extract_recommendations

    return [(r.addressee, r.text) for r in extract_recommendations(context(text))]


def test_paragraph_items_under_addressee_headings_with_gerund_and_purpose_openings() -> None:
    text = (
        "Участники совещания рекомендуют:\n\n"
        "Органам местного самоуправления:\n"
        "Учитывая роль сельских библиотек, оказывать им поддержку.\n"
        "В целях сохранения сети не допускать закрытия библиотек.\n\n"
        "Библиотекам района:\n"
        "При планировании работы учитывать интересы подростков.\n\n"
        "Совещание завершилось экскурсией.\n"
    )
    assert recommendations(text) == [
        (
            "Органы местного самоуправления",
            "Учитывая роль сельских библиотек, оказывать им поддержку.",
        ),
        (
            "Органы местного самоуправления",
            "В целях сохранения сети не допускать закрытия библиотек.",
        ),
        ("Библиотеки района", "При планировании работы учитывать интересы подростков."),
    ]


def test_operative_prose_without_a_list() -> None:
    text = (
        "Участники обсудили работу сельских библиотек. Необходимо расширить доступ к "
        "электронным ресурсам. Важно отметить, что работа ведётся. Библиотекам следует "
        "активнее работать с молодёжью. В каждой библиотеке должны быть созданы условия "
        "для читателей с инвалидностью. Нужны новые формы работы с семьёй. Необходимые "
        "книги выданы.\n"
    )
    assert recommendations(text) == [
        (None, "Необходимо расширить доступ к электронным ресурсам."),
        ("Библиотеки", "Библиотекам следует активнее работать с молодёжью."),
        (None, "В каждой библиотеке должны быть созданы условия для читателей с инвалидностью."),
        (None, "Нужны новые формы работы с семьёй."),
    ]


def test_narrated_decisions_and_the_infinitives_that_follow_a_modal_sentence() -> None:
    text = (
        "Было принято решение провести праздник с читателями.\n"
        "Нужно продолжать работу с семьями. Поддерживать коллег. Семинар завершился.\n"
    )
    assert [t for _, t in recommendations(text)] == [
        "Было принято решение провести праздник с читателями.",
        "Нужно продолжать работу с семьями.",
        "Поддерживать коллег.",
    ]


def test_numbers_glued_to_their_items() -> None:
    text = "РЕШЕНИЕ\n1.Одобрить план работы на год.\n2.Внести изменения в положение.\n"
    assert [t for _, t in recommendations(text)] == [
        "Одобрить план работы на год.",
        "Внести изменения в положение.",
    ]


# --------------------------------------------------------------------------- event


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (
            "В библиотеке прошёл семинар. В дистанционном формате присоединились 20 районов.\n",
            "hybrid",
        ),
        ("Онлайн-совещание по вопросам комплектования прошло 3 мая 2021 г.\n", "online"),
        (
            "Семинар прошёл в библиотеке. Кто не смог лично присутствовать, выступил онлайн.\n",
            "hybrid",
        ),
    ],
)
def test_format_from_report_wording(text: str, fmt: str) -> None:
    assert extract_event(context(text)).format == fmt


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("«Книжная радуга» - так назывался семинар библиотекарей района.\n", "Книжная радуга"),
        ("Встреча прошла в библиотеке и носила название «Итоги года».\n", "Итоги года"),
        (
            "5 мая 2021 года прошел Съезд сельских библиотекарей Северного округа.\n",
            "Съезд сельских библиотекарей Северного округа",
        ),
        (
            "30 мая 2021 года в Москве прошла Третья «Читательская встреча друзей».\n",
            "Читательская встреча друзей",
        ),
        (
            "Состоялся семинар-практикум Курской областной юношеской библиотеки "
            "«Молодёжь и книга».\n",
            "Молодёжь и книга",
        ),
        ("6 мая прошло заседание «круглого стола» по теме «Чтение в семье».\n", "Чтение в семье"),
        (
            "В библиотеке состоялся III съезд библиотекарей Лесного края, посвящённый Дню "
            "библиотек.\n",
            "III съезд библиотекарей Лесного края",
        ),
        (
            "Прошёл семинар – практикум «Итоги года в МБУК «Лесная ЦБС»\nОткрыла семинар "
            "директор.\n",
            "Итоги года в МБУК «Лесная ЦБС»",
        ),
        (
            "II Районные краеведческие чтения пройдут в селе Лесном 18 октября.\n",
            "II Районные краеведческие чтения",
        ),
        (
            "Гости выступили на 7-м форуме сельских библиотек Урала.\n",
            "Форум сельских библиотек Урала",
        ),
    ],
)
def test_event_names_in_report_phrasing(text: str, name: str) -> None:
    assert extract_event(context(text)).name == name


def test_a_decision_of_a_council_is_a_meeting() -> None:
    text = "РЕШЕНИЕ\nметодического совета\n21 сентября 2017 г., г. Смоленск\n"
    event = extract_event(context(text))
    assert (event.type, str(event.start), event.place) == ("meeting", "2017-09-21", "Смоленск")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("В Центральной модельной библиотеке Петровска проходит областной семинар.\n", "Петровск"),
        (
            "В честь юбилея в городе Каменске-Уральском состоялась конференция.\n",
            "Каменск-Уральский",
        ),
        ("15 мая в Москве пройдёт конференция «Чтения».\n", "Москва"),
        ("Семинар прошёл 5 мая 2021 г. в библиотеке им. А. М. Горького города Шахты.\n", "Шахты"),
    ],
)
def test_event_place_in_report_phrasing(text: str, place: str) -> None:
    assert extract_event(context(text)).place == place


def test_no_city_from_a_region_or_an_organizations_words() -> None:
    text = "Совещание прошло 5 мая 2021 г. в Ростовской области. Гость из г. Нижний Новгород.\n"
    event = extract_event(context(text))
    assert event.place is None


# --------------------------------------------------------------------------- legal acts


@pytest.mark.parametrize(
    ("text", "adopted"),
    [
        (
            "Постановление администрации Лесного района\nот 3 марта 2015 г. N 12-а\n"
            '"О районном конкурсе "Читатель года"\nВ целях поддержки чтения администрация '
            "постановляет:\n1. Проводить конкурс ежегодно.\n",
            "2015-03-03",
        ),
        ("Решение от 14.11.2011 г № 7\n\nОб утверждении Положения о библиотеках\n", "2011-11-14"),
    ],
)
def test_a_legal_acts_heading_line_gives_its_kind_and_date(text: str, adopted: str) -> None:
    from resarchive.extract.document import extract_document

    doc = extract_document(context(text))
    assert (doc.kind, str(doc.adopted_on)) == ("decision", adopted)


def test_an_order_run_into_one_paragraph_with_a_letter_spaced_verb() -> None:
    from resarchive.extract.document import extract_document

    text = (
        "МИНИСТЕРСТВО КУЛЬТУРЫ ЛЕСНОЙ ОБЛАСТИ ПРИКАЗ 3 марта 2024 г. № 12-ОД г. Лесной О "
        "конкурсе В целях поддержки чтения п р и к а з ы в а ю: 1. Провести областной "
        "конкурс «Книга года» (далее – Конкурс). 2. Утвердить Положение о Конкурсе. "
        "3. Контроль за исполнением приказа оставляю за собой.\n"
    )
    ctx = context(text)
    doc = extract_document(ctx)
    assert (doc.kind, str(doc.adopted_on)) == ("decision", "2024-03-03")
    assert "приказываю:" in ctx.text
    assert [t for _, t in recommendations(text)][:2] == [
        "Провести областной конкурс «Книга года» (далее – Конкурс).",
        "Утвердить Положение о Конкурсе.",
    ]


def test_an_acts_operative_verb_run_into_its_paragraph() -> None:
    # r5_14 (Шумерля, 2006): letter-spaced "Р Е Ш И Л О:" inside the preamble's paragraph
    text = (
        "В целях увековечения памяти выдающихся людей Собрание депутатов города Лесного "
        "Р Е Ш И Л О: Поддержать инициативу работников библиотеки и ходатайствовать перед "
        "Кабинетом Министров о присвоении библиотеке имени поэта.\n"
    )
    ctx = context(text)
    assert "\nРЕШИЛО:\nПоддержать" in ctx.text
    assert [t[:22] for _, t in recommendations(text)] == ["Поддержать инициативу "]


@pytest.mark.parametrize(
    ("text", "adopted"),
    [
        # r7_10 (Пенза, 2001): the act's number line under its word
        ("Постановление Главы администрации г. Пензы\nот 16 февраля 2001 г. N 321\n", "2001-02-16"),
        # r7_12 (Орёл, 2011)
        ("РЕШЕНИЕ\n\n№ 3/0014 - ГС от 28 апреля 2011 года\n(принято на заседании)\n", "2011-04-28"),
    ],
)
def test_an_acts_number_line_dates_it(text: str, adopted: str) -> None:
    from resarchive.extract.dates import find_adoption_date

    found = find_adoption_date(text)
    assert found is not None and str(found.first) == adopted


def test_an_order_item_with_its_object_before_the_infinitive() -> None:
    text = (
        "Распоряжение от 6.02.2004 г № 21-РП\n"
        "1.Министерству культуры края выступить учредителем учреждения.\n"
        "2.Финансирование государственного учреждения «Централизованная библиотечная система "
        "района» осуществлять за счет средств бюджета края.\n"
    )
    assert [t[:20] for _, t in recommendations(text)] == [
        "Министерству культур",
        "Финансирование госуд",
    ]


def test_a_past_headline_over_a_lead_that_reports_an_event_is_a_report() -> None:
    from resarchive.extract.document import extract_document

    # r7_02 (Рязань, 2022)
    text = (
        "Школьные библиотекари подвели итоги прошедшего учебного года\n\n"
        "Централизованная система детских библиотек провела семинар-совещание для школьных "
        "библиотекарей. На семинаре выступили методисты.\n"
    )
    assert extract_document(context(text)).kind == "other"


def test_a_lead_sentence_of_what_is_coming_is_an_announcement() -> None:
    from resarchive.extract.document import extract_document

    text = (
        "II Районные краеведческие чтения пройдут в селе Лесном 18 октября. В чтениях примут "
        "участие библиотекари района.\n"
    )
    assert extract_document(context(text)).kind == "announcement"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "30 мая в Москве прошла Вторая «Читательская Ассамблея Севера». Гости выступили.\n",
            "other",
        ),
        ("С консультацией «Выставка» выступила заведующая отделом И. И. Фомина.\n", "other"),
        (
            "БИБ: бюллетень. № 3\n\nМИНИСТЕРСТВО КУЛЬТУРЫ ЛЕСНОЙ ОБЛАСТИ ПРИКАЗ 3 марта 2024 г. "
            "№ 12 О конкурсе В целях поддержки чтения приказываю: 1. Провести конкурс. "
            "2. Утвердить Положение.\n",
            "decision",
        ),
    ],
)
def test_a_lead_sentence_in_the_past_is_a_report_and_an_order_is_a_decision(text, kind) -> None:
    from resarchive.extract.document import extract_document

    assert extract_document(context(text)).kind == kind


# ----------------------------------------------------- passive agents (corpus r8)


def test_the_instrumental_agent_of_a_passive_told_is_a_speaker() -> None:
    found = speakers(
        "Вопросы краеведения были затронуты заведующей сектором истории МКУК «РБС» "
        "Синицыной Т.Т. Далее библиографом Л.Д. Ореховой была глубоко раскрыта тема "
        "семейного чтения.\n"
    )
    assert set(found) == {"Синицына Т. Т.", "Орехова Л. Д."}
    assert found["Синицына Т. Т."][2] == "вопросы краеведения"  # the auxiliary is no talk


def test_a_nominative_in_a_passive_clause_with_no_talk_is_no_speaker() -> None:
    text = (
        "Дипломом 3-й степени отмечены работы Липовской (заведующая Р.Л. Шубина) и "
        "Дубровской (заведующая Ф.Ф. Карпенко) библиотек-филиалов.\n"
    )
    assert speakers(text) == {}
    # ... but the authors named after the titles of a passive list of talks are speakers
    listed = speakers(
        "Было представлено 9 докладов, наиболее интересными из которых были: «Село и "
        "книга» (Т.К. Луговая, г. Орёл), «Чтение в деревне» (А.А. Петрищев, г. Тула).\n"
    )
    assert {"Луговая Т. К.", "Петрищев А. А."} <= set(listed)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the tagger reads the position after a verb as an inanimate accusative
        ("Итоги конкурса объявила методист Н.В. Кравцова, она провела консультацию.\n",
         "Кравцова Н. В."),
        ("Семинар открыл начальник отдела культуры и развития языков Пахомова С.В. "
         "Она рассказала о планах.\n", "Пахомова С. В."),
    ],
)  # fmt: skip
def test_a_position_word_gives_the_case_of_the_name_after_it(text: str, name: str) -> None:
    assert name in people(text)


@pytest.mark.parametrize(
    "text",
    [
        "17 марта прошёл семинар. Информацию о конкурсе «Люблю твою, Россия, старину», "
        "приуроченном к Году наследия, объявила методист Н.В. Кравцова, так же она провела "
        "консультацию по теме «Проекты».\n",
        "Открылся клуб «Луч». Гостей поприветствовала заведующая библиотекой Н.Ю. Сомова, "
        "а З.Г. Петрова провела экскурсию по абонементу.\n",
    ],
)
def test_a_person_who_conducted_something_names_no_organizer(text: str) -> None:
    assert extract_event(context(text)).organizers == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "В Казани пройдет Всероссийский библиотечный конгресс\n\nОжидается, что в "
            "обсуждении примут участие около 900 работников библиотек.\n",
            "Всероссийский библиотечный конгресс",
        ),
        (
            "В Ключевской библиотеке прошло очередное заседание клуба любителей поэзии "
            "«Родник». Встреча началась с выступления Анны Лапиной.\n",
            "Заседание клуба любителей поэзии «Родник»",
        ),
    ],
)
def test_the_event_name_without_news_words_and_of_a_named_club(text: str, name: str) -> None:
    assert extract_event(context(text)).name == name


def test_the_venue_from_a_headlines_news_words() -> None:
    text = "В Казани пройдет Всероссийский библиотечный конгресс\n\nОжидается 900 участников.\n"
    assert extract_event(context(text)).place == "Казань"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a page's posting date glued to the lead's date
        ("Состоялось заседание Совета по библиотечной деятельности\n11 декабря 20229 декабря "
         "2022 года в конференц-зале состоялось заседание Совета.\n", "2022-12-09"),
        # a posting date on the line under the headline
        ("В Москве прошло заседание Совета Центра «ЛИБНЕТ»\n31.05.2011\n17 мая 2011 года в "
         "Москве состоялось заседание Совета Центра «ЛИБНЕТ».\n", "2011-05-17"),
    ],
)  # fmt: skip
def test_a_date_stamp_right_before_the_leads_date_is_not_the_events(text: str, day: str) -> None:
    assert str(extract_event(context(text)).start) == day


# ------------------------------------------------------------ speakers (corpus r9)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("С приветственным словом обратился начальник отдела музеев Министерства культуры "
         "Лесной области Роман Ясенев. В своем выступлении он обозначил приоритетные "
         "направления культурной политики области.\n", "Ясенев Роман"),
        ("Участники искали ответ на вопрос о плане.\nЗаведующая инновационно-методическим "
         "отделом Ю.А. Малинова сделала обзор ведущих тем года.\n", "Малинова Ю. А."),
        ("От ЦБС приняла участие заведующая детской библиотекой Котова О.А. Ольга Анатольевна "
         "смогла поделиться своим опытом, раскрыв вопрос «Детская библиотека сегодня».\n",
         "Котова Ольга Анатольевна"),
        ("Вопросы обсудили библиотекари при участии спикера семинара – ведущего методиста "
         "информационно-методического отдела Н.В. Мазуриной.\n", "Мазурина Н. В."),
        ("Дополнил рассказ О.Е. Селиной местный краевед И.Д. Мухин, представивший несколько "
         "книг из своей библиотеки.\n", "Мухин И. Д."),
    ],
)  # fmt: skip
def test_speakers_in_the_prose_of_r9(text: str, name: str) -> None:
    assert name in speakers(text)


def test_a_list_of_supporters_ends_at_a_verb() -> None:
    from resarchive.extract.organizers import _split_orgs

    assert _split_orgs(
        "Библиотечной Ассоциации Лесной области, рассказала о реализации проекта «Культура»"
    ) == ["Библиотечной Ассоциации Лесной области"]


def test_a_title_line_then_so_was_named_the_seminar() -> None:
    text = (
        "«Услуги библиотек нового поколения»\n\nIMG 3568\n\nТак назывался семинар "
        "библиотечных работников района, который прошел 21 июня.\n"
    )
    assert extract_event(context(text)).name == "Услуги библиотек нового поколения"


def test_a_meetings_title_after_its_peoples_own_complement() -> None:
    text = (
        "В областной библиотеке состоялось совещание директоров государственных и "
        "муниципальных библиотек «О деятельности библиотек области в 2023 году».\n"
    )
    assert extract_event(context(text)).name == "О деятельности библиотек области в 2023 году"


def test_one_documents_organizers_never_reach_the_next() -> None:
    first = "Конференцию организовали Лесная областная библиотека и Лесной университет.\n"
    second = "Семинар прошел 3 мая. Его провела Ключевская районная библиотека.\n"
    assert extract_event(context(first)).organizers
    assert extract_event(context(second)).organizers == ["Ключевская районная библиотека"]


def test_a_sentence_ends_after_initials_and_a_wish_gives_no_talk() -> None:
    # r12: «… Грибова С.С. Были заслушаны доклады» (the splitter took the initial's dot for
    # an abbreviation's) and «…, пожелав всем участникам ярких выступлений».
    text = (
        "Семинар открыла директор ЦБС Орехова Н. Н. Затем выступила методист "
        "Петрова А. А. с докладом «Новое в работе».\n"
        "Конференцию открыла глава района Анна Петровна Сидорова, пожелав участникам "
        "интересных докладов и плодотворной работы.\n"
        "Заведующая сектором Зуева Л. В. пожелала всем успехов и выступила с докладом "
        "«Итоги года».\n"
    )
    assert speakers(text) == {
        "Петрова А. А.": ("методист", None, "Новое в работе"),
        "Зуева Л. В.": ("Заведующая сектором", None, "Итоги года"),
    }


def test_authors_in_brackets_after_the_topics_that_sounded() -> None:
    # r8: «звучали инновационные предложения …: создание виртуальных выставок (Калабина
    # М.В., библиотекарь … и Радионова О.В., заведующая ГДБ №3)»; r11: «прозвучало новое
    # имя – Жуков Константин Степанович» names no speaker.
    text = (
        "Далее звучали предложения: создание буктрейлеров (Котова А. В., библиотекарь и "
        "Лунева О. В., методист), новые формы работы (Сомова Е. Е., заведующая).\n"
        "На конференции прозвучало новое имя – Жуков Константин Степанович.\n"
    )
    assert sorted(speakers(text)) == ["Котова А. В.", "Лунева О. В.", "Сомова Е. Е."]


@pytest.mark.parametrize("participle", ["организованное", "проведённое", "инициированное"])
def test_organizers_after_the_full_participle(participle: str) -> None:
    # r12: «… совещание … «…» (виртуальный режим), организованное ГБУК «Оренбургская …
    # библиотека им. Н. К. Крупской»».
    text = (
        "18 апреля 2016 г. состоялось областное совещание «Библиотеки сегодня» (онлайн), "
        f"{participle} ГБУК «Тверская областная библиотека им. А. М. Горького».\n"
    )
    assert extract_event(context(text)).organizers == [
        "Тверская областная библиотека им. А. М. Горького"
    ]
