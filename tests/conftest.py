"""Shared fixtures: a small corpus written into tmp_path, the built shipped site, Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from fabrique import controles_accessibilite as controles

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = controles.CHROMIUM
CHROMIUM_ARGS = controles.CHROMIUM_ARGS


#: Settings of a deployment (repository address…): a test sets them itself when it needs them.
DEPLOYMENT_VARIABLES = ("FABRIQUE_REPO_URL", "FABRIQUE_EDIT_URI", "FABRIQUE_DECAP_AUTH_URL")


def run_mkdocs(project: Path, site_dir: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` on a project folder, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project,
        env={**{k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES}, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
    )


def copy_project(target: Path) -> Path:
    """A copy of the project's content and configuration (not its tests or site)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "data", "hooks", "overrides", "CONTRIBUTING.md"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the shipped project, to break on purpose."""
    return copy_project(tmp_path / "projet")


@pytest.fixture(scope="session")
def model():
    """The shipped corpus and its schemas, as the build loads them (read, never changed)."""
    from fabrique import loader

    project = loader.Project.at(ROOT)
    corpus, problems = loader.load(project)
    assert not problems, problems.report()
    return corpus, project.schemas


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus, built once per test session with ``--strict``."""
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test (``item.rep_call``), for fixtures that record a failure."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


#: The quiet request handler of the local server (no log line per request).
_QuietHandler = controles._QuietHandler
#: A folder served on 127.0.0.1 on a free port, for as long as the block lasts.
serve = controles.servir


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 on a free port."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} est absent : lancez « bash .ci/setup test »")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


class PageWatch:
    """Records console errors and requests to hosts other than the local server."""

    def __init__(self, page, local_prefix: str) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))

        def on_request(request) -> None:
            url = request.url
            if not (url.startswith(local_prefix) or url.startswith("data:") or url.startswith("blob:") or url.startswith("file:")):
                self.foreign_requests.append(url)

        page.on("request", on_request)


@pytest.fixture
def page(browser, site_url):
    """A fresh browser page, with its console errors and foreign requests recorded."""
    context = browser.new_context(locale="fr-FR")
    tab = context.new_page()
    tab.watch = PageWatch(tab, site_url)
    try:
        yield tab
    finally:
        context.close()


def free_port() -> int:
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
