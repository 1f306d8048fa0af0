"""The text layer: normalisation, word tokens and their offsets (pure Python, no Sphinx)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from layer_helpers import Token, TurnText, text_layer, tokenize
from memcon.quotations import textlayer
from memcon.quotations.textlayer import (
    TextLayer,
    chunk_words,
    chunks,
    normalise,
    spans,
    words_and_offsets,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aren\u2019t", "aren't"),
        ("\u2018Igor\u2019s\u2019", "'igor's'"),
        ("\u201cthrough\u201d \u201ethrough\u201f", '"through" "through"'),
        (
            "anti\u2013American anti\u2014American anti\u2010American",
            "anti-american " * 2 + "anti-american",
        ),
        ("\ufb01ne \uff35\uff2e", "fine un"),
        ("Stra\u00dfe STRASSE", "strasse strasse"),
        ("  the\n\tU.N.  ", "the u.n."),
        ("Cafe\u0301", "caf\u00e9"),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Igor\u2019s article", [("igor's", 0, 6), ("article", 7, 14)]),
        ("the U.S.-Russian partnership", ["the", "u", "s", "russian", "partnership"]),
        ("anti-American", ["anti", "american"]),
        ("don't, aren't; people's", ["don't", "aren't", "people's"]),
        ("'quoted' \u2018words\u2019", ["quoted", "words"]),
        ("Bushes' ranch", ["bushes", "ranch"]),
        ("1.5(d) 03/19/13", ["1", "5", "d", "03", "19", "13"]),
        ("Cafe\u0301 au lait", [("caf\u00e9", 0, 5), ("au", 6, 8), ("lait", 9, 13)]),
        ("\uff35\uff2e", [("un", 0, 2)]),
        ("snake_case", ["snake", "case"]),
        ("--End of Conversation--", ["end", "of", "conversation"]),
        ("", []),
        ("... \u2026 (U) ~~(S)~~", ["u", "s"]),
    ],
)
def test_tokenize(text: str, expected: list[str | tuple[str, int, int]]) -> None:
    tokens = tokenize(text)
    if expected and isinstance(expected[0], tuple):
        assert tokens == [Token(*token) for token in expected if isinstance(token, tuple)]
    else:
        assert [token.norm for token in tokens] == expected


TEXT = st.text(alphabet="abcXYZ019 '\".,;:!?-()[]\n\u2019\u2018\u201c\u2013\u2014\u00e9")


@given(TEXT)
def test_offsets_point_at_the_words(text: str) -> None:
    for token in tokenize(text):
        assert normalise(text[token.start : token.end]) == token.norm


@given(TEXT)
def test_normalising_first_changes_no_word(text: str) -> None:
    assert [t.norm for t in tokenize(normalise(text))] == [t.norm for t in tokenize(text)]


def test_turn_ids_are_unique() -> None:
    with pytest.raises(ValueError, match="t01"):
        text_layer(
            "2003-03-18", [TurnText("t01", "bush", "Okay."), TurnText("t01", "putin", "Yes.")]
        )
    with pytest.raises(ValueError, match="turn id 't02' is not unique"):
        TextLayer.from_columns("2003-03-18", ["t01", "t02", "t02"], ["b", "p", "b"], ["", "", ""])


def test_a_layer_keeps_its_turns_in_columns() -> None:
    texts = ["Hey Vladimir, how are you today?", "", "Very well."]
    layer = TextLayer.from_columns(
        "2003-03-18", ["t01", "t02", "t03"], ["bush", "putin", "putin"], texts
    )
    assert layer.transcript == "2003-03-18"
    assert (layer.ids, layer.speakers) == (("t01", "t02", "t03"), ("bush", "putin", "putin"))
    assert layer.texts == tuple(texts)
    assert repr(layer) == "TextLayer('2003-03-18', 3 turns)"


def test_columns_of_unequal_length_are_refused() -> None:
    with pytest.raises(ValueError, match="2 turn ids, 1 speakers and 2 texts"):
        TextLayer.from_columns("2003-03-18", ["t01", "t02"], ["bush"], ["Hey.", "Yes."])


ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from("\x00 '\u2019ab\u0301")
)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=200) | ANY_TEXT)
def test_words_and_offsets_agree_with_tokenize(text: str) -> None:
    """The shortcut for quotations (and for ASCII text, a faster one still) gives exactly
    what tokenize() gives."""
    words, starts, ends = words_and_offsets(text)
    tokens = tokenize(text)
    assert words == [t.norm for t in tokens]
    assert starts == [t.start for t in tokens]
    assert ends == [t.end for t in tokens]


@given(st.lists(ANY_TEXT, max_size=5))
def test_chunks_give_the_words_tokenize_gives(texts: list[str]) -> None:
    """The index's tokeniser for many texts at once agrees with tokenize(), text by text."""
    found: list[list[str]] = []
    for chunk in chunks(texts):
        if chunk == b"\x00":
            found.append([])
        else:
            found[-1].extend(chunk_words(chunk))
    assert found[-1] == []
    expected = [[t.norm for t in tokenize(text.replace("\x00", " "))] for text in texts]
    assert found[:-1] == expected


@given(ANY_TEXT)
def test_spans_are_the_offsets_tokenize_gives(text: str) -> None:
    """The passage finder's offsets skip normalising, and agree with tokenize()."""
    assert spans(text) == [(t.start, t.end) for t in tokenize(text)]


@pytest.mark.parametrize("text", ["\u00bd of it", "ab\u00bdcd \u2019twas", "x \ufb01ne \u2460"])
def test_spans_repeat_a_word_that_normalises_to_several(text: str) -> None:
    assert spans(text) == [(t.start, t.end) for t in tokenize(text)]


@given(st.text(alphabet=st.sampled_from(list("aé1_ '’ʼ\u0301\u1ab0-—½ΣЖ٣.\n")) | st.characters()))
def test_words_are_found_as_the_definition_of_a_word_finds_them(text: str) -> None:
    """The faster pattern finds the words the definition does, underscores included."""
    expected = [match.span() for match in re.finditer(textlayer._WORD, text)]
    assert [match.span() for match in textlayer._words(text)] == expected
