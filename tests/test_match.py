"""The matching core against the quotation contract: pure Python, no Sphinx.

The fragment is the spoken text of the memorandum of the telephone conversation of
March 18, 2003 (seed 002), one string per turn (t01, t02, ...), speaker labels, markings
and page furniture removed, words untouched. Page 2 begins inside t05 ("not enflaming
anti-American | sentiment but in some capitals"), page 3 inside t06 ("We have sent them
there | to facilitate the process").
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from layer_helpers import TurnText, text_layer, tokenize
from memcon.quotations import match
from memcon.quotations.match import Corpus, QuotationSyntaxError, parse_quotation

pytestmark = pytest.mark.unit

TRANSCRIPT = "2003-03-18"
OTHER = "test-other"

TURNS: tuple[tuple[str, str], ...] = (
    ("bush", "Hey Vladimir, how are you today?"),
    ("putin", "Very well, and I am glad to hear you."),
    (
        "bush",
        "I told you that we would continue to discuss matters of world issues. This is just "
        "another chance to continue efforts to talk leader to leader.",
    ),
    ("putin", "Yes. I was looking forward to your call."),
    (
        "bush",
        "Thank you and a couple points that I would like to make and then I would like to "
        "hear what you have to say. I appreciate Igor's article in some of our papers "
        "talking about the U.S.-Russian partnership. We should not endanger this "
        "relationship. That is what you and I discussed, and I appreciate your talking with "
        "the American public along these lines. I recognized that we will never come to the "
        "same conclusion on Saddam Hussein, but I did try very hard in the U.N. to achieve "
        "a consensus. For right now, the U.N. process is over as far as I am concerned. "
        "There is a role for the United Nations after operations, if there are military "
        "operations. There will be a role for the U.N. in the post-Saddam Iraq after the "
        "war. I just want to assure you of that. Finally, and I say if a war comes because "
        "perhaps the initiative that you tried could come to fruition and Saddam could "
        "still leave. Finally, I think it is important that we watch this anti-American "
        "sentiment. You have been good about not enflaming anti-American sentiment but in "
        "some capitals they have not been as cautious. For instance, in Paris there is "
        "anti-American sentiment and because of that there is a significant anti-French "
        "backlash that has been hard for me to manage. I know that you know this, and I "
        "appreciate your understanding, but there is a difference between disagreeing on an "
        "issue and unnecessarily enflaming the passions of the people with anti-American "
        "slogans and bashing of leaders. You have been firm in your opinion but respectful "
        "of our relationship, and I want to thank you for that. That is all that is on my "
        "mind today, and I am confident that we will continue the dialogue as matters "
        "unfold. I appreciate your taking my phone call.",
    ),
    (
        "putin",
        "Thank you, George. Thank you for your call. This is important for me. It is true "
        "that your opinions on Iraq diverge from mine. I have carefully studied your "
        "address to the nation, and I cannot say that I agree with everything in the "
        "address, but I do believe that the fundamental significance of our state-to-state "
        "relationship is more important. Even more important to me are our personal "
        "relations, and as you can see, I am refraining from commenting on your address. If "
        "the military operation does start, then I will have to comment, but I will not "
        "make comments in a way that will belittle our personal relationship. As far as our "
        "disagreement on the political issue is concerned, I will just say that we have "
        "discussed this more than once, and I can see some specific things that I find "
        "wrong. I believe that if we had acted jointly and consistently without the use of "
        "military force, then we could have achieved the same result. This concerns not "
        "only Iraq but also the rest of the Middle East region. We could have pressured "
        "other countries in a way that could have benefited the region as a whole. The "
        "second point that I would like to draw your attention to, is that, and I believe "
        "this is significant. You said that the goal is a regime change; however, this is "
        "not something provided for in the U.N. charter or in international law. Also, it "
        "would be unfair to say that the Iraqis have done nothing. Your military "
        "preparations and diplomatic channels have pushed Iraq to do many things. The most "
        "important thing, and I have already mentioned this, is that we should not "
        "substitute the law of force for international law. I do agree that we should bring "
        "this process back to the channel of the U.N. and this should be regardless of how "
        "the situation in Iraq unfolds. In this vein, I have given instructions to Ivanov "
        "to go to New York tonight. His mission is not to score propaganda points with "
        "regard to the Iraq situation and it will not be to enflame anti-American sentiment "
        "in the U.N. It will be to determine the future of inspections. We have sent them "
        "there to facilitate the process, and we should at least thank them. Some of them "
        "have even died, as you know. I talked earlier today with the new president of the "
        "People's Republic of China, and he told me that one of his best people died there. "
        "This is an important instrument of international inspection, and we should not "
        "lose this. We should jointly see how we can minimize the damage to the U.N. I "
        "would like to repeat this. I know about the sentiments of your aides, and I do "
        "think we should return the process to the U.N.",
    ),
    (
        "bush",
        "Let me make sure we are clear on this. I think the United Nations should be "
        "involved afterwards if there are military operations, but my judgment is that the "
        "United Nations is through.",
    ),
    ("putin", "This is what I meant."),
    ("bush", "Okay."),
    (
        "putin",
        "If the war does start, then later on we should return to the process of the United "
        "Nations. This will be in the interest of the United States.",
    ),
    ("bush", "Okay. I understand what you are saying. I agree."),
    (
        "putin",
        "In spite of the differences on Iraq, the United States and Russia should cooperate "
        "in the interests of international peace and stability. I know that the United "
        "States Senate has ratified the Treaty on the reduction of strategic potentials, "
        "and we have sent the Treaty to our Duma and it is scheduled to be voted on this "
        "Friday.",
    ),
    ("bush", "Oh good, Vladimir. Thank you."),
    (
        "putin",
        "If a military operation does start, then we might want to hold back on this due to "
        "unfolding events in Iraq so that there is no scandal.",
    ),
    ("bush", "I understand."),
    ("putin", "This could make things worse."),
    ("bush", "I am confident. Aren't you confident that you can get it passed?"),
    (
        "putin",
        "Yes. It will pass, and I would like to reiterate that our goal is to cooperate "
        "with the United States. It will pass. The only issue is the tactics in terms of "
        "the time frame.",
    ),
    ("bush", "I understand."),
    (
        "putin",
        "I agree with you that right now it is important for us to demonstrate that our "
        "long-term commitment is to cooperation with the United States.",
    ),
    ("bush", "It was just confirmed. That is great."),
    ("putin", "Thank you, George."),
    ("bush", "That is all for today."),
    (
        "putin",
        "Finally, I would like to repeat the invitation to you to come to St. Petersburg "
        "later this year. This would be an important meeting regardless of how the "
        "situation in Iraq unfolds because it would be a rather informal event. It would be "
        "even better to get together to discuss this and other important issues as well.",
    ),
    (
        "bush",
        "I hope to be able to make it. I know you put a lot of planning into it. St. "
        "Petersburg is one of the greatest cities in the world. Another thing, I appreciate "
        "your instructions to Igor to come and not enflame passions. I appreciate that a "
        "lot. You know how those diplomats can behave. I have trouble with mine as well.",
    ),
    ("putin", "Yes. It should not become a sport."),
    (
        "bush",
        "I have trouble reining mine in as well. Vladimir, I will talk to you soon. My best "
        "to your family.",
    ),
    ("putin", "All the best to your family too."),
)

LAYER = text_layer(
    TRANSCRIPT,
    [TurnText(f"t{n:02d}", speaker, text) for n, (speaker, text) in enumerate(TURNS, start=1)],
)
OTHER_LAYER = text_layer(
    OTHER, [TurnText("t01", "rice", "A sentence that occurs only in the second test layer.")]
)
CORPUS = Corpus([LAYER, OTHER_LAYER])

ELLIPSES = ("...", "\u2026", "[...]", "[\u2026]", "<\u2026>", "<...>", ". . .", "....")


def norms(text: str) -> list[str]:
    """The normalised words of ``text``."""
    return [token.norm for token in tokenize(text)]


# -- the contract, case by case ---------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A quotation and what the checker must find for it."""

    quotation: str
    status: str
    turn: str | None = None
    """The turn of the passage (checked unless ``not_found``)."""
    speaker: str | None = None
    sources: tuple[str, ...] | None = None
    diff: tuple[str, ...] = ()
    passage: str | None = None
    """The passage's text, where it is worth checking."""


