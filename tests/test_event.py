"""Document and event fields from short resolution-like snippets."""

from __future__ import annotations

from datetime import date

import pytest

from resarchive.extract.document import extract_document
from resarchive.extract.event import extract_event
from resarchive.rules.legal_forms import strip_legal_form

from .helpers import context


@pytest.fixture(scope="module")
def make():
    return context


RESOLUTION = """**РЕЗОЛЮЦИЯ**

областной научно-практической конференции
«Чтение в цифровую эпоху: вызовы и решения»

Вологда, 17 – 18 мая 2016 г.

17 – 18 мая 2016 года в Вологде состоялась областная научно-практическая конференция
«Чтение в цифровую эпоху: вызовы и решения». Конференция организована Департаментом
культуры Вологодской области совместно с Вологодской областной универсальной научной
библиотекой. Конференция прошла в очно-заочном формате. Общее количество участников – 212
специалистов (80 - офлайн, 132 - онлайн).

Участники конференции рекомендуют:

1. Библиотекам области развивать сетевые проекты.

Принята 18 мая 2016 г.
"""


def test_resolution_document(make) -> None:
    ctx = make(RESOLUTION)
    doc = extract_document(ctx)
    assert doc.kind == "resolution"
    assert doc.title.startswith("Резолюция областной научно-практической конференции «Чтение")
    assert doc.adopted_on == date(2016, 5, 18)


def test_resolution_event(make) -> None:
    ctx = make(RESOLUTION)
    event = extract_event(ctx)
    assert event.type == "conference"
    assert event.name == "Чтение в цифровую эпоху: вызовы и решения"
    assert (event.start, event.end) == (date(2016, 5, 17), date(2016, 5, 18))
    assert event.place == "Вологда"
    assert event.format == "hybrid"
    assert event.participants.total == 212
    assert (event.participants.offline, event.participants.online) == (80, 132)
    assert event.organizers == [
        "Департамент культуры Вологодской области",
        "Вологодская областная универсальная научная библиотека",
    ]


def test_the_event_is_not_the_first_date_nor_the_framing_event(make) -> None:
    text = (
        "Секция молодых библиотекарей создана в ассоциации\n\n"
        "На заседании правления 2 июня 2017 г. было принято решение создать секцию. "
        "Первым её мероприятием стал круглый стол «Молодые в профессии», состоявшийся "
        "14 сентября 2017 г. в рамках Всероссийского библиотечного конгресса в Перми. "
        "Его участники обозначили следующие направления деятельности:\n\n"
        "• проведение стажировок;\n\n• создание наставничества.\n"
    )
    ctx = make(text)
    event = extract_event(ctx)
    assert event.type == "round_table"
    assert event.name == "Молодые в профессии"
    assert event.start == event.end == date(2017, 9, 14)
    assert event.place == "Пермь"
    assert extract_document(ctx).kind == "announcement"


def test_club_meeting_without_quoted_title(make) -> None:
    text = (
        "Ежегодное заседание\nСовета директоров библиотек Прикамья\n\n3-4 октября 2019 г.\n\n"
        "В рамках заседания Совета рассмотрен опыт работы. Участники заседания постановили:\n\n"
        "1. Продолжить обмен опытом.\n"
    )
    ctx = make(text)
    event = extract_event(ctx)
    assert event.type == "meeting"
    assert event.name == "Ежегодное заседание Совета директоров библиотек Прикамья"
    assert (event.start, event.end) == (date(2019, 10, 3), date(2019, 10, 4))
    assert event.place is None
    assert "event.place: not stated" in ctx.warnings
    assert extract_document(ctx).kind == "decision"


def test_unstated_fields_are_null_with_warnings(make) -> None:
    text = "Решение\n\nсеминара «Краеведение сегодня»\n\nУчастники семинара решили:\n\n1. Издать сборник.\n"  # noqa: E501
    ctx = make(text)
    event = extract_event(ctx)
    doc = extract_document(ctx)
    assert event.type == "seminar" and event.name == "Краеведение сегодня"
    assert event.start is None and event.format is None and event.participants.total is None
    assert doc.kind == "decision" and doc.adopted_on is None
    for field in ("event.start", "event.format", "event.participants", "document.adopted_on"):
        assert any(w.startswith(field) for w in ctx.warnings), field


@pytest.mark.parametrize(
    ("sentence", "fmt"),
    [
        ("Семинар прошёл в режиме он-лайн.", "online"),
        ("Встреча проведена дистанционно на платформе Zoom.", "online"),
        ("Конференция прошла в онлайн-формате.", "online"),
        ("Форум прошёл в смешанном формате.", "hybrid"),
        ("Участники собрались очно в читальном зале.", "offline"),
    ],
)
def test_format_wording(make, sentence: str, fmt: str) -> None:
    ctx = make(f"Семинар «Новые услуги»\n\n{sentence}\n")
    assert extract_event(ctx).format == fmt


