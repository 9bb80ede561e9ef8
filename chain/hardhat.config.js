// Hardhat network for the pool's dev chain. Only `hardhat node` is used: contracts are compiled by
// scripts/compile.mjs (solc-js, offline) and deployed from Java, so no Solidity sources are configured here and
// Hardhat never needs to download a compiler. DevChain (Java) sets the variables below.
const chainId = Number(process.env.POOL_CHAIN_ID || 31337);
const mnemonic = process.env.POOL_CHAIN_MNEMONIC || "test test test test test test test test test test test junk";
const accountCount = Number(process.env.POOL_CHAIN_ACCOUNTS || 20);

module.exports = {
  defaultNetwork: "hardhat",
  networks: {
    hardhat: {
      chainId,
      hardfork: "cancun",
      accounts: { mnemonic, count: accountCount, accountsBalance: "10000000000000000000000" },
      mining: { auto: true, interval: 0 },
      // Failed transactions are mined with status 0, as on a real chain, instead of failing eth_sendRawTransaction.
      throwOnTransactionFailures: false,
      throwOnCallFailures: true,
      loggingEnabled: true,
    },
  },
  paths: {
    sources: "./target/hardhat/no-sources",
    cache: "./target/hardhat/cache",
    artifacts: "./target/hardhat/artifacts",
  },
};
