// annals: search and filters for the index page, a progressive
// enhancement. The data comes from search-index.js (a script, so that it
// loads from file:// too; its format is documented in src/search.rs). The
// state lives in the URL hash (#q=treaty&tag=diplomacy&from=1990), so a
// filtered view can be bookmarked, and back/forward step through changes.
(function () {
  "use strict";
  var data = window.annalsSearch;
  var form = document.getElementById("finder");
  if (!data || data.v !== 1 || !form) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var input = $("q"), results = $("results"), list = $("result-list");
  var status = $("status"), more = $("more"), browse = $("browse");
  var LIMIT = 50, WORD = /[\p{L}\p{N}]+/gu;
  // Interface strings, in the page's language, from the form's data-*
  // attributes: "{n}" is the number; "one|other" or "one|few|many" are
  // plural forms, chosen as src/i18n.rs chooses them.
  function say(key, n) {
    var forms = (form.dataset[key] || "").split("|"), i = 0;
    if (forms.length === 3) {
      i = n % 10 === 1 && n % 100 !== 11 ? 0 :
        n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 1 : 2;
    } else if (forms.length === 2) {
      i = n === 1 ? 0 : 1;
    }
    return forms[i].split("{n}").join(String(n));
  }
  var SLOT = { title: 1, when: 2, from: 3, to: 4, tags: 5, actors: 6, eras: 7, place: 8 };

  var ASCII = /^[\x00-\x7f]*$/;
  function fold(text) {
    if (ASCII.test(text)) { return text.toLowerCase(); }
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function words(text) { return " " + (fold(text).match(WORD) || []).join(" "); }

  var events = data.events.map(function (e) {
    var names = [e[SLOT.place]];
    e[SLOT.tags].forEach(function (t) { names.push(data.tags[t][1]); });
    e[SLOT.actors].forEach(function (a) { names.push(data.actors[a][1]); });
    return { title: words(e[SLOT.title]), names: words(names.join(" ")) };
  });

  // The word index: folded words, sorted, each with its posting lists.
  var vocab = new Map();
  data.words.forEach(function (entry, i) {
    var key = fold(entry[0]);
    if (!vocab.has(key)) { vocab.set(key, []); }
    vocab.get(key).push(i);
  });
  var keys = Array.from(vocab.keys()).sort();
  var DIGIT = new Int8Array(128).fill(-1);
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".split("").forEach(function (c, i) {
    DIGIT[c.charCodeAt(0)] = i;
  });
  var decoded = [];
  function postings(i) {
    if (decoded[i]) { return decoded[i]; }
    var text = data.words[i][1], out = [], value = 0, previous = 0;
    for (var k = 0; k < text.length; k++) {
      var d = DIGIT[text.charCodeAt(k)];
      value = value * 32 + (d & 31);
      if (d < 32) {
        previous = out.length ? previous + value : value;
        out.push(previous);
        value = 0;
      }
    }
    return (decoded[i] = out);
  }

  // For one folded term of two characters or more: for each event, the
  // index of the first word of its text that starts with the term, or -1. The last few are kept, as
  // typing extends one term at a time.
  var recent = new Map(), NONE = new Int32Array(0);
  function textHits(term) {
    if (term.length < 2) { return NONE; }
    if (recent.has(term)) { return recent.get(term); }
    var hits = new Int32Array(data.events.length).fill(-1), lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < term) { lo = mid + 1; } else { hi = mid; }
    }
    for (var k = lo; k < keys.length && keys[k].startsWith(term); k++) {
      var same = vocab.get(keys[k]);
      for (var s = 0; s < same.length; s++) {
        var list = postings(same[s]);
        for (var p = 0; p < list.length; p++) {
          if (hits[list[p]] < 0) { hits[list[p]] = same[s]; }
        }
      }
    }
    if (recent.size > 16) { recent.delete(recent.keys().next().value); }
    recent.set(term, hits);
    return hits;
  }

  function any(have, wanted) {
    if (!wanted.length) { return true; }
    for (var i = 0; i < have.length; i++) { if (wanted.indexOf(have[i]) >= 0) { return true; } }
    return false;
  }
  function passes(e, state) {
    return any(e[SLOT.tags], state.tags) && any(e[SLOT.actors], state.actors) &&
      any(e[SLOT.eras], state.eras) &&
      (state.from === null || e[SLOT.to] >= state.from) &&
      (state.to === null || e[SLOT.from] <= state.to);
  }

  // How well event i matches every term, or -1: a title match counts most,
  // then place, actors and tags, then the text.
  function score(i, terms, hits) {
    var total = 0, title = events[i].title;
    for (var t = 0; t < terms.length; t++) {
      var at = " " + terms[t], where = title.indexOf(at);
      if (where >= 0) { total += title.charAt(where + at.length) === " " ? 12 : 10; }
      else if (events[i].names.indexOf(at) >= 0) { total += 6; }
      else if (hits[t][i] > -1) { total += 2; }
      else { return -1; }
    }
    return total;
  }

  // Ranked matches, best first; ties keep time order (a bucket per score,
  // filled in time order, so no sort is needed).
  function search(state) {
    var terms = (fold(state.q).match(WORD) || []);
    var hits = terms.map(textHits), buckets = [];
    for (var i = 0; i < events.length; i++) {
      if (!passes(data.events[i], state)) { continue; }
      var points = score(i, terms, hits);
      if (points < 0) { continue; }
      (buckets[points] || (buckets[points] = [])).push(i);
    }
    var found = [];
    for (var b = buckets.length - 1; b >= 0; b--) {
      if (buckets[b]) { found.push.apply(found, buckets[b]); }
    }
    return { found: found, terms: terms, hits: hits };
  }

  // The words of an event's text that matched terms not in its title.
  function inText(i, outcome) {
    var words = [];
    outcome.hits.forEach(function (hits, t) {
      var at = " " + outcome.terms[t];
      if (events[i].title.indexOf(at) < 0 && events[i].names.indexOf(at) < 0 && hits[i] > -1) {
        words.push(data.words[hits[i]][0]);
      }
    });
    return words;
  }

  function marked(text, terms) {
    var fragment = document.createDocumentFragment(), last = 0, match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var word = fold(match[0]);
      if (!terms.some(function (t) { return word.startsWith(t); })) { continue; }
      fragment.append(text.slice(last, match.index));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      fragment.append(mark);
      last = match.index + match[0].length;
    }
    fragment.append(text.slice(last));
    return fragment;
  }

  function element(tag, className, children) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  function item(index, outcome) {
    var e = data.events[index], slug = e[0], terms = outcome.terms;
    var link = element("a", "", [marked(e[SLOT.title], terms)]);
    link.href = "events/" + slug + ".html";
    var title = element("h3", "event-title", [link]);
    var li = element("li", "event-card", [element("p", "when", [e[SLOT.when]]), title]);
    var card = $(slug);
    var original = card && card.querySelector(".event-title[lang]");
    if (original) { title.lang = original.lang; }
    var summary = card && card.classList.contains("event-card") && card.querySelector(".summary");
    if (summary) {
      var text = element("p", "summary", [marked(summary.textContent, terms)]);
      if (original) { text.lang = original.lang; }
      li.append(text);
    }
    var found = inText(index, outcome);
    if (found.length) {
      var where = element("p", "in-text", [say("inText", 0)]);
      found.forEach(function (word, n) {
        where.append(n ? ", " : "", element("mark", "", [word]));
      });
      li.append(where);
    }
    var meta = [e[SLOT.place]].concat(e[SLOT.tags].map(function (t) { return data.tags[t][1]; }));
    meta = meta.filter(Boolean);
    if (meta.length) { li.append(element("p", "meta", [meta.join(" · ")])); }
    return li;
  }

  var shown = LIMIT;
  function render(state) {
    var active = state.q.trim() || state.tags.length || state.actors.length || state.eras.length ||
      state.from !== null || state.to !== null;
    results.hidden = !active;
    browse.hidden = !!active;
    if (!active) { list.replaceChildren(); status.textContent = ""; return; }
    var outcome = search(state), found = outcome.found;
    var items = found.slice(0, shown).map(function (index) { return item(index, outcome); });
    list.replaceChildren.apply(list, items);
    var n = found.length;
    status.textContent = n ? say("matches", n) +
      (n > items.length ? say("firstShown", items.length) : "") : say("noMatch", 0);
    more.hidden = n <= items.length;
    more.textContent = say("showAll", n);
  }

  // State: the form's values, read from and written to the hash.
  function read() {
    var picked = function (name) {
      return Array.from(form.querySelectorAll("input[name=" + name + "]:checked"))
        .map(function (box) { return box.value; });
    };
    var year = function (id) {
      var value = parseInt($(id).value, 10);
      return isNaN(value) ? null : value;
    };
    return { q: input.value, tag: picked("tag"), actor: picked("actor"), era: picked("era"),
      from: year("from"), to: year("to") };
  }
  function hashOf(values) {
    var params = new URLSearchParams();
    if (values.q.trim()) { params.set("q", values.q); }
    ["tag", "actor", "era"].forEach(function (name) {
      values[name].forEach(function (v) { params.append(name, v); });
    });
    if (values.from !== null) { params.set("from", values.from); }
    if (values.to !== null) { params.set("to", values.to); }
    var text = params.toString();
    return text ? "#" + text : "";
  }
  function positions(list, slugs) {
    return slugs.map(function (s) { return list.findIndex(function (x) { return x[0] === s; }); })
      .filter(function (i) { return i >= 0; });
  }
  // Historians' years (−44 is 44 BCE) to astronomical ones (1 BCE is 0).
  function astronomical(year) { return year === null ? null : year < 0 ? year + 1 : year; }
  function stateOf(values) {
    return { q: values.q, tags: positions(data.tags, values.tag),
      actors: positions(data.actors, values.actor), eras: positions(data.eras, values.era),
      from: astronomical(values.from), to: astronomical(values.to) };
  }

  // Renders the form's state at once; the URL follows: at once for a
  // filter (a history entry each), shortly after the last keystroke for
  // typing (one entry per query), as writing the URL costs a long page time.
  var pending = null;
  function update(push, later) {
    var values = read();
    render(stateOf(values));
    var entry = { hash: hashOf(values), push: push || (pending !== null && pending.push) };
    cancel();
    if (later) {
      entry.timer = setTimeout(function () { pending = null; write(entry); }, 150);
      pending = entry;
    } else {
      write(entry);
    }
  }
  function cancel() {
    if (pending) { clearTimeout(pending.timer); pending = null; }
  }
  function write(entry) {
    if (entry.hash === (location.hash.indexOf("=") >= 0 ? location.hash : "")) { return; }
    go(location.pathname + location.search + (entry.hash || "#"), entry.push);
  }

  // A history entry for the new state; the History API is much cheaper
  // than a navigation on a long page, which is the fallback.
  function go(url, push) {
    try {
      history[push ? "pushState" : "replaceState"](null, "", url);
    } catch (error) {
      if (push) { location.assign(url); } else { location.replace(url); }
    }
  }

  function restore() {
    var hash = location.hash.slice(1);
    var params = new URLSearchParams(hash.indexOf("=") >= 0 ? hash : "");
    input.value = params.get("q") || "";
    form.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = params.getAll(box.name).indexOf(box.value) >= 0;
    });
    $("from").value = params.get("from") || "";
    $("to").value = params.get("to") || "";
    if (["tag", "actor", "era", "from", "to"].some(function (k) { return params.has(k); })) {
      $("filters").open = true;
    }
    shown = LIMIT;
    render(stateOf(read()));
    var anchor = hash && hash.indexOf("=") < 0 && document.getElementById(decodeURIComponent(hash));
    if (anchor) { anchor.scrollIntoView(); }
  }

  var typing = false;
  input.addEventListener("input", function () { shown = LIMIT; update(!typing, true); typing = true; });
  input.addEventListener("blur", function () { typing = false; });
  form.addEventListener("change", function (event) {
    if (event.target !== input) { shown = LIMIT; typing = false; update(true); }
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    form.querySelectorAll("input").forEach(function (field) {
      if (field.type === "checkbox") { field.checked = false; } else { field.value = ""; }
    });
    typing = false;
    update(true);
    input.focus();
  });
  more.addEventListener("click", function () { shown = Infinity; render(stateOf(read())); });
  function travelled() {
    cancel();
    var current = hashOf(read());
    var now = location.hash.indexOf("=") >= 0 ? location.hash : "";
    if (now !== current || now === "") { typing = false; restore(); }
  }
  window.addEventListener("popstate", travelled);
  window.addEventListener("hashchange", travelled);
  form.hidden = false;
  restore();
})();
