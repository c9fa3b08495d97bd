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
  function isWeb(url) { return /^https?:\/\//i.test(url); }

  function link(url, text) {
    if (!isWeb(url)) { return el("span", url); }
    var a = el("a", text);
    a.href = url;
    a.title = shown(url);
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
  /* what the time slider shows (null: every date), and each status then */
  var timeNodes = null, timeEdges = null, statusNow = {};
  var nodeView = new vis.DataView(nodes, {
    filter: function (n) {
      return !hiddenGroups[byNode[n.id].group] && (!timeNodes || timeNodes[n.id] === true);
    }
  });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      var info = byEdge[e.id];
      return !hiddenGroups[byNode[info.from].group] && !hiddenGroups[byNode[info.to].group] &&
        (!timeEdges || timeEdges[e.id] === true) &&
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
    network.once("afterDrawing", function () {
      fitWithMargin();
      markReady();
    });
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
    var status = n.id in statusNow ? statusNow[n.id] : n.status;
    panel.appendChild(el("p", [n.type].concat(status ? [words(" · status: "), status] : [])
      .concat(n.id in statusNow ? [words(" (at the slider's date)")] : []), "panel-type"));
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

  /* what a tie without a quote rests on: its events by CAMEO QuadClass,
     its top CAMEO codes and the sources (the articles of its events) it is
     derived from, each named by its place in the page's table of them */
  /* 12345 as 12,345, the same in every browser and language */
  function grouped(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  function counted(box, heading, kind, list) {
    if (!list.length) { return; }
    box.appendChild(el("h4", words(heading)));
    var items = el("ul", undefined, kind);
    list.forEach(function (c) {
      var code = data.evidence.codes[c[0]], n = c[1];
      items.appendChild(el("li", [code.code].concat(code.label ? [words(" "), code.label] : [],
        [words(": " + grouped(n) + (n === 1 ? " event" : " events"))])));
    });
    box.appendChild(items);
  }

  function evidence(box, s) {
    counted(box, "Events by CAMEO QuadClass", "quads", s.quads);
    counted(box, "Top CAMEO codes", "codes", s.codes);
    if (s.sources.length) {
      box.appendChild(el("h4", words("Sources")));
      var sources = el("ul", undefined, "sources");
      s.sources.forEach(function (i) {
        var x = data.evidence.sources[i];
        sources.appendChild(el("li", x.url && isWeb(x.url) ? link(x.url, x.title)
          : [x.title].concat(x.url ? [words(" "), x.url] : [])));
      });
      box.appendChild(sources);
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
      if (data.timeline) { box.appendChild(el("p", datedText(s.when), "muted")); }
      s.details.forEach(function (d) { box.appendChild(el("p", d, "muted")); });
      evidence(box, s);
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

  /* the time slider (kg render --timeline): the rules of kg.pages.timeline.
     A statement is shown at a step when every dated resource of one of the
     alternatives it rests on is in the view: one that holds for a while
     when its days meet the step's days, one that happens once it has
     begun; an undated one always. A tie is shown when one of its
     statements is; a node when a shown tie reaches it, or when the lens
     keeps nodes without ties and it is itself in the view. */
  var PLAY_MS = 1200;
  var SIGNED = { relation: true, pressure: true };

  function datedText(when) {
    if (!when) { return words("undated: shown at every date"); }
    return words("dated: " + when[0].map(function (iri) {
      var t = data.timeline.times[iri];
      return (t.happening ? "happens " : "holds ") + t.text;
    }).join(" and "));
  }

  function setUpTimeline(timeline) {
    var steps = timeline.steps;
    var slider = document.getElementById("timeline-slider");
    var output = document.getElementById("timeline-date");
    var play = document.getElementById("timeline-play");
    var note = document.getElementById("timeline-step");
    var keep = null, timer = null;
    if (timeline.keepAlone) {
      keep = {};
      timeline.keepAlone.forEach(function (group) { keep[group] = true; });
    }

    function inView(iri, step) {
      var t = timeline.times[iri];
      if (!t) { return true; }
      var begun = t.start === null || t.start <= step.last;
      return t.happening ? begun : begun && (t.end === null || t.end >= step.first);
    }
    function restsIn(when, step) {
      return !when || when.some(function (alternative) {
        return alternative.every(function (iri) { return inView(iri, step); });
      });
    }
    /* kg.sparql.snapshot.status_reached: the highest forward stage since
       the latest halt, or that halt when it is the latest change; each
       change is [iri, label, stage, halts], in the order they happened */
    function statusAt(n, step) {
      var status = null, best = null;
      n.statuses.forEach(function (change) {
        if (!inView(change[0], step)) { return; }
        if (change[3]) { status = change[1]; best = null; }
        else if (best === null || change[2] >= best) { status = change[1]; best = change[2]; }
      });
      return status;
    }
    /* the sign, colour and width of a tie from the statements shown */
    function looks(e, shownStatements) {
      if (!SIGNED[e.layer]) { return { color: e.vis.color, width: e.vis.width }; }
      var polarities = {}, weight = 0;
      shownStatements.forEach(function (st) {
        polarities[st.polarity] = true;
        weight += Math.abs(st.weight || 0);
      });
      var found = Object.keys(polarities);
      var sign = found.length > 1 ? "mixed" : found[0] === "1" ? "positive" : "negative";
      var color = Object.assign({}, e.vis.color, { color: timeline.colors[sign],
        highlight: timeline.colors[sign], hover: timeline.colors[sign] });
      var width = Math.round((1 + Math.min(7, weight / 2)) * 100) / 100 + (e.marked ? 2 : 0);
      return { color: color, width: width };
    }

    function show(index) {
      index = Math.max(0, Math.min(steps.length, index));
      var step = index < steps.length ? steps[index] : null;
      var edgeSet = step ? {} : null, nodeSet = step ? {} : null;
      var edgeUpdates = [], nodeUpdates = [];
      data.edges.forEach(function (e) {
        var shownStatements = step ? e.statements.filter(function (st) {
          return restsIn(st.when, step);
        }) : e.statements;
        if (!shownStatements.length) { return; }
        if (step) { edgeSet[e.id] = true; nodeSet[e.from] = true; nodeSet[e.to] = true; }
        var look = step ? looks(e, shownStatements) : { color: e.vis.color, width: e.vis.width };
        var drawn = edges.get(e.id);
        if (drawn.width !== look.width || drawn.color.color !== look.color.color) {
          edgeUpdates.push({ id: e.id, color: look.color, width: look.width });
        }
      });
      statusNow = {};
      data.nodes.forEach(function (n) {
        if (step && !n.bare && (!keep || keep[n.group]) && restsIn(n.when, step)) {
          nodeSet[n.id] = true;
        }
        if (!n.statuses.length) { return; }
        var status = step ? statusAt(n, step) : n.status;
        if (step) { statusNow[n.id] = status; }
        var label = shown(status ? n.label + "\n(" + status + ")" : n.label);
        if (nodes.get(n.id).label !== label) { nodeUpdates.push({ id: n.id, label: label }); }
      });
      timeEdges = edgeSet;
      timeNodes = nodeSet;
      if (edgeUpdates.length) { edges.update(edgeUpdates); }
      if (nodeUpdates.length) { nodes.update(nodeUpdates); }
      nodeView.refresh();
      edgeView.refresh();
      var label = step ? step.label : "all dates";
      slider.value = String(index);
      slider.setAttribute("aria-valuetext", label);
      output.textContent = label;
      note.textContent = step ? "date " + (index + 1) + " of " + steps.length + ": " +
        counted(Object.keys(nodeSet).length, "node") + " and " +
        counted(Object.keys(edgeSet).length, "tie") : steps.length + " dates, then all dates";
      document.documentElement.setAttribute("data-timeline", label);
    }

    function counted(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }

    function stop() {
      if (timer !== null) { clearInterval(timer); timer = null; }
      play.textContent = "Play";
      play.setAttribute("aria-pressed", "false");
    }
    play.addEventListener("click", function () {
      if (timer !== null) { stop(); return; }
      if (Number(slider.value) >= steps.length) { show(0); }
      play.textContent = "Pause";
      play.setAttribute("aria-pressed", "true");
      timer = setInterval(function () {
        var next = Number(slider.value) + 1;
        show(next);
        if (next >= steps.length) { stop(); }
      }, PLAY_MS);
    });
    slider.addEventListener("input", function () { stop(); show(Number(slider.value)); });
    slider.disabled = false;
    play.disabled = false;
    page.timeline = {
      steps: steps.map(function (s) { return s.label; }),
      show: show,
      index: function () { return Number(slider.value); }
    };
  }

  /* the ties drawn now (by the slider and the filters), for tests and tools */
  window.kgVisibleTies = function () { return edgeView.getIds().slice().sort(); };
  window.kgVisibleNodes = function () { return nodeView.getIds().slice().sort(); };
  if (data.timeline && data.timeline.steps.length) { setUpTimeline(data.timeline); }

  /* findings of the balance lens */
  Array.prototype.forEach.call(document.querySelectorAll("button[data-nodes]"), function (button) {
    button.addEventListener("click", function () {
      var ids = button.getAttribute("data-nodes").split(" ");
      network.selectNodes(ids);
      network.fit({ nodes: ids, animation: false });
    });
  });
})();
