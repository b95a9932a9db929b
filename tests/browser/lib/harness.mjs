// A tiny check runner: each check is a named async function that throws to fail.
// No framework, so the steps can share state (the browser, the site, the actor
// the journey followed) and run in the order a person would go.

const results = [];

/** A failure with the precise findings that explain it, one line each. */
export class Findings extends Error {
  constructor(message, lines = []) {
    super(message);
    this.lines = lines;
  }
}

/** Runs `fn`; records a pass, or a failure with its message and findings. */
export async function check(name, fn) {
  const started = Date.now();
  try {
    const note = await fn();
    const ms = Date.now() - started;
    results.push({ name, ok: true });
    console.log(`ok    ${name} (${ms} ms)${note ? `: ${note}` : ""}`);
  } catch (err) {
    const ms = Date.now() - started;
    const lines = err instanceof Findings ? err.lines : [String(err?.stack || err)];
    results.push({ name, ok: false, message: err?.message || String(err), lines });
    console.log(`FAIL  ${name} (${ms} ms): ${err?.message || err}`);
    for (const line of lines) console.log(`      ${line}`);
  }
}

/** Prints a note that is neither a pass nor a failure (a step with nothing to act on). */
export function note(text) {
  console.log(`note  ${text}`);
}

/** Prints the summary; returns the process exit code. */
export function summary() {
  const failed = results.filter((r) => !r.ok);
  console.log("");
  if (failed.length) {
    console.log("Failed checks:");
    for (const f of failed) {
      console.log(`  - ${f.name}: ${f.message}`);
      for (const line of f.lines.slice(0, 20)) console.log(`      ${line}`);
      if (f.lines.length > 20) console.log(`      ... and ${f.lines.length - 20} more`);
    }
  }
  // The plain closing line CI reads.
  console.log(`browser: ${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length ? 1 : 0;
}
