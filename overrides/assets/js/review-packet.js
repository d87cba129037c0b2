/* Marking a review packet (scripts/pancreas_kb/tools/review_packet.py).

   The reviewer marks each claim "agree" or "needs change", with a comment, and
   exports the review as Markdown to paste into the pull request's review on
   GitHub. Marks are kept in this browser's storage only, under the page and the
   digest of its text, so a changed text starts a fresh review; nothing is sent
   anywhere. Without this script the packet still reads and prints in full. */
(function () {
  "use strict";
  var packet = document.getElementById("packet");
  if (!packet) return;
  var info = packet.dataset;
  var storageKey = "kb-review:" + info.page + ":" + info.digest;
  var CHOICES = [["agree", "Agree"], ["change", "Needs change"]];
  var claims = Array.prototype.slice.call(packet.querySelectorAll("article.claim"));
  var state = read();

  function read() {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey)) || {};
    } catch (error) {
      return {};  // storage blocked or unreadable: marks last as long as the tab
    }
  }
  function write() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(state));
    } catch (error) { /* storage blocked: the export still holds everything marked */ }
  }

  function controls(claim) {
    var number = claim.dataset.claim;
    var saved = state[number] || {};
    var box = document.createElement("fieldset");
    box.className = "mark";
    var legend = document.createElement("legend");
    legend.textContent = "Your review of claim " + number;
    box.appendChild(legend);
    CHOICES.forEach(function (choice) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "mark-" + number;
      input.value = choice[0];
      input.checked = saved.mark === choice[0];
      label.append(input, " " + choice[1]);
      box.appendChild(label);
    });
    var label = document.createElement("label");
    label.append("Comment");
    var comment = document.createElement("textarea");
    comment.name = "comment-" + number;
    comment.rows = 2;
    comment.value = saved.comment || "";
    label.appendChild(comment);
    box.appendChild(label);
    claim.appendChild(box);
    if (saved.mark) claim.dataset.mark = saved.mark;
  }

  function record(event) {
    if (event.target === interests) {
      state.interests = interests.value;
      write();
      show();
      return;
    }
    var claim = event.target.closest("article.claim");
    if (!claim) return;
    var number = claim.dataset.claim;
    var entry = state[number] || {};
    if (event.target.type === "radio") {
      entry.mark = event.target.value;
      claim.dataset.mark = entry.mark;
    } else if (event.target.tagName === "TEXTAREA") {
      entry.comment = event.target.value;
    }
    state[number] = entry;
    write();
    show();
  }

  function oneLine(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function describe(claim) {
    var sentence = oneLine(claim.querySelector(".claim-text").textContent);
    var section = claim.closest("section.group").querySelector("h3").textContent;
    return "**Claim " + claim.dataset.claim + "** (line " + claim.dataset.line + ", " + oneLine(section) + "): " +
      "\u201c" + (sentence.length > 240 ? sentence.slice(0, 239) + "\u2026" : sentence) + "\u201d";
  }

  // The review as Markdown: what the reviewer pastes into GitHub's review screen.
  function review() {
    var agreed = [], changes = [], comments = [], open = [];
    claims.forEach(function (claim) {
      var entry = state[claim.dataset.claim] || {};
      var note = oneLine(entry.comment || "");
      if (entry.mark === "agree") {
        agreed.push(claim);
        if (note) comments.push("- " + describe(claim) + "\n  " + note);
      } else if (entry.mark === "change") {
        changes.push("- " + describe(claim) + (note ? "\n  " + note : ""));
      } else {
        open.push(claim.dataset.claim);
      }
    });
    var verdict;
    if (open.length) {
      verdict = "Review not finished: " + open.length + " of " + claims.length +
        " claims not marked yet (" + open.join(", ") + "). Not an approval.";
    } else if (changes.length) {
      verdict = "Changes needed before I can approve this text.";
    } else {
      verdict = "I checked every claim of this text against its sources and agree with each. " +
        "I approve the text with content digest `" + info.digest + "`.";
    }
    var lines = [
      "### Clinical review: " + info.title,
      "",
      "- Page: `" + info.page + "`",
      "- Content digest: `" + info.digest + "`",
      "- Packet prepared: " + info.prepared + "; review exported: " + new Date().toISOString().slice(0, 10),
      "- Claims: " + claims.length + "; agree " + agreed.length + ", needs change " + changes.length +
        ", not marked " + open.length,
      "- Interests I declare for this page: " + (oneLine(state.interests || "") || "not stated"),
      "",
      verdict
    ];
    if (changes.length) lines.push("", "#### Needs change", "", changes.join("\n"));
    if (comments.length) lines.push("", "#### Comments on claims I agree with", "", comments.join("\n"));
    return lines.join("\n") + "\n";
  }

  var area = document.getElementById("export");
  var interests = document.getElementById("export-interests");
  var text = document.getElementById("export-text");
  var summary = document.getElementById("export-summary");
  var status = document.getElementById("export-status");

  function show() {
    var marked = claims.filter(function (claim) { return (state[claim.dataset.claim] || {}).mark; }).length;
    summary.textContent = "You have marked " + marked + " of " + claims.length + " claims.";
    text.value = review();
  }

  function copy() {
    var done = function () { status.textContent = "Copied. Paste it into the pull request's review on GitHub."; };
    var fallback = function () {
      text.select();
      status.textContent = document.execCommand("copy") ? "Copied. Paste it into the pull request's review on GitHub."
        : "Could not copy: select the text below and copy it.";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text.value).then(done, fallback);
    } else {
      fallback();
    }
  }

  function download() {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text.value], { type: "text/markdown" }));
    link.download = "review-" + info.page.replace(/^docs\//, "").replace(/\.md$/, "").replace(/[^\w-]+/g, "-") + ".md";
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    status.textContent = "Downloaded " + link.download + ".";
  }

  claims.forEach(controls);
  interests.value = state.interests || "";
  packet.addEventListener("change", record);
  packet.addEventListener("input", record);
  document.getElementById("export-copy").addEventListener("click", copy);
  document.getElementById("export-download").addEventListener("click", download);
  area.hidden = false;
  show();
})();