JUDGMENT = "my judgment is that the United Nations is through"
ADDRESS = "I have carefully studied your address"
SIGNIFICANCE = "the fundamental significance of our state-to-state relationship"

CASES = {
    # exact, and what normalisation forgives
    "exact": Case(JUDGMENT, "verified", "t07", speaker="bush", passage=JUDGMENT),
    "exact, no speaker named": Case(JUDGMENT, "verified", "t07"),
    "case": Case("MY JUDGMENT Is That The united nations IS THROUGH", "verified", "t07"),
    "straight apostrophe": Case("Aren't you confident", "verified", "t17"),
    "curly apostrophe": Case("Aren\u2019t you confident", "verified", "t17"),
    "left quote as apostrophe": Case("Aren\u2018t you confident", "verified", "t17"),
    "modifier letter apostrophe": Case("Igor\u02bcs article", "verified", "t05"),
    "en dash": Case("in Paris there is anti\u2013American sentiment", "verified", "t05"),
    "em dash": Case("in Paris there is anti\u2014American sentiment", "verified", "t05"),
    "unicode hyphen": Case("in Paris there is anti\u2010American sentiment", "verified", "t05"),
    "hyphen separates words": Case("in Paris there is anti American sentiment", "verified", "t05"),
    "curly quotes and full stop": Case(f"\u201c{JUDGMENT}.\u201d", "verified", "t07"),
    "straight quotes and !": Case(f'"{JUDGMENT}!"', "verified", "t07"),
    "parentheses": Case(f"({JUDGMENT})", "verified", "t07"),
    "punctuation inside": Case("Thank you George; thank you for your call", "verified", "t06"),
    "white space": Case("Thank   you,\n  George.", "verified", "t06"),
    "compatibility form": Case(
        "the U.N. \uff50\uff52\uff4f\uff43\uff45\uff53\uff53", "verified", "t05"
    ),
    "across a page break": Case(
        "You have been good about not enflaming anti-American sentiment but in some capitals",
        "verified",
        "t05",
        speaker="bush",
        passage="You have been good about not enflaming anti-American sentiment but in some "
        "capitals",
    ),
    "across another page break": Case(
        "We have sent them there to facilitate the process", "verified", "t06", speaker="putin"
    ),
    # ellipses
    "leading and trailing ellipsis": Case(f"... {JUDGMENT} \u2026", "verified", "t07"),
    "ellipsis glued to words": Case(f"{ADDRESS}...{SIGNIFICANCE}", "verified", "t06"),
    "ellipsis, passage runs from the first part to the last": Case(
        "Igor's article ... partnership",
        "verified",
        "t05",
        passage="Igor's article in some of our papers talking about the U.S.-Russian partnership",
    ),
    "parts out of order": Case(f"{SIGNIFICANCE} ... {ADDRESS}", "not_found"),
    "parts in two turns": Case(f"{JUDGMENT} ... This is what I meant", "not_found"),
    "contiguous across a change of speaker": Case(
        "This is what I meant. Okay.", "misquoted", "t08", diff=("+Okay",)
    ),
    # editorial insertions
    "insertion absent from the text": Case(
        "I have given instructions to [Igor] Ivanov to go to New York tonight",
        "verified",
        "t06",
        passage="I have given instructions to Ivanov to go to New York tonight",
    ),
    "insertion present in the text": Case(
        "[Let me make sure] we are clear on this",
        "verified",
        "t07",
        passage="Let me make sure we are clear on this",
    ),
    "insertion inside, present": Case(
        "I think the [United] Nations should be involved", "verified", "t07"
    ),
    "insertion does not replace a word": Case(
        "I have given instructions to [Igor] to go to New York tonight",
        "misquoted",
        "t06",
        diff=("-Ivanov",),
    ),
    "insertion and ellipsis": Case(
        "[Putin:] I have given instructions ... to determine the future of inspections",
        "verified",
        "t06",
    ),
    # speakers
    "misattributed": Case(JUDGMENT, "misattributed", "t07", speaker="putin"),
    "misattributed, elided": Case(
        "my judgment is ... through", "misattributed", "t07", speaker="putin"
    ),
    "the named speaker's turn wins over an earlier one": Case(
        "Thank you", "verified", "t06", speaker="putin"
    ),
    "first occurrence, speaker named": Case("Thank you", "verified", "t05", speaker="bush"),
    "said only by the other speaker": Case("I understand", "misattributed", "t11", speaker="putin"),
    # near misses
    "added word": Case(
        "in Paris there is an anti-American sentiment",
        "misquoted",
        "t05",
        diff=("+an",),
        passage="in Paris there is anti-American sentiment",
    ),
    "changed word": Case(
        "there is a significant anti-French reaction that has been hard for me to manage",
        "misquoted",
        "t05",
        diff=("reaction \u2192 backlash",),
    ),
    "changed last word": Case(
        "anti-French reaction",
        "misquoted",
        "t05",
        diff=("reaction \u2192 backlash",),
        passage="anti-French backlash",
    ),
    "dropped word": Case(
        "I talked today with the new president of the People's Republic of China",
        "misquoted",
        "t06",
        diff=("-earlier",),
    ),
    "changed word across a page break": Case(
        "We have sent inspectors there to facilitate the process",
        "misquoted",
        "t06",
        diff=("inspectors \u2192 them",),
    ),
    "two words changed": Case(
        "we must never substitute the law of force for international law",
        "misquoted",
        "t06",
        diff=("must never \u2192 should not",),
    ),
    "near miss, speaker named": Case(
        "there is a significant anti-French reaction",
        "misquoted",
        "t05",
        speaker="putin",
        diff=("reaction \u2192 backlash",),
    ),
    # fabrications
    "fabricated": Case("Russia will veto any resolution on Iraq", "not_found"),
    "fabricated, no known word": Case("Zorblax quintuplicated", "not_found"),
    # sources
    "source named": Case(JUDGMENT, "verified", "t07", sources=(TRANSCRIPT,)),
    "source named among others": Case(
        JUDGMENT, "verified", "t07", sources=("1999-01-01", OTHER, TRANSCRIPT)
    ),
    "other source named": Case(JUDGMENT, "not_found", sources=(OTHER,)),
    "unknown source": Case(JUDGMENT, "not_found", sources=("1999-01-01",)),
    "no source": Case(JUDGMENT, "not_found", sources=()),
}


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_contract(case: Case) -> None:
    finding = CORPUS.find(case.quotation, sources=case.sources, speaker=case.speaker)
    assert finding.status == case.status
    assert finding.diff == case.diff
    if case.status == "not_found":
        assert finding.score < 0.8
        assert finding.suggestion is None
        return
    assert finding.passage is not None
    assert (finding.passage.transcript, finding.passage.turn) == (TRANSCRIPT, case.turn)
    turn = LAYER.ids.index(case.turn)
    assert finding.passage.speaker == LAYER.speakers[turn]
    assert finding.passage.text == LAYER.texts[turn][finding.passage.start : finding.passage.end]
    if case.passage is not None:
        assert finding.passage.text == case.passage
    if case.status == "misquoted":
        assert 0.8 <= finding.score < 1.0
        assert finding.suggestion == finding.passage.text
    else:
        assert finding.score == 1.0
        assert finding.suggestion is None


