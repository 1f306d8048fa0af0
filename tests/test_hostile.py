"""Hostile input, fuzzed: the core and the Sphinx layer answer anything, in bounded time.

The core (:mod:`memcon.quotations.match`) returns a :class:`Finding` or raises
:class:`QuotationSyntaxError` for any text, and decides correctly where the answer is
known.  A build of pages with malformed content finishes, and every warning it gives is
located (``path:line:``) and typed.  A generous alarm turns a hang into a failure; no test
asserts a timing.
"""

from __future__ import annotations

import io
import random
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import yaml
from edition import ROOT
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from layer_helpers import TurnText, text_layer
from memcon.domain import get_domain
from memcon.quotations.match import Corpus, Finding, QuotationSyntaxError, parse_quotation
from memcon.quotations.textlayer import scan
from project_helpers import (
    TEST_ROOT,
    BuildWarning,
    build_checked,
    warnings_of,
    write_project,
)

from bench.synthetic import MarkovChain, load_training, spoken_turns

TRANSCRIPT = (TEST_ROOT / "transcripts" / "2003-03-18.md").read_text("utf-8")
THRESHOLD = 0.8
STATUSES = {"verified", "misquoted", "misattributed", "not_found"}
MARKS = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "[",
    "]",
    "[[",
    "]]",
    "<",
    ">",
    "<…>",
    "[...]",
    "...",
    "…",
    ". . .",
    "(",
    ")",
    "—",
    "–",
    "-",
    "`",
    "*",
    "_",
    "{",
    "}",
    "\\",
    "#",
    ":",
    "\n",
    "\u0301",
    "\u200b",
    "\ufeff",
    "\u202e",
    "½",
    "ﬁ",
    "İ",
    "ß",
]


@contextmanager
def alarm(seconds: int = 20) -> Iterator[None]:
    """Fail, rather than hang, when the block takes longer than ``seconds``."""

    def hang(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"no answer within {seconds} s: the input made it hang")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _turns() -> list[TurnText]:
    return [
        TurnText(f"t{number:02d}", speaker, " ".join(paragraphs))
        for number, (speaker, _, paragraphs) in enumerate(spoken_turns(TRANSCRIPT), start=1)
    ]


TURNS = _turns()
CORPUS = Corpus([text_layer("2003-03-18", TURNS)])
WORDS = sorted({norm for turn in TURNS for norm, _, _ in scan(turn.text)})


def check_finding(finding: Finding, speaker: str | None) -> None:
    """What every finding must satisfy, whatever the quotation."""
    assert finding.status in STATUSES
    assert 0.0 <= finding.score <= 1.0
    if finding.status == "verified":
        assert finding.score == 1.0 and finding.passage is not None
        assert speaker is None or finding.passage.speaker == speaker
    elif finding.status == "misattributed":
        assert finding.passage is not None and speaker is not None
        assert finding.passage.speaker != speaker
    elif finding.status == "misquoted":
        assert THRESHOLD <= finding.score < 1.0
        assert finding.passage is not None and finding.suggestion == finding.passage.text
    else:
        assert finding.score < THRESHOLD


def find(
    corpus: Corpus, text: str, sources: list[str] | None = None, speaker: str | None = None
) -> Finding | None:
    """The finding, or ``None`` for a quotation with nothing to match; checked."""
    with alarm():
        try:
            pattern = parse_quotation(text)
        except QuotationSyntaxError:
            with pytest.raises(QuotationSyntaxError):
                corpus.find(text, sources, speaker, THRESHOLD)
            return None
        assert pattern.parts
        assert all(any(not word.optional for word in part) for part in pattern.parts)
        finding = corpus.find(text, sources, speaker, THRESHOLD)
    check_finding(finding, speaker)
    return finding


hostile_text = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.text(max_size=5)), max_size=80
    ).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS)), max_size=120).map("".join),
)


# -- the core ---------------------------------------------------------------------------------


