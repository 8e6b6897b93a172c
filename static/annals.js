// annals: keyboard shortcuts on every page. "/" focuses the search box
// (on the index); on an event page ← or k opens the previous event and
// → or j the next one. Keys typed into a form field are left alone.
// And the theme switch: dark or light, remembered in localStorage. The
// script is loaded in <head> without `defer`, so the remembered theme is
// applied before the first paint; the rest waits for the document.
(function () {
  "use strict";
  var STORED = "annals-theme";
  var root = document.documentElement;
  try {
    var chosen = window.localStorage.getItem(STORED);
    if (chosen === "light" || chosen === "dark") { root.dataset.theme = chosen; }
  } catch (e) { /* storage off: follow the system */ }

  function typing(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable]");
  }
  function follow(rel) {
    var link = document.querySelector(".pager a[rel=" + rel + "]");
    if (link) { window.location.href = link.href; }
  }
  var keys = { ArrowLeft: "prev", k: "prev", ArrowRight: "next", j: "next" };
  function shortcuts(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }
    var search = document.getElementById("q");
    if (event.key === "/" && search && !search.closest("[hidden]")) {
      event.preventDefault();
      search.focus();
      search.select();
    } else if (keys[event.key] && !event.shiftKey && document.querySelector(".pager")) {
      event.preventDefault();
      follow(keys[event.key]);
    }
  }

  function themeSwitch(button) {
    if (!button) { return; }
    var system = window.matchMedia("(prefers-color-scheme: dark)");
    function dark() {
      var theme = root.dataset.theme;
      return theme ? theme === "dark" : system.matches;
    }
    function show() { button.setAttribute("aria-pressed", String(dark())); }
    button.addEventListener("click", function () {
      var next = dark() ? "light" : "dark";
      root.dataset.theme = next;
      try { window.localStorage.setItem(STORED, next); } catch (e) { /* storage off: this page only */ }
      show();
    });
    system.addEventListener("change", show);
    show();
    button.hidden = false;
  }

  function ready() {
    document.addEventListener("keydown", shortcuts);
    var hint = document.getElementById("keys");
    if (hint) { hint.hidden = false; }
    themeSwitch(document.getElementById("theme"));
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();

// The index's "in force on" filter: which agreements were in force in a
// year, a month or on a day. Each agreement lists its periods in force as
// day numbers from 1970-01-01 ("from/until", until empty while in force),
// so the filter needs no server and works from file://. The script loads
// in <head>, so the filter starts once the page is parsed.
(function () {
  "use strict";
  function start() {
    var form = document.getElementById("in-force");
    var section = document.getElementById("agreements");
    if (!form || !section) { return; }
    var input = document.getElementById("in-force-on");
    var status = document.getElementById("in-force-status");
    var items = Array.prototype.slice.call(section.querySelectorAll("li[data-in-force]"));
    function dayNumber(year, month, day) {
      var date = new Date(0);
      date.setUTCFullYear(year, month - 1, day);
      return Math.round(date.getTime() / 86400000);
    }
    // The first and last day a year, month or day names; -44 is 44 BCE.
    function range(text) {
      var match = /^(-?)(\d{1,4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
      if (!match || Number(match[2]) === 0) { return null; }
      var year = match[1] ? 1 - Number(match[2]) : Number(match[2]);
      var month = match[3] ? Number(match[3]) : 0;
      var day = match[4] ? Number(match[4]) : 0;
      if (month > 12 || (match[3] && month < 1) || (match[4] && day < 1)) { return null; }
      var first = dayNumber(year, month || 1, day || 1);
      var last = day ? first : month ? dayNumber(year, month + 1, 1) - 1 : dayNumber(year + 1, 1, 1) - 1;
      if (day && day > dayNumber(year, month + 1, 1) - dayNumber(year, month, 1)) { return null; }
      return [first, last];
    }
    function periods(item) {
      return item.getAttribute("data-in-force").split(" ").filter(Boolean).map(function (period) {
        var ends = period.split("/");
        return [Number(ends[0]), ends[1] === "" ? Infinity : Number(ends[1])];
      });
    }
    function apply() {
      var text = input.value.trim();
      var wanted = text ? range(text) : null;
      input.setAttribute("aria-invalid", text && !wanted ? "true" : "false");
      var shown = 0;
      items.forEach(function (item) {
        var match = !wanted || periods(item).some(function (p) { return p[0] <= wanted[1] && p[1] > wanted[0]; });
        item.hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = wanted ? section.getAttribute("data-status")
        .replace("{when}", text).replace("{n}", String(shown)).replace("{total}", String(items.length)) : "";
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    input.addEventListener("input", apply);
    form.hidden = false;
    apply();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
