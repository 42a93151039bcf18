"""The web editor in Chromium, against decap-server on a copy of the project: what an ally does."""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, PageWatch, _QuietHandler, copy_project, free_port, run_mkdocs

sys.path.insert(0, str(ROOT / "hooks"))

from fabrique import decap  # noqa: E402
from fabrique.scaffold import make_id  # noqa: E402
from fabrique.loader import split_front_matter  # noqa: E402

pytestmark = pytest.mark.browser

DECAP_SERVER = ROOT / decap.EDITOR_FOLDER / "node_modules" / ".bin" / "decap-server"
GRUISSAN = "docs/fiches/gruissan-station-sans-voiture.md"
ENTRY = "#/collections/fiche-projet-pilote/entries/gruissan-station-sans-voiture"

#: Environment variable: a folder where the screenshots of the editor are copied (the published
#: ones of CONTRIBUTING.md: FABRIQUE_CAPTURES=docs/assets/images/editeur). Unset, they stay in tmp.
CAPTURES_VARIABLE = "FABRIQUE_CAPTURES"


@dataclass
class Editeur:
    project: Path
    base: Path
    url: str
    api: str
    captures: Path

    def capture(self, page, name: str) -> None:
        path = self.captures / f"{name}.png"
        page.screenshot(path=str(path))
        target = os.environ.get(CAPTURES_VARIABLE)
        if target:
            Path(target).mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, Path(target) / path.name)


