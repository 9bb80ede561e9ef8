// Compiles contracts/*.sol with solc-js (the `solc` npm package, no download) and writes, per contract,
// <out>/<Name>.json = { contractName, sourceName, abi, bytecode, deployedBytecode, compiler }.
//
//   node scripts/compile.mjs [--out <dir>]      (default out: target/classes/contracts)
//
// Skips the work when every output is newer than every source, this script and package-lock.json.
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const chainDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const contractsDir = join(chainDir, "contracts");
const EVM_VERSION = "cancun";

function outDir() {
  const i = process.argv.indexOf("--out");
  return resolve(i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : join(chainDir, "target", "classes", "contracts"));
}

function upToDate(sources, out) {
  const index = join(out, "index.json");
  if (!existsSync(index)) return false;
  const inputs = [...sources.map((f) => join(contractsDir, f)), fileURLToPath(import.meta.url), join(chainDir, "package-lock.json")];
  const newestInput = Math.max(...inputs.filter(existsSync).map((f) => statSync(f).mtimeMs));
  const names = JSON.parse(readFileSync(index, "utf8")).contracts;
  return names.every((n) => existsSync(join(out, `${n}.json`)) && statSync(join(out, `${n}.json`)).mtimeMs >= newestInput);
}

const out = outDir();
const sources = readdirSync(contractsDir).filter((f) => f.endsWith(".sol")).sort();
if (sources.length === 0) {
  console.error(`no .sol files in ${contractsDir}`);
  process.exit(1);
}
if (upToDate(sources, out)) {
  console.log(`contracts up to date in ${out}`);
  process.exit(0);
}

let solc;
try {
  solc = require("solc");
} catch (e) {
  console.error(`solc-js is not installed: run 'npm ci' in ${chainDir} (${e.message})`);
  process.exit(1);
}

const input = {
  language: "Solidity",
  sources: Object.fromEntries(sources.map((f) => [f, { content: readFileSync(join(contractsDir, f), "utf8") }])),
  settings: {
    evmVersion: EVM_VERSION,
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object"] } },
  },
};

function findImports(path) {
  const file = join(contractsDir, path);
  return existsSync(file) ? { contents: readFileSync(file, "utf8") } : { error: `not found: ${path}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const problems = output.errors ?? [];
for (const p of problems) console.error(p.formattedMessage ?? p.message);
if (problems.some((p) => p.severity === "error")) {
  process.exit(1);
}

mkdirSync(out, { recursive: true });
const written = [];
for (const [sourceName, contracts] of Object.entries(output.contracts)) {
  for (const [contractName, c] of Object.entries(contracts)) {
    const bytecode = c.evm.bytecode.object;
    if (!bytecode) continue; // interfaces
    const artifact = {
      contractName,
      sourceName: `contracts/${sourceName}`,
      abi: c.abi,
      bytecode: `0x${bytecode}`,
      deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
      compiler: { version: solc.version(), evmVersion: EVM_VERSION, optimizerRuns: 200 },
    };
    writeFileSync(join(out, `${contractName}.json`), JSON.stringify(artifact, null, 2) + "\n");
    written.push(contractName);
  }
}
written.sort();
writeFileSync(join(out, "index.json"), JSON.stringify({ compiler: solc.version(), contracts: written }, null, 2) + "\n");
console.log(`compiled ${written.join(", ")} with solc ${solc.version()} into ${out}`);