@pytest.mark.parametrize("ellipsis", ELLIPSES)
def test_ellipsis_variants(ellipsis: str) -> None:
    finding = CORPUS.find(f"{ADDRESS} {ellipsis} {SIGNIFICANCE}", speaker="putin")
    assert finding.status == "verified"
    assert finding.passage is not None
    assert finding.passage.text.startswith(ADDRESS)
    assert finding.passage.text.endswith(SIGNIFICANCE)


@pytest.mark.parametrize("ellipsis", ELLIPSES)
def test_ellipsis_variants_out_of_order(ellipsis: str) -> None:
    assert CORPUS.find(f"{SIGNIFICANCE} {ellipsis} {ADDRESS}").status == "not_found"


def test_near_miss_score_and_suggestion() -> None:
    finding = CORPUS.find("in Paris there is an anti-American sentiment")
    assert finding.score == pytest.approx(2 * 7 / (8 + 7))
    assert finding.suggestion == "in Paris there is anti-American sentiment"


def test_threshold() -> None:
    quotation = "in Paris there is an anti-American sentiment"
    assert CORPUS.find(quotation).score == pytest.approx(14 / 15)
    strict = CORPUS.find(quotation, threshold=0.95)
    assert strict.status == "not_found"
    assert strict.score == pytest.approx(14 / 15)
    assert strict.passage is not None
    assert strict.passage.text == "in Paris there is anti-American sentiment"
    assert (strict.suggestion, strict.diff) == (None, ())
    assert CORPUS.find("anti-French reaction").score == pytest.approx(0.8)
    with pytest.raises(ValueError, match="threshold"):
        CORPUS.find(quotation, threshold=1.5)