def wait_for_port(port: int, process: subprocess.Popen) -> None:
    for _ in range(200):
        if process.poll() is not None:
            pytest.fail(f"decap-server s'est arrêté : {process.stdout.read()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail("decap-server ne répond pas")


@pytest.fixture(scope="module")
def editeur(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Editeur]:
    """A copy of the project served by decap-server, and its site built once with the local backend."""
    if not DECAP_SERVER.exists():
        pytest.fail(f"{DECAP_SERVER} est absent : lancez « bash .ci/setup test »")
    base = tmp_path_factory.mktemp("editeur")
    project = copy_project(base / "projet")
    port = free_port()
    api = f"http://127.0.0.1:{port}/api/v1"
    server = subprocess.Popen([str(DECAP_SERVER)], cwd=base, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(project)})
    try:
        wait_for_port(port, server)
        result = run_mkdocs(project, base / "site", env={decap.LOCAL_VARIABLE: api})
        assert result.returncode == 0, result.stderr
        handler = functools.partial(_QuietHandler, directory=str(base / "site"))
        http_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=http_server.serve_forever, daemon=True).start()
        captures = base / "captures"
        captures.mkdir()
        try:
            yield Editeur(project, base, f"http://127.0.0.1:{http_server.server_address[1]}", api, captures)
        finally:
            http_server.shutdown()
            http_server.server_close()
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def admin(browser, editeur: Editeur, request: pytest.FixtureRequest):
    """/admin/ signed in to the local backend, its requests and console watched."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    # Decap writes through decap-server and re-reads the entry: on a loaded 2-core machine a save
    # may take longer than Playwright's default 30 s (a wait, not a measure)
    context.set_default_timeout(90_000)
    tab = context.new_page()
    tab.watch = PageWatch(tab, "http://127.0.0.1:")  # the site and decap-server: this machine only
    tab.on("dialog", lambda dialog: dialog.accept())
    try:
        tab.goto(f"{editeur.url}/admin/", wait_until="networkidle")
        tab.get_by_role("button", name="Se connecter").click()
        tab.get_by_text("Fiches projets pilotes").first.wait_for()
        yield tab
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            # what the editor showed when the test failed (Decap's errors are in the form, not in an exception)
            name = f"echec-{request.node.name}"
            tab.screenshot(path=str(editeur.captures / f"{name}.png"))
            (editeur.captures / f"{name}.html").write_text(tab.content(), encoding="utf-8")
            print(f"capture de l'échec : {editeur.captures / name}.png et .html")
        assert tab.watch.foreign_requests == []
        assert tab.watch.console_errors == []
    finally:
        context.close()


def publish(page) -> None:
    page.get_by_role("button", name="Publier", exact=True).click()
    page.get_by_text("Publier maintenant", exact=True).click()


def field_error(page, label: str, expected: str) -> str:
    """The error Decap shows above a field (its text as written, not as the CSS capitalises it),
    once it says ``expected`` (Decap shows the errors of a form one field after the other: until
    a field's own list is there, the nearest list is another field's), or after 15 s."""
    control = page.get_by_label(label, exact=True).locator("xpath=ancestor::div[.//ul][1]")
    text = ""
    for _ in range(150):
        text = " ".join(control.locator("ul li").all_text_contents())
        if expected in text:
            break
        page.wait_for_timeout(100)
    return text


def fabrique_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fabrique.cli", "--root", str(project), "check"], capture_output=True, text=True)


def test_an_ally_completes_the_sketch(admin, editeur: Editeur) -> None:
    resume = "Gruissan, commune littorale de l'Aude, veut devenir la première station balnéaire sans voiture d'ici 2030."
    phrase = "Une navette électrique relie désormais le village, la plage des Chalets et le port."
    admin.goto(f"{editeur.url}/admin/{ENTRY}")
    admin.get_by_label("Résumé", exact=True).fill(resume)
    body = admin.locator("[data-slate-editor]").first
    body.click()
    admin.keyboard.press("Control+End")
    admin.keyboard.press("Enter")
    admin.keyboard.type(phrase)
    preview = admin.frame_locator("iframe").first
    assert preview.locator(".fabrique-bandeau").first.text_content().startswith("Esquisse.")
    styles = preview.locator("link[rel=stylesheet]").evaluate_all("links => links.map(l => l.getAttribute('href'))")
    assert any("assets/stylesheets/main." in href for href in styles) and "../assets/fabrique.css" in styles
    editeur.capture(admin, "editeur-fiche")
    publish(admin)
    admin.get_by_role("button", name="Publiée").wait_for()
    front, body_text, _ = split_front_matter((editeur.project / GRUISSAN).read_text(encoding="utf-8"))
    assert yaml.safe_load(front)["resume"] == resume
    assert phrase in body_text
    result = fabrique_check(editeur.project)
    assert result.returncode == 0, result.stdout + result.stderr

    rebuilt = run_mkdocs(editeur.project, editeur.base / "site-2")
    assert rebuilt.returncode == 0, rebuilt.stderr
    page = (editeur.base / "site-2/fiches/gruissan-station-sans-voiture/index.html").read_text(encoding="utf-8")
    assert phrase in page and "la première station balnéaire sans voiture d&#39;ici 2030" in page.replace("'", "&#39;")


def test_a_bad_value_shows_the_french_error_and_writes_nothing(admin, editeur: Editeur) -> None:
    before = (editeur.project / GRUISSAN).read_bytes()
    admin.goto(f"{editeur.url}/admin/{ENTRY}")
    admin.get_by_label("Résumé", exact=True).fill("Court")
    territoires = admin.get_by_label("Territoires", exact=True)
    territoires.focus()
    admin.keyboard.press("Backspace")  # removes Gruissan
    territoires.fill("Atlantide")
    assert admin.get_by_role("option", name="Atlantide").count() == 0  # an unknown territory cannot be chosen
    admin.keyboard.press("Escape")
    publish(admin)
    assert "20 à 400 caractères" in field_error(admin, "Résumé", "20 à 400 caractères")
    assert "requis" in field_error(admin, "Territoires", "requis")
    admin.get_by_label("Titre", exact=True).scroll_into_view_if_needed()
    editeur.capture(admin, "editeur-erreurs")
    time.sleep(1)
    assert (editeur.project / GRUISSAN).read_bytes() == before


def test_an_image_without_alternative_text_is_refused_before_saving(admin, editeur: Editeur) -> None:
    images = editeur.project / "docs/assets/images"
    images.mkdir(parents=True, exist_ok=True)
    shutil.copy2(editeur.base / "site/assets/images/favicon.png", images / "lieu.png")
    sheet = editeur.project / "docs/fiches/ariege-evenement-federateur.md"
    sheet.write_text(sheet.read_text(encoding="utf-8").rstrip() + "\n\n![Une photo du lieu](../assets/images/lieu.png)\n", encoding="utf-8")
    before = sheet.read_bytes()
    admin.goto(f"{editeur.url}/admin/#/collections/fiche-projet-pilote/entries/{sheet.stem}")
    admin.get_by_label("Texte alternatif (obligatoire)", exact=True).fill("")
    errors = len(admin.watch.console_errors)
    publish(admin)
    admin.get_by_text(f"Échec de l'enregistrement de l'entrée : Error: {decap.NO_ALT_MESSAGE}").wait_for()
    time.sleep(1)
    assert sheet.read_bytes() == before
    refused = admin.watch.console_errors[errors:]
    assert refused and decap.NO_ALT_MESSAGE in refused[0]  # Decap logs the refused save, with our message
    del admin.watch.console_errors[errors:]


def test_an_ally_creates_a_new_pilot_sheet(admin, editeur: Editeur) -> None:
    titre = "Gruissan : une deuxième fiche à écrire"
    resume = "Une fiche ouverte depuis l'éditeur, que l'équipe de Gruissan complétera à partir des sources."
    source = {"document": "presentation-fabrique", "partie": "La cohorte régionale « Occitanie » (2024-2025)"}
    identifiant = make_id(titre)  # what « fabrique new fiche » would name it
    # From the list of collections (where the fixture leaves the tab), /new mounts a fresh editor that
    # shows its form once the new draft exists. Reached from another entry instead, Decap keeps that
    # entry's form on screen until the draft arrives (after a getMedia round trip to decap-server),
    # then replaces it: what was typed meanwhile is lost and the save is refused.
    admin.goto(f"{editeur.url}/admin/#/collections/fiche-projet-pilote/new")
    form = {"Identifiant": identifiant, "Titre": titre, "Résumé": resume}
    for label, value in form.items():
        admin.get_by_label(label, exact=True).fill(value)
    admin.get_by_label("Territoires", exact=True).fill("Gruiss")
    admin.get_by_role("option", name="Gruissan").click()
    # a published sheet names its source (fabrique check refuses one without)
    admin.get_by_role("button", name="Ajouter Sources").click()
    admin.locator("input[id^='document-field']").fill(source["document"])
    admin.locator("input[id^='partie-field']").fill(source["partie"])
    admin.locator("[data-slate-editor]").first.click()
    admin.keyboard.type("À compléter à partir des sources.")
    for label, value in form.items():  # still in the form when the ally saves
        expect(admin.get_by_label(label, exact=True)).to_have_value(value)
    publish(admin)
    admin.get_by_role("button", name="Publiée").wait_for()

    created = editeur.project / f"docs/fiches/{identifiant}.md"
    assert created.is_file(), sorted(path.name for path in created.parent.iterdir())
    assert identifiant == "gruissan-une-deuxieme-fiche-a-ecrire"
    front, body, _ = split_front_matter(created.read_text(encoding="utf-8"))
    meta = yaml.safe_load(front)
    identifier_schema = json.loads((editeur.project / "data/schemas/commun.schema.json").read_text(encoding="utf-8"))["$defs"]["identifiant"]
    assert meta["id"] == created.stem and re.fullmatch(identifier_schema["pattern"], meta["id"])
    assert meta["type"] == "fiche-projet-pilote" and meta["titre"] == titre and meta["resume"] == resume
    assert meta["territoires"] == ["gruissan"]
    assert meta["sources"] == [source]
    assert "À compléter à partir des sources." in body
    result = fabrique_check(editeur.project)
    assert result.returncode == 0, result.stdout + result.stderr