def test_format_words_inside_talk_titles_do_not_count(make) -> None:
    text = "Семинар «Опыт»\n\nЗаслушаны выступления:\n- «Работа в режиме онлайн», докладчик Иванова Анна Петровна.\n"  # noqa: E501
    assert extract_event(make(text)).format is None


@pytest.mark.parametrize(
    ("sentence", "total"),
    [
        ("В работе семинара приняли участие 120 библиотекарей.", 120),
        ("Конференция собрала более 200 участников из 15 регионов.", 200),
        ("Число участников семинара – 65 человек.", 65),
        # r10: the count as the complement of "стали", and a tally sentence after the list
        ("Участниками совещания стали 168 специалистов из 59 регионов страны.", 168),
        ("В работе конференции приняли участие краеведы и учителя школ. Всего 107 человек.", 107),
        # r11: "присутствовало N директоров"; a tally after a dash
        ("На совещании присутствовало 42 директора (заместителя) библиотек области.", 42),
        ("В работе приняли участие гости из 14 регионов – всего около 290 человек.", 290),
        # tests/heldout: guests besides the specialists counted
        ("В конференции приняли участие 96 специалистов, а также гости из области.", 96),
    ],
)
def test_participant_counts(make, sentence: str, total: int) -> None:
    ctx = make(f"Семинар «Новые услуги»\n\n{sentence}\n")
    assert extract_event(ctx).participants.total == total


def test_a_count_of_one_group_is_no_total_of_people_words_it_lacks(make) -> None:
    # realbench a07: «руководители» is no word of a count of participants, so the section
    # heads counted there are not taken for all who came.
    text = (
        "Семинар «Новые услуги»\n\nНа заседании присутствовали 11 руководителей секций, "
        "первые руководители областных библиотек и гости.\n"
    )
    assert extract_event(make(text)).participants.total is None


def test_a_tally_without_participation_before_it_is_no_count(make) -> None:
    ctx = make("Семинар «Новые услуги»\n\nВыставку книг посмотрели многие. Всего 50 человек.\n")
    assert extract_event(ctx).participants.total is None


def test_unconference_and_organizer_verb(make) -> None:
    text = (
        "12 апреля 2018 года Центральная городская библиотека организовала неконференцию "
        "«Библиотечный блог» в Самаре.\n"
    )
    event = extract_event(make(text))
    assert event.type == "conference"
    assert event.organizers == ["Центральная городская библиотека"]
    assert event.place == "Самара"
    assert event.start == date(2018, 4, 12)


def test_legal_form_is_dropped_from_organizers() -> None:
    assert strip_legal_form("МБУК «Городская библиотека»") == "Городская библиотека"
    assert (
        strip_legal_form("Муниципальное бюджетное учреждение культуры «Сеть библиотек»")
        == "Сеть библиотек"
    )


def test_a_motto_in_quotes_is_not_the_events_name(make) -> None:
    # r10: «Девиз Форума — «…»» after the forum's own unquoted name.
    text = (
        "С 29 сентября по 3 октября 2013 г. в городе Рязани проходит V Форум молодых "
        "библиотекарей России. Девиз Форума — «Будущее в настоящем».\n"
    )
    assert extract_event(make(text)).name == "V Форум молодых библиотекарей России"


def test_a_field_of_work_after_the_people_a_meeting_gathers_is_in_its_name(make) -> None:
    # r10: the meeting's name runs on with its «по …» phrase.
    text = (
        "I Всероссийское совещание заместителей директоров библиотек по научной и "
        "методической работе проходит в Российской национальной библиотеке.\n"
    )
    assert extract_event(make(text)).name == (
        "I Всероссийское совещание заместителей директоров библиотек по научной и "
        "методической работе"
    )


def test_an_acts_heading_is_no_events_name(make) -> None:
    # r11: a regional council's decision; its heading names the body, not an event.
    text = (
        "Решение Совета народных депутатов Амурской области от 20.02.1997 № 1062\n"
        'О ЗАКОНЕ АМУРСКОЙ ОБЛАСТИ "О БИБЛИОТЕЧНОМ ДЕЛЕ"\n'
        "Совет народных депутатов решил:\n1. Принять закон.\n"
    )
    assert extract_event(make(text)).name is None


@pytest.mark.parametrize(
    ("stamp", "lead", "day"),
    [
        ("28 марта 2025", "27 марта в районной библиотеке состоялся семинар", "2025-03-27"),
        ("10 января 2025", "25 декабря в районной библиотеке прошел семинар", "2024-12-25"),
        ("28 марта 2025", "15 апреля в районной библиотеке состоится семинар", "2025-04-15"),
    ],
)
def test_a_lead_date_without_a_year_takes_the_posting_dates(make, stamp, lead, day) -> None:
    # r11: the page's posting date, then the lead's day and month with no year of its own.
    text = f"Семинар в районной библиотеке: обмен опытом\n{stamp}\n{lead} для библиотекарей.\n"
    assert extract_event(make(text)).start.isoformat() == day