def test_words_in_another_order_are_misquoted_with_their_passage() -> None:
    finding = CORPUS.find("personal relations are more important to me", speaker="putin")
    assert finding.status == "misquoted"
    assert finding.passage is not None and finding.passage.speaker == "putin"
    assert finding.suggestion == "more important to me are our personal relations"
    # 7 words shared with a passage of 8: 2 * 7 / (7 + 8)
    assert finding.score == pytest.approx(14 / 15)
    assert finding.diff == (match.REORDERED, "-our")
    # The same words with one of them changed still show the rearrangement.
    changed = CORPUS.find("personal relations are more vital to me")
    assert (changed.status, changed.score) == ("misquoted", pytest.approx(12 / 15))
    assert changed.diff == (match.REORDERED, "+vital", "-important", "-our")


def test_words_in_another_order_below_the_threshold_are_not_found() -> None:
    quotation = "personal relations are more important to me"
    assert CORPUS.find(quotation, threshold=0.95).status == "not_found"
    # Common words scattered over a turn are no passage.
    assert CORPUS.find("the that to of and in is we you I").status == "not_found"


def test_a_near_miss_in_order_is_never_called_a_rearrangement() -> None:
    """Words changed, added or dropped where they stand, none moved: whatever the finding,
    its differences never say the words are in another order."""
    rng = random.Random(20030318)
    texts = [text.split() for _, text in TURNS if len(text.split()) >= 12]
    for number in range(400):
        words = rng.choice(texts)
        start = rng.randrange(len(words) - 10)
        quoted = words[start : start + rng.randrange(6, 16)]
        for _ in range(rng.randrange(1, 4)):
            at, edit = rng.randrange(len(quoted)), rng.choice("sid")
            if edit == "s":
                quoted[at] = f"zorblax{number}"
            elif edit == "i":
                quoted.insert(at, f"quux{number}")
            elif len(quoted) > 4:
                del quoted[at]
        finding = CORPUS.find(" ".join(quoted))
        assert match.REORDERED not in finding.diff, (quoted, finding)


