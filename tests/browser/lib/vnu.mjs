// The Nu HTML checker (vnu.jar from the vnu-jar npm package, run on the
// machine's Java), over every HTML page of the built site in one JVM.

import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Path of the vnu.jar that `npm ci` installed. */
export function vnuJar() {
  return path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build", "dist", "vnu.jar");
}

/**
 * Checks the files; resolves to {errors, warnings}, each a list of
 * {file, line, column, message, extract}. Throws when the checker itself fails.
 */
export function runVnu(files, siteDir) {
  const run = spawnSync("java", ["-jar", vnuJar(), "--format", "json", "--stdout", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    timeout: 120_000,
  });
  if (run.error) throw run.error;
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`vnu gave no JSON (exit ${run.status}): ${run.stderr || run.stdout}`.slice(0, 2000));
  }
  const errors = [];
  const warnings = [];
  for (const m of report.messages || []) {
    const file = m.url ? path.relative(siteDir, new URL(m.url).pathname) : "?";
    const item = {
      file,
      line: m.lastLine ?? m.firstLine ?? 0,
      column: m.firstColumn ?? m.lastColumn ?? 0,
      message: m.message,
      extract: (m.extract || "").replace(/\s+/g, " ").trim(),
    };
    // "error" (fatal or not) and "non-document-error" fail; "info" is a warning or a note.
    if (m.type === "info") warnings.push(item);
    else errors.push(item);
  }
  return { errors, warnings };
}

export function formatVnu(m) {
  return `${m.file}:${m.line}:${m.column}: ${m.message}${m.extract ? `  [${m.extract.slice(0, 120)}]` : ""}`;
}
