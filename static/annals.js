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