@pytest.mark.unit
@settings(max_examples=300, deadline=None)
@given(
    text=hostile_text,
    sources=st.one_of(
        st.none(),
        st.lists(st.sampled_from(["2003-03-18", "2099-01-01", "", "nonsense"]), max_size=3),
    ),
    speaker=st.sampled_from([None, "bush", "putin", "nobody", ""]),
)
def test_any_text_gets_a_finding_or_a_syntax_error(
    text: str, sources: list[str] | None, speaker: str | None
) -> None:
    find(CORPUS, text, sources, speaker or None)


@pytest.mark.unit
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_a_run_in_hostile_dress_verifies(data: st.DataObject) -> None:
    """A run of one turn's words verifies whatever the quotation marks, case, spacing,
    insertions and ellipses around and inside it."""
    turn = data.draw(st.sampled_from([t for t in TURNS if len(t.text.split()) >= 4]))
    words = turn.text.split()
    start = data.draw(st.integers(0, len(words) - 4))
    run = words[start : data.draw(st.integers(start + 4, min(len(words), start + 60)))]
    cut = data.draw(st.integers(1, len(run) - 1))
    inserted = data.draw(st.sampled_from(["[sic]", "[<>]", "[“]", "[]", "[ ]", "[Igor]"]))
    middle = data.draw(st.sampled_from([" ", " ... ", " … ", " [...] ", " <…> ", f" {inserted} "]))
    outer = data.draw(st.sampled_from(['"', "“", "‘", "'", "(", "", "—"]))
    text = outer + " ".join(run[:cut]) + middle + "  \n ".join(run[cut:]) + outer[::-1]
    text = data.draw(st.sampled_from([text, text.upper(), text.lower(), text.title()]))
    finding = find(CORPUS, text, ["2003-03-18"], turn.speaker)
    assert finding is not None and finding.status == "verified", text


def _occurs(words: list[str]) -> bool:
    needle = f" {' '.join(words)} "
    return any(needle in f" {' '.join(n for n, _, _ in scan(t.text))} " for t in TURNS)


@pytest.mark.unit
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_changed_word_never_verifies(data: st.DataObject) -> None:
    """One word changed (to a word of the transcript or to one it lacks) in a run of
    eight or more: never verified, however the rest is dressed."""
    turn = data.draw(st.sampled_from([t for t in TURNS if len(t.text.split()) >= 8]))
    words = turn.text.split()
    start = data.draw(st.integers(0, len(words) - 8))
    run = words[start : start + data.draw(st.integers(8, min(30, len(words) - start)))]
    at = data.draw(st.integers(0, len(run) - 1))
    run[at] = data.draw(st.sampled_from(["zeppelin", *WORDS]))
    changed = [norm for norm, _, _ in scan(" ".join(run))]
    assume(not _occurs(changed))
    text = data.draw(st.sampled_from(['"{}"', "“{}”", "{}", "({})"])).format(" ".join(run))
    finding = find(CORPUS, text.upper() if at % 2 else text, ["2003-03-18"], turn.speaker)
    assert finding is not None and finding.status != "verified", text


# The status in the Iraq call for Bush, and anywhere for anyone; None: refused as having
# nothing to match (a syntax error).
@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "for_bush", "anywhere"),
    [
        ("", None, None),
        (" ", None, None),
        ("...", None, None),
        ("… … …", None, None),
        ("[...]", None, None),
        ("<…>", None, None),
        ("[Bush:]", None, None),
        ("[a] ... [b]", None, None),
        ("“”", None, None),
        ('""', None, None),
        ("\u200b", None, None),
        ("[[[[", None, None),
        ("]]]]", None, None),
        ("[[Bush]] said", "misattributed", "verified"),
        ("[a [b] c]", "not_found", "not_found"),
        ("<<<>>>", None, None),
        ("the " * 10_000, "not_found", "not_found"),
        ("... " * 5_000, None, None),
        ("[x] " * 5_000, None, None),
        ("“" * 30_000, None, None),
        ("a" * 30_000, "not_found", "not_found"),
        ("\u0301" * 30_000, None, None),
    ],
)
def test_degenerate_quotations(text: str, for_bush: str | None, anywhere: str | None) -> None:
    found = find(CORPUS, text, ["2003-03-18"], "bush")
    assert (found.status if found else None) == for_bush
    found = find(CORPUS, text)
    assert (found.status if found else None) == anywhere


