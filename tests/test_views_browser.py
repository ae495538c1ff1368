"""The whole-corpus views in Chromium on the built site: they render, their rows link to the
right pages, their filters change what is shown, and no view loads more script and data than
its budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_browser import CHROMIUM, base_url, browser, type_query  # noqa: F401  (module-scoped fixtures)
from vdiplo_site.writer.review_comparison import TOPICS

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")

#: Bytes of script and fetched data a page may load (the network page may load 2 MB).
BUDGET = 1_000_000


def visible_rows(page, table) -> int:
    return table.locator("tbody tr:visible").count()


def script_and_data(page) -> dict[str, int]:
    """Count what ``page`` loads from now on: a dict, filled as responses arrive, of the bytes
    (uncompressed body) of each script, fetch and XHR response, by URL."""
    loaded: dict[str, int] = {}

    def count(response):
        if response.request.resource_type in ("script", "fetch", "xhr"):
            loaded[response.url] = len(response.body())

    page.on("response", count)
    return loaded


def open_table(chromium, url: str):
    """Open ``url`` in a new page of ``chromium``; return the page, its first table and the
    table's number of rows."""
    page = chromium.new_page()
    page.goto(url)
    table = page.locator("article table").first
    return page, table, table.locator("tbody tr").count()


def test_comparison_page_aligns_the_reviews_and_links_their_sections(base_url, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(base_url + "/views/mofa-reviews/")
    aligned = page.locator("article table").first
    assert aligned.locator("tbody tr").count() == len(TOPICS)
    aligned.locator("a[href$='#s-6']").first.click()  # 台美 in 2024: its section heading
    page.wait_for_url("**/sources/mofa-2024-review/#s-6")
    assert "台美" in page.locator("#s-6").inner_text()
    for year in ("2023", "2024"):
        page.goto(f"{base_url}/sources/mofa-{year}-review/")
        page.locator("article a[href$='views/mofa-reviews/']").click()
        page.wait_for_url("**/views/mofa-reviews/")
    page.close()


def test_timeline_filters_by_source_and_entity(base_url, browser):  # noqa: F811
    page, table, total = open_table(browser, base_url + "/views/timeline/")
    assert visible_rows(page, table) == total > 50
    sources = page.locator(".vd-table-tools select").nth(0)
    sources.select_option(label="外交部 2024")
    shown = visible_rows(page, table)
    assert 0 < shown < total
    cells = table.locator("tbody tr:visible td:nth-child(2)").all_inner_texts()
    assert set(cells) == {"外交部 2024"}
    assert f"顯示 {shown}／{total}" in page.locator(".vd-table-count").inner_text()
    sources.select_option(label="全部 All")
    page.locator(".vd-table-tools select").nth(1).select_option(label="日本")
    japan = table.locator("tbody tr:visible")
    assert 0 < japan.count() < total
    assert all("日本" in t for t in japan.locator("td:nth-child(4)").all_inner_texts())
    link = japan.first.locator("td:nth-child(3) a")
    anchor = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    page.wait_for_url(f"**#{anchor}")
    assert page.evaluate("document.querySelector(':target').id") == anchor
    page.close()


def test_actors_index_filters_by_kind_and_sorts_by_mentions(base_url, browser):  # noqa: F811
    page, table, total = open_table(browser, base_url + "/actors/")
    page.locator(".vd-table-tools select").nth(0).select_option(label="人物 person")
    people = visible_rows(page, table)
    assert 0 < people < total
    assert set(table.locator("tbody tr:visible td:nth-child(3)").all_inner_texts()) == {"人物 person"}
    page.locator(".vd-table-tools select").nth(1).select_option(label="外交部 2023")
    assert visible_rows(page, table) < people
    page.locator("th button", has_text="提及").click()  # ascending
    counts = [int(t) for t in table.locator("tbody tr:visible td:nth-child(4)").all_inner_texts()]
    assert counts == sorted(counts) and len(set(counts)) > 1
    page.locator("th button", has_text="名稱").click()
    first = table.locator("tbody tr:visible td:nth-child(1) a").first
    href = first.get_attribute("href")
    first.click()
    page.wait_for_url("**/actors/" + href.strip("/").rsplit("/", 1)[-1] + "/")
    page.close()


@pytest.mark.parametrize(
    "path",
    ["/views/mofa-reviews/", "/views/timeline/", "/actors/", "/values/", "/countries/japan/", "/views/map/"],
)
def test_a_view_loads_at_most_its_budget_of_script_and_data(base_url, browser, path):  # noqa: F811
    page = browser.new_page()
    loaded = script_and_data(page)
    page.goto(base_url + path, wait_until="networkidle")
    assert 0 < sum(loaded.values()) <= BUDGET, sum(loaded.values())
    page.close()


def test_network_draws_filters_and_opens_a_nodes_page(base_url, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(base_url + "/views/network/")
    marker = page.locator(".vd-network")
    page.wait_for_function("document.querySelector('.vd-network').dataset.nodes")
    everything = int(marker.get_attribute("data-nodes"))
    assert everything > 50 and page.locator(".vd-network-canvas canvas").count() > 0
    page.locator(".vd-network-tools select").select_option(label="外交部 2023")
    page.wait_for_function(f"document.querySelector('.vd-network').dataset.nodes != '{everything}'")
    one_source = int(marker.get_attribute("data-nodes"))
    assert 0 < one_source < everything
    page.locator(".vd-network-tools input[value='country']").uncheck()
    page.wait_for_function(f"document.querySelector('.vd-network').dataset.nodes != '{one_source}'")
    types = page.evaluate("document.querySelector('.vd-network')._cy.nodes().map(n => n.data('colour'))")
    assert types and "#1f77b4" not in types  # no country left
    # tapping a node opens its entity's page (the link its row in the table gives); the tap is
    # sent through Cytoscape's own event (hit-testing pixels of a force layout is Cytoscape's job)
    point = page.evaluate(
        "(() => { const cy = document.querySelector('.vd-network')._cy;"
        " const n = cy.nodes().max(n => n.degree()).ele; n.emit('tap'); return {id: n.id()}; })()"
    )
    page.wait_for_url(f"**/{point['id']}/")
    page.close()


def test_network_page_loads_at_most_two_megabytes_of_script_and_data(base_url, browser):  # noqa: F811
    page = browser.new_page()
    loaded = script_and_data(page)
    page.goto(base_url + "/views/network/", wait_until="networkidle")
    page.wait_for_function("document.querySelector('.vd-network').dataset.nodes")
    assert sum(loaded.values()) <= 2 * BUDGET, sum(loaded.values())
    page.close()


@pytest.mark.parametrize(
    ("path", "shape", "target"),
    [
        ("/views/map/", "figure.vd-map path[data-row='2']", "/countries/japan/"),  # 3rd most mentioned
        ("/countries/japan/", "figure.vd-neighbourhood-figure [data-row='0']", "/countries/taiwan/"),
    ],
)
def test_a_shape_of_a_build_time_figure_opens_its_page(base_url, browser, path, shape, target):  # noqa: F811
    page = browser.new_page()
    page.goto(base_url + path)
    node = page.locator(shape)
    node.wait_for()
    assert node.get_attribute("role") == "link"
    node.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**" + target)
    page.close()


def test_simplified_switch_converts_the_page_and_is_remembered_across_pages(base_url, browser):  # noqa: F811
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "/countries/japan/")
    heading = page.locator("article h1")
    assert heading.inner_text().startswith("日本")
    related = page.locator("article h2", has_text="Related entities")
    assert "相關條目" in related.inner_text()
    switch = page.locator(".vd-script-switch")
    switch.click()
    page.wait_for_function("document.documentElement.dataset.script === 'simplified'")
    assert "相关条目" in related.inner_text()
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    page.goto(base_url + "/views/timeline/")  # another page: still Simplified
    page.wait_for_function("document.documentElement.dataset.script === 'simplified'")
    assert "时间线" in page.locator("article h1").inner_text()
    page.locator(".vd-script-switch").click()
    page.wait_for_function("document.documentElement.dataset.script === 'traditional'")
    assert "時間線" in page.locator("article h1").inner_text()
    page.goto(base_url + "/")
    assert page.evaluate("localStorage.getItem('vd-script')") is None
    assert page.locator(".vd-script-switch").get_attribute("aria-pressed") == "false"
    context.close()


#: Every text a reader sees or hears on the page: the title, the page's language, each text
#: node (scripts and styles aside) and the attributes that are shown or read out.
SHOWN_TEXT = """() => {
    const names = ['title', 'placeholder', 'aria-label', 'alt'];
    const shown = [document.title, document.documentElement.lang];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) {
            if (!node.parentElement.closest('script, style')) shown.push(node.nodeValue);
        } else {
            names.forEach(name => { if (node.hasAttribute(name)) shown.push(name + '=' + node.getAttribute(name)); });
        }
    }
    return shown;
}"""


def switch_script(page, script: str) -> None:
    """Press the 简/繁 switch (through the DOM: an open search covers the header for the
    mouse) and wait until the page shows ``script`` ("simplified" or "traditional")."""
    page.evaluate("document.querySelector('.vd-script-switch').click()")
    page.wait_for_function(f"document.documentElement.dataset.script === '{script}'")


def test_simplified_display_covers_search_results_previews_and_title_and_switches_back_exactly(
    base_url,  # noqa: F811
    browser,  # noqa: F811
):
    page = browser.new_page(viewport={"width": 1100, "height": 800})
    page.goto(base_url + "/sources/chen-taiwan-japan-community-of-values/")
    nato = page.locator('#p-3-2 a[href$="/actors/nato/"].vd-entity').first
    nato.wait_for()
    tip, results = page.locator("#vd-preview"), page.locator(".md-search-result")
    assert "價值共同體" in page.title()
    page.keyboard.press("/")
    type_query(page, "價值外交")
    nato.dispatch_event("mouseenter")  # the preview (the open search covers the text for the mouse)
    tip.wait_for(state="visible")
    traditional = page.evaluate(SHOWN_TEXT)

    switch_script(page, "simplified")
    assert "价值共同体" in page.title() and "價值" not in page.title()
    assert "价值" in results.inner_text() and "價值" not in results.inner_text()
    # added after the conversion: a new search's results and a new preview
    type_query(page, "價值外交")
    assert "价值" in results.inner_text() and "價值" not in results.inner_text()
    assert page.input_value("input.md-search__input") == "價值外交"  # the reader's query as typed
    nato.dispatch_event("mouseleave")
    nato.dispatch_event("mouseenter")
    tip.wait_for(state="visible")
    assert "北大西洋公约组织" in tip.inner_text() and "組織" not in tip.inner_text()

    switch_script(page, "traditional")
    assert page.evaluate(SHOWN_TEXT) == traditional
    page.close()


def test_simplified_display_draws_the_networks_names_in_simplified_and_back(base_url, browser):  # noqa: F811
    page = browser.new_page()
    page.goto(base_url + "/views/network/")
    page.wait_for_function("document.querySelector('.vd-network').dataset.nodes")
    # each drawn label with the node's name as written, and as OpenCC (the vendored library
    # itself, asked here directly) converts it
    labels = """() => {
        const convert = window.OpenCC ? OpenCC.Converter({ from: 'tw', to: 'cn' }) : null;
        return document.querySelector('.vd-network')._cy.nodes().map(n => ({
            label: n.style('label'), name: n.data('name'), converted: convert && convert(n.data('name')) }));
    }"""
    assert all(node["label"] == node["name"] for node in page.evaluate(labels))
    switch_script(page, "simplified")
    drawn = page.evaluate(labels)
    assert all(node["label"] == node["converted"] for node in drawn)
    assert next(node["label"] for node in drawn if node["name"] == "美國") == "美国"
    everything = page.locator(".vd-network").get_attribute("data-nodes")
    page.locator(".vd-network-tools select").select_option(label="外交部 2023")  # nodes drawn anew
    page.wait_for_function(f"document.querySelector('.vd-network').dataset.nodes != '{everything}'")
    drawn = page.evaluate(labels)
    assert all(node["label"] == node["converted"] for node in drawn)
    assert any(node["label"] != node["name"] for node in drawn)
    switch_script(page, "traditional")
    assert all(node["label"] == node["name"] for node in page.evaluate(labels))
    page.close()


def test_an_index_filters_and_sorts_the_same_in_simplified(base_url, browser):  # noqa: F811
    context = browser.new_context()
    shown = []
    for script in ("traditional", "simplified"):
        page, table, total = open_table(context, base_url + "/actors/")
        if script == "simplified":
            switch_script(page, script)
        kinds = page.locator(".vd-table-tools select").nth(0)
        kinds.select_option(index=2)  # 組織 organisation, shown as 组织 in Simplified
        page.locator("th button", has_text="提及").click()
        page.locator("th button", has_text="提及").click()  # most mentioned first
        links = table.locator("tbody tr:visible td:nth-child(1) a")
        by_mentions = links.evaluate_all("links => links.map(a => a.href)")
        page.locator("th button").nth(0).click()  # by name (名稱, 名称 in Simplified): as written
        by_name = links.evaluate_all("links => links.map(a => a.href)")
        shown.append((kinds.locator("option").nth(2).inner_text(), by_mentions, by_name, total))
        page.close()
    assert shown[0][0] == "組織 organisation" and shown[1][0] == "组织 organisation"
    assert shown[0][1] == shown[1][1] and 0 < len(shown[0][1]) < shown[0][3]
    assert shown[0][2] == shown[1][2] and shown[0][2] != shown[0][1]
    context.close()


@pytest.mark.parametrize(
    ("path", "budget"),
    [
        ("/views/timeline/", BUDGET),
        ("/sources/second-track-diplomacy-global-governance/", BUDGET),
        ("/views/network/", 2 * BUDGET),
    ],
)
def test_a_page_in_simplified_stays_within_its_budget_of_script_and_data(base_url, browser, path, budget):  # noqa: F811
    context = browser.new_context()
    context.add_init_script("localStorage.setItem('vd-script', 'simplified')")
    page = context.new_page()
    loaded = script_and_data(page)
    page.goto(base_url + path, wait_until="networkidle")
    page.wait_for_function("document.documentElement.dataset.script === 'simplified'")
    if path == "/views/network/":
        page.wait_for_function("document.querySelector('.vd-network').dataset.nodes")
    assert any(url.endswith("/t2cn.js") for url in loaded)
    assert sum(loaded.values()) <= budget, sum(loaded.values())
    context.close()
