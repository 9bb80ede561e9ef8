import "./style.css";
import { get, getAll } from "./api.js";
import { roundChart } from "./chart.js";
import { h, section, stat, table, unavailable } from "./dom.js";
import { chartEth, eth, isAddress, number, short, when } from "./format.js";

const app = document.getElementById("app");
let explorerTxUrl = "";

function txLink(hash) {
  if (!hash) return "–";
  // On the dev chain there is no explorer: the bare hash, selectable, is what a developer pastes into `cast`/RPC.
  return explorerTxUrl ? h("a", { href: explorerTxUrl + hash, target: "_blank", rel: "noopener", class: "mono" }, short(hash, 8, 6))
    : h("span", { class: "mono tx", title: hash }, hash);
}

function memberLink(address) {
  return h("a", { href: `#/member/${address}`, class: "mono" }, short(address));
}

function statusBadge(text) {
  return h("span", { class: `badge badge-${String(text ?? "unknown").toLowerCase().replace(/\s+/g, "-")}` }, text ?? "unknown");
}

function render(...children) {
  app.replaceChildren(...children);
}

function last24h(items, field) {
  const since = Date.now() - 24 * 3600 * 1000;
  return items.filter((item) => item[field] && Date.parse(item[field]) >= since);
}

async function poolPage() {
  document.title = "Livepeer Pool";
  const data = await getAll({
    status: "/status",
    settlements: "/getSettlements?limit=30",
    transcoders: "/getTranscoders?limit=100",
    tickets: "/getWinningTickets?limit=15",
    payouts: "/getPayouts?limit=15",
    services: "/getServicesHealth",
  });
  const status = data.status;
  explorerTxUrl = status?.explorerTxUrl ?? "";

  const head = section("Pool",
    status.error && !status.round ? unavailable("The chain status", status.error) : h("div", { class: "stats" },
      stat("Current round", number(status.round)),
      stat("Chain head", number(status.chainHead), status.lagBlocks !== undefined ? `${number(status.lagBlocks)} blocks behind, confirmed` : null),
      stat("Members", data.transcoders.error ? "–" : number(data.transcoders.transcoders.length),
        data.transcoders.error ? null : `${data.transcoders.transcoders.filter((t) => t.status === "admitted").length} admitted, `
          + `${data.transcoders.transcoders.filter((t) => t.status === "excluded").length} excluded`)));

  let revenue;
  if (data.settlements.error) {
    revenue = section("Revenue per round", unavailable("Settlements", data.settlements.error));
  } else {
    const settlements = [...data.settlements.settlements].reverse();
    revenue = section("Revenue per round",
      roundChart("revenue", settlements.map((s) => s.round), [
        { label: "revenue", values: settlements.map((s) => chartEth(s.revenue)), color: "#2f7bf5" },
        { label: "pool fee", values: settlements.map((s) => chartEth(s.poolFee)), color: "#f5a52f" },
      ]),
      table([
        { title: "Round", render: (s) => number(s.round) },
        { title: "Revenue", numeric: true, render: (s) => eth(s.revenue) },
        { title: "Pool fee", numeric: true, render: (s) => eth(s.poolFee) },
        { title: "Distributed", numeric: true, render: (s) => eth(s.distributed) },
        { title: "Members paid", numeric: true, render: (s) => number(s.allocationCount) },
        { title: "Settled", render: (s) => when(s.settledAt) },
      ], data.settlements.settlements.slice(0, 5), "No settlement yet."));
  }

  const members = section("Members", data.transcoders.error ? unavailable("Members", data.transcoders.error) : table([
    { title: "Transcoder", render: (t) => memberLink(t.transcoder) },
    { title: "Status", render: (t) => statusBadge(t.status) },
    { title: "Max sessions", numeric: true, render: (t) => number(t.maxSessions) },
    { title: "Jobs 24 h", numeric: true, render: (t) => number(t.jobsLast24h) },
    { title: "Pixels 24 h", numeric: true, render: (t) => number(t.pixelsLast24h) },
    { title: "Balance", numeric: true, render: (t) => eth(t.balance) },
    { title: "Paid", numeric: true, render: (t) => eth(t.paidTotal) },
  ], data.transcoders.transcoders, "No member yet."));

  const tickets = section("Winning tickets", data.tickets.error ? unavailable("Winning tickets", data.tickets.error) : table([
    { title: "Ticket", render: (t) => h("span", { class: "mono", title: t.ticketHash }, short(t.ticketHash, 8, 6)) },
    { title: "Sender", render: (t) => h("span", { class: "mono" }, short(t.sender)) },
    { title: "Face value", numeric: true, render: (t) => eth(t.faceValue) },
    { title: "Status", render: (t) => statusBadge(t.status) },
    { title: "Transferred", numeric: true, render: (t) => eth(t.amountTransferred) },
    { title: "Transaction", render: (t) => txLink(t.txHash) },
  ], data.tickets.tickets, "No winning ticket yet."));

  const payouts = section("Latest payouts", data.payouts.error ? unavailable("Payouts", data.payouts.error) : payoutTable(data.payouts.payouts, true));

  const services = section("Services", data.services.error ? unavailable("Service health", data.services.error) : h("ul", { class: "services" },
    data.services.services.map((s) => h("li", {}, statusBadge(s.status), " ", s.name))));

  render(head, revenue, h("div", { class: "grid" }, members, services), tickets, payouts);
}