@pytest.mark.unit
def test_only_ellipses_are_a_syntax_error() -> None:
    with pytest.raises(QuotationSyntaxError, match="only an ellipsis"):
        CORPUS.find("... " * 5_000)
    with pytest.raises(QuotationSyntaxError, match="only editorial insertions"):
        CORPUS.find("[x] " * 50)
    with pytest.raises(QuotationSyntaxError, match="more than 100 insertions"):
        CORPUS.find("[x] " * 5_000 + "the")


@pytest.mark.unit
def test_thousands_of_ellipses_between_words_in_order() -> None:
    """Every word of the longest turn, each its own part: they occur in order in one turn."""
    longest = max(TURNS, key=lambda t: len(t.text))
    words = longest.text.split()
    assert len(words) > 400
    finding = find(CORPUS, " ... ".join(words), ["2003-03-18"], longest.speaker)
    assert finding is not None and finding.status == "verified"
    shuffled = words[1:] + words[:1]  # the first word last: no longer in order
    finding = find(CORPUS, " ... ".join(shuffled), ["2003-03-18"], longest.speaker)
    assert finding is not None and finding.status != "verified"


@pytest.fixture(scope="module")
def megabyte() -> tuple[Corpus, list[str]]:
    """A corpus with a transcript of over a megabyte, one turn of it a megabyte alone."""
    rng = random.Random(1)
    training = load_training(ROOT)
    chain = MarkovChain(tokens for _, _, tokens in training.turns)
    huge: list[str] = []
    while sum(map(len, huge)) + len(huge) < 1_000_000:
        huge += chain.words(rng, 2_000)
    turns = [TurnText("t001", "bush", " ".join(huge))]
    turns += [
        TurnText(f"t{n:03d}", "putin" if n % 2 else "bush", " ".join(chain.words(rng, 300)))
        for n in range(2, 200)
    ]
    with alarm(60):
        corpus = Corpus([text_layer("2001-01-01", turns), text_layer("2003-03-18", TURNS)])
    return corpus, huge


@pytest.mark.unit
def test_megabyte_transcript(megabyte: tuple[Corpus, list[str]]) -> None:
    corpus, huge = megabyte
    middle = len(huge) // 2
    run = huge[middle : middle + 5_000]
    text = " ".join(run)
    assert len(text) > 25_000
    verified = find(corpus, text, ["2001-01-01"], "bush")
    assert verified is not None and verified.status == "verified"
    assert verified.passage is not None and verified.passage.turn == "t001"
    attributed = find(corpus, text, ["2001-01-01"], "putin")
    assert attributed is not None and attributed.status == "misattributed"


