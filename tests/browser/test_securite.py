"""Untrusted content stays harmless: hostile contributions are rejected by ``fabrique check``,
and, forced into a build, run nothing and leak nothing in Chromium."""

from __future__ import annotations

import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_mkdocs

sys.path.insert(0, str(ROOT / "hooks"))

from fabrique import controles_accessibilite as controles  # noqa: E402
from fabrique import loader, safety  # noqa: E402

SECRET_VARIABLE = "FABRIQUE_SECRET_DE_TEST"
SECRET = "s3cret-7f3a9c-ne-doit-jamais-sortir"


@dataclass(frozen=True)
class Hostile:
    """One hostile contribution: where it goes, what it says, where check must point."""

    name: str
    payload: str = ""
    titre: str = '"Une fiche d\'essai"'
    resume: str = '"Une fiche d\'essai qui contient un piège pour les visiteurs."'
    line: int = 12
    field: str = "(contenu)"
    message: str = ""
    data_file: str = ""
    #: False when the schema itself refuses the value: such a file cannot be forced into a build.
    forced: bool = True

    @property
    def path(self) -> str:
        return self.data_file and f"data/territoires/{self.name}.yml" or f"docs/fiches/{self.name}.md"

    def text(self) -> str:
        if self.data_file:
            return self.data_file
        return (
            f"---\nid: {self.name}\ntype: fiche-projet-pilote\ntitre: {self.titre}\nresume: {self.resume}\n"
            f"territoires: [gruissan]\nsources: [{{document: presentation-fabrique, partie: essai}}]\n---\n\nPremier paragraphe.\n\n{self.payload}\n\nDernier paragraphe.\n"
        )


HOSTILE = [
    Hostile("script", "<script>alert('script')</script>", message="balise <script> interdite"),
    Hostile("script-en-ligne", "Texte <script src=\"https://exemple.org/x.js\"></script> suite.", message="balise <script> interdite"),
    Hostile("img-onerror", "<img src=\"x\" onerror=\"alert('onerror')\">", message="attribut « onerror » interdit"),
    Hostile("details-ontoggle", "<details open ontoggle=\"alert('ontoggle')\"><summary>x</summary>y</details>", message="attribut « ontoggle » interdit"),
    Hostile("lien-javascript", "[Cliquez ici](javascript:alert('lien'))", message="adresse « javascript: » interdite"),
    Hostile("lien-javascript-entites", "<a href=\"jav&#x61;script&colon;alert('entites')\">x</a>", message="adresse « javascript: » interdite"),
    Hostile("lien-javascript-casse", "<a href=\" \tJaVaScRiPt:alert('casse')\">x</a>", message="adresse « javascript: » interdite"),
    Hostile("lien-vbscript", "<a href=\"vbscript:msgbox('vb')\">x</a>", message="adresse « vbscript: » interdite"),
    Hostile("image-data", "![image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)", message="adresse « data: » interdite"),
    Hostile("svg-script", "<svg><script>alert('svg')</script></svg>", message="balise <svg> interdite"),
    Hostile("svg-onload", "<svg onload=\"alert('svgonload')\"><circle r=\"4\"/></svg>", message="balise <svg> interdite"),
    Hostile("iframe", "<iframe src=\"https://exemple.org/\"></iframe>", message="balise <iframe> interdite"),
    Hostile("iframe-srcdoc", "<iframe srcdoc=\"<script>alert('srcdoc')</script>\"></iframe>", message="balise <iframe> interdite"),
    Hostile("object", "<object data=\"https://exemple.org/x.swf\"></object>", message="balise <object> interdite"),
    Hostile("embed", "<embed src=\"https://exemple.org/x.swf\">", message="balise <embed> interdite"),
    Hostile("style", "<style>body { display: none }</style>", message="balise <style> interdite"),
    Hostile("meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('meta')\">", message="balise <meta> interdite"),
    Hostile("formulaire", "<form action=\"https://exemple.org/\"><input name=\"mdp\" type=\"password\"><button>OK</button></form>", message="balise <form> interdite"),
    Hostile("attr-list-onclick", "[lien](https://exemple.org/){: onclick=\"alert('attrlist')\" }", message="attribut « onclick » interdit"),
    Hostile("intertitre-html", "## Un intertitre <img src=x onerror=\"alert('intertitre')\">", message="attribut « onerror » interdit"),
    Hostile("image-externe", "![pixel espion](https://exemple.org/pixel.gif)", message="image chargée depuis un autre site"),
    Hostile("jinja-config", "Le réglage : {{ config }}", message="syntaxe de macro"),
    Hostile("jinja-environment", "L'environnement : {{ environment }}", message="syntaxe de macro"),
    Hostile("jinja-ssti", "{{ self.__init__.__globals__.__builtins__.__import__('os').environ }}", message="syntaxe de macro"),
    Hostile("jinja-boucle", "{% for cle in config %}{{ cle }}{% endfor %}", message="syntaxe de macro"),
    Hostile("titre-html", titre="\"<img src=x onerror=alert('titre')>\"", line=4, field="titre", message="chevrons", forced=False),
    Hostile("titre-sortie", titre="\"</title><script>alert('titre2')</script>\"", line=4, field="titre", message="chevrons", forced=False),
    Hostile("titre-jinja", titre="\"{{ config.site_name }}\"", line=4, field="titre", message="syntaxe de macro"),
    Hostile("resume-jinja", resume="\"Un résumé qui tente {% include 'mkdocs.yml' %} une inclusion.\"", line=5, field="resume", message="syntaxe de macro"),
    Hostile("territoire-html", data_file="id: territoire-html\nnom: \"<script>alert('nom')</script>\"\ntype: autre\ncoordonnees: { lat: 45.0, lon: 4.0 }\nsources: [{document: presentation-fabrique, partie: essai}]\n", line=2, field="nom", message="balise HTML interdite dans un champ"),
]


