// vdiplo-site: give every passage (id="p-…") and every note (id="fn:…") its number in the
// margin, ¶ 3-2 or 註 17, as a permalink a reader can cite, on every device and in print; land
// on the passage a search result points to; name the search dialog.
// Material's document$ re-runs this on instant navigation.
(function () {
  // The number a reader cites: p-3-2 -> "¶ 3-2", fn:17 -> "註 17".
  function passageNumber(id) {
    return id.indexOf("fn:") === 0 ? "註 " + id.slice(3) : "¶ " + id.slice(2);
  }
  function addLinks() {
    document.querySelectorAll('.md-typeset [id^="p-"], .md-typeset li[id^="fn:"]').forEach(function (el) {
      if (el.querySelector(":scope > a.vd-passage-link")) return;
      var link = document.createElement("a");
      link.className = "vd-passage-link";
      link.href = "#" + el.id;
      link.textContent = passageNumber(el.id);
      link.title = "段落連結 Link to this passage";
      link.setAttribute("aria-label", "段落連結 Link to passage " + link.textContent);
      el.insertBefore(link, el.firstChild);
    });
  }
  // A search result lands on its passage as ?p=<id> (Material shows a result with a "#" in
  // its location only as a sub-result): go to the passage as if the link had been #<id>.
  function landOnPassage() {
    var passage = new URLSearchParams(location.search).get("p");
    if (passage && !location.hash && document.getElementById(passage)) location.replace("#" + passage);
  }
  // Material's search box is a dialog without a name (axe-core: aria-dialog-name): give it
  // the name of its search field.
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]');
    var field = document.querySelector(".md-search__input");
    if (dialog && field && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.placeholder);
    }
  }
  function onPage() {
    nameSearchDialog();
    addLinks();
    landOnPassage();
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
