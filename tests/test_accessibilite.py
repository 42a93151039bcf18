"""Accessibility beyond axe, in Chromium, on one page of every gabarit of the build.

Keyboard (Tab reaches every interactive element in document order, visible focus, no trap,
Escape closes what opens), reflow at 320 px, text spacing (WCAG 1.4.12), headings, landmarks,
skip link, page titles, both colour schemes, reduced motion, SVG. The checks run once per page
(a module fixture); each test then asserts one criterion and names the page and the element.
The results are written to ``tests/resultats-accessibilite.json``, which the build reads to
write the « Déclaration d'accessibilité »: the statement says what the last run showed.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, PageWatch
from fabrique import accessibilite, gabarits
from test_audit import AXE, blocking, run_axe

pytestmark = pytest.mark.browser

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


def check_page(tab, site_url: str, gabarit: str, url: str, found: dict[str, list[str]], titles: dict[str, str]) -> None:
    where = f"/{url} [{gabarit}]"
    tab.goto(url_of(site_url, url), wait_until="load")
    found["axe-clair"] += blocking(run_axe(tab), where)

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


def commit_date() -> str | None:
    result = subprocess.run(["git", "log", "-1", "--format=%cs"], cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout.strip() or None


@pytest.fixture(scope="module")
def constats(browser, site_url, built_site: Path) -> dict[str, list[str]]:
    """Every check on one page of every gabarit; the results file is written from them."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} est absent : lancez « bash .ci/setup test »")
    manifeste = gabarits.Manifeste.read(built_site)
    sample = manifeste.echantillon(autres=0)
    found: dict[str, list[str]] = {key: [] for key in accessibilite.AUTOMATIQUES}
    titles: dict[str, str] = {}

    light = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900}, color_scheme="light")
    tab = light.new_page()
    tab.watch = PageWatch(tab, site_url)
    for gabarit, url in sample:
        check_page(tab, site_url, gabarit, url, found, titles)
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
        found["axe-sombre"] += blocking(run_axe(tab), f"/{url} [{gabarit}] (sombre)")
    dark.close()

    calm = browser.new_context(locale="fr-FR", reduced_motion="reduce")
    tab = calm.new_page()
    for gabarit, url in sample:
        tab.goto(url_of(site_url, url), wait_until="load")
        found["mouvement-reduit"] += [f"/{url} [{gabarit}]: {item}" for item in tab.evaluate(MOTION)]
    calm.close()

    version = browser.version
    write_results(found, sample, version)
    return found


def write_results(found: dict[str, list[str]], sample: list[tuple[str, str]], browser_version: str) -> None:
    package = json.loads((ROOT / "tests" / "package-lock.json").read_text(encoding="utf-8"))
    results = {
        "date": commit_date(),
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
    text = json.dumps(results, ensure_ascii=False, indent=1) + "\n"
    target = ROOT / accessibilite.RESULTS
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        # Whole or not at all: a build running meanwhile (another pytest worker) reads this file.
        partial = target.with_name(f".{target.name}.{os.getpid()}")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)


@pytest.mark.parametrize("critere", list(accessibilite.AUTOMATIQUES))
def test_every_gabarit_meets_the_criterion(constats: dict[str, list[str]], critere: str) -> None:
    rgaa, what = accessibilite.AUTOMATIQUES[critere]
    assert not constats[critere], f"RGAA {', '.join(rgaa)} — {what} :\n" + "\n".join(constats[critere])


def test_the_statement_shows_the_results_of_this_run(constats, built_site: Path) -> None:
    """The statement built from the results file names every automated check with its status."""
    etat = accessibilite.lire(ROOT)
    assert etat.resultats is not None
    for key, result in etat.automatiques:
        assert result["statut"] == ("non conforme" if constats[key] else "conforme")
    html = (built_site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    assert "Déclaration d'accessibilité" in html
    assert "Défenseur des droits" in html
