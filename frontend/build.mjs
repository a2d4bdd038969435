// Bundle the front end into webapp/static/dist and stamp what it was built from.
//
//   workbench.js   /query: the CodeMirror editor and the result views (an ES module)
//   query-page.js  /queries/NAME: the result views (an ES module)
//   insights.js    /insights/*: the charts of the insight pages, Chart.js and its Sankey plugin (an ES module)
//   chunks/        code they share, and what they load only when asked (charts, XLSX)
//   map.js         /map, its embed and the offline map file (a classic script: the offline file inlines it)
//
// The stamp (build-info.json) holds a SHA-256 over this file, package.json, package-lock.json
// and every src/**/*.js, and lists the files built; frontend/stamp.py computes the same hash, so
// `make` and a test can tell whether the committed bundles are up to date without needing node.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "webapp", "static", "dist");

function sources(folder) {
  const found = [];
  for (const entry of readdirSync(join(here, folder), { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) found.push(...sources(path));
    else if (entry.name.endsWith(".js")) found.push(path);
  }
  return found;
}

export function inputs() {
  return ["build.mjs", "package.json", "package-lock.json", ...sources("src")].sort();
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

// The licence texts of the packages that end up in the bundles (MIT asks for the notice to travel along).
function licences(metafiles) {
  const packages = new Set();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
      if (match) packages.add(match[1]);
    }
  }
  const parts = [];
  for (const name of [...packages].sort()) {
    const folder = join(here, "node_modules", name);
    const meta = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    const file = readdirSync(folder).find((f) => /^(licen[cs]e|copying)/i.test(f));
    const text = file && existsSync(join(folder, file)) ? readFileSync(join(folder, file), "utf8").trim() : meta.license;
    parts.push(`${name} ${meta.version} (${meta.license})\n\n${text}\n`);
  }
  return "Third-party code in the bundles of this folder\n\n" + parts.join("\n" + "-".repeat(72) + "\n\n");
}

const common = { bundle: true, minify: true, target: ["es2020"], legalComments: "none", logLevel: "warning",
                 metafile: true };

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const modules = await build({
  ...common,
  entryPoints: {
    workbench: join(here, "src", "workbench.js"),
    "query-page": join(here, "src", "query-page.js"),
    insights: join(here, "src", "insights.js"),
  },
  format: "esm",
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  outdir: out,
});
const classic = await build({
  ...common,
  entryPoints: [join(here, "src", "map", "main.js")],
  format: "iife",
  outfile: join(out, "map.js"),
});
writeFileSync(join(out, "LICENSES.txt"), licences([modules.metafile, classic.metafile]));
const outputs = [...Object.keys(modules.metafile.outputs), ...Object.keys(classic.metafile.outputs)]
  .map((file) => relative(out, file).split("\\").join("/"))
  .sort();
const info = { inputs: inputs(), sha256: digest(), outputs, built_by: "frontend/build.mjs (npm run build)" };
writeFileSync(join(out, "build-info.json"), JSON.stringify(info, null, 2) + "\n");
for (const file of outputs) {
  const size = readFileSync(join(out, file)).length;
  console.log(`${file.padEnd(40)} ${(size / 1024).toFixed(1).padStart(8)} KB`);
}
console.log(`stamp ${info.sha256.slice(0, 12)}`);
