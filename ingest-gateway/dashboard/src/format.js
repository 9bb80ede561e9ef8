// Money is wei as decimal strings in the API. Formatting uses BigInt only: no floating point touches an amount shown
// as text. Charts need numbers, so chartEth() converts to a float for plotting alone.
const WEI_PER_ETH = 10n ** 18n;

export function eth(wei, decimals = 6) {
  if (wei === null || wei === undefined || wei === "") return "–";
  const value = BigInt(wei);
  const sign = value < 0n ? "-" : "";
  const abs = value < 0n ? -value : value;
  const whole = abs / WEI_PER_ETH;
  const scale = 10n ** BigInt(18 - decimals);
  const frac = (abs % WEI_PER_ETH) / scale;
  let fracText = frac.toString().padStart(decimals, "0").replace(/0+$/, "");
  if (fracText === "" && abs % WEI_PER_ETH !== 0n) {
    return `${sign}< 0.${"0".repeat(decimals - 1)}1`;
  }
  return `${sign}${whole.toLocaleString("en-US")}${fracText ? "." + fracText : ""}`;
}

export function chartEth(wei) {
  const value = BigInt(wei ?? 0);
  // micro-ETH resolution is plenty for a chart
  return Number(value / 10n ** 12n) / 1e6;
}

export function short(hex, head = 6, tail = 4) {
  if (!hex) return "–";
  return hex.length > head + tail + 2 ? `${hex.slice(0, head + 2)}…${hex.slice(-tail)}` : hex;
}

export function when(instant) {
  if (!instant) return "–";
  const date = new Date(instant);
  return date.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

export function number(n) {
  return n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US");
}

export function isAddress(text) {
  return /^0x[0-9a-fA-F]{40}$/.test(text);
}