def test_at_least_fifteen_distinct_hostile_contributions() -> None:
    assert len({h.name for h in HOSTILE}) == len(HOSTILE) >= 15
    assert len([h for h in HOSTILE if h.forced]) >= 15


#: Values check accepts (they are text, not names) but that the site must show as text only.
ESCAPED = Hostile(
    "valeurs-echappees",
    resume='"Un résumé qui tente de sortir : \\"><script>alert(\'resume\')</script><img src=x onerror=alert(\'resume2\')>"',
).text().replace("territoires: [gruissan]\n", "territoires: [gruissan]\nauteurs: [\"<img src=x onerror=alert('auteur')>\"]\norganisation: \"<svg onload=alert('organisation')>\"\n")


def test_escaped_values_are_accepted_as_text(project: Path) -> None:
    (project / "docs/fiches/valeurs-echappees.md").write_text(ESCAPED, encoding="utf-8")
    _, problems = loader.load(loader.Project.at(project))
    assert not problems, problems.report()


@pytest.mark.parametrize("hostile", HOSTILE, ids=lambda h: h.name)
def test_check_rejects_hostile_contribution_at_its_line(project: Path, hostile: Hostile) -> None:
    (project / hostile.path).write_text(hostile.text(), encoding="utf-8")
    _, problems = loader.load(loader.Project.at(project))
    found = [str(p) for p in problems.sorted()]
    expected = f"{hostile.path}:{hostile.line}: {hostile.field}: "
    assert any(text.startswith(expected) and hostile.message in text for text in found), found
    assert all(p.path == hostile.path for p in problems.items), found


def test_render_macros_is_refused_in_a_contribution(project: Path) -> None:
    text = Hostile("macros").text().replace("territoires: [gruissan]\n", "territoires: [gruissan]\nrender_macros: true\n")
    (project / "docs/fiches/macros.md").write_text(text, encoding="utf-8")
    _, problems = loader.load(loader.Project.at(project))
    assert any(str(p).startswith("docs/fiches/macros.md:7: render_macros: ") for p in problems.items), problems.report()


def test_html_examples_in_code_are_not_refused(project: Path) -> None:
    body = "Écrire `<script>` dans du code est permis :\n\n```html\n<script>alert(1)</script>\n<img onerror=x>\n```\n"
    (project / "docs/fiches/code.md").write_text(Hostile("code", body).text(), encoding="utf-8")
    _, problems = loader.load(loader.Project.at(project))
    assert not problems, problems.report()


def test_sanitiser_keeps_the_markup_material_needs() -> None:
    source = (
        "## Un intertitre\n\nTexte[^1] et <abbr title=\"Établissement\">EPCI</abbr>.\n\n"
        "| Gauche | Centre |\n|:--|:-:|\n| a | b |\n\n!!! note \"À savoir\"\n    Contenu.\n\n"
        "<div class=\"encart\" markdown>\n*Encadré* en Markdown.\n</div>\n\n"
        "[Lien](https://exemple.org/) et [relatif](../territoires/gruissan/) et [courriel](mailto:contact@exemple.org)\n\n"
        "[^1]: Une note.\n\n<script>alert(1)</script><img src=\"x.png\" alt=\"Une image\" onerror=\"alert(2)\">"
        "<a href=\"javascript:alert(3)\">x</a>\n"
    )
    html = markdown.markdown(source, extensions=["abbr", "admonition", "attr_list", "footnotes", "md_in_html", "tables", "toc"],
                             extension_configs={"toc": {"permalink": True, "permalink_title": "Lien permanent"}})
    soup = BeautifulSoup(safety.sanitise(html), "html.parser")
    assert soup.select_one("h2#un-intertitre a.headerlink[href='#un-intertitre']")
    assert soup.select_one("sup a.footnote-ref[href='#fn:1']") and soup.select_one("div.footnote li#fn\\:1")
    assert soup.select_one("div.admonition.note p.admonition-title").get_text() == "À savoir"
    assert soup.select_one("div.encart em").get_text() == "Encadré"
    assert soup.select_one("abbr[title='Établissement']")
    assert [th["style"].replace(" ", "").rstrip(";") for th in soup.select("th[style]")] == ["text-align:left", "text-align:center"]
    assert {a["href"] for a in soup.select("a[href]")} >= {"https://exemple.org/", "../territoires/gruissan/", "mailto:contact@exemple.org"}
    assert soup.select_one("img[alt='Une image']")["src"] == "x.png"
    assert not soup.find("script")
    assert not [a for a in soup.find_all(True) if any(name.startswith("on") for name in a.attrs)]
    assert not [a for a in soup.select("a[href]") if a["href"].startswith("javascript")]


