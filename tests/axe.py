"""axe-core in a Playwright page: the one home of the WCAG rules the browser tests check.

axe-core comes from its npm package (``make test-assets`` puts it in tests/.assets/, ignored by git
and never served). The public pages (tests/web/publication) and the signed-in ones
(tests/web/accessibility) run the same rules: WCAG 2.0 and 2.1, levels A and AA, the level
GB/T 37668-2019 asks of a government website.
"""

from __future__ import annotations

from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent / ".assets" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: The impacts a test refuses: axe's "minor" and "moderate" are reported, not failed.
REFUSED = ("serious", "critical")
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                                      nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""


def require_axe() -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `make test-assets` (axe-core from npm)")


def violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations of the page as it is now (any impact)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_TAGS)


def serious_violations(page) -> list[dict]:
    return [v for v in violations(page) if v["impact"] in REFUSED]
