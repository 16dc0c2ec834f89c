/* The event panel: what happened, where, when (with ACLED precision codes), who claims it,
   how confident we are, and every report of it with the evidence sentence highlighted in
   its article (other extracted fields underlined, their names on hover). */
"use strict";
ES.detail = (() => {
  const {el, swatch, num, TIME_PRECISION, GEO_PRECISION} = ES;

  function code(kind, n, meaning) {
    return n === null || n === undefined ? null
      : el("div", {class: "muted"}, el("span", {class: "code", title: `${kind} precision code (ACLED)`}, String(n)), ` ${kind} precision: ${meaning || "?"}`);
  }

  /* The article text with the evidence span as <mark> and provenance spans underlined. */
  function highlighted(text, evidence, provenance) {
    const spans = [];
    if (evidence) spans.push({start: evidence.start, end: evidence.end, cls: "evidence", label: "evidence"});
    for (const [field, p] of Object.entries(provenance || {})) {
      if (p && p.span && p.span.end > p.span.start) spans.push({start: p.span.start, end: p.span.end, cls: "prov", label: field});
    }
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(Math.max(0, Math.min(text.length, s.start))); cuts.add(Math.max(0, Math.min(text.length, s.end))); }
    const points = [...cuts].sort((a, b) => a - b);
    const out = [];
    let markNode = null, mark = null;
    for (let k = 0; k < points.length - 1; k++) {
      const a = points[k], b = points[k + 1];
      const piece = text.slice(a, b);
      const on = spans.filter((s) => s.start <= a && s.end >= b);
      const inEvidence = on.some((s) => s.cls === "evidence");
      const fields = on.filter((s) => s.cls === "prov").map((s) => s.label);
      let node = fields.length ? el("span", {class: "prov", title: fields.join(", ")}, piece) : document.createTextNode(piece);
      if (inEvidence) {
        if (!mark) { mark = el("mark", {class: "evidence", title: "evidence sentence"}); out.push(mark); markNode = markNode || mark; }
        mark.append(node);
      } else {
        mark = null;
        out.push(node);
      }
    }
    return {nodes: out, mark: markNode};
  }

  function mentionCard(m, article, open) {
    const title = article ? (article.title || article.origin || article.id) : m.doc_id;
    const meta = article ? [article.source, article.published ? `published ${article.published}` : null, article.origin]
      .filter(Boolean).join(" · ") : "article not stored";
    const box = el("section", {class: "mention"},
      el("h3", {}, title),
      el("p", {class: "meta"}, meta),
      el("p", {}, el("b", {}, "Claimed by: "), m.claimed_by || "no one named (stated by the reporter)",
         "  ·  ", el("b", {}, "confidence "), `${Math.round((m.confidence || 0) * 100)}%`),
      el("blockquote", {class: "evidence"}, m.evidence ? m.evidence.text : "(no evidence span)"));
    let mark = null;
    if (article && article.text) {
      const hl = highlighted(article.text, m.evidence, m.provenance);
      mark = hl.mark;
      const text = el("div", {class: "article", tabindex: "0", role: "document",
                              "aria-label": `Text of ${title}, evidence highlighted`}, ...hl.nodes);
      box.append(el("details", {open: open || null},
        el("summary", {}, `Article text, evidence at characters ${m.evidence.start}–${m.evidence.end}`), text));
    }
    const prov = Object.entries(m.provenance || {});
    if (prov.length) {
      box.append(el("details", {},
        el("summary", {}, "Where each field came from"),
        el("table", {class: "provtable"},
          el("thead", {}, el("tr", {}, el("th", {}, "field"), el("th", {}, "text"), el("th", {}, "extractor"))),
          el("tbody", {}, prov.map(([f, p]) => el("tr", {},
            el("td", {}, f), el("td", {}, p.span ? `“${p.span.text}”` : "(inferred)", p.note ? ` (${p.note})` : ""),
            el("td", {}, `${p.extractor} ${p.version}`)))))));
    }
    return {box, mark};
  }

  function render(data, {onClose}) {
    const e = data.event;
    const body = document.getElementById("detail-body");
    document.getElementById("detail-empty").hidden = true;
    body.hidden = false;
    const place = [e.location, e.admin1, e.country].filter(Boolean).join(", ") || "unknown place";
    const coords = e.latitude !== null && e.latitude !== undefined ? `${e.latitude.toFixed(4)}, ${e.longitude.toFixed(4)}` : null;
    const conf = Math.round((e.confidence || 0) * 100);
    const heading = el("h2", {class: "d-title", tabindex: "-1", id: "detail-title"}, e.sub_event_type || e.event_type || "Event");
    const articles = new Map((data.articles || []).map((a) => [a.id, a]));
    const mentions = [...data.mentions].sort((a, b) => (b.mention_id === e.mention_id) - (a.mention_id === e.mention_id));
    const cards = mentions.map((m, i) => mentionCard(m, articles.get(m.doc_id), i === 0));
    body.replaceChildren(
      el("button", {type: "button", class: "closebtn", onclick: onClose, "aria-label": "Close the event panel"}, "✕"),
      el("div", {class: "d-type"}, swatch(e.event_type), e.event_type || "Unknown type"),
      heading,
      el("div", {class: e.claimed_by ? "claim" : "claim none"},
        el("b", {}, e.claimed_by ? "According to" : "Claimant"),
        e.claimed_by || "none named: the reporter states it"),
      el("dl", {class: "facts"},
        el("dt", {}, "Date"), el("dd", {}, e.date || "undated", code("time", e.time_precision, TIME_PRECISION[e.time_precision])),
        el("dt", {}, "Where"), el("dd", {}, place, code("geo", e.geo_precision, GEO_PRECISION[e.geo_precision]),
                                   coords ? el("div", {class: "muted"}, coords) : null),
        el("dt", {}, "Actor 1"), el("dd", {}, e.actor1 || "–"),
        el("dt", {}, "Actor 2"), el("dd", {}, e.actor2 || "–"),
        el("dt", {}, "Fatalities"), el("dd", {}, e.fatalities === null || e.fatalities === undefined ? "not reported" : num(e.fatalities)),
        el("dt", {}, "Weapons"), el("dd", {}, (e.weapons || []).join(", ") || "–"),
        el("dt", {}, "Confidence"), el("dd", {}, el("span", {class: "meter", "aria-hidden": "true"}, el("span", {style: {width: `${conf}%`}})), `${conf}%`),
        el("dt", {}, "Reports"), el("dd", {}, `${e.n_mentions} mention${e.n_mentions === 1 ? "" : "s"} in ${(e.doc_ids || []).length} article${(e.doc_ids || []).length === 1 ? "" : "s"}`,
                                     e.merge_reason ? el("div", {class: "muted"}, `merged: ${e.merge_reason}`) : null),
        el("dt", {}, "Event id"), el("dd", {}, el("code", {}, e.event_id)),
        e.aggregate ? el("dt", {}, "Note") : null, e.aggregate ? el("dd", {}, "aggregate claim (a total over many places), placed at the country") : null),
      el("h2", {}, "Evidence"),
      ...cards.map((c) => c.box));
    body.dataset.eventId = e.event_id;
    heading.focus({preventScroll: true});
    document.getElementById("detail").scrollTop = 0;
    const first = cards[0] && cards[0].mark;
    if (first) {
      const box = first.closest(".article");
      box.scrollTop = Math.max(0, first.offsetTop - 40);
    }
  }

  function clear() {
    document.getElementById("detail-body").hidden = true;
    document.getElementById("detail-empty").hidden = false;
  }

  return {render, clear, highlighted};
})();
