/* The behaviour of a kg network page. Every text of the data is put into
   the page as text nodes (or drawn on the canvas), never parsed as HTML.
   Each value of the data shows its bidirectional controls as markers such
   as [U+202E] and sits in a <bdi>, so no label or quote reorders the text
   around it or reads differently from what it says; the data keeps them. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var byNode = {}, byEdge = {};
  data.nodes.forEach(function (n) { byNode[n.id] = n; });
  var tiesOf = {};
  data.edges.forEach(function (e) {
    byEdge[e.id] = e;
    (tiesOf[e.from] = tiesOf[e.from] || []).push(e);
    if (e.to !== e.from) { (tiesOf[e.to] = tiesOf[e.to] || []).push(e); }
  });

  /* the same characters as kg.tabular.BIDI_CONTROLS */
  var BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
  var MARKER_TITLE = "a bidirectional control character, shown here instead of applied";

  function marker(c) {
    return "[U+" + ("000" + c.charCodeAt(0).toString(16).toUpperCase()).slice(-4) + "]";
  }

  /* for the canvas, which takes plain text */
  function shown(text) { return String(text).replace(BIDI, marker); }

  /* one value of the data: isolated, its controls shown as markers */
  function value(text) {
    var box = document.createElement("bdi"), s = String(text), last = 0, m;
    BIDI.lastIndex = 0;
    while ((m = BIDI.exec(s)) !== null) {
      if (m.index > last) { box.appendChild(document.createTextNode(s.slice(last, m.index))); }
      var mark = document.createElement("span");
      mark.className = "control";
      mark.title = MARKER_TITLE;
      mark.textContent = marker(m[0]);
      box.appendChild(mark);
      last = m.index + m[0].length;
    }
    if (last < s.length) { box.appendChild(document.createTextNode(s.slice(last))); }
    return box;
  }

  /* words of the page itself, between values */
  function words(text) { return document.createTextNode(text); }

  /* an element holding one value of the data, or a list of values and words */
  function el(tag, content, cls) {
    var node = document.createElement(tag);
    if (content !== undefined && content !== null) {
      [].concat(content).forEach(function (part) {
        node.appendChild(part instanceof Node ? part : value(part));
      });
    }
    if (cls) { node.className = cls; }
    return node;
  }

  /* only web addresses become links: a javascript: or data: address stays text */
  function link(url, text) {
    if (!/^https?:\/\//i.test(url)) { return el("span", url); }
    var a = el("a", text);
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_blank";
    return a;
  }

  function quoteBlock(q) {
    var block = el("blockquote", q.text, "quote");
    var cite = el("cite", [words("— "), q.source ? value(q.source) : words("unknown source")]
      .concat(q.file ? [words(" ("), value(q.file), words(")")] : []));
    if (q.url) {
      cite.appendChild(words(" "));
      cite.appendChild(link(q.url, q.url));
    }
    block.appendChild(cite);
    return block;
  }

  function nodeTitle(n) {
    var box = el("div");
    box.appendChild(el("strong", n.label));
    box.appendChild(el("div", [n.type]
      .concat(n.status ? [words(" · "), n.status] : [])
      .concat(n.wikidata ? [words(" · Wikidata "), n.wikidata.replace(/^.*\//, "")] : []),
      "panel-type"));
    n.quotes.slice(0, 2).forEach(function (q) { box.appendChild(quoteBlock(q)); });
    if (n.quotes.length > 2) { box.appendChild(el("div", words("+ " + (n.quotes.length - 2) + " more quotes: click"), "muted")); }
    return box;
  }

  function edgeHeading(e) {
    return [byNode[e.from].label, words(" — "), e.kinds.join(", "), words(" — "),
      byNode[e.to].label];
  }

  function edgeTitle(e) {
    var box = el("div");
    box.appendChild(el("strong", edgeHeading(e)));
    box.appendChild(el("div", e.signLabel, "panel-type"));
    var first = e.statements[0];
    if (first && first.quotes.length) { box.appendChild(quoteBlock(first.quotes[0])); }
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var v = Object.assign({}, n.vis);
    v.id = n.id;
    if (v.label !== undefined) { v.label = shown(v.label); }
    v.title = nodeTitle(n);
    return v;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var v = Object.assign({}, e.vis);
    v.id = e.id;
    if (v.label !== undefined) { v.label = shown(v.label); }
    v.from = e.from;
    v.to = e.to;
    v.title = edgeTitle(e);
    return v;
  }));

  var hiddenGroups = {}, hiddenKinds = {};
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) { return !hiddenGroups[byNode[n.id].group]; }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      var info = byEdge[e.id];
      return !hiddenGroups[byNode[info.from].group] && !hiddenGroups[byNode[info.to].group] &&
        info.kinds.some(function (k) { return !hiddenKinds[info.layer + "\u0000" + k]; });
    }
  });

  var container = document.getElementById("network");
  var started = Date.now();
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  var page = window.kgPage = { network: network, nodes: nodes, edges: edges, ready: false };

  function markReady() {
    if (page.ready) { return; }
    page.ready = true;
    page.readyMs = Date.now() - started;
    document.documentElement.setAttribute("data-ready", "true");
  }
  if (!data.nodes.length) {
    container.appendChild(el("p", words("Nothing to draw: no node on this page."), "empty"));
    markReady();
  } else if (data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      fitWithMargin();
      markReady();
    });
  } else {
    network.once("afterDrawing", markReady);
  }

  /* fit() frames the nodes, not their labels: leave room for the labels */
  function fitWithMargin() {
    network.fit({ animation: false, maxZoomLevel: 1.5 });
    network.moveTo({ scale: network.getScale() * 0.9, animation: false });
  }

  /* side panel */
  var panel = document.getElementById("panel-body");
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function showNode(id) {
    var n = byNode[id];
    clear(panel);
    panel.appendChild(el("h2", n.label));
    panel.appendChild(el("p", [n.type].concat(n.status ? [words(" · status: "), n.status] : []),
      "panel-type"));
    if (n.wikidata) {
      var p = el("p", words("Wikidata: "));
      p.appendChild(link(n.wikidata, n.wikidata.replace(/^.*\//, "")));
      panel.appendChild(p);
    }
    if (n.description) { panel.appendChild(el("p", n.description)); }
    panel.appendChild(el("p", n.curie, "muted"));
    panel.appendChild(el("h3", words(n.quotes.length ? "Quotes" : "No quote recorded")));
    n.quotes.forEach(function (q) { panel.appendChild(quoteBlock(q)); });
    var ties = tiesOf[id] || [];
    if (ties.length) {
      panel.appendChild(el("h3", words("Ties")));
      var list = el("ul", undefined, "ties");
      ties.forEach(function (e) {
        var other = byNode[e.from === id ? e.to : e.from];
        var oneWay = e.directed || e.sign === "neutral";
        var arrow = !oneWay ? " — " : (e.from === id ? " → " : " ← ");
        var button = el("button", [e.kinds.join(", "), words(arrow), other.label]);
        button.type = "button";
        button.className = "tie tie-" + e.sign;
        button.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
        var item = el("li");
        item.appendChild(button);
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
  }

  function showEdge(id) {
    var e = byEdge[id];
    clear(panel);
    panel.appendChild(el("h2", edgeHeading(e)));
    panel.appendChild(el("p", [e.layerLabel, words(" · "), e.signLabel], "panel-type"));
    e.statements.forEach(function (s) {
      var box = el("div", undefined, "statement");
      var sign = s.polarity > 0 ? " (+)" : s.polarity < 0 ? " (−)" : "";
      box.appendChild(el("h3", [s.kind, words(sign + ": "), byNode[s.from].label,
        words(s.directed ? " → " : " — "), byNode[s.to].label]));
      if (s.title) { box.appendChild(el("p", s.title)); }
      if (s.weight) { box.appendChild(el("p", [words("weight "), String(s.weight)], "muted")); }
      s.details.forEach(function (d) { box.appendChild(el("p", d, "muted")); });
      s.quotes.forEach(function (q) { box.appendChild(quoteBlock(q)); });
      box.appendChild(el("p", s.id, "muted"));
      panel.appendChild(box);
    });
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });
  page.showNode = showNode;
  page.showEdge = showEdge;
  page.shown = shown;

  /* search */
  var search = document.getElementById("search");
  var status = document.getElementById("search-status");
  function runSearch(andFocus) {
    var text = search.value.trim().toLowerCase();
    if (!text) { network.unselectAll(); status.textContent = ""; return; }
    var visible = {};
    nodeView.getIds().forEach(function (id) { visible[id] = true; });
    var hits = data.nodes.filter(function (n) {
      return visible[n.id] && (n.label.toLowerCase().indexOf(text) >= 0 || n.curie.toLowerCase().indexOf(text) >= 0);
    }).map(function (n) { return n.id; });
    network.selectNodes(hits);
    status.textContent = hits.length === 1 ? "1 match" : hits.length + " matches";
    if (andFocus && hits.length) {
      network.focus(hits[0], { scale: 1.2, animation: false });
      showNode(hits[0]);
    }
  }
  search.addEventListener("input", function () { runSearch(false); });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { runSearch(true); } });

  /* filters */
  Array.prototype.forEach.call(document.querySelectorAll("input[data-group]"), function (box) {
    box.addEventListener("change", function () {
      hiddenGroups[box.getAttribute("data-group")] = !box.checked;
      nodeView.refresh();
      edgeView.refresh();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("input[data-kind]"), function (box) {
    box.addEventListener("change", function () {
      hiddenKinds[box.getAttribute("data-layer") + "\u0000" + box.getAttribute("data-kind")] = !box.checked;
      edgeView.refresh();
    });
  });

  /* findings of the balance lens */
  Array.prototype.forEach.call(document.querySelectorAll("button[data-nodes]"), function (button) {
    button.addEventListener("click", function () {
      var ids = button.getAttribute("data-nodes").split(" ");
      network.selectNodes(ids);
      network.fit({ nodes: ids, animation: false });
    });
  });
})();
