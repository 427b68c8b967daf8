"""Organizations: quoted names, legal forms, abbreviations, merging, what is not one."""

from resarchive.extract.organizations import extract_organizations

from .helpers import context

ctx = context


def names(text: str) -> list[str]:
    return [o.name for o in extract_organizations(ctx(text))]


def test_legal_form_is_split_and_quotes_extended():
    text = "Семинар провело МБУК «Тисульская районная библиотека им. Н. А. Островского».\n"
    orgs = extract_organizations(ctx(text))
    assert len(orgs) == 1
    assert orgs[0].name == "Тисульская районная библиотека им. Н. А. Островского"
    assert orgs[0].legal_form == "МБУК"
    start, end = orgs[0].span
    assert text[start:end] == "МБУК «Тисульская районная библиотека им. Н. А. Островского»"


def test_spelled_out_legal_form():
    text = (
        "Муниципальное казенное учреждение культуры «Ольховская библиотечная система» "
        "приглашает коллег.\n"
    )
    orgs = extract_organizations(ctx(text))
    assert [o.name for o in orgs] == ["Ольховская библиотечная система"]
    assert orgs[0].legal_form == "Муниципальное казенное учреждение культуры"


def test_defined_abbreviation_is_short_and_merges():
    text = (
        "Члены Ассоциации школьных библиотекарей (АШБ) собрались в Омске. "
        "Совет АШБ поддержал предложение. Участники вступили в АШБ.\n"
    )
    orgs = extract_organizations(ctx(text))
    assert orgs[0].name == "Ассоциация школьных библиотекарей"
    assert orgs[0].short == "АШБ"
    assert [o.name for o in orgs].count("Ассоциация школьных библиотекарей") == 1
    assert "Совет АШБ" in [o.name for o in orgs]


def test_oblique_mentions_merge_into_one_nominative_entry():
    text = (
        "Сотрудники Новгородской областной научной библиотеки им. Ф. М. Достоевского "
        "провели семинар. Новгородская областная научная библиотека им. Ф. М. Достоевского "
        "издаст сборник.\n"
    )
    assert names(text) == ["Новгородская областная научная библиотека им. Ф. М. Достоевского"]


def test_national_abbreviation_from_gazetteer():
    text = "Предложения направить в РНБ до конца года.\n"
    orgs = extract_organizations(ctx(text))
    assert [(o.name, o.short) for o in orgs] == [("Российская национальная библиотека", "РНБ")]


def test_generic_words_and_titles_are_not_organizations():
    text = (
        "Муниципальным ЦБС подготовить отчеты. Материалы опубликовать в журнале "
        "«Библиотечное дело Прикамья» и на портале «Культура Урала». "
        "Заседание Клуба провести в мае. Страница библиотеки ВКонтакте обновлена.\n"
    )
    assert names(text) == []


def test_generic_abbreviation_with_a_place_is_an_organization():
    text = "Опытом поделились коллеги из ЦБС г. Осинники и Тайгинской ЦБС.\n"
    got = names(text)
    assert "ЦБС г. Осинники" in got
    assert "Тайгинская ЦБС" in got


def test_legal_forms_are_one_list_in_the_gazetteer() -> None:
    from resarchive.rules.gazetteer import is_legal_form, legal_forms

    assert legal_forms()["МБОУ"].startswith("Муниципальное бюджетное")
    assert all(map(is_legal_form, ["МБУК", "КГБУ", "ГБОУ", "ОГБУК"]))
    assert is_legal_form("ОБУК")  # unlisted, but of the shape
    assert not any(map(is_legal_form, ["ЦБС", "РБА", "У", "ИБЦ"]))


def test_adjectives_sharing_one_plural_head_are_one_organization_each():
    text = "Опытом поделились Лесной модельной, Озёрской и Речной сельских библиотек.\n"
    assert names(text) == [
        "Лесная модельная сельская библиотека",
        "Озёрская сельская библиотека",
        "Речная сельская библиотека",
    ]


def test_lower_case_administration_with_its_region():
    text = "Учитывая изложенное, администрация Лесного района Тверской области постановляет:\n"
    assert names(text) == ["администрация Лесного района Тверской области"]


def test_an_action_noun_is_no_organization():
    text = "2. Организацию исполнения настоящего решения поручить заместителю главы.\n"
    assert names(text) == []


def test_a_name_cut_by_the_excerpts_end_merges_into_its_full_mention():
    text = (
        "Поручить администрации Лесного района Тверской области провести конкурс. "
        + "Контроль за исполнением настоящего постановления возложить на начальника отдела "
        + "администрации Лесного рай"
    )
    assert names(text) == ["администрация Лесного района Тверской области"]


