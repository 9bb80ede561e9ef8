// Runs the dev chain's node (anvil, a native binary) for DevChain and ties its life to the JVM's:
//
//   node scripts/exit-with-parent.cjs <executable> [args...]
//
// The JVM holds our stdin open, so end of input means the JVM is gone (even after kill -9): the node then gets
// SIGTERM, which makes anvil write its --state file before it exits. SIGTERM, SIGINT and SIGHUP sent to us are passed
// on the same way, and we exit only once the node has (with its exit code), so whoever stops us waits for the state
// to be written. No process is ever left behind.
const { spawn } = require("node:child_process");

const [executable, ...args] = process.argv.slice(2);
if (!executable) {
  console.error("usage: node exit-with-parent.cjs <executable> [args...]");
  process.exit(2);
}
const child = spawn(executable, args, { stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;
function stop(signal) {
  if (!stopping && child.exitCode === null && child.signalCode === null) {
    stopping = true;
    child.kill(signal);
  }
}
child.on("error", (e) => {
  console.error(`cannot run ${executable}: ${e.message}`);
  process.exit(127);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(signal, () => stop("SIGTERM"));
}
process.stdin.on("end", () => stop("SIGTERM"));
process.stdin.on("error", () => stop("SIGTERM"));
process.stdin.resume();
