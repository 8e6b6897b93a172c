// annals: search and filters for the index page, a progressive
// enhancement. search-index.js, loaded with the page, is a small manifest;
// the word index, the events' records and the filters' data are split into
// the scripts of search/, loaded as a query or a filter first needs them.
// Scripts, not fetch(), so that the site works from file:// too; their
// format is documented in src/search.rs. The state lives in the URL hash
// (#q=treaty&tag=diplomacy&from=1990), so a filtered view can be
// bookmarked, and back/forward step through changes.
(function () {
  "use strict";
  var data = window.annalsSearch;
  var form = document.getElementById("finder");
  if (!data || data.v !== 3 || !form) { return; }
  var $ = function (id) { return document.getElementById(id); };
  var input = $("q"), results = $("results"), list = $("result-list");
  var status = $("status"), more = $("more"), browse = $("browse");
  var LIMIT = 50, COUNT = data.events;
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

  // Folding, as src/search/words.rs folds the index's words: accents
  // stripped, lowercase. A term of two characters or more matches the words
  // it begins; a term of one character only the same word, so that the
  // first keystroke needs no more than a shard.
  var ASCII = /^[\x00-\x7f]*$/, WORD = /[\p{Alphabetic}\p{N}]+/gu;
  var WRITTEN = /[\p{Alphabetic}\p{N}\u0300-\u036f]+/gu;
  function fold(text) {
    if (ASCII.test(text)) { return text.toLowerCase(); }
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  // Stems, as src/search/stem.rs makes the index's word families: the
  // edition's Snowball stemmer (search/stem.js, the same algorithm as the
  // build's) on the lowercase word as written, composed, then folded.
  var stems = new Map();
  function stemOf(form) {
    var stemmer = data.stem && loaded("stem");
    if (!stemmer) { return null; }
    if (!stems.has(form)) {
      if (stems.size > 4096) { stems.clear(); }
      stems.set(form, fold(stemmer(ASCII.test(form) ? form : form.normalize("NFC"))));
    }
    return stems.get(form);
  }
  // The terms of a query, split as src/search/words.rs splits a text: each
  // {key, form, stem}, the stem null while there is no stemmer.
  function termsOf(text) {
    var terms = [];
    (text.match(WRITTEN) || []).forEach(function (word) {
      var form = word.toLowerCase(), stem = stemOf(form);
      (fold(form).match(WORD) || []).forEach(function (key) {
        terms.push({ key: key, form: form, stem: stem });
      });
    });
    return terms;
  }
  function matches(word, term) {
    return term.length > 1 ? word.startsWith(term) : word === term;
  }
  // Whether a word of a title or a summary is one a term finds.
  function finds(word, term) {
    var lower = word.toLowerCase();
    return matches(fold(lower), term.key) || (term.stem !== null && stemOf(lower) === term.stem);
  }

  // Numbers and posting lists, as src/search/encode.rs writes them.
  var DIGIT = new Int8Array(128).fill(-1);
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".split("").forEach(function (c, i) {
    DIGIT[c.charCodeAt(0)] = i;
  });
  function numbers(text) {
    var out = [], value = 0;
    for (var k = 0; k < text.length; k++) {
      var d = DIGIT[text.charCodeAt(k)];
      value = value * 32 + (d & 31);
      if (d < 32) { out.push(value); value = 0; }
    }
    return out;
  }
  function unzigzag(n) { return n % 2 ? -(n + 1) / 2 : n / 2; }
  function each(text, visit) {
    var k, at = -1, value = 0;
    if (!text) { return; }
    if (text.charAt(0) === "~") {
      for (k = 1; k < text.length; k++) {
        for (var bits = DIGIT[text.charCodeAt(k)], b = 0; bits; b++, bits >>= 1) {
          if (bits & 1) { visit(6 * (k - 1) + b); }
        }
      }
      return;
    }
    for (k = 0; k < text.length; k++) {
      var d = DIGIT[text.charCodeAt(k)];
      value = value * 32 + (d & 31);
      if (d < 32) { at = at < 0 ? value : at + value; visit(at); value = 0; }
    }
  }

  // Shards: scripts in search/, beside the manifest, that hand their data
  // to annalsShard. The manifest's stamp, as their query string, keeps a
  // new manifest from getting an older build's shards from the cache.
  var manifest = Array.prototype.find.call(document.scripts, function (script) {
    return /(^|\/)search-index\.js([?#]|$)/.test(script.getAttribute("src") || "");
  });
  var base = manifest ? manifest.src : location.href, shards = new Map();
  window.annalsShard = function (name, content) {
    var entry = shards.get(name);
    if (entry) { entry.data = content; }
  };
  function load(name) {
    var entry = shards.get(name);
    if (entry) { return entry; }
    entry = { name: name, data: null, failed: false, waiting: [] };
    shards.set(name, entry);
    var script = document.createElement("script");
    script.src = new URL("search/" + name + ".js?" + data.stamp, base).href;
    script.onload = script.onerror = function () {
      script.remove();
      entry.failed = !entry.data;
      entry.waiting.splice(0).forEach(function (then) { then(); });
    };
    document.head.append(script);
    return entry;
  }
  // "ready" when every named shard is in; "loading" when some are still to
  // come (then() is called once they all have come or failed); "failed"
  // when one could not be loaded, which is tried again next time.
  function fetchAll(names, then) {
    var entries = names.map(load);
    var failed = entries.filter(function (entry) { return entry.failed; });
    if (failed.length) {
      failed.forEach(function (entry) { shards.delete(entry.name); });
      return "failed";
    }
    var missing = entries.filter(function (entry) { return !entry.data; }), left = missing.length;
    missing.forEach(function (entry) {
      entry.waiting.push(function () { if (--left === 0) { then(); } });
    });
    return missing.length ? "loading" : "ready";
  }
  function loaded(name) { var entry = shards.get(name); return entry && entry.data; }

  // The word shards that hold the words a term matches: those it begins,
  // and its family.
  function wordShards(term) {
    var names = [], key = term.key, stem = term.stem;
    data.words.forEach(function (range, k) {
      var first = range[0], last = range[1];
      if (key.length > 1 ? last >= key && (first < key || first.startsWith(key)) :
        first <= key && key <= last) { names.push("w" + k); }
      else if (stem !== null && first <= stem && stem <= last) { names.push("w" + k); }
    });
    return names;
  }
  // Where the entries of `key` start in a shard's sorted entries.
  function lowerBound(entries, key) {
    var lo = 0, hi = entries.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (entries[mid][0] < key) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  // For one term: each event's points and, for a text match, which word of
  // the text it was. A word the term begins, as written, counts 12 in the
  // title when it is the term and 10 when longer, 6 in the place, actors or
  // tags, 2 in the text; a word only of the term's family (a family is an
  // entry whose fifth item is 0) counts less in each field: 8 in the
  // title, 5 in the names, 1 in the text, so that a word as written ranks
  // above its family. The last few are kept, as typing extends one term at
  // a time.
  var recent = new Map(), GIVE = [[12, 10, 6, 2], [8, 8, 5, 1]];
  function hitsOf(term) {
    var id = term.key + "\u0000" + term.stem;
    if (recent.has(id)) { return recent.get(id); }
    var points = new Uint8Array(COUNT), word = new Int32Array(COUNT), forms = [];
    var give = function (entry, exact, scale, form) {
      [entry[1], entry[2]].forEach(function (postings, field) {
        var value = scale[field ? 2 : exact ? 0 : 1];
        each(postings, function (i) { if (points[i] < value) { points[i] = value; } });
      });
      each(entry[3], function (i) { if (!points[i]) { points[i] = scale[3]; word[i] = form; } });
    };
    var shards = wordShards(term).map(loaded), family = [], written = [];
    shards.forEach(function (entries) {
      for (var k = lowerBound(entries, term.key); k < entries.length &&
        matches(entries[k][0], term.key); k++) {
        var entry = entries[k];
        if (entry[4] !== 0) {
          give(entry, entry[0] === term.key, GIVE[0], forms.push(entry[4] || entry[0]));
        }
      }
      if (term.stem === null) { return; }
      var stem = term.stem;
      for (k = lowerBound(entries, stem); k < entries.length && entries[k][0] === stem; k++) {
        (entries[k][4] === 0 ? family : written).push(entries[k]);
      }
    });
    // No family of the stem's key: its family is the words of that key
    // whose stem it is (src/search/stem.rs leaves such a family out).
    var form = term.stem === null ? 0 : forms.push(term.form);
    if (!family.length) {
      family = written.filter(function (entry) {
        return stemOf(entry[4] || entry[0]) === term.stem;
      });
    }
    family.forEach(function (entry) { give(entry, false, GIVE[1], form); });
    var hits = { points: points, word: word, forms: forms };
    if (recent.size > 16) { recent.delete(recent.keys().next().value); }
    recent.set(id, hits);
    return hits;
  }

  // Filters: groups are numbered tags first, then actors, then eras; the
  // group shards hold data.groups[k] of them each.
  var KINDS = [["tags", 1], ["actors", 2], ["eras", 4]], offset = {}, starts = [0];
  KINDS.reduce(function (at, kind) { offset[kind[0]] = at; return at + data[kind[0]].length; }, 0);
  data.groups.forEach(function (n, k) { starts.push(starts[k] + n); });
  function groupAt(g) {
    var k = 0;
    while (starts[k + 1] <= g) { k++; }
    return { name: "g" + k, at: g - starts[k] };
  }
  function filterShards(state) {
    var names = KINDS.reduce(function (out, kind) {
      return out.concat(state[kind[0]].map(function (p) { return groupAt(offset[kind[0]] + p).name; }));
    }, []);
    if (state.from !== null || state.to !== null) { names.push("years"); }
    return names;
  }
  var years = null;
  function yearsOf() {
    if (years) { return years; }
    var content = loaded("years"), from = new Int32Array(COUNT), runs = numbers(content.from);
    for (var k = 0, at = 0, year = 0; k < runs.length; k += 2) {
      year += unzigzag(runs[k]);
      from.fill(year, at, at + runs[k + 1]);
      at += runs[k + 1];
    }
    var to = from.slice(), spans = numbers(content.to);
    for (var s = 0, i = 0; s < spans.length; s += 2) {
      i += spans[s];
      to[i] = from[i] + unzigzag(spans[s + 1]);
    }
    return (years = { from: from, to: to });
  }
  // Whether each event passes the filters, or null when there are none.
  function passing(state) {
    var marks = new Uint8Array(COUNT), wanted = 0;
    KINDS.forEach(function (kind) {
      state[kind[0]].forEach(function (p) {
        var group = groupAt(offset[kind[0]] + p);
        each(loaded(group.name)[group.at], function (i) { marks[i] |= kind[1]; });
      });
      if (state[kind[0]].length) { wanted |= kind[1]; }
    });
    var span = state.from !== null || state.to !== null ? yearsOf() : null;
    if (!wanted && !span) { return null; }
    for (var i = 0; i < COUNT; i++) {
      marks[i] = (marks[i] & wanted) === wanted && (!span ||
        (state.from === null || span.to[i] >= state.from) &&
        (state.to === null || span.from[i] <= state.to)) ? 1 : 0;
    }
    return marks;
  }

  // Ranked matches, best first; ties keep time order (a bucket per score,
  // filled in time order, so no sort is needed).
  var latest = null;
  function search(state, terms) {
    var key = JSON.stringify([terms, state.tags, state.actors, state.eras, state.from, state.to]);
    if (latest && latest.key === key) { return latest; }
    var hits = terms.map(hitsOf), pass = passing(state), buckets = [];
    for (var i = 0; i < COUNT; i++) {
      if (pass && !pass[i]) { continue; }
      var points = 0;
      for (var t = 0; t < hits.length && points >= 0; t++) {
        points = hits[t].points[i] ? points + hits[t].points[i] : -1;
      }
      if (points >= 0) { (buckets[points] || (buckets[points] = [])).push(i); }
    }
    var found = [];
    for (var b = buckets.length - 1; b >= 0; b--) {
      if (buckets[b]) { found.push.apply(found, buckets[b]); }
    }
    return (latest = { key: key, found: found, terms: terms, hits: hits });
  }

  // Records, in blocks of data.records[0] events, and again of
  // data.records[1]: the large block when a page of results needs many of
  // its small ones.
  var SMALL = data.records[0], LARGE = data.records[1], MANY = LARGE / SMALL / 2;
  function record(i) {
    var block = loaded("e" + LARGE + "-" + Math.floor(i / LARGE));
    if (block) { return block[i % LARGE]; }
    block = loaded("e" + SMALL + "-" + Math.floor(i / SMALL));
    return block ? block[i % SMALL] : null;
  }
  function recordShards(indices) {
    var wanted = new Map(), names = [];
    indices.forEach(function (i) {
      if (record(i)) { return; }
      var large = Math.floor(i / LARGE);
      if (!wanted.has(large)) { wanted.set(large, new Set()); }
      wanted.get(large).add(Math.floor(i / SMALL));
    });
    wanted.forEach(function (small, large) {
      if (small.size >= MANY) { names.push("e" + LARGE + "-" + large); return; }
      small.forEach(function (k) { names.push("e" + SMALL + "-" + k); });
    });
    return names;
  }

  // The words of an event's text that matched terms not in its title,
  // place, actors or tags.
  function inText(i, outcome) {
    var words = [];
    outcome.hits.forEach(function (hits) {
      if (hits.points[i] <= 2 && hits.points[i] > 0) { words.push(hits.forms[hits.word[i] - 1]); }
    });
    return words;
  }

  function marked(text, terms) {
    var fragment = document.createDocumentFragment(), last = 0, match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(text))) {
      var word = match[0];
      if (!terms.some(function (t) { return finds(word, t); })) { continue; }
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

  // A result: [slug, title, when, place, [tag], lang] from its record; an
  // event with a lang is not translated: its page is the default edition's.
  function item(index, outcome) {
    var e = record(index), slug = e[0], terms = outcome.terms, lang = e[5];
    var link = element("a", "", [marked(e[1], terms)]);
    link.href = (lang ? data.original || "" : "") + "events/" + slug + ".html";
    var title = element("h3", "event-title", [link]);
    var li = element("li", "event-card", [element("p", "when", [e[2]]), title]);
    if (lang) { title.lang = lang; link.hreflang = lang; }
    var card = $(slug);
    var summary = card && card.classList.contains("event-card") && card.querySelector(".summary");
    if (summary) {
      var text = element("p", "summary", [marked(summary.textContent, terms)]);
      if (lang) { text.lang = lang; }
      li.append(text);
    }
    if (lang) { li.append(element("p", "untranslated", [say("untranslated", 0)])); }
    var found = inText(index, outcome);
    if (found.length) {
      var where = element("p", "in-text", [say("inText", 0)]);
      found.forEach(function (word, n) {
        where.append(n ? ", " : "", element("mark", "", [word]));
      });
      li.append(where);
    }
    var meta = [e[3] || ""].concat((e[4] || []).map(function (t) { return data.tags[t][1]; }));
    meta = meta.filter(Boolean);
    if (meta.length) { li.append(element("p", "meta", [meta.join(" · ")])); }
    return li;
  }

  // Pages that are not events (About, Method), matched on their whole text
  // when the search has words and no filter: every term a word of the page,
  // as written or of its family. Their words are split when first searched,
  // once the stemmer (if any) has come with the first query.
  var PAGES = (window.annalsPages || []).map(function (p) {
    return { href: p[0], title: p[1], text: p[1] + " " + p[2], words: null };
  });
  function pageFinds(page, term) {
    if (!page.words) { page.words = termsOf(page.text); }
    return page.words.some(function (word) {
      return matches(word.key, term.key) || (term.stem !== null && word.stem === term.stem);
    });
  }
  function pagesFor(state, terms) {
    var filtered = state.tags.length || state.actors.length || state.eras.length ||
      state.from !== null || state.to !== null;
    if (!terms.length || filtered) { return []; }
    return PAGES.filter(function (page) {
      return terms.every(function (term) { return pageFinds(page, term); });
    });
  }
  function pageItem(page, terms) {
    var link = element("a", "", [marked(page.title, terms)]);
    link.href = page.href;
    return element("li", "page-result", [element("h3", "event-title", [link])]);
  }

  // Renders a state once the shards it needs are in. A newer state
  // supersedes one still waiting for its shards; meanwhile the results are
  // marked busy (aria-busy), and a shard that cannot be loaded is said.
  var shown = LIMIT, generation = 0;
  function render(state) {
    generation += 1;
    attempt(state, generation);
  }
  function attempt(state, gen) {
    if (gen !== generation) { return; }
    var active = state.q.trim() || state.tags.length || state.actors.length || state.eras.length ||
      state.from !== null || state.to !== null;
    results.hidden = !active;
    browse.hidden = !!active;
    if (!active) { done(); list.replaceChildren(); status.textContent = ""; return; }
    var retry = function () { attempt(state, gen); }, terms = termsOf(state.q);
    var wanted = terms.reduce(function (names, term) {
      return names.concat(wordShards(term));
    }, filterShards(state).concat(data.stem && terms.length ? ["stem"] : []));
    var got = fetchAll(wanted, retry);
    if (got === "ready") {
      var outcome = search(state, terms);
      got = fetchAll(recordShards(outcome.found.slice(0, shown)), retry);
      if (got === "ready") { show(outcome, pagesFor(state, terms)); return; }
    }
    if (got === "failed") {
      done();
      list.replaceChildren();
      more.hidden = true;
      status.textContent = form.dataset.failed || "The search index could not be loaded.";
      return;
    }
    results.setAttribute("aria-busy", "true");
  }
  function done() { results.removeAttribute("aria-busy"); }
  function show(outcome, pages) {
    var found = outcome.found;
    var items = found.slice(0, shown).map(function (index) { return item(index, outcome); });
    var listed = pages.map(function (page) { return pageItem(page, outcome.terms); });
    list.replaceChildren.apply(list, listed.concat(items));
    var n = found.length;
    status.textContent = n ? say("matches", n) +
      (n > items.length ? say("firstShown", items.length) : "") : say("noMatch", 0);
    more.hidden = n <= items.length;
    more.textContent = say("showAll", n);
    done();
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
