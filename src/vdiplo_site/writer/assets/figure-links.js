// vdiplo-site: makes the shapes of a build-time figure (<figure class="vd-linked">: the map,
// an entity's neighbourhood) open pages. A shape with data-row="i" opens the link of item i
// of the table or list that follows the figure (its first link), so the figure needs no
// address of its own and works wherever the site is served; without script, the table or
// list is the way to the pages. Shapes become keyboard-reachable links named by their title.
(function () {
  function items(figure) {
    for (var next = figure.nextElementSibling; next; next = next.nextElementSibling) {
      var table = next.tagName === "TABLE" ? next : next.querySelector("table");
      if (table && table.tBodies.length) return Array.prototype.slice.call(table.tBodies[0].rows);
      if (next.tagName === "UL" || next.tagName === "OL") return Array.prototype.slice.call(next.children);
    }
    return [];
  }

  function setUp(figure) {
    if (figure.dataset.ready) return;
    figure.dataset.ready = "1";
    var rows = items(figure);
    var svg = figure.querySelector("svg");
    // Links inside an image would be nested controls: the picture becomes a named group.
    if (svg && figure.querySelector("[data-row]")) svg.setAttribute("role", "group");
    figure.querySelectorAll("[data-row]").forEach(function (shape) {
      var row = rows[Number(shape.getAttribute("data-row"))];
      var link = row && row.querySelector("a");
      if (!link) return;
      var title = shape.querySelector("title");
      shape.setAttribute("role", "link");
      shape.setAttribute("tabindex", "0");
      shape.setAttribute("aria-label", title ? title.textContent : link.textContent);
      shape.classList.add("vd-linked-shape");
      shape.addEventListener("click", function () { location.href = link.href; });
      shape.addEventListener("keydown", function (event) {
        if (event.key === "Enter") location.href = link.href;
      });
    });
  }

  function onPage() {
    document.querySelectorAll(".md-typeset figure.vd-linked").forEach(setUp);
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