@pytest.mark.unit
@pytest.mark.parametrize("words", [1_000, 5_000])  # about 5,000 and 30,000 characters
def test_a_long_near_miss_is_misquoted(megabyte: tuple[Corpus, list[str]], words: int) -> None:
    corpus, huge = megabyte
    middle = len(huge) // 2
    run = huge[middle : middle + words]
    run[words // 2] = "zeppelin"
    near = find(corpus, " ".join(run), ["2001-01-01"], "bush")
    assert near is not None and near.status == "misquoted"
    assert "zeppelin → " in " ".join(near.diff)


@pytest.mark.unit
def test_thirty_thousand_characters_of_nothing_close(megabyte: tuple[Corpus, list[str]]) -> None:
    corpus, huge = megabyte
    rng = random.Random(2)
    scrambled = " ".join(rng.choice(huge) for _ in range(6_000))[:30_000]
    find(corpus, scrambled)
    foreign = " ".join(rng.choice(["zeppelin", "walrus", "origami"]) for _ in range(4_000))
    finding = find(corpus, foreign[:30_000], ["2001-01-01"])
    assert finding is not None and finding.status == "not_found"


@pytest.mark.unit
@settings(max_examples=30, deadline=None)
@given(text=hostile_text)
def test_hostile_text_against_a_megabyte(megabyte: tuple[Corpus, list[str]], text: str) -> None:
    find(megabyte[0], text)


# -- the Sphinx layer --------------------------------------------------------------------------

#: A quotation the transcript verifies: hostile neighbours must not change its verdict.
CANARY = "my judgment is that the United Nations is through"
CANARY_ROLE = f"{{quote}}`{CANARY} <2003-03-18#bush>`"
ROLE_TARGETS = [
    "<2003-03-18>",
    "<2003-03-18#bush>",
    "<2008-04-06#putin>",
    "<nonsense>",
    "<2099-01-01>",
    "<2003-03-18#nobody>",
    "<>",
    "<2003-03-18#>",
    "<term>",
    "<cite:nokey>",
    "",
    "<<2003-03-18>>",
    "<2003-03-18",
    "2003-03-18>",
    "<../../../etc/passwd>",
    "<2003-03-18#bush#putin>",
]
ROLES = ["quote", "paraphrase", "exempt", "page", "note"]
PAGE_MARKS = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "[",
    "]",
    "...",
    "…",
    "<",
    ">",
    "*",
    "_",
    "`",
    "\\",
    "{",
    "}",
    "|",
    "#",
    "&",
    "$",
    "<b>",
    "<script>",
    "\u200b",
    "\u202e",
    "\x00",
]
SOURCES = [
    "",
    "---\nsources: [2003-03-18]\n---\n",
    '---\nsources: "2003-03-18"\n---\n',
    "---\nsources: {a: 1}\n---\n",
    "---\nsources: [[1, 2]]\n---\n",
    "---\nsources: [\n---\n",
    "---\n- a\n- b\n---\n",
    "---\nsources: nonsense\n---\n",
    "---\n",
    "---\nsources: !!python/object/apply:os.system [echo]\n---\n",
    "---\nsources: [2008-04-06, 2099-01-01, null, 12]\n---\n",
]
BLOCKS = [
    ":::{sources} 2003-03-18\n:::",
    "```{sources} nonsense 2099-01-01\n```",
    ":::{sources}\n:::",
    '[^n]: a footnote with "quoted words" in it',
    '| a | b |\n|---|---|\n| "x" | “y” |',
    '```{note}\nA "quote" in an admonition.\n```',
    '```\ncode with "quotes"\n```',
    '- a "list" item\n- “another”',
    "> “nested “quotes” in” a block quote",
]

page_words = st.sampled_from([*WORDS[:200], "United", "Nations", "U.N."])
phrase = st.lists(st.one_of(page_words, st.sampled_from(PAGE_MARKS)), max_size=10).map(" ".join)
person = st.builds(
    lambda text, name: f"{{person}}`{text} <{name}>`",
    phrase,
    st.sampled_from(["Igor Ivanov", "Nobody Known", "2003-03-18", "#", ""]),
)
role = st.one_of(
    person,
    st.builds(
        lambda name, text, target: f"{{{name}}}`{text} {target}`",
        st.sampled_from(ROLES),
        phrase,
        st.sampled_from(ROLE_TARGETS),
    ),
)
quote_marks = st.sampled_from(['"', "“", "”", ""])
plain = st.builds(
    lambda opening, text, closing: f"{opening}{text}{closing}", quote_marks, phrase, quote_marks
)
paragraph = st.lists(st.one_of(role, plain, phrase), min_size=1, max_size=6).map(" ".join)
block = st.one_of(paragraph, paragraph.map(lambda p: "> " + p), st.sampled_from(BLOCKS))
analysis_page = st.builds(
    lambda front, blocks: f"{front}# Hostile\n\nFirst, {CANARY_ROLE}.\n\n" + "\n\n".join(blocks),
    st.sampled_from(SOURCES),
    st.lists(block, min_size=1, max_size=8),
)

