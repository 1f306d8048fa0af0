"""Every test has one category: a test without one, or with two, stops the run."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.unit

INI = """
[pytest]
addopts = --strict-markers
markers =
    unit: fast
    sphinx: builds a test project
    edition: the real edition
    browser: Chromium
"""
CONFTEST = 'pytest_plugins = ("categories",)\n'


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A test project with the categories plugin and the four markers."""
    pytester.makeini(INI)
    pytester.makeconftest(CONFTEST)
    return pytester


def test_tests_with_one_category_run(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.unit

        def test_one():
            pass

        @pytest.mark.parametrize("n", [1, 2])
        def test_two(n):
            pass
        """
    )
    project.runpytest("-m", "unit").assert_outcomes(passed=3)


def test_a_test_without_a_category_stops_the_run(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        import pytest

        @pytest.mark.unit
        def test_marked():
            pass

        def test_forgotten():
            pass
        """
    )
    result = project.runpytest("-m", "unit")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*test_forgotten: has none; expected one of unit, sphinx, edition, browser*"]
    )
    assert "test_marked" not in result.stderr.str()


def test_a_test_with_two_categories_stops_the_run(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.unit

        @pytest.mark.edition
        def test_both():
            pass
        """
    )
    result = project.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*test_both: has edition, unit; expected one of*"])


def test_a_unit_test_may_not_build(project: pytest.Pytester) -> None:
    project.makepyfile(
        """
        import pytest

        @pytest.fixture
        def make_app():
            return None

        @pytest.mark.unit
        def test_builds(make_app):
            pass

        @pytest.mark.sphinx
        def test_sphinx(make_app):
            pass
        """
    )
    result = project.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*test_builds: is marked unit but uses the fixture 'make_app', which only a test*"]
    )
    assert "test_sphinx" not in result.stderr.str()
