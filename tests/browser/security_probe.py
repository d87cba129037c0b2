"""Record Content-Security-Policy violations in a page, from before its first script runs."""

from __future__ import annotations

# Added with context.add_init_script: init scripts come through the DevTools
# protocol, so the policy under test does not block the probe itself.
RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")