def test_lower_case_names_of_institutions_with_an_eponym_or_a_town():
    text = (
        "Семинар прошёл в центральной городской библиотеке имени А. П. Чехова города Лесного. "
        "Выступили директор централизованной библиотечной системы города Озёрска и "
        "заведующая детской библиотекой имени И. А. Крылова. Организатор семинара – "
        "районная библиотека им. А.С.Пушкина.\n"
    )
    assert names(text) == [
        "центральная городская библиотека имени А. П. Чехова города Лесного",
        "централизованная библиотечная система города Озёрска",
        "детская библиотека имени И. А. Крылова",
        "районная библиотека им. А.С.Пушкина",
    ]


def test_lower_case_kinds_descriptions_and_versions_are_no_names():
    text = (
        "В сельской библиотеке прошёл праздник. Это первая общедоступная городская библиотека "
        "Лесного. Принята новая редакция Модельного стандарта. Сотрудники библиотек "
        "Лесной области собрались.\n"
    )
    assert names(text) == []


def test_an_event_named_like_a_body_is_the_event_not_an_organization():
    import hashlib

    from resarchive.extract import extract_record
    from resarchive.record.models import Source

    text = (
        "30 мая 2023 года в Москве прошла Третья «Читательская Ассамблея Севера». "
        "Мероприятия Ассамблеи провела Библиотечная Ассамблея Евразии.\n"
    )
    sha = hashlib.sha256(text.encode()).hexdigest()
    record = extract_record(text, Source(file="x.txt", sha256=sha, encoding="utf-8"))
    assert record.event.name == "Читательская Ассамблея Севера"
    assert [o.name for o in record.organizations] == ["Библиотечная Ассамблея Евразии"]


def test_a_talks_title_in_quotes_is_no_part_of_the_name_before_it():
    # r10: the quoted title of a talk right after the speaker's organization.
    text = (
        "Семинар начался с информации Кобец О.А., директора МЦБС «Концепция развития и "
        "стратегические задачи библиотечного дела в России. Библиотека в цифровой среде». "
        "Работу представил ИБЦ «Доступный город».\n"
    )
    names = [o.name for o in extract_organizations(context(text))]
    assert not any("Концепция" in n for n in names), names
    assert "ИБЦ «Доступный город»" in names or "Доступный город" in names, names


def test_a_unit_running_into_its_parent_bodys_name_is_cut_before_it():
    # r10: the department's genitive tail ran into the agency's name and swallowed it.
    text = (
        "В церемонии приняли участие начальник управления молодежных гражданских и "
        "социальных программ Федерального агентства по делам молодежи Игорь Раевич и "
        "директор библиотеки Наталья Гришина.\n"
    )
    got = names(text)
    assert "Федеральное агентство по делам молодежи" in got, got
    assert not any(n.endswith("Федерального") for n in got), got


def test_a_hyphenated_kind_before_a_quoted_name():
    # r10: «музей-заповедника «Иднакар»» in a list of participants.
    got = names("Приняли участие работники городского музея, музей-заповедника «Иднакар».\n")
    assert "Музей-заповедник «Иднакар»" in got, got


def test_a_name_ends_where_a_persons_name_begins():
    # tests/real: the library's name ran on over the head's name after it.
    text = (
        "Свое выступление о формах продвижения книги и чтения представила заведующая "
        "Детской библиотекой Мымрина Елена Николаевна. Директор Литературного музея "
        "Степана Щипачёва Ксения Крутакова выступила с докладом.\n"
    )
    got = names(text)
    assert not any("Мымрин" in n for n in got), got
    assert "Литературный музей Степана Щипачёва" in got, got


def test_a_quoted_title_with_a_year_is_no_name():
    got = names("Доклад директора МЦБС «Итоги работы библиотек в 2020 году и планы на 2021 год».\n")
    assert not any("Итоги" in n for n in got), got


def test_a_function_word_opening_the_next_sentence_is_no_part_of_a_name():
    # r10: a site's footer run into one line by cleaning: «… ООО "Март-ТС" При цитировании».
    got = names('хостинг - ООО "Март-ТС"\nПри цитировании ссылка на ресурс обязательна.\n')
    assert got == ["Март-ТС"], got


