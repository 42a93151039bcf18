"""The automated accessibility checks of the « Déclaration d'accessibilité », run in Chromium.

Keyboard (Tab reaches every interactive element in document order, visible focus, no trap,
Escape closes what opens), reflow at 320 px, text spacing (WCAG 1.4.12), headings, landmarks,
skip link, page titles, axe-core in both colour schemes, reduced motion, SVG; on one page of
every gabarit of a build. ``fabrique accessibilite`` runs them and writes their results
(:data:`fabrique.accessibilite.RESULTS`, committed, read by the build); the tests run them
again and fail when the committed results are not those of the fresh run.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import http.server
import json
import threading
from pathlib import Path
from typing import Any, Iterator

from . import accessibilite, environnement, gabarits
from .environnement import ProblemeEnvironnement

#: axe-core, installed by ``npm ci`` in ``tests/`` (``bash .ci/setup test``).
AXE = Path("tests") / "node_modules" / "axe-core" / "axe.min.js"
PACKAGE_LOCK = Path("tests") / "package-lock.json"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")

#: Results that say when they were written: left out when two runs are compared.
DATE_KEY = "date"


def run_axe(tab, axe: Path) -> list[dict]:
    if not tab.evaluate("typeof window.axe !== 'undefined'"):
        tab.add_script_tag(path=str(axe))
    return tab.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), impact: n.impact, html: n.html.slice(0, 160)}))})))",
        WCAG_TAGS,
    )


def blocking(violations: list[dict], where: str) -> list[str]:
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            impact = node["impact"] or violation["impact"]
            if impact in BLOCKING:
                lines.append(f"{where}: axe {violation['id']} ({impact}) : {violation['help']} — {node['target']} — {node['html']}")
    return lines


#: WCAG 1.4.12: the spacing a user may impose without loss of content.
TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""

#: Every element that takes the focus with Tab, unless hidden, disabled or tabindex=-1.
FOCUSABLE = ("a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex], "
             "audio[controls], video[controls], [contenteditable=''], [contenteditable=true]")

DESCRIBE = """(e) => {
  if (!e || e === document.body) return 'body';
  const text = (e.getAttribute('aria-label') || e.textContent || e.value || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\\s+/).join('.') : '') + (text ? ' « ' + text + ' »' : '');
}"""

CANDIDATES = """([selector, describe]) => {
  const describeFn = eval(describe);
  const visible = (e) => {
    if (e.closest('[inert], [aria-hidden=true], [hidden]')) return false;
    for (let p = e; p; p = p.parentElement) if (getComputedStyle(p).opacity === '0') return false;
    const style = getComputedStyle(e);
    if (style.visibility !== 'visible' || style.display === 'none') return false;
    const rect = e.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0;
  };
  const list = [...document.querySelectorAll(selector)].filter(e =>
    !e.disabled && e.tabIndex >= 0 && visible(e) && !(e.tagName === 'INPUT' && e.type === 'radio' && !e.checked && document.querySelector(`input[type=radio][name="${e.name}"]:checked`)));
  list.forEach((e, i) => e.setAttribute('data-a11y-rang', String(i)));
  return list.map(describeFn);
}"""

FOCUS_STATE = """(describe) => {
  const e = document.activeElement;
  const describeFn = eval(describe);
  if (!e || e === document.body || e === document.documentElement) return {rang: null, element: 'body', visible: true};
  const style = getComputedStyle(e);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  let inner = false;  // a focus style drawn by a child (e.g. the visible box of a hidden input)
  for (const child of e.querySelectorAll('*')) {
    const s = getComputedStyle(child);
    if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || (s.boxShadow && s.boxShadow !== 'none')) { inner = true; break; }
  }
  const rang = e.getAttribute('data-a11y-rang');
  return {rang: rang === null ? null : Number(rang), element: describeFn(e), visible: outline || shadow || inner};
}"""

HEADINGS = "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].filter(h => !h.closest('[hidden]')).map(h => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)])"

LANDMARKS = """() => ({
  header: !!document.querySelector('header, [role=banner]'),
  nav: !!document.querySelector('nav, [role=navigation]'),
  main: document.querySelectorAll('main, [role=main]').length,
  footer: !!document.querySelector('footer, [role=contentinfo]'),
})"""

OVERFLOW_320 = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (e) => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return true; } return false; };
  const out = [];
  for (const e of document.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > width + 1 && !scrolls(e) && getComputedStyle(e).position !== 'fixed') out.push(e);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, offenders: out.slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.'))};
}"""

