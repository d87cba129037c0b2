/* Glossary tooltips: every <abbr title> explains itself on hover, on keyboard
   focus and on touch. Without this script the browser's own title tooltip
   still shows on hover, and the glossary page lists every term. */
(function () {
  "use strict";
  var tip = document.createElement("span");
  tip.className = "kb-tooltip";
  tip.id = "kb-tooltip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.appendChild(tip);
  var current = null;
  var timer = null;

  function place(abbr) {
    var box = abbr.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 16);
    tip.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.left = left + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
  }
  function showTip(abbr) {
    window.clearTimeout(timer);
    current = abbr;
    tip.textContent = abbr.dataset.definition;
    tip.hidden = false;
    place(abbr);
    abbr.setAttribute("aria-describedby", tip.id);
  }
  function hideTip() {
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    tip.hidden = true;
  }

  // A pointer may move from the term onto the tooltip without losing it (WCAG 1.4.13).
  function hideSoon() { timer = window.setTimeout(hideTip, 300); }
  tip.addEventListener("mouseenter", function () { window.clearTimeout(timer); });
  tip.addEventListener("mouseleave", function () { if (current && document.activeElement !== current) hideSoon(); });

  var terms = document.querySelectorAll(".md-typeset abbr[title]");
  Array.prototype.forEach.call(terms, function (abbr) {
    // The title moves to our tooltip so the browser's does not show twice.
    abbr.dataset.definition = abbr.title;
    abbr.removeAttribute("title");
    abbr.tabIndex = 0;
    abbr.addEventListener("mouseenter", function () { showTip(abbr); });
    abbr.addEventListener("mouseleave", function () { if (document.activeElement !== abbr) hideSoon(); });
    abbr.addEventListener("focus", function () { showTip(abbr); });
    abbr.addEventListener("blur", hideTip);
    // A tap focuses the term (which opens the tooltip) before its click: a
    // click closes the tooltip only if it was already open when the tap began.
    var wasOpen = false;
    abbr.addEventListener("pointerdown", function () { wasOpen = current === abbr && !tip.hidden; });
    abbr.addEventListener("click", function () {
      if (wasOpen) hideTip(); else showTip(abbr);
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideTip();
  });
  document.addEventListener("touchstart", function (event) {
    if (current && event.target !== current) hideTip();
  }, { passive: true });
})();
