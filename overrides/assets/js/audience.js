/* "Which best describes you?": remembers the reader's answer in localStorage
   (never sent anywhere) and points readers to the version written for them.
   Every page works without this script: the counterpart links are in the HTML. */
(function () {
  "use strict";
  var KEY = "kb-audience";  // also read by partials/audience-early.html and search.js
  var LATER = "kb-audience-later";  // "Not now", for this visit; also read by audience-early.html
  // The audiences a reader can choose and the wording, from the tables (partials/kb-data.html).
  var data = JSON.parse((document.getElementById("kb-data") || {}).textContent || "{}");
  var LABELS = data.audiences || {};
  var WORDS = data.strings || {};

  function load() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function save(value) {
    try { window.localStorage.setItem(KEY, value); } catch (e) { /* storage off: the choice lasts this page only */ }
  }
  function later() {
    try { return window.sessionStorage.getItem(LATER); } catch (e) { return null; }
  }

  var panel = document.getElementById("kb-audience");
  var toggle = document.querySelector(".kb-audience-toggle");
  if (!panel || !toggle) return;
  var form = panel.querySelector("form");
  var done = panel.querySelector(".kb-audience__done");
  var status = panel.querySelector(".kb-audience__status");
  var toggleLabel = toggle.querySelector(".kb-audience-toggle__label");
  var question = toggleLabel.textContent;

  function open(show) {
    panel.hidden = !show;
    form.hidden = false;
    done.hidden = true;
    toggle.setAttribute("aria-expanded", String(show));
  }

  function show(choice) {
    toggleLabel.textContent = LABELS[choice] ? WORDS.reading_as.replace("{label}", LABELS[choice]) : question;
    Array.prototype.forEach.call(form.elements.audience, function (radio) {
      radio.checked = radio.value === choice;
    });
    // site.css emphasises the counterpart link for this audience.
    document.documentElement.dataset.kbAudience = LABELS[choice] ? choice : "";
  }

  // The button lives in the header so the question is always one click away. It goes
  // right after the title, which gives up the room, so that nothing drawn already
  // (the scheme toggle) moves.
  var title = document.querySelector(".md-header__inner > .md-header__title");
  if (title) title.after(toggle);
  toggle.hidden = false;

  var choice = load();
  show(choice);
  open(!choice && !later() && !panel.hasAttribute("data-kb-no-ask"));
  // From here the hidden attribute alone decides (see partials/audience-early.html).
  document.documentElement.classList.remove("kb-audience-ask");

  toggle.addEventListener("click", function () { open(panel.hidden); });
  // A choice closes the question. A reader outside their section is offered a link
  // to it, on one line shorter than the question, so the page never moves down.
  form.addEventListener("change", function (event) {
    var value = event.target.value;
    if (!LABELS[value]) return;
    save(value);
    show(value);
    if (panel.dataset.pageAudience === value) {
      open(false);
      toggle.focus();
      return;
    }
    form.hidden = true;
    done.hidden = false;
    status.textContent = WORDS.saved.replace("{label}", LABELS[value]);
    Array.prototype.forEach.call(done.querySelectorAll(".kb-audience__go"), function (link) {
      link.hidden = link.dataset.for !== value;
    });
    done.querySelector(".kb-audience__go:not([hidden])").focus();
  });
  function dismiss() {
    // Without a choice: not asked again this visit unless opened from the header, and
    // asked again on a later visit.
    if (!LABELS[load()]) {
      try { window.sessionStorage.setItem(LATER, "1"); } catch (e) { /* storage off: asked on the next page */ }
    }
    open(false);
    toggle.focus();
  }

  // The home page's links to a section are its own "which best describes you?": the
  // section a reader follows is their choice. The sections' addresses are the
  // chooser's own links to them.
  if (panel.hasAttribute("data-kb-home")) {
    var sections = Array.prototype.map.call(done.querySelectorAll(".kb-audience__go"), function (link) {
      return { audience: link.dataset.for, path: new URL(link.href).pathname };
    });
    document.addEventListener("click", function (event) {
      var link = event.target instanceof Element ? event.target.closest("article a[href]") : null;
      if (!link) return;
      var path = new URL(link.href, window.location.href).pathname;
      sections.forEach(function (section) {
        if (path.indexOf(section.path) === 0) { save(section.audience); show(section.audience); }
      });
    });
  }
  panel.querySelector(".kb-audience__close").addEventListener("click", dismiss);
  panel.querySelector(".kb-audience__dismiss").addEventListener("click", dismiss);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden && panel.contains(document.activeElement)) dismiss();
  });
})();
