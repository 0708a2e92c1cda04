"""The light named-entity extractor: names, roles stripped, variants folded, openers ignored."""

from __future__ import annotations

from compare.group.entities import entity_key, entity_keys, entity_kind, extract_entities


def test_full_names_lose_their_roles_and_fold_spelling_variants() -> None:
    text = "Foreign Minister Sergei Lavrov of Valmora met US Secretary of State Antony Blinken."
    keys = entity_keys(text)
    assert "sergey lavrov" in keys
    assert "antony blinken" in keys


def test_a_lone_surname_folds_into_the_full_name() -> None:
    keys = entity_keys("Mayor Ilona Varga opened the bridge. Later, Varga said it was safe.")
    assert keys == frozenset({"ilona varga"})


def test_sentence_openers_are_not_names_but_known_places_are() -> None:
    keys = entity_keys("Nevertheless the talks went on.\nMoscow said nothing. Everything stayed calm.")
    assert keys == frozenset({"moscow"})


def test_names_do_not_run_across_lines() -> None:
    keys = entity_keys("The speech by Ilona Varga\nGeneva hosted the round.")
    assert "ilona varga geneva" not in keys
    assert {"ilona varga", "geneva"} <= keys


def test_kinds_come_from_the_lists_and_organisation_words() -> None:
    assert entity_kind("geneva") == "place"
    assert entity_kind("harbour authority") == "organisation"
    assert entity_kind("valmora port agency") == "organisation"
    assert entity_kind("ilona varga") == "person"


def test_keys_are_normalised_and_possessives_dropped() -> None:
    assert entity_key("Varga’s") == "varga"
    assert entity_key("ANTHONY") == "antony"


def test_empty_and_lower_case_text_give_no_names() -> None:
    assert extract_entities("") == ()
    assert extract_entities("nothing capitalised here at all") == ()