def test_find_exact_finds_words_in_any_speakers_turn() -> None:
    passage = CORPUS.find_exact(JUDGMENT)
    assert passage is not None and (passage.transcript, passage.speaker) == (TRANSCRIPT, "bush")
    putin = CORPUS.find_exact("Even more important to me are our personal relations")
    assert putin is not None and putin.speaker == "putin"
    elided = CORPUS.find_exact(f"{ADDRESS} ... {SIGNIFICANCE}")
    assert elided is not None and elided.speaker == "putin"
    assert CORPUS.find_exact(f"{SIGNIFICANCE} ... {ADDRESS}") is None
    assert CORPUS.find_exact("in Paris there is an anti-American sentiment") is None
    assert CORPUS.find_exact(JUDGMENT, [OTHER]) is None
    other = CORPUS.find_exact("occurs only in the second test layer", [OTHER])
    assert other is not None and other.transcript == OTHER


def test_no_search_when_too_few_words_occur() -> None:
    # "reaction" occurs nowhere: two words of three can reach 2 * 2 / (2 + 3) = 0.8 at most
    finding = CORPUS.find("anti-French reaction", threshold=0.81)
    assert (finding.status, finding.passage, finding.score) == ("not_found", None, 0.0)


def test_not_found_without_any_candidate() -> None:
    finding = CORPUS.find("Zorblax quintuplicated")
    assert (finding.passage, finding.score) == (None, 0.0)
    finding = CORPUS.find(JUDGMENT, sources=("1999-01-01",))
    assert (finding.passage, finding.score) == (None, 0.0)


def test_other_layer() -> None:
    quotation = "occurs only in the second test layer"
    finding = CORPUS.find(quotation)
    assert finding.status == "verified"
    assert finding.passage is not None
    assert (finding.passage.transcript, finding.passage.turn) == (OTHER, "t01")
    assert CORPUS.find(quotation, sources=[TRANSCRIPT]).status == "not_found"


@pytest.mark.parametrize(
    ("quotation", "message"),
    [
        ("", "has no words"),
        ("   ", "has no words"),
        ("?!", "has no words"),
        ("\u201c\u201d", "has no words"),
        ("...", "is only an ellipsis"),
        ("\u2026", "is only an ellipsis"),
        ("[...]", "is only an ellipsis"),
        (". . .", "is only an ellipsis"),
        ("\u2026 <\u2026> \u2026", "is only an ellipsis"),
        ("[Igor]", "only editorial insertions"),
        ("... [Igor] ...", "only editorial insertions"),
        ("[Igor] [Ivanov]", "only editorial insertions"),
        (" ".join(["[Igor]"] * 101) + " Ivanov", "more than 100 insertions"),
    ],
)
def test_syntax_errors(quotation: str, message: str) -> None:
    with pytest.raises(QuotationSyntaxError, match=message):
        CORPUS.find(quotation)


def test_parse_drops_parts_without_required_words() -> None:
    pattern = parse_quotation("\u2026 Igor [Sergeyevich] ... [and] ... Ivanov \u2026")
    assert [[(w.text, w.optional) for w in part] for part in pattern.parts] == [
        [("Igor", False), ("Sergeyevich", True)],
        [("Ivanov", False)],
    ]
    assert [w.text for w in pattern.required] == ["Igor", "Ivanov"]


def test_an_insertion_occurs_as_a_whole_or_not_at_all() -> None:
    text = "I think the United Nations should be involved"
    assert CORPUS.find("I think the [United] Nations should be involved").status == "verified"
    assert CORPUS.find("I think the [United] [States] Nations should be involved").status == (
        "verified"
    )
    finding = CORPUS.find("I think the [United States] Nations should be involved")
    assert (finding.status, finding.suggestion, finding.diff) == ("misquoted", text, ("-United",))


def test_sources_is_a_sequence_of_ids() -> None:
    with pytest.raises(TypeError, match="sequence of transcript ids"):
        CORPUS.find(JUDGMENT, sources=TRANSCRIPT)


def test_corpus_rejects_a_transcript_twice() -> None:
    with pytest.raises(ValueError, match="twice"):
        Corpus([LAYER, LAYER])


def test_an_index_from_a_kept_encoding_decides_alike() -> None:
    kept = Corpus([LAYER, OTHER_LAYER], CORPUS.encoded)
    assert kept.encoded[1] is CORPUS.encoded[1]  # the words were not encoded again
    for quotation, speaker in ((JUDGMENT, "bush"), (JUDGMENT, "putin"), (ADDRESS, None)):
        assert kept.find(quotation, speaker=speaker) == CORPUS.find(quotation, speaker=speaker)
    assert kept.find(JUDGMENT.replace("judgment", "opinion")) == CORPUS.find(
        JUDGMENT.replace("judgment", "opinion")
    )


