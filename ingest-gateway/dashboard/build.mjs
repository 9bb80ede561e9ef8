// Bundles the dashboard (src/) with esbuild into one directory of static files the gateway serves at /:
//   node build.mjs [--out <dir>]        (default: ../target/classes/dashboard)
// Everything it needs comes from node_modules at build time: the page loads nothing from the network but the API.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf("--out");
const out = resolve(i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : join(here, "..", "target", "classes", "dashboard"));
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "esm",
  target: ["es2022"],
  outfile: join(out, "app.js"),
  loader: { ".css": "css" },
  logLevel: "warning",
});
copyFileSync(join(here, "src", "index.html"), join(out, "index.html"));
console.log(`dashboard built into ${out}`);
