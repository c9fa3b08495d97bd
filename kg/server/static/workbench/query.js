// The query page of the kg workbench: Yasgui on this server's /sparql.
//
// Everything it completes or offers comes from this server
// (/workbench/config.json, /workbench/labels.json, /workbench/prefixes.json):
// Yasqe's own class and property completers ask a remote service (LOV), so
// they are replaced by completers over the ontology's terms, and a third
// completes resources by label. Results show each IRI by its label, linked to
// its resource page. No CORS proxy, no other endpoint.
(function () {
  "use strict";

  const ORIGIN = window.location.origin;
  const ENDPOINT = ORIGIN + "/sparql";
  const ACCEPT = {
    csv: "text/csv",
    tsv: "text/tab-separated-values",
    json: "application/sparql-results+json",
  };
  const LIMIT = 60;

  function getJson(path) {
    return fetch(path, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) { throw new Error(path + ": " + r.status); }
      return r.json();
    });
  }

  // --- completion over local terms ------------------------------------------------------

  function expand(text, prefixes) {
    // a CURIE of a known prefix, or <IRI, as the IRI it starts
    if (text.charAt(0) === "<") { return text.slice(1).replace(/>$/, ""); }
    const colon = text.indexOf(":");
    if (colon > 0 && Object.prototype.hasOwnProperty.call(prefixes, text.slice(0, colon))) {
      return prefixes[text.slice(0, colon)] + text.slice(colon + 1);
    }
    return text;
  }

  function shorten(iri, prefixes) {
    let best = "";
    Object.keys(prefixes).forEach(function (p) {
      const base = prefixes[p];
      if (iri.indexOf(base) === 0 && base.length > (prefixes[best] || "").length) { best = p; }
    });
    const local = best ? iri.slice(prefixes[best].length) : "";
    if (best && /^[\w.-]*$/.test(local) && !/\.$/.test(local)) { return best + ":" + local; }
    return "<" + iri + ">";
  }

  function matcher(entries, prefixes) {
    // entries: [{iri, label}]; matches an IRI's start or a part of its label
    return function (yasqe, token) {
      const raw = (token && token.string ? token.string : "").trim();
      const wanted = expand(token.autocompletionString || raw, prefixes);
      const colon = raw.indexOf(":");
      const words = (colon >= 0 ? raw.slice(colon + 1) : raw).replace(/^<|>$/g, "")
        .toLowerCase();
      const found = [];
      for (let i = 0; i < entries.length && found.length < LIMIT; i++) {
        const e = entries[i];
        if (e.iri.indexOf(wanted) === 0 ||
            (words.length >= 2 && e.label.toLowerCase().indexOf(words) >= 0)) {
          found.push(e.iri);
        }
      }
      return Promise.resolve(found);
    };
  }

  function completers(Yasqe, config, labels) {
    const prefixes = config.prefixes;
    const byIri = {};
    const terms = function (list) {
      return list.map(function (t) { byIri[t.iri] = t.label; return { iri: t.iri, label: t.label || "" }; });
    };
    const classes = terms(config.classes);
    const properties = terms(config.properties);
    const resources = labels.map(function (pair) {
      if (!(pair[0] in byIri)) { byIri[pair[0]] = pair[1]; }
      return { iri: pair[0], label: pair[1] };
    });
    const contract = function (yasqe, token, suggestion) {
      const declared = Object.assign({}, prefixes, yasqe.getPrefixesFromQuery());
      return shorten(suggestion, declared);
    };
    const labelled = function (yasqe, hints) {
      return hints.map(function (hint) {
        const label = byIri[expand(hint.text, Object.assign({}, prefixes, yasqe.getPrefixesFromQuery()))];
        if (label) { hint.displayText = hint.text + "  (" + label + ")"; }
        return hint;
      });
    };
    Yasqe.defaults.autocompleters = Yasqe.defaults.autocompleters.filter(function (name) {
      return name !== "class" && name !== "property";
    });
    Yasqe.forkAutocompleter("class", {
      name: "kg-class", bulk: false, get: matcher(classes, prefixes),
      postProcessSuggestion: contract, postprocessHints: labelled,
    }, true);
    Yasqe.forkAutocompleter("property", {
      name: "kg-property", bulk: false, get: matcher(properties, prefixes),
      postProcessSuggestion: contract, postprocessHints: labelled,
    }, true);
    Yasqe.forkAutocompleter("class", {
      name: "kg-resource", bulk: false, autoShow: false, get: matcher(resources, prefixes),
      postProcessSuggestion: contract, postprocessHints: labelled,
      isValidCompletionPosition: function (yasqe) {
        const token = yasqe.getCompleteToken();
        const text = token.string || "";
        if (!text || text.charAt(0) === "?" || text.charAt(0) === "$") { return false; }
        if (token.state.possibleCurrent.indexOf("a") >= 0) { return false; }
        const previous = yasqe.getPreviousNonWsToken(yasqe.getDoc().getCursor().line, token);
        if (previous && (previous.string === "a" || previous.string === "rdf:type")) { return false; }
        return text.indexOf(":") > 0 || text.charAt(0) === "<";
      },
    }, true);
  }

  // --- results: labels and links to resource pages ----------------------------------------

  function unwrap(node, bracket) {
    // Yasr writes <IRI> around a link it does not shorten; a label needs no brackets
    if (node && node.nodeType === Node.TEXT_NODE && node.textContent.trim() === bracket) {
      node.remove();
    }
  }

  function relabel(root, labels, prefixes) {
    const links = root.querySelectorAll("a.iri:not([data-kg])");
    links.forEach(function (a) {
      unwrap(a.previousSibling, "<");
      unwrap(a.nextSibling, ">");
      const iri = a.getAttribute("href") || "";
      a.setAttribute("data-kg", "1");
      a.setAttribute("title", iri);
      a.setAttribute("href", "/resource?iri=" + encodeURIComponent(iri));
      a.removeAttribute("target");
      a.removeAttribute("ref");
      const label = labels[iri];
      a.textContent = label || shorten(iri, prefixes);
    });
  }

  function watchResults(root, labels, prefixes) {
    const observer = new MutationObserver(function () { relabel(root, labels, prefixes); });
    observer.observe(root, { childList: true, subtree: true });
    relabel(root, labels, prefixes);
  }

  // --- downloads ---------------------------------------------------------------------------

  function download(yasgui, format) {
    const status = document.getElementById("kg-download-status");
    const tab = yasgui.getTab();
    if (!tab) { return; }
    const body = new URLSearchParams();
    body.set("query", tab.getYasqe().getValue());
    status.textContent = "…";
    fetch(ENDPOINT, {
      method: "POST", body: body,
      headers: { Accept: ACCEPT[format], "Content-Type": "application/x-www-form-urlencoded" },
    }).then(function (r) {
      if (!r.ok) { return r.text().then(function (t) { throw new Error(t || r.statusText); }); }
      return r.blob();
    }).then(function (blob) {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "results." + format;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      status.textContent = "";
    }).catch(function (err) {
      status.textContent = String(err.message || err).slice(0, 300);
    });
  }

  // --- the page ----------------------------------------------------------------------------

  function start(config, labelList) {
    const Yasgui = window.Yasgui;
    const labels = {};
    labelList.forEach(function (pair) { labels[pair[0]] = pair[1]; });
    completers(Yasgui.Yasqe, config, labelList);
    // the prefixes Yasqe declares by itself come from here, not from prefix.cc
    Yasgui.Yasqe.defaults.prefixCcApi = ORIGIN + "/workbench/prefixes.json";
    Yasgui.Yasqe.defaults.value = config.defaultQuery;
    const yasgui = new Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: ENDPOINT, method: "POST" },
      copyEndpointOnNewTab: true,
      corsProxy: undefined,
      populateFromUrl: false,
      persistenceId: "kg-workbench",
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: ENDPOINT }]; } },
      yasqe: { value: config.defaultQuery, prefixCcApi: ORIGIN + "/workbench/prefixes.json" },
    });
    window.kgYasgui = yasgui;
    watchResults(document.getElementById("yasgui"), labels, config.prefixes);
    const examples = {};
    config.examples.forEach(function (e) { examples[e.name] = e; });
    const open = function (name) {
      const e = examples[name];
      if (!e) { return; }
      const tab = yasgui.addTab(true, { name: e.title, yasqe: { value: e.query },
                                        requestConfig: { endpoint: ENDPOINT } });
      tab.show && tab.show();
    };
    document.querySelectorAll("button.example").forEach(function (button) {
      button.addEventListener("click", function () { open(button.getAttribute("data-name")); });
    });
    document.querySelectorAll("button.download").forEach(function (button) {
      button.addEventListener("click", function () { download(yasgui, button.getAttribute("data-format")); });
    });
    const wanted = decodeURIComponent(window.location.hash.slice(1));
    if (wanted && examples[wanted]) { open(wanted); }
    document.documentElement.setAttribute("data-kg-ready", "1");
  }

  Promise.all([getJson("/workbench/config.json"), getJson("/workbench/labels.json")])
    .then(function (got) { start(got[0], got[1].labels); })
    .catch(function (err) {
      const box = document.getElementById("yasgui");
      box.textContent = "The query page could not start: " + (err.message || err);
    });
})();
