// Builds elements from data with textContent only: nothing from the API is ever parsed as HTML.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function section(title, ...content) {
  return h("section", { class: "card", "data-section": title }, h("h2", {}, title), ...content);
}

export function table(columns, rows, empty = "Nothing yet.") {
  if (!rows || rows.length === 0) {
    return h("p", { class: "muted empty" }, empty);
  }
  return h("div", { class: "table-wrap" }, h("table", {},
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { class: c.numeric ? "num" : undefined }, c.title)))),
    h("tbody", {}, rows.map((row) => h("tr", {}, columns.map((c) =>
      h("td", { class: c.numeric ? "num" : undefined }, c.render(row))))))));
}

export function stat(label, value, hint) {
  return h("div", { class: "stat" }, h("div", { class: "stat-label" }, label), h("div", { class: "stat-value" }, value),
    hint ? h("div", { class: "stat-hint muted" }, hint) : null);
}

export function unavailable(what, error) {
  return h("p", { class: "muted unavailable" }, `${what} is not available right now (${error?.message ?? "no answer"}).`);
}
