"""Shared fixtures: a small project made from a dict of files, the built shipped site, Chromium.

The tests are in three layers: ``unit/`` (no build), ``build/`` (a build made in this process:
a small project from :data:`PETIT_CORPUS`, a copy of the shipped project, or the shipped site
built once per session and worker, :func:`built_site`) and ``browser/`` (Chromium through
Playwright, marked ``browser``)."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import socket
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Iterator

import pytest

from fabrique import controles_accessibilite as controles

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = controles.CHROMIUM
CHROMIUM_ARGS = controles.CHROMIUM_ARGS


#: Settings of a deployment (repository address…): a test sets them itself when it needs them.
DEPLOYMENT_VARIABLES = ("FABRIQUE_REPO_URL", "FABRIQUE_EDIT_URI", "FABRIQUE_DECAP_AUTH_URL")


def run_mkdocs_cli(project: Path, site_dir: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run the command ``mkdocs build --strict`` on a project folder, in its own process, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project,
        env={**{k: v for k, v in os.environ.items() if k not in DEPLOYMENT_VARIABLES}, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        capture_output=True,
        text=True,
    )


@contextlib.contextmanager
def _environment(env: dict[str, str] | None) -> Iterator[None]:
    """``os.environ`` without the deployment settings, plus ``env``, for as long as the block lasts."""
    saved = dict(os.environ)
    for name in DEPLOYMENT_VARIABLES:
        os.environ.pop(name, None)
    os.environ.update({"NO_MKDOCS_2_WARNING": "1", **(env or {})})
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def run_mkdocs(project: Path, site_dir: Path, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Build a project folder as ``mkdocs build --strict`` does, in this process (as MkDocs' own
    tests do: no interpreter to start, no imports to repeat), with MkDocs' log as ``stderr`` and an
    exit code of 1 when the build is aborted (an error, or a warning in strict mode).

    An exception that is not MkDocs' own ends the build as the command would: its traceback in
    ``stderr``, exit code 1. ``extra`` takes ``--no-strict``; the real command is
    :func:`run_mkdocs_cli`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    unknown = [option for option in extra if option != "--no-strict"]
    if unknown:
        raise ValueError(f"option non prise en charge par run_mkdocs : {unknown} (voir run_mkdocs_cli)")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    returncode = 0
    here = os.getcwd()
    try:
        with _environment(env):
            os.chdir(project)
            config = load_config(str(Path(project) / "mkdocs.yml"), site_dir=str(site_dir), strict="--no-strict" not in extra)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as error:
        stream.write(f"{error}\n")
        returncode = 1
    except Exception:  # what the command's interpreter would print before exiting with 1
        stream.write(traceback.format_exc())
        returncode = 1
    finally:
        os.chdir(here)
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
    return subprocess.CompletedProcess(["mkdocs", "build", *extra], returncode, "", stream.getvalue())


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


#: A small corpus: a home page, a territory, the programme it follows and a pilot sheet about it;
#: enough for the build to make every kind of page (see :func:`petit_projet`).
PETIT_CORPUS: dict[str, str] = {
    "docs/index.md": """---
id: accueil
type: page
titre: Petit corpus
resume: Un petit corpus de test, fait d'un territoire, d'un programme et d'une fiche.
sources: [{document: presentation-fabrique, partie: "Essai"}]
---

# Petit corpus

Le petit corpus des tests.
""",
    "data/territoires/commune-essai.yml": """id: commune-essai
nom: Commune d'essai
type: commune
coordonnees: {lat: 45.0, lon: 4.0}
description: Une commune inventée pour les tests, accompagnée par le programme d'essai.
participations:
  - programme: programme-essai
    debut: 2022
sources: [{document: presentation-fabrique, partie: "Essai"}]
""",
    "data/programmes/programme-essai.yml": """id: programme-essai
nom: Programme d'essai
dispositif: cohorte
description: Un programme inventé pour les tests.
debut: 2022
sources: [{document: presentation-fabrique, partie: "Essai"}]
""",
    "docs/fiches/fiche-essai.md": """---
id: fiche-essai
type: fiche-projet-pilote
titre: Une fiche d'essai
resume: Une fiche inventée pour les tests, sur la commune d'essai et son programme.
annee: 2022
territoires: [commune-essai]
programmes: [programme-essai]
themes: [gouvernance]
sources: [{document: presentation-fabrique, partie: "Essai"}]
---

Le texte de la fiche d'essai.
""",
}

#: What a small project takes from the shipped one: configuration, templates, schemas, map
#: outlines, themes and source documents (not its corpus).
_SQUELETTE = ("hooks/fabrique_hooks.py", "overrides", "data/schemas", "data/geo", "data/sources", "data/themes.yml",
              "docs/assets", "CONTRIBUTING.md")


def petit_projet(target: Path, fichiers: dict[str, str | None] | None = None) -> Path:
    """A small project made in ``target`` from a dict of files (path -> text; ``None`` removes a
    file of :data:`PETIT_CORPUS`), on the shipped configuration without its navigation (MkDocs
    lists the pages it finds), templates, schemas, map outlines, themes and source documents."""
    target.mkdir(parents=True, exist_ok=True)
    for name in _SQUELETTE:
        source, copy = ROOT / name, target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, copy)
    # the configuration is edited as text: it holds YAML tags (!!python/name) that safe_load refuses
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    head, found, rest = text.partition("\nnav:\n")
    assert found, "mkdocs.yml n'a plus de section nav"
    lines = rest.splitlines(keepends=True)
    while lines and (lines[0].startswith((" ", "#")) or not lines[0].strip()):
        lines.pop(0)
    (target / "mkdocs.yml").write_text(head + "\n" + "".join(lines), encoding="utf-8")
    for path, content in {**PETIT_CORPUS, **(fichiers or {})}.items():
        if content is None:
            continue
        file = target / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(content, encoding="utf-8")
    return target


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test of ``tests/browser/`` is marked ``browser`` (``-m "not browser"`` skips Chromium)."""
    browser_layer = Path(__file__).resolve().parent / "browser"
    for item in items:
        if browser_layer in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)


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