def test_an_encoding_of_other_turns_is_ignored() -> None:
    assert Corpus([LAYER, OTHER_LAYER], Corpus([LAYER]).encoded).encoded == CORPUS.encoded


# -- properties -------------------------------------------------------------------------

SEPARATORS = (
    " ",
    "  ",
    ", ",
    "; ",
    ": ",
    " \u2013 ",
    "\u2014",
    "-",
    " - ",
    "! ",
    "? ",
    ". ",
    "\n",
    " (",
    ") ",
    ' "',
    '" ',
    " \u201c",
    "\u201d ",
    "/",
)
PREFIXES = ("", '"', "\u201c", "(", "'", "\u2018", "\u2014", "... ", "\u2026")
SUFFIXES = ("", ".", '"', "\u201d", ",", "!", "?", ")", "'", "\u2019", ":", ".\u201d", "...")
APOSTROPHES = ("'", "\u2019", "\u2018", "\u02bc")
RECASINGS: tuple[Callable[[str], str], ...] = (
    str.lower,
    str.upper,
    str.title,
    str.swapcase,
    str.capitalize,
    str,
)
LAYERS = (LAYER, OTHER_LAYER)
VOCABULARY = sorted({word for layer in LAYERS for text in layer.texts for word in norms(text)})


@st.composite
def runs(draw: st.DrawFn, min_words: int = 2, max_words: int = 40) -> tuple[int, list[str]]:
    """A turn of the fragment and a run of its words, as printed."""
    turns = [i for i, text in enumerate(LAYER.texts) if len(tokenize(text)) >= min_words]
    index = draw(st.sampled_from(turns))
    tokens = tokenize(LAYER.texts[index])
    start = draw(st.integers(0, len(tokens) - min_words))
    end = draw(st.integers(start + min_words, min(len(tokens), start + max_words)))
    text = LAYER.texts[index]
    return index, [text[token.start : token.end] for token in tokens[start:end]]


def restyle(data: st.DataObject, words: Sequence[str]) -> str:
    """Write ``words`` as a quotation: re-cased, re-punctuated, other apostrophes."""
    styled = []
    for word in words:
        recase = data.draw(st.sampled_from(RECASINGS))
        apostrophe = data.draw(st.sampled_from(APOSTROPHES))
        styled.append(recase(word).replace("'", apostrophe))
    separators = [data.draw(st.sampled_from(SEPARATORS)) for _ in words[1:]]
    text = styled[0] + "".join(sep + word for sep, word in zip(separators, styled[1:], strict=True))
    return data.draw(st.sampled_from(PREFIXES)) + text + data.draw(st.sampled_from(SUFFIXES))


def contains(words: Sequence[str], run: Sequence[str]) -> bool:
    """Whether ``run`` is a contiguous run of ``words`` (the naive way)."""
    return any(list(words[i : i + len(run)]) == list(run) for i in range(len(words) - len(run) + 1))


def in_order(words: Sequence[str], parts: Sequence[Sequence[str]]) -> bool:
    """Whether ``parts`` are contiguous runs of ``words`` in order, not overlapping."""
    position = 0
    for part in parts:
        found = next(
            (
                i
                for i in range(position, len(words) - len(part) + 1)
                if list(words[i : i + len(part)]) == list(part)
            ),
            None,
        )
        if found is None:
            return False
        position = found + len(part)
    return True


def occurs(parts: Sequence[Sequence[str]]) -> bool:
    """Whether ``parts`` occur in order in one turn of any layer (the naive way)."""
    return any(in_order(norms(text), parts) for layer in LAYERS for text in layer.texts)


@given(runs(), st.data())
def test_any_run_restyled_verifies(run: tuple[int, list[str]], data: st.DataObject) -> None:
    index, words = run
    quotation = restyle(data, words)
    speaker = LAYER.speakers[index]
    finding = CORPUS.find(quotation, sources=[TRANSCRIPT], speaker=speaker)
    assert finding.status == "verified", quotation
    assert finding.passage is not None
    assert finding.passage.speaker == speaker
    assert norms(finding.passage.text) == norms(" ".join(words))


@given(runs(min_words=3), st.data())
def test_one_word_changed_added_or_dropped_never_verifies(
    run: tuple[int, list[str]], data: st.DataObject
) -> None:
    _, words = run
    word = data.draw(st.sampled_from(VOCABULARY) | st.from_regex(r"[a-z]{1,8}", fullmatch=True))
    edit = data.draw(st.sampled_from(["change", "add", "drop"]))
    if edit == "change":
        at = data.draw(st.integers(0, len(words) - 1))
        assume(norms(word) != norms(words[at]))
        words[at] = word
    elif edit == "add":
        words.insert(data.draw(st.integers(0, len(words))), word)
    else:  # dropping the first or last word leaves a run that occurs
        del words[data.draw(st.integers(1, len(words) - 2))]
    assume(not occurs([norms(" ".join(words))]))
    quotation = restyle(data, words)
    assert CORPUS.find(quotation).status in ("misquoted", "not_found"), quotation


