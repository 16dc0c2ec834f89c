/* The timeline: a histogram of events per day (or week, or month, so bars stay readable),
   drawn for the current filters except the dates. Dragging (or Shift+arrows) selects a date
   range, which filters the map and the table; Esc or "Clear dates" removes it. */
"use strict";
ES.timeline = (() => {
  const {el, num} = ES;
  const svg = () => document.getElementById("timeline");
  const DAY = 86400000;
  let bins = [], onBrush = null, sel = null, cursor = null, drag = null;
  const H = 86, PAD_L = 34, PAD_R = 8, PAD_B = 16, PAD_T = 4;

  const toDay = (s) => Date.parse(s + "T00:00:00Z");
  const iso = (t) => new Date(t).toISOString().slice(0, 10);

  /* byDay: {"YYYY-MM-DD": n}; returns [{start, end (exclusive), n}] */
  function binsOf(byDay) {
    const days = Object.keys(byDay).sort();
    if (!days.length) return [];
    const lo = toDay(days[0]), hi = toDay(days[days.length - 1]);
    const span = (hi - lo) / DAY + 1;
    const unit = span <= 120 ? "day" : span <= 840 ? "week" : "month";
    const startOf = (t) => {
      const d = new Date(t);
      if (unit === "day") return t;
      if (unit === "week") return t - ((d.getUTCDay() + 6) % 7) * DAY;  // Monday
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    };
    const next = (t) => {
      if (unit === "day") return t + DAY;
      if (unit === "week") return t + 7 * DAY;
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    };
    const out = [];
    const index = new Map();
    // Pad one day (bin) each side so a single day still has room to be seen and brushed.
    for (let t = startOf(lo - (unit === "day" ? DAY : 0)); t <= hi + (unit === "day" ? DAY : 0); t = next(t)) {
      index.set(t, out.length);
      out.push({start: t, end: next(t), n: 0});
    }
    for (const [d, n] of Object.entries(byDay)) out[index.get(startOf(toDay(d)))].n += n;
    out.unit = unit;
    return out;
  }

  function x(i, width) { return PAD_L + (i / bins.length) * (width - PAD_L - PAD_R); }

  function draw() {
    const s = svg();
    const width = s.clientWidth || 600;
    s.setAttribute("viewBox", `0 0 ${width} ${H}`);
    s.replaceChildren();
    if (!bins.length) {
      s.append(el("text", {x: PAD_L, y: 40}, "No dated events match the filters."));
      return;
    }
    const max = Math.max(1, ...bins.map((b) => b.n));
    const h = H - PAD_B - PAD_T;
    const bw = Math.max(1, (width - PAD_L - PAD_R) / bins.length - 1);
    const inSel = (b) => sel && b.start >= sel[0] && b.start <= sel[1];
    if (sel) {
      const i0 = bins.findIndex((b) => b.end > sel[0]);
      let i1 = bins.findIndex((b) => b.start > sel[1]);
      if (i1 < 0) i1 = bins.length;
      if (i0 >= 0) s.append(el("rect", {class: "sel", x: x(i0, width) - 1, y: PAD_T, height: h,
                                        width: x(i1, width) - x(i0, width) + 1}));
    }
    bins.forEach((b, i) => {
      const bh = b.n ? Math.max(2, (b.n / max) * h) : 0;
      const cls = "b" + (inSel(b) ? " in" : "") + (cursor === i ? " cur" : "");
      s.append(el("rect", {class: cls, x: x(i, width), y: PAD_T + h - bh, width: bw, height: bh},
                  el("title", {}, `${iso(b.start)}${bins.unit === "day" ? "" : " (" + bins.unit + ")"}: ${num(b.n)} events`)));
    });
    s.append(el("line", {class: "axis", x1: PAD_L, x2: width - PAD_R, y1: PAD_T + h + 0.5, y2: PAD_T + h + 0.5}));
    s.append(el("text", {x: PAD_L - 4, y: PAD_T + 9, "text-anchor": "end"}, num(max)));
    s.append(el("text", {x: PAD_L - 4, y: PAD_T + h, "text-anchor": "end"}, "0"));
    const ticks = Math.min(6, bins.length);
    for (let k = 0; k < ticks; k++) {
      const i = Math.round((k / Math.max(1, ticks - 1)) * (bins.length - 1));
      const anchor = k === 0 ? "start" : k === ticks - 1 ? "end" : "middle";
      const label = bins.unit === "month" ? iso(bins[i].start).slice(0, 7) : iso(bins[i].start);
      s.append(el("text", {x: x(i, width) + (anchor === "end" ? bw : 0), y: H - 3, "text-anchor": anchor}, label));
    }
    const total = bins.reduce((a, b) => a + b.n, 0);
    s.setAttribute("aria-label", `Events per ${bins.unit}: ${num(total)} dated events from ${iso(bins[0].start)} to ${iso(bins[bins.length - 1].start)}` +
      (sel ? `; selected ${iso(sel[0])} to ${iso(sel[1])}` : ""));
  }

  function indexAt(evt) {
    const s = svg();
    const r = s.getBoundingClientRect();
    const frac = (evt.clientX - r.left - PAD_L) / (r.width - PAD_L - PAD_R);
    return Math.max(0, Math.min(bins.length - 1, Math.floor(frac * bins.length)));
  }

  function rangeOf(i, j) {
    const a = Math.min(i, j), b = Math.max(i, j);
    return [bins[a].start, bins[b].end - DAY];
  }

  function emit() {
    document.getElementById("timeline-clear").hidden = !sel;
    onBrush(sel ? iso(sel[0]) : "", sel ? iso(sel[1]) : "");
  }

  function init(handlers) {
    onBrush = handlers.onBrush;
    const s = svg();
    s.addEventListener("pointerdown", (e) => {
      if (!bins.length) return;
      drag = {from: indexAt(e)};
      s.setPointerCapture(e.pointerId);
      sel = rangeOf(drag.from, drag.from);
      draw();
    });
    s.addEventListener("pointermove", (e) => {
      if (!drag) return;
      sel = rangeOf(drag.from, indexAt(e));
      draw();
    });
    s.addEventListener("pointerup", (e) => {
      if (!drag) return;
      sel = rangeOf(drag.from, indexAt(e));
      drag = null;
      draw();
      emit();
    });
    s.addEventListener("keydown", (e) => {
      if (!bins.length) return;
      if (e.key === "Escape") { sel = null; cursor = null; draw(); emit(); e.preventDefault(); return; }
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
      e.preventDefault();
      const step = e.key === "ArrowLeft" ? -1 : 1;
      const anchor = e.shiftKey && sel ? bins.findIndex((b) => b.start >= sel[0]) : null;
      cursor = Math.max(0, Math.min(bins.length - 1, (cursor === null ? (step > 0 ? -1 : bins.length) : cursor) + step));
      sel = rangeOf(anchor === null || anchor < 0 ? cursor : anchor, cursor);
      draw();
      clearTimeout(s._t);
      s._t = setTimeout(emit, 350);
    });
    document.getElementById("timeline-clear").addEventListener("click", () => { sel = null; cursor = null; draw(); emit(); });
    window.addEventListener("resize", draw);
  }

  /* Redraw with new counts; from/to (YYYY-MM-DD or "") is the current date filter. */
  function render(byDay, from, to) {
    bins = binsOf(byDay);
    sel = from || to ? [from ? toDay(from) : (bins[0] ? bins[0].start : 0),
                        to ? toDay(to) : (bins.length ? bins[bins.length - 1].end - DAY : 0)] : null;
    document.getElementById("timeline-clear").hidden = !sel;
    draw();
  }

  return {init, render};
})();
