"""The site's stylesheets cut down to what its pages use (memcon.stylesheets): a rule stays
when some selector of it names only classes and ids the site has."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from memcon.stylesheets import WORD, purge, selector_names, used_names

pytestmark = pytest.mark.unit

NAMES = used_names(
    ['<div class="turn" id="t05"><aside class="quoted-in">', "el.classList.add('show')"]
)


def test_a_rule_stays_only_when_the_site_has_its_names() -> None:
    css = ".turn{color:red}.modal{display:none}#t05{margin:0}.turn .toast{top:0}p{margin:0}"
    assert purge(css, NAMES) == ".turn{color:red}\n#t05{margin:0}\np{margin:0}"


def test_one_used_selector_keeps_the_rule() -> None:
    assert purge(".modal,.quoted-in{float:right}", NAMES) == ".modal,.quoted-in{float:right}"


def test_a_class_a_script_adds_keeps_its_rule() -> None:
    assert purge(".dropdown-menu.show{display:block}.quoted-in.show{x:y}", NAMES) == (
        ".quoted-in.show{x:y}"
    )


def test_negations_and_attribute_tests_require_nothing() -> None:
    css = ".turn:not(.modal, .toast){a:b}[data-x='.modal'] .turn{c:d}.turn:is(.modal){e:f}"
    assert purge(css, NAMES) == css.replace("}", "}\n").strip()


def test_media_blocks_are_cut_and_dropped_when_empty() -> None:
    css = "@media (min-width:1px){.modal{a:b}.turn{c:d}}@media print{.toast{e:f}}"
    assert purge(css, NAMES) == "@media (min-width:1px){.turn{c:d}}"


def test_font_awesome_goes_other_fonts_and_at_rules_stay() -> None:
    css = (
        '@charset "utf-8";@font-face{font-family:"Font Awesome 7 Free";src:url(a.woff2)}'
        "@font-face{font-family:Serif;src:url(b.woff2)}@keyframes spin{to{rotate:1turn}}"
    )
    assert purge(css, NAMES) == (
        '@charset "utf-8";\n@font-face{font-family:Serif;src:url(b.woff2)}\n'
        "@keyframes spin{to{rotate:1turn}}"
    )


def test_comments_and_braces_in_strings_do_not_confuse_it() -> None:
    css = '/* .turn{ */.turn::before{content:"}{"}.modal{content:"}"}'
    assert purge(css, NAMES) == '.turn::before{content:"}{"}'


@given(st.text(alphabet=st.sampled_from("ab_-9 <>=\"'.#é—\n"), max_size=80))
def test_the_words_of_a_text_are_its_word_patterns_matches(text: str) -> None:
    assert used_names([text]) == set(WORD.findall(text)) == used_names([text.encode()])


@given(
    st.lists(st.sampled_from([".turn", ".modal", "#t05", ":not(.toast)", " p", ".-x"]), min_size=1),
    st.sets(st.sampled_from(["turn", "modal", "t05", "toast", "-x", "other"])),
)
def test_only_the_names_a_stylesheet_has_can_keep_its_rules(
    parts: list[str], names: set[str]
) -> None:
    css = "".join(parts) + "{a:b}"
    assert purge(css, names) == purge(css, names & selector_names(css))
