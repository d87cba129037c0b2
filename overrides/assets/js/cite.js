/* "Cite this page": puts the reader's own access date into the citations. */
(function () {
  "use strict";
  // Month names from overrides/strings.yml (partials/kb-data.html).
  var WORDS = JSON.parse((document.getElementById("kb-data") || {}).textContent || "{}").strings || {};
  var MONTHS = WORDS.months || [];
  if (MONTHS.length !== 12) return;  // the placeholder then says what to write
  var today = new Date();
  var iso = [today.getFullYear(), String(today.getMonth() + 1).padStart(2, "0"),
    String(today.getDate()).padStart(2, "0")].join("-");
  var formats = {
    ama: MONTHS[today.getMonth()] + " " + today.getDate() + ", " + today.getFullYear(),
    vancouver: today.getFullYear() + " " + MONTHS[today.getMonth()].slice(0, 3) + " " + today.getDate()
  };
  var dates = document.querySelectorAll(".kb-accessed[data-style]");
  Array.prototype.forEach.call(dates, function (span) {
    var time = document.createElement("time");
    time.className = "kb-accessed";
    time.dateTime = iso;
    time.textContent = formats[span.dataset.style] || iso;
    span.replaceWith(time);
  });
})();
