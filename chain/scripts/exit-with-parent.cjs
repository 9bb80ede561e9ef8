// Preloaded into the Hardhat node started by DevChain (node -r): the JVM holds our stdin open, so end of input means
// the JVM is gone (even after kill -9), and the node must go too. No process is ever left behind.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
