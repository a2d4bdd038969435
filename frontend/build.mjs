// Bundle the workbench into webapp/static/dist/workbench.js and stamp what it was built from.
//
// The stamp (build-info.json) holds a SHA-256 over this file, package.json, package-lock.json
// and src/*.js; frontend/stamp.py computes the same hash, so `make` and a test can tell whether
// the committed bundle is up to date without needing node.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "webapp", "static", "dist");

export function inputs() {
  const files = ["build.mjs", "package.json", "package-lock.json"];
  for (const name of readdirSync(join(here, "src"))) {
    if (name.endsWith(".js")) files.push(`src/${name}`);
  }
  return files.sort();
}

export function digest() {
  const hash = createHash("sha256");
  for (const file of inputs()) {
    hash.update(file + "\0");
    hash.update(readFileSync(join(here, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

// The licence texts of the packages that end up in the bundle (MIT asks for the notice to travel along).
function licences(metafile) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (match) packages.add(match[1]);
  }
  const parts = [];
  for (const name of [...packages].sort()) {
    const folder = join(here, "node_modules", name);
    const meta = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    const file = readdirSync(folder).find((f) => /^(licen[cs]e|copying)/i.test(f));
    const text = file && existsSync(join(folder, file)) ? readFileSync(join(folder, file), "utf8").trim() : meta.license;
    parts.push(`${name} ${meta.version} (${meta.license})\n\n${text}\n`);
  }
  return "Third-party code in workbench.js\n\n" + parts.join("\n" + "-".repeat(72) + "\n\n");
}

mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: [join(here, "src", "workbench.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  outfile: join(out, "workbench.js"),
  logLevel: "warning",
  metafile: true,
});
writeFileSync(join(out, "workbench.js.LICENSES.txt"), licences(result.metafile));
const info = { inputs: inputs(), sha256: digest(), built_by: "frontend/build.mjs (npm run build)" };
writeFileSync(join(out, "build-info.json"), JSON.stringify(info, null, 2) + "\n");
console.log(`built ${relative(process.cwd(), join(out, "workbench.js"))} (${info.sha256.slice(0, 12)})`);