# --- forced into a build -----------------------------------------------------------------------


serve = controles.servir


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every hostile contribution, forced into one build (dangerous HTML only warns)."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "projet")
    for hostile in HOSTILE:
        if hostile.forced:
            (project / hostile.path).write_text(hostile.text(), encoding="utf-8")
    (project / "docs/fiches/valeurs-echappees.md").write_text(ESCAPED, encoding="utf-8")
    # a control: a team page may render macros, so the build does render them where allowed
    (project / "docs/temoin.md").write_text(
        "---\nid: temoin\ntype: page\ntitre: Page témoin\nresume: Une page de l'équipe où les macros sont permises.\n"
        "render_macros: true\nsources: [{document: presentation-fabrique, partie: essai}]\n---\n\nNom du site : {{ config.site_name }}\n", encoding="utf-8")
    site = project / "site"
    env = {"FABRIQUE_HTML_DANGEREUX": "avertir", SECRET_VARIABLE: SECRET}
    result = run_mkdocs(project, site, "--no-strict", env=env)
    assert result.returncode == 0, result.stderr
    assert "HTML dangereux gardé pour un test" in result.stderr
    return site


def test_forced_build_keeps_the_macro_control_and_leaks_no_secret(hostile_site: Path) -> None:
    control = BeautifulSoup((hostile_site / "temoin/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Nom du site : Fabrique des transitions" in control.select_one("article").get_text()
    for path in hostile_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".yml", ".js"):
            assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path
    page = BeautifulSoup((hostile_site / "fiches/jinja-config/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "{{ config }}" in page.select_one("article").get_text()


@pytest.mark.browser
def test_hostile_pages_run_nothing_in_chromium(browser, hostile_site: Path) -> None:
    urls = [f"fiches/{h.name}/" for h in HOSTILE if h.forced and not h.data_file]
    urls += ["fiches/valeurs-echappees/", "territoires/territoire-html/", "fiches/", "territoires/"]
    with serve(hostile_site) as base:
        context = browser.new_context(locale="fr-FR")
        tab = context.new_page()
        dialogs: list[str] = []
        foreign: list[str] = []
        tab.on("dialog", lambda dialog: (dialogs.append(f"{tab.url}: {dialog.message}"), dialog.dismiss()))
        tab.on("request", lambda request: None if request.url.startswith(base) or request.url.startswith(("data:", "blob:")) else foreign.append(request.url))
        try:
            for url in urls:
                tab.goto(f"{base}/{url}", wait_until="load")
                for anchor in tab.query_selector_all("article a, article img, article details, article summary"):
                    with contextlib.suppress(Exception):
                        anchor.hover(timeout=300)
                tab.wait_for_timeout(50)
                state = tab.evaluate(
                    """() => ({
                        handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on')),
                        scripts: document.querySelectorAll('article script:not([src*="assets/javascripts/"]), iframe, object, embed, article svg:not(.fabrique-minicarte__svg), article style, article form').length,
                        javascript: [...document.querySelectorAll('[href], [src], [action]')].map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action')).filter(v => /^\\s*(javascript|vbscript|data):/i.test(v)),
                        text: document.documentElement.innerText,
                        title: document.title,
                    })"""
                )
                assert state["handlers"] == [] and state["scripts"] == 0 and state["javascript"] == [], (url, state)
                assert SECRET not in state["text"], url
            tab.goto(f"{base}/fiches/valeurs-echappees/", wait_until="load")
            description = tab.get_attribute("meta[name=description]", "content")
            assert description == "Un résumé qui tente de sortir : \"><script>alert('resume')</script><img src=x onerror=alert('resume2')>"
            tab.goto(f"{base}/territoires/territoire-html/", wait_until="load")
            assert tab.inner_text("article h1").rstrip("¶").strip() == "<script>alert('nom')</script>"
            assert tab.title().startswith("<script>alert('nom')</script>")
        finally:
            context.close()
    assert dialogs == []
    assert foreign == []


def test_checker_reads_markdown_with_the_site_extensions_that_make_html() -> None:
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names = {next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]}
    html_making = {name for name in names if name not in ("pymdownx.smartsymbols",)}
    assert html_making <= set(safety.MARKDOWN_EXTENSIONS) | {"pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.emoji"}, html_making - set(safety.MARKDOWN_EXTENSIONS)
