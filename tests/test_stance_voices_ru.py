"""Voices in Russian: « », „ “ and dialogue dashes, reported speech, speakers in the nominative."""

from __future__ import annotations

import pytest

from compare.measure.stance.voices import find_voices
from compare.measure.stance.voices_ru import find_russian_voices, nominative, speaker_name, voices_of

TEXT = """Министр транспорта Кестрии Аурел Денко заявил: «Мы готовы открыть первый причал весной».

«Терминал станет воротами для обеих экономик», — подчеркнула комиссар по торговле Ильза Марроу.

— Решение будет принято до конца недели, — сказала она журналистам.

По словам Аурела Денко, работы начнутся летом. Как отметил Денко, разрешения уже выданы.

Профсоюз назвал сделку „распродажей“ побережья."""


def test_quotes_dialogue_and_reported_speech_each_get_their_speaker() -> None:
    voices = [(v.kind, v.speaker, v.text) for v in find_russian_voices(TEXT)]
    assert voices == [
        ("full", "Аурел Денко", "Мы готовы открыть первый причал весной"),
        ("full", "Ильза Марроу", "Терминал станет воротами для обеих экономик"),
        ("full", "Ильза Марроу", "Решение будет принято до конца недели"),
        ("reported", "Аурел Денко", "По словам Аурела Денко, работы начнутся летом."),
        ("reported", "Денко", "Как отметил Денко, разрешения уже выданы."),
        ("scare", None, "распродажей"),
    ]


def test_spans_slice_back_to_the_text() -> None:
    for voice in find_russian_voices(TEXT):
        assert TEXT[voice.start : voice.end] == voice.text


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Лаврова", "Лавров"), ("Лавровым", "Лавров"), ("Захаровой", "Захарова"), ("Сергея", "Сергей"), ("России", "России")],
)
def test_names_are_put_in_the_nominative(word: str, expected: str) -> None:
    assert nominative(word) == expected


def test_a_role_before_the_name_is_left_out_of_the_speaker() -> None:
    assert speaker_name("глава МИД России Сергея Лаврова") == "Сергей Лавров"
    assert speaker_name("представитель МИД") == "МИД"


def test_each_language_is_read_by_its_own_rules() -> None:
    english = '"We are ready to talk," Lavrov said.'
    assert voices_of(english) == find_voices(english)
    assert [v.speaker for v in voices_of(TEXT)][:2] == ["Аурел Денко", "Ильза Марроу"]
