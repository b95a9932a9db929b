// What is checked inside a page: axe-core's rules, sideways scrolling.

import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

/**
 * Runs axe-core with its default rule set (WCAG 2.0-2.2 A and AA plus best
 * practices) on the page as it is; resolves to one line per failing element.
 */
export async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(" "),
        html: n.html,
        summary: (n.failureSummary || "").replace(/\s+/g, " ").trim(),
      })),
    }));
  });
  const lines = [];
  for (const v of violations) {
    for (const n of v.nodes) {
      lines.push(`${v.id} (${v.impact}): ${v.help}; target ${n.target}; ${n.html.slice(0, 140)}; ${n.summary.slice(0, 240)}`);
    }
  }
  return lines;
}

/**
 * Measures sideways scrolling; resolves to {scrollWidth, clientWidth, culprits},
 * culprits naming the innermost elements that stick out on the right.
 */
export async function sidewaysOverflow(page) {
  return page.evaluate(() => {
    const se = document.scrollingElement;
    const limit = se.clientWidth;
    const describe = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      if (el.classList.length) s += `.${[...el.classList].join(".")}`;
      const r = el.getBoundingClientRect();
      const text = (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 60);
      return `${s} right=${Math.round(r.right + window.scrollX)}px width=${Math.round(r.width)}px "${text}"`;
    };
    const sticksOut = (el) => el.getBoundingClientRect().right + window.scrollX > limit + 0.5;
    const all = [...document.body.querySelectorAll("*")].filter(sticksOut);
    const innermost = all.filter((el) => ![...el.children].some(sticksOut));
    return {
      scrollWidth: se.scrollWidth,
      clientWidth: limit,
      culprits: innermost.slice(0, 5).map(describe),
    };
  });
}
