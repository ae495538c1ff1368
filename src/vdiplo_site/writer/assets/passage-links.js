// vdiplo-site: give every passage (id="p-…") a ¶ permalink, shown on hover, so a reader can
// copy a link to the exact paragraph. Material's document$ re-runs this on instant navigation.
(function () {
  function addLinks() {
    document.querySelectorAll('.md-typeset [id^="p-"]').forEach(function (el) {
      if (el.querySelector(":scope > a.vd-passage-link")) return;
      var link = document.createElement("a");
      link.className = "vd-passage-link";
      link.href = "#" + el.id;
      link.title = "段落連結 Link to this passage";
      link.setAttribute("aria-label", "段落連結 Link to this passage " + el.id);
      link.textContent = "¶";
      el.appendChild(link);
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(addLinks);
  } else {
    document.addEventListener("DOMContentLoaded", addLinks);
  }
})();