CLIPPED = """() => {
  const out = [];
  for (const e of document.body.querySelectorAll('*')) {
    if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const s = getComputedStyle(e);
    if (s.display === 'none' || s.visibility !== 'visible' || e.closest('[aria-hidden=true], .md-search, [hidden]')) continue;
    const hx = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
    const hy = ['hidden', 'clip'].includes(s.overflowY);
    if ((hx && e.scrollWidth > e.clientWidth + 1) || (hy && e.scrollHeight > e.clientHeight + 1))
      out.push(e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.') + ' « ' + e.textContent.trim().slice(0, 40) + ' »');
  }
  return out;
}"""

MOTION = """() => {
  const long = (value) => value.split(',').some(v => parseFloat(v) * (v.trim().endsWith('ms') ? 0.001 : 1) > 0.01);
  const out = [];
  for (const e of document.querySelectorAll('*')) {
    const s = getComputedStyle(e);
    if ((s.animationName !== 'none' && long(s.animationDuration)) || long(s.transitionDuration))
      out.push(e.tagName.toLowerCase() + '.' + String(e.className).split(' ').join('.') + ` (animation ${s.animationDuration}, transition ${s.transitionDuration})`);
  }
  return out.slice(0, 5);
}"""

SVG = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg')) {
    const r = svg.getBoundingClientRect();
    if (svg.closest('[aria-hidden=true]') || r.width === 0) continue;
    const informative = svg.getAttribute('role') === 'img' || (r.width >= 64 && r.height >= 64);
    if (!informative) continue;
    const name = svg.getAttribute('aria-label') || svg.getAttribute('aria-labelledby') || svg.querySelector(':scope > title');
    const ids = (svg.getAttribute('aria-describedby') || svg.getAttribute('aria-details') || '').split(/\\s+/).filter(Boolean);
    const described = ids.some(id => { const t = document.getElementById(id); return t && (t.matches('table, ul, ol, dl') || t.querySelector('table, ul, ol, dl')); });
    const figure = svg.closest('figure');
    const beside = figure && figure.querySelector('table, ul, ol, dl');
    if (!name) out.push('svg sans nom accessible (' + Math.round(r.width) + '×' + Math.round(r.height) + ')');
    else if (!described && !beside) out.push('svg « ' + (svg.getAttribute('aria-label') || '') + ' » sans tableau ni liste équivalents (aria-describedby ou même <figure>)');
  }
  return out;
}"""


def url_of(site_url: str, url: str) -> str:
    return f"{site_url}/{url}"


def keyboard_walk(tab, where: str, found: dict[str, list[str]]) -> None:
    """Tab from the top of the page to its end: reach, order, visible focus, no trap."""
    candidates = tab.evaluate(CANDIDATES, [FOCUSABLE, DESCRIBE])
    tab.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    seen: list[int] = []
    presses = 0
    limit = 2 * len(candidates) + 10
    previous = None
    while presses < limit:
        tab.keyboard.press("Tab")
        presses += 1
        state = tab.evaluate(FOCUS_STATE, DESCRIBE)
        if state["rang"] is None:
            if state["element"] == "body" and seen:
                break  # left the page: the walk is over
            continue
        if not state["visible"]:
            found["clavier-focus-visible"].append(f"{where}: focus invisible sur {state['element']}")
        if state["rang"] == previous:
            found["clavier-sans-piege"].append(f"{where}: le focus reste sur {state['element']}")
            break
        if seen and state["rang"] in seen:
            break  # came back to the top: the walk is over
        seen.append(state["rang"])
        previous = state["rang"]
    else:
        found["clavier-sans-piege"].append(f"{where}: toujours dans la page après {limit} tabulations")
    missing = [candidates[i] for i in range(len(candidates)) if i not in seen]
    if missing:
        found["clavier-parcours"].append(f"{where}: jamais atteints par Tab : {', '.join(missing[:5])}")
    disorder = [(a, b) for a, b in zip(seen, seen[1:]) if b < a]
    if disorder:
        a, b = disorder[0]
        found["clavier-parcours"].append(f"{where}: ordre de tabulation : {candidates[b]} après {candidates[a]}")


def skip_link(tab, where: str, found: dict[str, list[str]]) -> None:
    tab.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    tab.keyboard.press("Tab")
    first = tab.evaluate("() => { const e = document.activeElement; return e && e.tagName === 'A' ? {href: e.getAttribute('href'), text: e.textContent.trim()} : null; }")
    if not first or not (first["href"] or "").startswith("#") or "contenu" not in first["text"].lower():
        found["lien-evitement"].append(f"{where}: le premier élément atteint au clavier n'est pas un lien d'évitement ({first})")
        return
    target = first["href"][1:]
    inside = tab.evaluate("(id) => { const t = document.getElementById(decodeURIComponent(id)); return !!t && !!t.closest('main, [role=main]'); }", target)
    if not inside:
        found["lien-evitement"].append(f"{where}: le lien d'évitement mène à #{target}, absent du contenu principal")
        return
    tab.keyboard.press("Enter")
    tab.wait_for_timeout(50)
    if tab.evaluate("() => location.hash") != first["href"]:
        found["lien-evitement"].append(f"{where}: activer le lien d'évitement ne mène pas à {first['href']}")


def escape_closes(tab, where: str, found: dict[str, list[str]]) -> None:
    """Material's search opens on its field and closes with Escape; so must every popup."""
    if tab.locator(".md-search__input").count():
        tab.locator(".md-search__input").first.focus()
        if not tab.evaluate("() => !!document.getElementById('__search') && document.getElementById('__search').checked"):
            found["echap"].append(f"{where}: la recherche ne s'ouvre pas quand son champ prend le focus")
        else:
            tab.keyboard.press("Escape")
            if tab.evaluate("() => document.getElementById('__search').checked"):
                found["echap"].append(f"{where}: la recherche reste ouverte après Échap")
    for index in range(tab.locator("[aria-haspopup][aria-expanded=false]").count()):
        control = tab.locator("[aria-haspopup][aria-expanded=false]").nth(index)
        if not control.is_visible():
            continue
        control.click()
        if control.get_attribute("aria-expanded") == "true":
            tab.keyboard.press("Escape")
            if control.get_attribute("aria-expanded") == "true":
                found["echap"].append(f"{where}: {control.evaluate(DESCRIBE)} reste ouvert après Échap")