@given(runs(min_words=4, max_words=60), st.data())
def test_parts_in_order_verify_and_out_of_order_do_not(
    run: tuple[int, list[str]], data: st.DataObject
) -> None:
    _, words = run
    omitted_from = data.draw(st.integers(1, len(words) - 1))
    omitted_to = data.draw(st.integers(omitted_from, len(words) - 1))
    first, second = words[:omitted_from], words[omitted_to:]
    ellipsis = data.draw(st.sampled_from(ELLIPSES))
    quotation = f"{restyle(data, first)} {ellipsis} {restyle(data, second)}"
    assert CORPUS.find(quotation).status == "verified", quotation
    assume(not occurs([norms(" ".join(second)), norms(" ".join(first))]))
    swapped = f"{restyle(data, second)} {ellipsis} {restyle(data, first)}"
    assert CORPUS.find(swapped).status in ("misquoted", "not_found"), swapped


@given(runs(min_words=8, max_words=40), st.data())
def test_finding_a_long_run_by_its_first_half_finds_the_same(
    run: tuple[int, list[str]], data: st.DataObject
) -> None:
    """Exact search finds a long run of words by its first half, and tells near search
    where that half occurs: the findings are those of a search for the whole run."""
    _, words = run
    if data.draw(st.booleans()):
        words[data.draw(st.integers(0, len(words) - 1))] = data.draw(st.sampled_from(VOCABULARY))
    quotation = restyle(data, words)
    speaker = data.draw(st.sampled_from([None, "bush", "putin", "rice"]))
    sources = data.draw(st.sampled_from([None, [TRANSCRIPT], [OTHER, TRANSCRIPT]]))
    by_half = CORPUS.find(quotation, sources, speaker)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(match, "_HEAD_FROM", 10**9)
        whole = CORPUS.find(quotation, sources, speaker)
    assert by_half == whole, quotation


def fast_and_parsed(quotation: str, sources: list[str] | None, speaker: str | None) -> list[object]:
    """A quotation decided as it is, and with its words parsed first whatever its shape;
    the refusal of a quotation with no word stands for a finding."""
    found: list[object] = []
    for plain_words in (match._plain_words, lambda text: None):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(match, "_plain_words", plain_words)
            try:
                found.append(CORPUS.find(quotation, sources, speaker))
            except QuotationSyntaxError as error:
                found.append(str(error))
    return found


SPEAKERS_AND_SOURCES = (
    st.sampled_from([None, "bush", "putin"]),
    st.sampled_from([None, [TRANSCRIPT]]),
)


@given(runs(min_words=3, max_words=20), st.data())
def test_a_quotation_of_words_only_is_decided_as_its_parsed_pattern(
    run: tuple[int, list[str]], data: st.DataObject
) -> None:
    """A quotation with no ellipsis and no insertion is looked for without parsing it into
    words, and is decided the same; one with either is parsed."""
    _, words = run
    if data.draw(st.booleans()):
        words[data.draw(st.integers(0, len(words) - 1))] = data.draw(st.sampled_from(VOCABULARY))
    at = data.draw(st.integers(1, len(words) - 1))
    mark = data.draw(st.sampled_from(["", "…", "...", "[...]", "[{}]"]))
    if "{}" in mark:  # an editorial insertion, of a word the passage need not have
        words.insert(at, mark.format(data.draw(st.sampled_from(VOCABULARY))))
    elif mark:  # an ellipsis, for a word left out
        words[at] = mark
    speaker, sources = data.draw(st.tuples(*SPEAKERS_AND_SOURCES))
    fast, parsed = fast_and_parsed(restyle(data, words), sources, speaker)
    assert fast == parsed


@given(
    st.lists(st.sampled_from([*VOCABULARY[:12], " ", ".", "…", "[", "]", "<", ">"]), max_size=12),
    *SPEAKERS_AND_SOURCES,
)
def test_any_text_is_decided_as_its_parsed_pattern(
    pieces: list[str], speaker: str | None, sources: list[str] | None
) -> None:
    fast, parsed = fast_and_parsed("".join(pieces), sources, speaker)
    assert fast == parsed


