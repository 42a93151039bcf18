"""Layout shift: the cumulative layout shift of one page of every gabarit stays at most 0.1.

The list of gabarits is the build's manifest (``fabrique-gabarits.json``), as in test_audit.py.
Each page loads in Chromium as Lighthouse's mobile run loads it (412×823 screen, slower network
and processor), so that the scripts run after the first paint, as they do on a real phone; a
``PerformanceObserver`` sums every ``layout-shift`` entry (``buffered``) without recent input.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fabrique import gabarits

pytestmark = pytest.mark.browser

LIMIT = 0.1
MOBILE = {"width": 412, "height": 823}
#: Lighthouse's "slow 4G" and a processor four times slower.
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8, "uploadThroughput": 750 * 1024 / 8}
CPU_SLOWDOWN = 4

OBSERVER = """
window.__fabriqueDecalage = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__fabriqueDecalage += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture(scope="module")
def slow_tab(browser):
    context = browser.new_context(locale="fr-FR", viewport=MOBILE, device_scale_factor=2, is_mobile=True, has_touch=True)
    context.add_init_script(OBSERVER)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", NETWORK)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    yield page
    context.close()


def layout_shift(tab, url: str) -> float:
    """The page's cumulative layout shift once it has loaded and its scripts have run."""
    tab.goto(url, wait_until="networkidle")
    tab.wait_for_timeout(500)
    return tab.evaluate("window.__fabriqueDecalage")


def test_no_gabarit_shifts_its_layout_by_more_than_a_tenth(slow_tab, site_url, built_site: Path) -> None:
    manifeste = gabarits.Manifeste.read(built_site)
    pages = manifeste.echantillon()
    assert {gabarit for gabarit, _ in pages} == set(manifeste.pages)
    measured = {f"/{url} [{gabarit}]": layout_shift(slow_tab, f"{site_url}/{url}") for gabarit, url in pages}
    over = {where: value for where, value in measured.items() if value > LIMIT}
    assert not over, "décalage de mise en page cumulé au-dessus de 0,1 :\n" + "\n".join(
        f"{where}: {value:.3f}" for where, value in sorted(over.items(), key=lambda item: -item[1]))
