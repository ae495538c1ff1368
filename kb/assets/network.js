// vdiplo-site: draws the co-occurrence network on the page whose paragraph is marked
// .vd-network (it links the data, network.json, written by writer/network_page.py), with the
// vendored Cytoscape.js, loaded from this script's own folder only on that page. Filters: one
// source or all, entity types (values off at first, as in the entity pages' related
// entities), least shared passages. A node opens its entity's page: the
// link is taken from the page's table, whose rows are the data's nodes in order. The table
// stays the text version of the same network. Names are drawn as canvas text, never as HTML,
// in the characters the page shows (script-switch.js: window.vdScript, the "vd-script" event).
(function () {
  var here = document.currentScript ? document.currentScript.src.replace(/[^/]*$/, "") : "";
  var LIBRARY = "vendor/cytoscape-3.34.4/cytoscape.min.js";
  var COLOURS = { country: "#1f77b4", actor: "#d62728", concept: "#2ca02c", value: "#9467bd" };

  function loadLibrary() {
    if (window.cytoscape) return Promise.resolve(window.cytoscape);
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = here + LIBRARY;
      script.onload = function () { resolve(window.cytoscape); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  // A name as the page shows it: Simplified when the reader chose it (script-switch.js).
  function display(name) {
    return window.vdScript ? window.vdScript.text(name) : name;
  }

  function control(labelText, input) {
    var label = document.createElement("label");
    label.className = "vd-network-control";
    label.textContent = labelText + " ";
    label.appendChild(input);
    return label;
  }

  function draw(marker, data, cytoscape) {
    var table = marker.parentNode.querySelector("table");
    var rows = table ? table.tBodies[0].rows : [];
    var urls = data.nodes.map(function (node, i) {
      var link = rows[i] && rows[i].cells[0].querySelector("a");
      return link ? link.href : null;
    });

    var tools = document.createElement("div");
    tools.className = "vd-network-tools";
    var source = document.createElement("select");
    [{ value: "", text: "全部來源 All sources" }].concat(data.sources.map(function (s, i) {
      return { value: String(i), text: s.label };
    })).forEach(function (o) {
      var option = document.createElement("option");
      option.value = o.value;
      option.textContent = o.text;
      source.appendChild(option);
    });
    tools.appendChild(control("來源 Source", source));
    var types = {};
    Object.keys(data.types).forEach(function (type) {
      var box = document.createElement("input");
      box.type = "checkbox";
      box.checked = type !== "value"; // nearly every passage names a value: shown on demand
      box.value = type;
      types[type] = box;
      var label = control("", box);
      label.appendChild(document.createTextNode(data.types[type]));
      label.style.borderBottom = "3px solid " + COLOURS[type];
      tools.appendChild(label);
    });
    var least = document.createElement("input");
    least.type = "number";
    least.min = "1";
    least.value = "2";
    least.style.width = "4em";
    tools.appendChild(control("最少共同段落 Least shared passages", least));
    var status = document.createElement("span");
    status.className = "vd-network-count";
    status.setAttribute("aria-live", "polite");
    tools.appendChild(status);

    var box = document.createElement("div");
    box.className = "vd-network-canvas";
    box.setAttribute("role", "img");
    box.setAttribute("aria-label", "條目共同出現網絡圖；文字版見下表 (the network drawn; the table below lists it as text)");
    marker.after(tools, box);

    var cy = cytoscape({
      container: box,
      style: [
        {
          selector: "node",
          style: {
            label: "data(label)",
            "font-size": 10,
            width: "data(size)",
            height: "data(size)",
            "background-color": "data(colour)",
            "text-valign": "bottom",
            "min-zoomed-font-size": 7,
          },
        },
        { selector: "edge", style: { width: "data(width)", "line-color": "#999", opacity: 0.5 } },
      ],
    });
    marker._cy = cy;
    document.addEventListener("vd-script", function () {
      cy.nodes().forEach(function (node) { node.data("label", display(node.data("name"))); });
    });
    cy.on("tap", "node", function (event) {
      var url = urls[event.target.data("index")];
      if (url) location.href = url;
    });

    function refresh() {
      var only = source.value === "" ? null : Number(source.value);
      var minimum = Math.max(1, Number(least.value) || 1);
      var shown = {};
      var edges = [];
      data.edges.forEach(function (edge, i) {
        var a = data.nodes[edge[0]], b = data.nodes[edge[1]];
        if (!types[a.type].checked || !types[b.type].checked) return;
        var weight = 0;
        Object.keys(edge[2]).forEach(function (s) {
          if (only === null || Number(s) === only) weight += edge[2][s];
        });
        if (weight < minimum) return;
        shown[edge[0]] = shown[edge[1]] = true;
        edges.push({ data: { id: "e" + i, source: a.id, target: b.id, width: Math.min(8, weight) } });
      });
      var nodes = Object.keys(shown).map(function (key) {
        var node = data.nodes[Number(key)];
        return {
          data: {
            id: node.id,
            index: Number(key),
            name: node.name,
            label: display(node.name),
            colour: COLOURS[node.type],
            size: 8 + 4 * Math.log2(1 + node.mentions),
          },
        };
      });
      cy.elements().remove();
      cy.add(nodes.concat(edges));
      cy.layout({ name: "cose", animate: false, randomize: true, numIter: 600, nodeRepulsion: 8000 }).run();
      status.textContent = "顯示 " + nodes.length + " 個條目、" + edges.length + " 條連線 (" + nodes.length + " entities, " + edges.length + " lines)";
      marker.dataset.nodes = String(nodes.length);
      marker.dataset.edges = String(edges.length);
    }
    [source, least].concat(Object.keys(types).map(function (t) { return types[t]; })).forEach(function (input) {
      input.addEventListener("change", refresh);
    });
    refresh();
  }

  function onPage() {
    var marker = document.querySelector(".md-typeset .vd-network");
    if (!marker || marker.dataset.ready) return;
    marker.dataset.ready = "1";
    var link = marker.querySelector("a");
    Promise.all([fetch(link.href).then(function (r) { return r.json(); }), loadLibrary()])
      .then(function (loaded) { draw(marker, loaded[0], loaded[1]); })
      .catch(function () {
        marker.appendChild(document.createTextNode(" — 網絡圖無法載入，請見下表 (the drawing could not load; see the table)"));
      });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