@pytest.mark.parametrize(
    ("before", "day"), [("В пятницу, ", date(2022, 11, 25)), ("Вчера, ", date(2022, 11, 28))]
)
def test_a_lead_on_the_line_after_a_stamp_line_dates_the_event(make, before, day) -> None:
    # r13_03: a view counter after the stamp; a weekday, no other word, before the day
    text = (
        "Краеведческий семинар в районной библиотеке\n\n28.11.2022 | 371 просмотра(ов)\n\n"
        f"{before}25 ноября, в районной библиотеке состоялось мероприятие для коллег.\n"
    )
    assert extract_event(make(text)).start == day


def test_the_people_of_a_meeting_joined_by_and_do_not_hide_its_title(make) -> None:
    # r12: «совещание руководителей государственных и муниципальных библиотек
    # Оренбургской области «Общедоступные библиотеки – адаптация во времени»»: seven words
    # before the title, one of them «и»; a spaced dash inside the title cuts nothing.
    text = (
        "Совещание руководителей городских и сельских библиотек Кировского района "
        "«Библиотеки – точки роста»\n\n"
        "12 мая 2023 г. состоялось совещание руководителей городских и сельских библиотек "
        "Кировского района «Библиотеки - точки роста».\n"
    )
    assert extract_event(make(text)).name == "Библиотеки – точки роста"


def test_an_invitation_to_take_part_makes_an_announcement(make) -> None:
    # r12: «… библиотека проводит областную читательскую конференцию … К участию в
    # конференции приглашаются школьники 7-11 классов».
    text = (
        "15 апреля 2026 года Тверская областная детская библиотека им. А.С. Пушкина проводит "
        "конференцию «Книги о войне».\n"
        "К участию в конференции приглашаются школьники 5-9 классов.\n"
    )
    assert extract_document(make(text)).kind == "announcement"


def test_a_headline_event_is_dated_by_the_lead_that_tells_it_held(make) -> None:
    # r13_13: the heading names a meeting, the lead dates a round table within a seminar
    text = (
        "Встреча «Дружба без границ»\n\n"
        "6 октября 2016 г. в рамках Всероссийского семинара «Проблемы краеведения» "
        "состоялся круглый стол по обмену опытом. Участниками встречи стали "
        "библиотекари.\n"
    )
    event = extract_event(make(text))
    assert event.name == "Дружба без границ"
    assert (event.start, event.end) == (date(2016, 10, 6), date(2016, 10, 6))
    # the lead tells it held without a date: a later sentence's date is not the event's
    quiet = (
        "Встреча «Дружба без границ»\n\nВ библиотеке прошла встреча с читателями. "
        "Новые книги поступили в фонд 6 октября 2016 г.\n"
    )
    assert extract_event(make(quiet)).start is None


def test_a_sites_name_with_online_in_it_states_no_format(make) -> None:
    # r13_02: the news site «Тверь Онлайн» in the page's breadcrumbs
    text = (
        "Тверь Онлайн / Все новости Твери / Культура /\n\n"
        "В Зубцове прошел круглый стол, посвященный Дню библиотек.\n"
    )
    assert extract_event(make(text)).format is None
    online = "Тверь Онлайн / Новости\n\nВ Зубцове онлайн прошел круглый стол.\n"
    assert extract_event(make(online)).format == "online"


@pytest.mark.parametrize(
    ("headline", "kind"),
    [
        # r10_10, r8_12, r9_02: the news present says nothing of what is coming
        ("I Всероссийское совещание заместителей директоров проходит в РНБ", "other"),
        ("Библиотекам обещают помочь", "other"),
        ("Библиотеки развиваются в «цифре»", "other"),
        ("В Перми пройдет Всероссийский библиотечный конгресс", "announcement"),
        ("Библиотека приглашает на семинар", "announcement"),
    ],
)
def test_a_headline_in_the_present_leaves_the_kind_to_the_body(make, headline, kind) -> None:
    text = (
        f"{headline}\n\n18 февраля на базе центральной библиотеки собрались специалисты "
        "библиотек округа, чтобы обсудить работу с цифровыми сервисами.\n"
    )
    assert extract_document(make(text)).kind == kind


@pytest.mark.parametrize("word", ["Декрет", "Указ"])
def test_a_decree_is_a_decision(make, word) -> None:
    # r12_11: «Декрет Совета Народных Комиссаров от 26.11.1918 № 891»
    text = f"{word} Совета Народных Комиссаров от 26.11.1918 № 891\n\n1. Передать книги.\n"
    assert extract_document(make(text)).kind == "decision"