def test_territorial_bodies_rooms_and_numbered_schools():
    # r12: «Управление Роскомнадзора по Оренбургской области» (the region it serves, in the
    # dative after «по»); «В Большом зале Администрации …» (a room, natasha's ORG);
    # «учащиеся 10-х классов МСОШ №1» (an abbreviation pymorphy guesses a surname for).
    text = (
        "Участвовали представители Управления Росреестра по Тамбовской области и "
        "Отделения Социального фонда по Республике Коми. "
        "В Большом зале Администрации Кожевниковского района прошло заседание. "
        "Выступили ученики ТСОШ №2."
    )
    assert names(text) == [
        "Управление Росреестра по Тамбовской области",
        "Отделение Социального фонда по Республике Коми",
        "Администрация Кожевниковского района",
        "ТСОШ №2",
    ]


def test_a_section_in_lower_case_before_its_quoted_name():
    # r12, a15: «Организаторы семинара – секция «Краеведение в современных библиотеках» РБА».
    text = "Организатор чтений – секция «Детское чтение» РБА, при поддержке РГДБ."
    assert "Секция «Детское чтение» РБА" in names(text)


def test_what_a_body_is_to_do_is_no_part_of_its_name():
    # r11: «Администрации района для реализации Программы предусмотреть …»; whom an
    # institution serves stays («… для детей и юношества»).
    text = (
        "Администрации района для реализации Программы предусмотреть средства. "
        "Областная библиотека для детей и юношества провела конкурс."
    )
    assert names(text) == ["Администрация района", "Областная библиотека для детей и юношества"]


def test_a_body_keeps_the_region_natasha_read_apart_and_a_charter_is_no_body():
    # r5: «Кабинет Министров Чувашской Республики»; r1: «Законодательное Собрание Ростовской
    # области»; r3: «Устав Тоцкого района» (read first as a gerund) is a document.
    text = (
        "Направить ходатайство в Кабинет Министров Республики Мордовия. "
        "Законодательное Собрание Вологодской области приняло закон. "
        "Утвердить Устав Тоцкого района."
    )
    assert names(text) == [
        "Кабинет Министров Республики Мордовия",
        "Законодательное Собрание Вологодской области",
    ]


def test_a_kind_capitalized_inside_a_sentence_names_one_institution():
    # r8, r9, r10, r11: «прошел в Центральной районной библиотеке» is that library; not
    # «Центральная библиотека» opening a sentence, nor «Модельной библиотеки МБУК ЦБС г.
    # Чита», a unit of the organization named after it.
    assert names("Семинар прошел в Центральной районной библиотеке 3 мая.") == [
        "Центральная районная библиотека"
    ]
    assert names("Центральная библиотека открыта для всех.") == []
    text = "Выступила библиотекарь Модельной библиотеки МБУК ЦБС г. Чита."
    assert "Модельная библиотека" not in names(text)


def test_a_sites_breadcrumbs_are_no_organization():
    # r13_02, r2_02: a page's navigation natasha reads as one organization
    text = (
        "Тверь Онлайн / Все новости Твери / Культура /\n\n"
        "РОССИЙСКАЯ БИБЛИОТЕЧНАЯ АССОЦИАЦИЯ Главная / Новости /\n\n"
        "Правление Российской библиотечной ассоциации приняло заявление.\n"
    )
    got = names(text)
    assert not any("/" in n for n in got)
    assert "Российская библиотечная ассоциация" in got


def test_a_sites_archive_page_is_no_archive():
    # r13_04, r13_13: «Архив новостей», «Архив конференций, семинаров, круглых столов»
    text = (
        "Архив новостей\n\nАрхив конференций, семинаров, круглых столов\n\n"
        "Документы передали в Государственный архив Орловской области.\n"
    )
    assert names(text) == ["Государственный архив Орловской области"]


def test_a_body_under_its_abbreviation_or_its_countrys_other_name_is_one_body():
    # r13_10, r13_11, r2_05: «Минкультуры России» = «Министерство культуры РФ»
    text = (
        "Приказ Министерства культуры Российской Федерации утвердил порядок. "
        "Минкультуры России направило разъяснения. Министерство культуры РФ ответило.\n\n"
        "Делегацию принимала Национальная библиотека Беларуси. Национальная библиотека "
        "Белоруссии подарила книги.\n"
    )
    assert names(text) == [
        "Министерство культуры Российской Федерации",
        "Национальная библиотека Беларуси",
    ]


def test_a_unit_of_an_institution_named_in_the_genitive_is_one_name_and_the_owner_stays():
    # r1_09, r9_09: natasha reads «Научная библиотека» and its university apart
    text = (
        "Организаторами выступили Омская областная библиотека для детей и юношества и "
        "Научная библиотека Омского государственного университета путей сообщения.\n"
    )
    assert names(text) == [
        "Омская областная библиотека для детей и юношества",
        "Научная библиотека Омского государственного университета путей сообщения",
        "Омский государственный университет путей сообщения",
    ]