def check_page(tab, site_url: str, gabarit: str, url: str, found: dict[str, list[str]], titles: dict[str, str], axe: Path) -> None:
    where = f"/{url} [{gabarit}]"
    tab.goto(url_of(site_url, url), wait_until="load")
    found["axe-clair"] += blocking(run_axe(tab, axe), where)

    headings = tab.evaluate(HEADINGS)
    levels = [level for level, _ in headings]
    if levels.count(1) != 1:
        found["titres"].append(f"{where}: {levels.count(1)} titres h1 (un seul attendu)")
    for (a, text_a), (b, text_b) in zip(headings, headings[1:]):
        if b > a + 1:
            found["titres"].append(f"{where}: niveau sauté, h{a} « {text_a} » suivi de h{b} « {text_b} »")
            break
    marks = tab.evaluate(LANDMARKS)
    for name in ("header", "nav", "footer"):
        if not marks[name]:
            found["regions"].append(f"{where}: région {name} absente")
    if marks["main"] != 1:
        found["regions"].append(f"{where}: {marks['main']} régions main (une attendue)")

    title = tab.title().strip()
    site_name = tab.evaluate("() => (document.querySelector('.md-header__topic .md-ellipsis') || {}).textContent || ''").strip()
    if not title or title == site_name:
        found["titre-page"].append(f"{where}: <title> « {title} » vide ou réduit au nom du site")
    elif title in titles:
        found["titre-page"].append(f"{where}: <title> « {title} » identique à celui de /{titles[title]}")
    titles.setdefault(title, url)

    found["svg"] += [f"{where}: {problem}" for problem in tab.evaluate(SVG)]

    before = set(tab.evaluate(CLIPPED))
    tab.add_style_tag(content=TEXT_SPACING)
    tab.wait_for_timeout(30)
    after = [item for item in tab.evaluate(CLIPPED) if item not in before]
    found["espacement-texte"] += [f"{where}: texte tronqué avec les espacements WCAG 1.4.12 : {item}" for item in after[:5]]

    tab.goto(url_of(site_url, url), wait_until="load")
    skip_link(tab, where, found)
    tab.goto(url_of(site_url, url), wait_until="load")
    keyboard_walk(tab, where, found)
    tab.goto(url_of(site_url, url), wait_until="load")
    escape_closes(tab, where, found)


def echantillon(site: Path) -> list[tuple[str, str]]:
    """(gabarit, address) of the first page of every gabarit of a built site."""
    return gabarits.Manifeste.read(site).echantillon(autres=0)


