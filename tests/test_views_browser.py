"""The whole-corpus views in Chromium on the built site: they render, their rows link to the
right pages, their filters change what is shown, and no view loads more script and data than
its budget."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_browser import CHROMIUM, base_url, browser  # noqa: F401  (module-scoped fixtures)
from vdiplo_site.writer.review_comparison import TOPICS

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")

#: Bytes of script and fetched data a page may load (the network page may load 2 MB).
BUDGET = 1_000_000


def visible_rows(page, table) -> int:
    return table.locator("tbody tr:visible").count()


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
    sizes: list[int] = []

    def count(response):
        if response.request.resource_type in ("script", "fetch", "xhr"):
            sizes.append(len(response.body()))

    page.on("response", count)
    page.goto(base_url + path, wait_until="networkidle")
    assert 0 < sum(sizes) <= BUDGET, sum(sizes)
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
    sizes: list[int] = []
    page.on(
        "response",
        lambda r: (
            sizes.append(len(r.body())) if r.request.resource_type in ("script", "fetch", "xhr") else None
        ),
    )
    page.goto(base_url + "/views/network/", wait_until="networkidle")
    page.wait_for_function("document.querySelector('.vd-network').dataset.nodes")
    assert sum(sizes) <= 2 * BUDGET, sum(sizes)
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
