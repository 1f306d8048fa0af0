// The search page: Pagefind's JavaScript API (never loaded on other pages), with the
// edition's filters as checkboxes. The query and the filters chosen are
// kept in the address (?q=...&kind=telephone), so a search can be linked to.
const root = new URL(document.documentElement.dataset.content_root || "./", window.location.href);
const form = document.querySelector(".memcon-search-form");
const input = document.getElementById("memcon-search-input");
const filterBox = document.querySelector(".memcon-search-filters");
const statusLine = document.querySelector(".memcon-search-status");
const list = document.getElementById("memcon-search-results");
const FILTERS = [
  ["year", "Year"], ["kind", "Kind of conversation"], ["participant", "Participant"],
  ["status", "Transcript"], ["quotation", "Quotations in the analysis"],
];
const SHOWN = 10;
const params = new URLSearchParams(window.location.search);
let pagefind;
let latest = 0;

function chosenFilters() {
  const chosen = {};
  for (const box of filterBox.querySelectorAll("input:checked")) {
    (chosen[box.name] ||= { any: [] }).any.push(box.value);
  }
  return chosen;
}

function keepInAddress(query, chosen) {
  const kept = new URLSearchParams();
  if (query) kept.set("q", query);
  for (const [name, { any }] of Object.entries(chosen)) any.forEach(v => kept.append(name, v));
  const search = kept.toString();
  history.replaceState(null, "", search ? `?${search}` : window.location.pathname);
}

function showFilters(available) {
  for (const [name, legendText] of FILTERS) {
    const values = Object.keys(available[name] || {}).sort();
    if (!values.length) continue;
    const set = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = legendText;
    set.append(legend);
    for (const value of values) {
      const label = document.createElement("label");
      const box = document.createElement("input");
      Object.assign(box, { type: "checkbox", name, value });
      box.checked = params.getAll(name).includes(value);
      box.addEventListener("change", run);
      label.append(box, ` ${value}`);
      set.append(label);
    }
    filterBox.append(set);
  }
  // Open on a wide screen, or when the address chose a filter; on a phone the results come
  // first.
  filterBox.open = window.matchMedia("(min-width: 992px)").matches
    || FILTERS.some(([name]) => params.has(name));
  filterBox.hidden = false;
}

function resultItem(data) {
  const item = document.createElement("li");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  item.append(link);
  if (data.meta.date) {
    const date = document.createElement("span");
    date.className = "memcon-search-date";
    date.textContent = data.meta.date;
    item.append(date);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "memcon-search-excerpt";
  excerpt.innerHTML = data.excerpt; // Pagefind's excerpt: the page's text, escaped, with <mark>
  item.append(excerpt);
  return item;
}

async function run() {
  const query = input.value.trim();
  const chosen = chosenFilters();
  keepInAddress(query, chosen);
  const mine = ++latest;
  if (!query && !Object.keys(chosen).length) {
    list.replaceChildren();
    statusLine.textContent = "";
    return;
  }
  const found = await pagefind.search(query || null, { filters: chosen });
  const shown = await Promise.all(found.results.slice(0, SHOWN).map(r => r.data()));
  if (mine !== latest) return; // a later search has begun
  list.replaceChildren(...shown.map(resultItem));
  const count = found.results.length;
  statusLine.textContent = count === 0 ? "No page matches."
    : `${count} ${count === 1 ? "page matches" : "pages match"}${count > SHOWN ? `; the first ${SHOWN} are shown` : ""}.`;
}

function moveFocus(event) {
  const links = [...list.querySelectorAll("a")];
  const at = links.indexOf(document.activeElement);
  if (event.key === "ArrowDown" && at < links.length - 1) links[at + 1].focus();
  else if (event.key === "ArrowUp" && at > 0) links[at - 1].focus();
  else if (event.key === "ArrowUp" && at === 0) input.focus();
  else return;
  event.preventDefault();
}

// Pagefind and its index load when the reader first searches (or arrives with a search in
// the address), not when the page opens.
let loading;
function loadPagefind() {
  loading ||= (async () => {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
    showFilters(await pagefind.filters());
  })();
  return loading;
}

async function searchNow() {
  try {
    await loadPagefind();
    await run();
  } catch (error) {
    statusLine.textContent = "The search index could not be loaded: build the site with `make html`.";
    console.error(error);
  }
}

input.value = params.get("q") || "";
form.addEventListener("submit", event => { event.preventDefault(); searchNow(); });
input.addEventListener("input", searchNow);
input.addEventListener("keydown", event => {
  const first = list.querySelector("a");
  if (event.key === "ArrowDown" && first) { event.preventDefault(); first.focus(); }
});
list.addEventListener("keydown", moveFocus);
input.focus();
if (input.value || FILTERS.some(([name]) => params.has(name))) searchNow();