def controler(browser, site_url: str, sample: list[tuple[str, str]], axe: Path) -> dict[str, list[str]]:
    """Every check on every page of ``sample``: criterion key -> what fails (empty when met)."""
    found: dict[str, list[str]] = {key: [] for key in accessibilite.AUTOMATIQUES}
    titles: dict[str, str] = {}

    light = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, color_scheme="light")
    tab = light.new_page()
    for gabarit, url in sample:
        check_page(tab, site_url, gabarit, url, found, titles, axe)
    light.close()

    narrow = browser.new_context(locale="fr-FR", viewport={"width": 320, "height": 640})
    tab = narrow.new_page()
    for gabarit, url in sample:
        tab.goto(url_of(site_url, url), wait_until="load")
        state = tab.evaluate(OVERFLOW_320)
        if state["scrollWidth"] > state["width"] + 1 or state["offenders"]:
            found["reflow-320"].append(f"/{url} [{gabarit}]: défilement horizontal à 320 px (largeur {state['scrollWidth']} px) : {', '.join(state['offenders'])}")
    narrow.close()

    dark = browser.new_context(locale="fr-FR", color_scheme="dark")
    tab = dark.new_page()
    for gabarit, url in sample:
        tab.goto(url_of(site_url, url), wait_until="load")
        scheme = tab.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
        if scheme != "slate":
            found["axe-sombre"].append(f"/{url} [{gabarit}]: le thème sombre n'est pas appliqué ({scheme})")
        found["axe-sombre"] += blocking(run_axe(tab, axe), f"/{url} [{gabarit}] (sombre)")
    dark.close()

    calm = browser.new_context(locale="fr-FR", reduced_motion="reduce")
    tab = calm.new_page()
    for gabarit, url in sample:
        tab.goto(url_of(site_url, url), wait_until="load")
        found["mouvement-reduit"] += [f"/{url} [{gabarit}]: {item}" for item in tab.evaluate(MOTION)]
    calm.close()

    return found


def resultats(found: dict[str, list[str]], sample: list[tuple[str, str]], browser_version: str, root: Path, date: str | None) -> dict[str, Any]:
    """What the statement reads: the tools, the pages and the status of every criterion."""
    package = json.loads((root / PACKAGE_LOCK).read_text(encoding="utf-8"))
    return {
        DATE_KEY: date,
        "outils": {
            "navigateur": f"Chromium {browser_version} (Playwright, sans interface)",
            "axe-core": package["packages"]["node_modules/axe-core"]["version"],
        },
        "pages": [{"gabarit": gabarit, "adresse": "/" + url} for gabarit, url in sample],
        "criteres": {
            key: {
                "rgaa": list(accessibilite.AUTOMATIQUES[key][0]),
                "verification": accessibilite.AUTOMATIQUES[key][1],
                "statut": "non conforme" if found[key] else "conforme",
                "echecs": found[key][:20],
            }
            for key in accessibilite.AUTOMATIQUES
        },
    }


def texte(results: dict[str, Any]) -> str:
    return json.dumps(results, ensure_ascii=False, indent=1) + "\n"


def sans_date(results: dict[str, Any] | None) -> dict[str, Any] | None:
    """What a fresh run must find again: the results without their date nor the browser's exact
    version (Debian updates Chromium often; a security release does not make the results stale)."""
    if results is None:
        return None
    outils = {k: v for k, v in results.get("outils", {}).items() if k != "navigateur"}
    return {**{k: v for k, v in results.items() if k != DATE_KEY}, "outils": outils}


#: The browser of the checks: Debian's Chromium (never a downloaded one), headless.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def servir(site: Path) -> Iterator[str]:
    """A built site served on 127.0.0.1, on a free port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def executer(root: Path, site: Path, chromium: str) -> dict[str, Any]:
    """Run every check on a built site; the results, dated today (UTC), as the statement reads them."""
    axe = root / AXE
    if not axe.is_file():
        raise ProblemeEnvironnement(f"{AXE} est absent : lancez « bash .ci/setup test » (npm ci dans tests/)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise ProblemeEnvironnement("Playwright n'est pas installé : lancez « bash .ci/setup test »") from None
    sample = echantillon(site)
    with servir(site) as site_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=environnement.chromium(chromium), args=CHROMIUM_ARGS)
        try:
            found = controler(browser, site_url, sample, axe)
            version = browser.version
        finally:
            browser.close()
    return resultats(found, sample, version, root, datetime.datetime.now(datetime.timezone.utc).date().isoformat())
