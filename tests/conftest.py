"""Test fixtures: a real PostgreSQL (the embedded server), one fresh database per need.

The server's data lives in <repo>/.veille-test (kept between runs so later runs start in
milliseconds); every database a test session creates is dropped at the end.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import URL
from support import REPO, migrated
from typer.testing import CliRunner

TEST_HOME = Path(os.environ.get("VEILLE_TEST_HOME", REPO / ".veille-test"))

for name in ("VEILLE_DATABASE_URL", "DATABASE_URL"):
    os.environ.pop(name, None)  # never touch a user's configured database
os.environ["VEILLE_HOME"] = str(TEST_HOME)


@pytest.fixture(scope="session")
def server_url() -> URL:
    from veille.schema.database import start_embedded

    return start_embedded(TEST_HOME)


def _admin(url: URL) -> str:
    return url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def make_database(server_url: URL) -> Iterator[Callable[[], str]]:
    """Factory: a new empty database on the embedded server; returns its SQLAlchemy URL."""
    created: list[str] = []

    def make() -> str:
        name = f"veille_t_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(_admin(server_url), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        created.append(name)
        return server_url.set(database=name).render_as_string(hide_password=False)

    yield make
    with psycopg.connect(_admin(server_url), autocommit=True) as conn:
        for name in created:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_db(make_database) -> str:
    return make_database()


@pytest.fixture
def db_url(make_database) -> str:
    """A fresh database migrated to head."""
    return migrated(make_database())


@pytest.fixture(scope="session")
def seeded(make_database) -> str:
    """The five seed pages imported once (batch "seeds") for the whole test session, into a
    database of their own: tests only read it (a test that changes data makes its own)."""
    from support import SEEDS, import_into

    url = migrated(make_database())
    result = import_into(url, SEEDS, batch="seeds")
    assert result.exit_code == 0, result.output
    return url


@pytest.fixture
def cli() -> Callable[..., object]:
    """Run `veille ARGS...` in-process; returns the click Result (exit_code, stdout, stderr)."""
    from veille.cli.main import app

    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


# CI runs the property tests with a fixed seed (reproducible verdicts); local runs explore;
# `make stress` (VEILLE_STRESS=1) runs every property test with fresh random seeds and
# STRESS_FACTOR (10) times its examples.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

STRESS = bool(os.environ.get("VEILLE_STRESS"))
STRESS_FACTOR = 10
_hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
_hypothesis_settings.register_profile("stress", derandomize=False, print_blob=True)
if STRESS:
    _hypothesis_settings.load_profile("stress")
elif os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")


def pytest_collection_modifyitems(config, items) -> None:
    """Mark every property test `property` (so `pytest -m property` runs them all) and, under
    stress, give each STRESS_FACTOR times its own number of examples and a random seed."""
    for item in items:
        test = getattr(item, "obj", None)
        if not getattr(test, "is_hypothesis_test", False):
            continue
        item.add_marker(pytest.mark.property)
        if STRESS:
            own = getattr(test, "_hypothesis_internal_use_settings", None) or _hypothesis_settings()
            test._hypothesis_internal_use_settings = _hypothesis_settings(
                own, max_examples=own.max_examples * STRESS_FACTOR, derandomize=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped test is a failure: a missing browser, corpus or gold must not pass unseen."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {reason}"