def test_exact_search_tells_near_search_every_place_of_the_first_half() -> None:
    """A repetitive text: the quotation's first half occurs in every turn, and the whole
    in none; near search is told each place, as it would have found them itself."""
    rng = random.Random(7)
    head = "we should at least thank them for"
    turns = [
        TurnText(f"t{n:03d}", "putin", f"{head} {' '.join(rng.sample(VOCABULARY, 6))}.")
        for n in range(1, 300)
    ]
    corpus = Corpus([text_layer("2003-03-19", turns)])
    words = turns[150].text.rstrip(".").split()
    words[-1] = next(word for word in VOCABULARY if word not in words)  # known: searched
    finding = corpus.find(" ".join(words), None, "putin")
    assert corpus._seen is not None
    piece, scope, places = corpus._seen
    corpus._seen = None
    assert corpus._occurrences(piece, scope) == (places, True)
    assert len(places) == len(turns)
    assert (finding.status, finding.passage and finding.passage.turn) == ("misquoted", "t151")


# -- hostile input: bounded work, right verdicts ------------------------------------------


@pytest.fixture(scope="module")
def big() -> tuple[Corpus, list[str]]:
    """A 1 MB transcript: one long turn of words drawn from the fragment, and a short one."""
    rng = random.Random(2003)
    words = [rng.choice(VOCABULARY) for _ in range(180_000)]
    text = " ".join(words)
    assert len(text) > 1_000_000
    turns = [TurnText("t01", "bush", text), TurnText("t02", "putin", "Thank you, George.")]
    return Corpus([text_layer("big", turns)]), words


def test_long_quotation(big: tuple[Corpus, list[str]]) -> None:
    corpus, words = big
    run = words[5_000:10_000]
    quotation = " ".join(run)
    assert len(quotation) > 30_000
    assert corpus.find(quotation).status == "verified"
    assert corpus.find(quotation, speaker="putin").status == "misattributed"
    changed = [*run[:2_500], "xylophonic", *run[2_501:]]
    finding = corpus.find(" ".join(changed))
    assert finding.status == "misquoted"
    assert finding.diff == (f"xylophonic \u2192 {run[2_500]}",)
    rng = random.Random(7)
    fabricated = " ".join(
        "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(6)) for _ in range(5_000)
    )
    assert corpus.find(fabricated).status == "not_found"


def test_thousands_of_ellipses(big: tuple[Corpus, list[str]]) -> None:
    corpus, words = big
    parts = words[20_000:26_000:2]
    assert corpus.find(" \u2026 ".join(parts)).status == "verified"
    assert corpus.find(" ... ".join(parts), speaker="putin").status == "misattributed"
    backwards = parts[::-1]
    assert not in_order(words, [[word] for word in backwards])
    assert corpus.find(" [...] ".join(backwards)).status == "not_found"
    with pytest.raises(QuotationSyntaxError):
        corpus.find("... " * 5_000 + "\u2026" * 5_000)


def test_repetitive_transcript() -> None:
    turns = [
        TurnText("t01", "bush", "a " * 150_000),
        TurnText("t02", "putin", ("a " * 4_000 + "b ") * 40),
    ]
    corpus = Corpus([text_layer("repetitive", turns)])
    assert corpus.find("a " * 5_000, speaker="putin").status == "misattributed"
    assert corpus.find("a " * 3_000, speaker="putin").status == "verified"
    assert corpus.find("a " * 3_000 + "b", speaker="putin").status == "verified"
    assert corpus.find("a " * 3_000 + "b", speaker="bush").status == "misattributed"
    assert corpus.find("a " * 3_000 + "c").status == "misquoted"
    assert corpus.find(" ".join(["[a]"] * 100) + " b").status == "verified"


TINY_WORDS = st.sampled_from(["war", "Iraq", "peace", "the"])


@given(
    st.lists(
        st.lists(st.lists(TINY_WORDS, max_size=6), min_size=1, max_size=3), min_size=1, max_size=5
    ),
    st.lists(TINY_WORDS, min_size=1, max_size=3),
    st.none() | st.sets(st.integers(0, 5)),
)
def test_find_exact_gives_the_first_run_in_the_named_layers(
    layers: list[list[list[str]]], run: list[str], named: set[int] | None
) -> None:
    """The first turn of the named layers, in corpus order, that holds the run: the layers
    left out are skipped wherever the run occurs in them too."""
    corpus = Corpus(
        text_layer(f"L{n}", [TurnText(f"t{i}", "bush", " ".join(w)) for i, w in enumerate(turns)])
        for n, turns in enumerate(layers)
    )
    sources = None if named is None else [f"L{n}" for n in sorted(named)]
    wanted = [
        (f"L{n}", f"t{i}")
        for n, turns in enumerate(layers)
        if named is None or n in named
        for i, words in enumerate(turns)
        if any(
            [w.lower() for w in words[k : k + len(run)]] == [w.lower() for w in run]
            for k in range(len(words))
        )
    ]
    found = corpus.find_exact(" ".join(run), sources)
    assert (found and (found.transcript, found.turn)) == (wanted[0] if wanted else None)
