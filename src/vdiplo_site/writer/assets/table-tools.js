// vdiplo-site: filter and sort controls for the table that follows a marker paragraph
// written by the page writers:  <p class="vd-table-tools" data-filter="1 3" data-sort="0 2">.
// data-filter: indexes of the columns to filter by (a select per column; its choices are the
// links of the column's cells, or their text split at 、); data-sort: indexes of the columns
// whose header becomes a sort button (numbers sort as numbers). Rows are only hidden or
// reordered; no text is added to a row. Without script the full table stays as written.
// The cells are read once, as written: filtering and sorting do not depend on the characters
// the page shows (script-switch.js may show it in Simplified).
(function () {
  var ALL = "全部 All";

  function cellValues(cell) {
    var links = cell.querySelectorAll("a");
    if (links.length) {
      return Array.prototype.map.call(links, function (a) {
        return { value: a.getAttribute("href"), label: a.textContent.trim() };
      });
    }
    return cell.textContent
      .split("、")
      .map(function (t) { return t.trim(); })
      .filter(function (t) { return t; })
      .map(function (t) { return { value: t, label: t }; });
  }

  function columns(marker, name) {
    return (marker.getAttribute(name) || "")
      .split(/\s+/)
      .filter(function (t) { return t !== ""; })
      .map(Number);
  }

  function setUp(marker) {
    if (marker.dataset.ready) return;
    var next = marker.nextElementSibling;
    var table = next && (next.tagName === "TABLE" ? next : next.querySelector("table"));
    if (!table || !table.tBodies.length) return;
    marker.dataset.ready = "1";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    var chosen = {};
    var filtered = columns(marker, "data-filter");
    var written = new Map(rows.map(function (row) {
      var values = {};
      filtered.forEach(function (col) { values[col] = cellValues(row.cells[col]); });
      var keys = Array.prototype.map.call(row.cells, function (cell) { return cell.textContent.trim(); });
      return [row, { values: values, keys: keys }];
    }));
    var status = document.createElement("span");
    status.className = "vd-table-count";
    status.setAttribute("aria-live", "polite");

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var keep = Object.keys(chosen).every(function (col) {
          if (!chosen[col]) return true;
          return written.get(row).values[col].some(function (v) { return v.value === chosen[col]; });
        });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      status.textContent = "顯示 " + shown + "／" + rows.length + " 列 (showing " + shown + " of " + rows.length + " rows)";
    }

    filtered.forEach(function (col) {
      var seen = {};
      var choices = [];
      rows.forEach(function (row) {
        written.get(row).values[col].forEach(function (v) {
          if (!seen[v.value]) {
            seen[v.value] = true;
            choices.push(v);
          }
        });
      });
      choices.sort(function (a, b) { return a.label.localeCompare(b.label, "zh-Hant"); });
      var label = document.createElement("label");
      label.className = "vd-table-filter";
      label.textContent = (heads[col] ? heads[col].textContent.trim() : "") + " ";
      var select = document.createElement("select");
      select.dataset.column = String(col);
      [{ value: "", label: ALL }].concat(choices).forEach(function (c) {
        var option = document.createElement("option");
        option.value = c.value;
        option.textContent = c.label;
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        chosen[col] = select.value;
        apply();
      });
      label.appendChild(select);
      marker.appendChild(label);
    });

    columns(marker, "data-sort").forEach(function (col) {
      var head = heads[col];
      if (!head) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "vd-table-sort";
      button.textContent = head.textContent.trim();
      head.textContent = "";
      head.appendChild(button);
      head.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = head.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) {
          if (h.hasAttribute("aria-sort")) h.setAttribute("aria-sort", "none");
        });
        head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = function (row) { return written.get(row).keys[col]; };
        var numeric = rows.every(function (row) { return /^-?[\d,.]+$/.test(key(row)); });
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = numeric
            ? parseFloat(x.replace(/,/g, "")) - parseFloat(y.replace(/,/g, ""))
            : x.localeCompare(y, "zh-Hant");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    marker.appendChild(status);
    apply();
  }

  function onPage() {
    document.querySelectorAll(".md-typeset .vd-table-tools").forEach(setUp);
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