# Each example is a build: few of them, and no shrinking (which would build hundreds more).
SPHINX_SETTINGS = settings(
    max_examples=15,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def build(
    make_app: Callable[..., Any],
    root: Path,
    pages: dict[str, str | bytes],
    buildername: str = "html",
) -> tuple[Any, list[BuildWarning]]:
    """Build a project of ``pages``; the build must finish, and every warning must be
    located and typed."""
    srcdir = write_project(root, pages)
    with alarm(60):
        return build_checked(make_app, srcdir, buildername)


def verdict_of(app: Any, text: str) -> str | None:
    """The status the build gave the quotation ``text``."""
    domain = get_domain(app.env)
    for quotation in domain.all_quotations():
        if quotation.text == text:
            verdict = domain.verdict(quotation.docname, quotation.key)
            return verdict.status if verdict else None
    return None


@pytest.mark.sphinx
@SPHINX_SETTINGS
@given(page=analysis_page)
def test_hostile_analysis_page(
    make_app: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory, page: str
) -> None:
    app, _ = build(make_app, tmp_path_factory.mktemp("analysis"), {"analysis/hostile.md": page})
    assert verdict_of(app, CANARY) == "verified"


def _front_matter() -> dict[str, Any]:
    text = TRANSCRIPT.split("---\n")[1]
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    return loaded


FRONT = _front_matter()
BODY = TRANSCRIPT.split("---\n", 2)[2]
yaml_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.dates(),
    st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
    st.dictionaries(st.text(max_size=5), st.one_of(st.integers(), st.text(max_size=5)), max_size=3),
)


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """The transcript's front matter with a few fields dropped or given odd values, then
    perhaps a character inserted anywhere in its YAML."""
    data = dict(FRONT)
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from(sorted(FRONT)))
        if draw(st.booleans()):
            data.pop(key, None)
        else:
            data[key] = draw(yaml_values)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = (
            text[:at]
            + draw(
                st.sampled_from(
                    [":", "\t", "[", "{", "'", '"', "- ", "\n  ", "&a", "*a", "!!", "%"]
                )
            )
            + text[at:]
        )
    return text


@pytest.mark.sphinx
@SPHINX_SETTINGS
@given(front=front_matter())
def test_hostile_transcript_front_matter(
    make_app: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory, front: str
) -> None:
    analysis = f"---\nsources: [2003-03-18]\n---\n# A\n\nHe said {CANARY_ROLE}.\n"
    app, warnings = build(
        make_app,
        tmp_path_factory.mktemp("front"),
        {
            "transcripts/2003-03-18.md": f"---\n{front}---\n{BODY}",
            "analysis/a.md": analysis,
        },
    )
    refused = get_domain(app.env).conversations.get("2003-03-18") is None
    # a conversation is refused exactly when its page says why
    assert refused == any(w.type == "memcon.front_matter" for w in warnings)
    if refused:  # and then the quotation cannot verify
        assert verdict_of(app, CANARY) != "verified"


MALFORMED_FRONT = {
    "missing fields": ('---\nid: "2003-03-18"\n---\n', 1),
    "wrong types": (
        "---\n"
        + yaml.safe_dump(
            {**FRONT, "date": [1], "speakers": "bush", "participants": 3}, sort_keys=False
        )
        + "---\n",
        None,
    ),
    "yaml syntax error": ('---\nid: "2003-03-18"\ntitle: [unclosed\nkind: telcon\n---\n', None),
    "not a mapping": ("---\n- id\n- date\n---\n", 1),
    "a scalar": ("---\njust text\n---\n", 1),
    "empty": ("---\n---\n", 1),
    "no front matter": ("", 1),
    "unclosed": ('---\nid: "2003-03-18"\n', 1),
    "duplicate key": (
        "---\n" + yaml.safe_dump(FRONT, sort_keys=False) + 'id: "2003-03-19"\n---\n',
        None,
    ),
    "python tag": ('---\nid: !!python/object/apply:os.system ["echo hacked"]\n---\n', None),
    "tab indentation": ('---\nid: "2003-03-18"\nsource:\n\tnw: 1\n---\n', None),
    "deep nesting": ("---\nsource: " + "[" * 200 + "]" * 200 + "\n---\n", None),
}


@pytest.mark.sphinx
@pytest.mark.parametrize("case", sorted(MALFORMED_FRONT))
def test_malformed_transcript_front_matter(
    make_app: Callable[..., Any], tmp_path: Path, case: str
) -> None:
    front, line = MALFORMED_FRONT[case]
    app, warnings = build(make_app, tmp_path, {"transcripts/2003-03-18.md": front + BODY})
    problems = [w for w in warnings if w.type == "memcon.front_matter"]
    assert problems, "a malformed front matter is reported"
    assert all(w.path and w.path.endswith("2003-03-18.md") for w in problems)
    if line is not None:
        assert problems[0].line == line
    assert get_domain(app.env).conversations.get("2003-03-18") is None


