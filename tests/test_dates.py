"""Date mentions in every written form, with clean-text offsets."""

from __future__ import annotations

from datetime import date

import pytest

from resarchive.extract.dates import find_adoption_date
from resarchive.rules.dates import find_dates
from resarchive.rules.place_lines import find_place_lines


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Семинар прошёл 3 марта 2019 года в Перми.", date(2019, 3, 3), date(2019, 3, 3)),
        ("Заседание от 14 февраля 2023 г.", date(2023, 2, 14), date(2023, 2, 14)),
        ("Дата: 05.04.2018", date(2018, 4, 5), date(2018, 4, 5)),
        ("Форум 11-12 сентября 2019 г. в Омске", date(2019, 9, 11), date(2019, 9, 12)),
        ("Конференция 17 – 19 апреля 2017 г.", date(2017, 4, 17), date(2017, 4, 19)),
        ("прошли с 3 по 5 ноября 2015 г.", date(2015, 11, 3), date(2015, 11, 5)),
        ("Школа 29 сентября – 1 октября 2021 г.", date(2021, 9, 29), date(2021, 10, 1)),
        ("с 28 февраля по 3 марта 2016 года", date(2016, 2, 28), date(2016, 3, 3)),
        ("Форум 30 декабря – 2 января 2020 г.", date(2019, 12, 30), date(2020, 1, 2)),
        ("Чтения 14 и 15 мая 2019 г.", date(2019, 5, 14), date(2019, 5, 15)),
        ("Сроки: 10.10.2020 – 12.10.2020", date(2020, 10, 10), date(2020, 10, 12)),
        ("Сроки: 6-7.06.2019", date(2019, 6, 6), date(2019, 6, 7)),
    ],
)
def test_single_dates_and_ranges(text: str, first: date, last: date) -> None:
    found = find_dates(text)
    assert len(found) == 1
    assert (found[0].first, found[0].last) == (first, last)


def test_offsets_cover_the_mention_as_written() -> None:
    text = "Конференция состоялась с 3 по 5 ноября 2015 г. в Перми."
    (d,) = find_dates(text)
    assert text[d.start : d.end] == "с 3 по 5 ноября 2015 г."
    assert d.is_range


def test_invalid_dates_are_skipped_not_raised() -> None:
    assert find_dates("Семинар 31 июня 2020 г. и 30 февраля 2021 г.") == []
    assert find_dates("Отчёт 31.13.2020") == []


def test_day_and_month_without_a_year_is_not_a_date() -> None:
    assert find_dates("встреча 5 мая в читальном зале") == []


def test_numbers_that_are_not_days() -> None:
    assert find_dates("филиал №7 мая 2020") == []


def test_place_line() -> None:
    text = "РЕЗОЛЮЦИЯ\nВологда, 17 – 18 мая 2016 г.\nУчастники конференции рекомендуют:"
    (line,) = find_place_lines(text)
    assert line.place == "Вологда"
    assert (line.date.first, line.date.last) == (date(2016, 5, 17), date(2016, 5, 18))
    assert text[line.place_start : line.place_end] == "Вологда"


def test_adoption_date() -> None:
    text = "1. Продолжить работу.\nРезолюция принята участниками семинара 18 мая 2016 г."
    assert find_adoption_date(text).first == date(2016, 5, 18)
    assert find_adoption_date("Принята 04.03.2019").first == date(2019, 3, 4)


def test_a_decision_taken_on_a_date_is_not_the_adoption_date() -> None:
    text = "На заседании правления 2 июня 2017 г. было принято решение создать секцию."
    assert find_adoption_date(text) is None