function payoutTable(payouts, withMember) {
  return table([
    ...(withMember ? [{ title: "Member", render: (p) => memberLink(p.transcoder) }] : []),
    { title: "Round", render: (p) => number(p.round) },
    { title: "Amount", numeric: true, render: (p) => eth(p.amount) },
    { title: "Status", render: (p) => statusBadge(p.status) },
    { title: "Gas share", numeric: true, render: (p) => eth(p.gasFees) },
    { title: "Transaction", render: (p) => txLink(p.txHash) },
    { title: "Paid", render: (p) => when(p.paidAt) },
  ], payouts, "No payout yet.");
}

async function memberPage(address) {
  document.title = `Livepeer Pool · ${short(address)}`;
  if (!isAddress(address)) {
    render(section("Member", h("p", { class: "notice" },
      `“${address}” is not an Ethereum address. An address is 0x followed by 40 hexadecimal characters.`),
      h("p", {}, h("a", { href: "#/" }, "Back to the pool"))));
    return;
  }
  const a = address.toLowerCase();
  const q = `transcoderAddress=${a}`;
  const data = await getAll({
    status: "/status",
    balance: `/getTranscoderBalance?${q}`,
    rewards: `/getTranscoderRewards?${q}&limit=30`,
    payouts: `/getTranscoderPayouts?${q}&limit=20`,
    jobs: `/getTranscoderJobs?${q}&limit=200`,
    admission: `/getTranscoderStatus?${q}`,
    settings: `/getPayoutSettings?${q}`,
  });
  explorerTxUrl = data.status?.explorerTxUrl ?? "";
  const rewards = data.rewards.error ? [] : data.rewards.rewards;
  const jobs = data.jobs.error ? [] : data.jobs.jobs;
  const payouts = data.payouts.error ? [] : data.payouts.payouts;
  const admission = data.admission.error ? null : data.admission;
  const known = rewards.length > 0 || jobs.length > 0 || payouts.length > 0 || (admission && admission.status !== "unknown");

  const header = section("Member", h("p", { class: "mono address" }, a),
    known ? null : h("p", { class: "notice" }, "This address has no jobs, rewards or payouts in the pool yet. "
      + "If it is a member, its first jobs will show here once the orchestrator reports them."),
    data.balance.error ? unavailable("The balance", data.balance.error) : h("div", { class: "stats" },
      stat("Balance", eth(data.balance.balance)),
      stat("On hold", eth(data.balance.payoutsOnHold)),
      stat("Total paid", eth(data.balance.paidTotal))));

  const ordered = [...rewards].reverse();
  const earnings = section("Earnings per round", roundChart("earnings", ordered.map((r) => r.round), [
    { label: "earned", values: ordered.map((r) => chartEth(r.amount)), color: "#27a86b" },
  ]));

  const recent = last24h(jobs, "receivedAt");
  const pixels = recent.reduce((sum, j) => sum + BigInt(j.pixels ?? 0), 0n);
  const work = section("Jobs in the last 24 h", h("div", { class: "stats" },
    stat("Jobs", number(recent.length)), stat("Pixels", pixels.toLocaleString("en-US"))),
  table([
    { title: "Job", render: (j) => h("span", { class: "mono" }, j.jobId) },
    { title: "Round", render: (j) => number(j.roundJob) },
    { title: "Pixels", numeric: true, render: (j) => number(j.pixels) },
    { title: "Status", render: (j) => statusBadge(j.status ?? (j.settledRound ? "settled" : "counted")) },
    { title: "Received", render: (j) => when(j.receivedAt) },
  ], recent.slice(0, 20), "No job in the last 24 hours."));

  const performance = section("Performance and admission", admission ? h("div", { class: "stats" },
    stat("Status", statusBadge(admission.status), admission.reason),
    stat("Max sessions", number(admission.maxSessions)),
    stat("Latency p50", admission.latency?.p50Ms !== undefined && admission.latency?.p50Ms !== null ? `${number(admission.latency.p50Ms)} ms` : "–"),
    stat("Latency p95", admission.latency?.p95Ms !== undefined && admission.latency?.p95Ms !== null ? `${number(admission.latency.p95Ms)} ms` : "–",
      admission.latency ? `${number(admission.latency.samples)} samples` : null)) : unavailable("Admission status", data.admission.error));

  const settings = data.settings.error ? null : data.settings;
  const payoutSettings = section("Payout settings", settings && settings.payoutAddress ? h("div", { class: "stats" },
    stat("Paid to", h("span", { class: "mono" }, short(settings.payoutAddress))),
    stat("Threshold", eth(settings.threshold)))
    : h("p", { class: "muted" }, "Pool defaults: paid to this address once the balance reaches the pool's threshold."));

  render(header, earnings, h("div", { class: "grid" }, performance, payoutSettings),
    section("Payouts", payoutTable(payouts, false)), work);
}

async function route() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, ""));
  const member = hash.match(/^\/member\/(.*)$/);
  try {
    if (member) {
      await memberPage(member[1].trim());
    } else {
      await poolPage();
    }
  } catch (error) {
    render(section("Something went wrong", h("p", { class: "notice" }, error.message)));
  }
}

document.getElementById("search").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = new FormData(event.target).get("address").toString().trim();
  if (text) location.hash = `#/member/${text}`;
});
window.addEventListener("hashchange", route);
route();