@pytest.mark.sphinx
@pytest.mark.parametrize("page", ["analysis/bytes.md", "transcripts/2003-03-18.md"])
def test_invalid_utf8_is_reported_not_fatal(
    make_app: Callable[..., Any], tmp_path: Path, page: str
) -> None:
    text = (TEST_ROOT / "transcripts" / "2003-03-18.md").read_bytes()
    source = text if page.startswith("transcripts") else b"# Bytes\n\nSome text.\n"
    broken = source.replace(b"\n\n", b"\n\nbad \xff\xfe bytes \xc3( here\n\n", 1)
    line = source[: source.index(b"\n\n")].count(b"\n") + 3
    _, warnings = build(make_app, tmp_path, {page: broken, "analysis/fine.md": "# Fine\n"})
    assert [(w.line, w.type) for w in warnings if "not valid utf-8" in w.message] == [
        (line, "memcon.unsafe")
    ]


@pytest.mark.sphinx
def test_page_turning_undecodable_between_builds(
    make_app: Callable[..., Any], tmp_path: Path
) -> None:
    """A page read by the last build, then broken: the next build forgets it, warns, and
    finishes; mended, it is read again."""
    page = f"# A\n\nHe said {CANARY_ROLE}.\n"
    srcdir = write_project(tmp_path, {"analysis/a.md": page})
    app = make_app("html", srcdir=srcdir, freshenv=True, warning=io.StringIO())
    app.build()
    assert verdict_of(app, CANARY) == "verified"
    (srcdir / "analysis/a.md").write_bytes(page.encode() + b"\xff\n")
    again = make_app("html", srcdir=srcdir, warning=io.StringIO())
    with alarm(60):
        again.build()
    warnings = warnings_of(again._warning.getvalue())
    assert [w.line for w in warnings if "not valid utf-8" in w.message] == [4]
    assert verdict_of(again, CANARY) is None
    (srcdir / "analysis/a.md").write_text(page, "utf-8")
    mended = make_app("html", srcdir=srcdir, warning=io.StringIO())
    mended.build()
    assert verdict_of(mended, CANARY) == "verified"
    assert not [w for w in warnings_of(mended._warning.getvalue()) if "utf-8" in w.message]


@pytest.mark.sphinx
@pytest.mark.parametrize("buildername", ["html", "quotecheck"])
def test_every_kind_of_bad_reference(
    make_app: Callable[..., Any], tmp_path: Path, buildername: str
) -> None:
    roles = [f"{{quote}}`words {target}`" for target in ROLE_TARGETS]
    page = "# Refs\n\n" + "\n\n".join(f"Line {n}: {r}" for n, r in enumerate(roles)) + "\n"
    _, warnings = build(make_app, tmp_path, {"analysis/refs.md": page}, buildername)
    found = {(w.line, w.type) for w in warnings if w.path and w.path.endswith("refs.md")}
    # "words" occurs nowhere; a pending source warns of nothing; a target without both of
    # its angle brackets is part of the quoted words.
    expected = [
        "not_found",
        "not_found",
        None,
        "syntax",
        "unknown_source",
        "unknown_speaker",
        "syntax",
        "syntax",
        "syntax",
        "syntax",
        "not_found",
        "syntax",
        "not_found",
        "not_found",
        "syntax",
        "syntax",
    ]
    assert len(expected) == len(ROLE_TARGETS)
    assert found == {
        (3 + 2 * n, f"quotecheck.{subtype}") for n, subtype in enumerate(expected) if subtype
    }


@pytest.mark.sphinx
def test_person_without_a_name(make_app: Callable[..., Any], tmp_path: Path) -> None:
    _, warnings = build(make_app, tmp_path, {"analysis/p.md": "# P\n\n{person}`Igor <>`\n"})
    assert [(w.line, w.type) for w in warnings] == [(3, "memcon.person")]
