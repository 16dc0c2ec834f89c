/* The explorer page: filter state (kept in the URL hash, so a view can be shared), and the
   refresh that asks the API for map points, a table page and counts, then draws them. */
"use strict";
(() => {
  const {el, swatch, num, getJSON, query, status} = ES;
  const FIELDS = ["event_type", "sub_event_type", "actor", "claimed_by", "country", "admin1", "q",
                  "date_from", "date_to"];
  const PAGE = 100;
  const state = {filters: {}, inView: false, order: "-date", offset: 0, selected: null, config: null};
  const form = document.getElementById("filter-form");
  let seq = 0, firstFit = true;

  // -- filters <-> form <-> URL -------------------------------------------------------------
  function readForm() {
    const f = {};
    for (const k of FIELDS) { const v = (form.elements[k].value || "").trim(); if (v) f[k] = v; }
    state.filters = f;
    state.inView = form.elements.in_view.checked;
  }

  function writeForm() {
    for (const k of FIELDS) form.elements[k].value = state.filters[k] || "";
    form.elements.in_view.checked = state.inView;
    fillSubTypes();
    if (state.filters.sub_event_type) form.elements.sub_event_type.value = state.filters.sub_event_type;
    for (const k of FIELDS) form.elements[k].classList.toggle("active", Boolean(state.filters[k]));
  }

  function fromHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    state.filters = {};
    for (const k of FIELDS) if (p.get(k)) state.filters[k] = p.get(k);
    if (p.get("order_by")) state.order = p.get("order_by");
    state.inView = p.get("in_view") === "1";
  }

  function toHash() {
    const h = query({...state.filters, order_by: state.order === "-date" ? "" : state.order, in_view: state.inView ? "1" : ""});
    history.replaceState(null, "", h ? `#${h}` : location.pathname);
  }

  function params({dates = true, view = true} = {}) {
    const p = {...state.filters};
    if (!dates) { delete p.date_from; delete p.date_to; }
    if (view && state.inView) p.bbox = ES.map.bbox();
    return p;
  }

  function fillSubTypes() {
    const sel = form.elements.sub_event_type;
    const type = form.elements.event_type.value;
    const types = state.config ? state.config.event_types : {};
    const subs = type ? (types[type] || []) : Object.values(types).flat();
    const keep = sel.value;
    sel.replaceChildren(el("option", {value: ""}, "Any sub-type"), ...subs.map((s) => el("option", {value: s}, s)));
    sel.value = subs.includes(keep) ? keep : "";
  }

  function setFilter(key, value) {
    if (value) state.filters[key] = value; else delete state.filters[key];
    if (key === "event_type") delete state.filters.sub_event_type;
    writeForm();
    refresh();
  }

  // -- drawing ------------------------------------------------------------------------------
  function drawLegend(byType) {
    const list = document.getElementById("legend-list");
    const current = state.filters.event_type || "";
    list.replaceChildren(...ES.TYPES.map((t) => el("li", {}, el("button", {
      type: "button", "aria-pressed": String(current === t), "data-type": t,
      title: current === t ? `Show all types` : `Show only ${t}`,
      onclick: () => setFilter("event_type", current === t ? "" : t),
    }, swatch(t), t, el("span", {class: "n"}, num(byType[t] || 0))))));
  }

  function drawTop(id, counts, key) {
    const items = Object.entries(counts).filter(([k]) => k !== "unknown").slice(0, 8);
    document.getElementById(id).replaceChildren(...(items.length ? items.map(([k, n]) => el("li", {},
      el("button", {type: "button", title: `Filter by ${k}`, onclick: () => setFilter(key, k)}, k),
      el("span", {class: "n"}, num(n)))) : [el("li", {class: "muted"}, "none")]));
  }

  function fillDatalist(id, counts) {
    document.getElementById(id).replaceChildren(
      ...Object.keys(counts).filter((k) => k !== "unknown").map((k) => el("option", {value: k})));
  }

  function drawSummary(s) {
    const range = s.date_range.min ? `${s.date_range.min} to ${s.date_range.max}` : "no dates";
    const active = Object.keys(state.filters).length + (state.inView ? 1 : 0);
    document.getElementById("summary").replaceChildren(
      el("b", {}, num(s.events)), ` events · `, el("b", {}, num(s.fatalities)), " reported deaths · ", range,
      active ? ` · ${active} filter${active > 1 ? "s" : ""} on` : "");
  }

  function drawTable(page) {
    const body = document.getElementById("events-body");
    if (!page.events.length) {
      body.replaceChildren(el("tr", {}, el("td", {colspan: 7, class: "empty"}, "No events match these filters.")));
    } else {
      body.replaceChildren(...page.events.map((e) => el("tr", {
        tabindex: "0", "data-id": e.event_id, "data-type": e.event_type || "",
        "aria-selected": String(e.event_id === state.selected),
        onclick: () => select(e.event_id, {fromMap: false}),
        onkeydown: (k) => { if (k.key === "Enter" || k.key === " ") { k.preventDefault(); select(e.event_id, {fromMap: false}); } },
      },
        el("td", {}, e.date || "–"),
        el("td", {title: e.event_type || ""}, swatch(e.event_type), (e.sub_event_type || e.event_type || "–").replaceAll("/", "/\u200b"),
           el("span", {class: "sub"}, e.event_type || "")),
        el("td", {}, e.location || "–", el("span", {class: "sub"}, [e.admin1, e.country].filter(Boolean).join(", "))),
        el("td", {}, e.actor1 || "–", e.actor2 ? el("span", {class: "sub"}, `→ ${e.actor2}`) : null),
        el("td", {class: "num"}, e.fatalities === null || e.fatalities === undefined ? "–" : num(e.fatalities)),
        el("td", {}, e.claimed_by || el("span", {class: "muted"}, "reporter")),
        el("td", {class: "num"}, `${Math.round((e.confidence || 0) * 100)}%`))));
    }
    const from = page.total ? page.offset + 1 : 0, to = page.offset + page.events.length;
    document.getElementById("page-info").textContent = `${num(from)}–${num(to)} of ${num(page.total)}`;
    document.getElementById("prev-page").disabled = page.offset === 0;
    document.getElementById("next-page").disabled = to >= page.total;
    for (const b of document.querySelectorAll("thead button[data-sort]")) {
      const k = b.dataset.sort;
      b.setAttribute("aria-sort", state.order === k ? "ascending" : state.order === `-${k}` ? "descending" : "none");
    }
    const q = query({...params(), order_by: state.order, limit: 100000});
    document.getElementById("dl-csv").href = `/api/events?${q}&format=csv`;
    document.getElementById("dl-geojson").href = `/api/events?${q}&format=geojson`;
    document.body.dataset.rows = String(page.events.length);
  }

  // -- loading ------------------------------------------------------------------------------
  async function loadTable(mine) {
    const page = await getJSON(`/api/events?${query({...params(), order_by: state.order, limit: PAGE, offset: state.offset})}`);
    if (mine === seq) drawTable(page);
  }

  async function refresh({points = true} = {}) {
    const mine = ++seq;
    document.body.dataset.ready = "0";
    toHash();
    const withDates = params();
    const noDates = params({dates: false});
    const sameStats = !state.filters.date_from && !state.filters.date_to;
    try {
      const jobs = [
        getJSON(`/api/stats?${query({...withDates, top: 50})}`),
        sameStats ? null : getJSON(`/api/stats?${query({...noDates, top: 1})}`),
        points ? getJSON(`/api/points?${query(params({view: false}))}`) : null,
        loadTable(mine),
      ];
      const [stats, undated, pts] = await Promise.all(jobs);
      if (mine !== seq) return;
      drawSummary(stats);
      drawLegend(stats.by_event_type);
      drawTop("top-actors", stats.by_actor, "actor");
      drawTop("top-admin1", stats.by_admin1, "admin1");
      fillDatalist("actors-list", stats.by_actor);
      fillDatalist("countries-list", stats.by_country);
      fillDatalist("admin1-list", stats.by_admin1);
      ES.timeline.render((undated || stats).by_day, state.filters.date_from || "", state.filters.date_to || "");
      if (pts) { ES.map.show(pts, {fit: firstFit}); firstFit = false; }
      status("");
      document.body.dataset.ready = "1";
    } catch (err) {
      if (mine === seq) { status(`Could not load events: ${err.message}`); document.body.dataset.ready = "error"; }
    }
  }

  async function select(id, {fromMap}) {
    state.selected = id;
    for (const tr of document.querySelectorAll("#events-body tr[data-id]")) tr.setAttribute("aria-selected", String(tr.dataset.id === id));
    ES.map.highlight(id);
    if (!fromMap) ES.map.focusEvent(id);
    try {
      const data = await getJSON(`/api/events/${encodeURIComponent(id)}`);
      if (state.selected !== id) return;
      ES.detail.render(data, {onClose: closeDetail});
    } catch (err) {
      status(`Could not load event ${id}: ${err.message}`);
    }
  }

  function closeDetail() {
    const id = state.selected;
    state.selected = null;
    ES.detail.clear();
    ES.map.highlight(null);
    const row = id && document.querySelector(`#events-body tr[data-id="${CSS.escape(id)}"]`);
    if (row) { row.setAttribute("aria-selected", "false"); row.focus(); }
  }

  // -- wiring -------------------------------------------------------------------------------
  async function init() {
    try {
      state.config = await getJSON("/api/config");
    } catch (err) {
      status(`The server did not answer: ${err.message}`);
      return;
    }
    const typeSel = form.elements.event_type;
    for (const t of Object.keys(state.config.event_types)) typeSel.append(el("option", {value: t}, t));
    fromHash();
    writeForm();
    await ES.map.init(state.config, {
      onSelect: (id) => select(id, {fromMap: true}),
      onMove: () => { if (state.inView) { state.offset = 0; refresh({points: false}); } },
    });
    ES.timeline.init({onBrush: (from, to) => {
      if (from) state.filters.date_from = from; else delete state.filters.date_from;
      if (to) state.filters.date_to = to; else delete state.filters.date_to;
      state.offset = 0;
      writeForm();
      refresh();
    }});
    form.addEventListener("submit", (e) => { e.preventDefault(); readForm(); state.offset = 0; writeForm(); refresh(); });
    typeSel.addEventListener("change", () => { fillSubTypes(); readForm(); state.offset = 0; writeForm(); refresh(); });
    form.elements.sub_event_type.addEventListener("change", () => { readForm(); state.offset = 0; writeForm(); refresh(); });
    form.elements.in_view.addEventListener("change", () => { readForm(); state.offset = 0; refresh({points: false}); });
    for (const k of ["date_from", "date_to"]) form.elements[k].addEventListener("change", () => { readForm(); state.offset = 0; writeForm(); refresh(); });
    document.getElementById("clear-filters").addEventListener("click", () => {
      state.filters = {}; state.inView = false; state.offset = 0; writeForm(); refresh();
    });
    document.getElementById("prev-page").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); loadTable(seq); });
    document.getElementById("next-page").addEventListener("click", () => { state.offset += PAGE; loadTable(seq); });
    for (const b of document.querySelectorAll("thead button[data-sort]")) {
      b.addEventListener("click", () => {
        const k = b.dataset.sort;
        state.order = state.order === `-${k}` ? k : `-${k}`;
        state.offset = 0;
        toHash();
        loadTable(seq);
      });
    }
    document.addEventListener("keydown", (e) => {
      if (e.key === "Escape" && state.selected && document.getElementById("detail").contains(document.activeElement)) closeDetail();
    });
    await refresh();
  }

  window.addEventListener("DOMContentLoaded", init);
})();
