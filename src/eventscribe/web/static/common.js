/* Shared helpers for the explorer: the namespace, DOM building (text only, never innerHTML
   with data), fetching with readable errors, event-type colours and precision wording. */
"use strict";
window.ES = (() => {
  const TYPES = ["Battles", "Explosions/Remote violence", "Violence against civilians",
                 "Protests", "Riots", "Strategic developments"];
  const COLORS = ["#D55E00", "#0072B2", "#CC79A7", "#009E73", "#E69F00", "#6B6B6B"];
  const UNKNOWN_COLOR = "#000000";

  function colorOf(type) {
    const i = TYPES.indexOf(type);
    return i < 0 ? UNKNOWN_COLOR : COLORS[i];
  }

  /* el("td", {class: "num", onclick: f}, "text", childNode, ...) */
  function el(tag, attrs, ...children) {
    const node = tag === "svg" || ["rect", "text", "line", "g", "title"].includes(tag)
      ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "style" && typeof v === "object") Object.assign(node.style, v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function swatch(type) {
    return el("span", {class: "swatch", style: {background: colorOf(type)}, "aria-hidden": "true"});
  }

  const status = (msg) => {
    const box = document.getElementById("status");
    box.textContent = msg || "";
    box.hidden = !msg;
  };

  async function getJSON(url) {
    const res = await fetch(url, {headers: {Accept: "application/json"}});
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      const detail = body && body.detail ? (typeof body.detail === "string" ? body.detail
        : body.detail.map((d) => `${(d.loc || []).slice(1).join(".")}: ${d.msg}`).join("; ")) : res.statusText;
      throw new Error(`${res.status}: ${detail}`);
    }
    return body;
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) q.set(k, v);
    return q.toString();
  }

  const fmt = new Intl.NumberFormat("en");
  const num = (n) => (n === null || n === undefined ? "–" : fmt.format(n));

  const TIME_PRECISION = {1: "exact day", 2: "approximate (within a week)", 3: "month only"};
  const GEO_PRECISION = {1: "the place itself", 2: "near the place / part of it", 3: "province or country only"};

  return {TYPES, COLORS, colorOf, el, swatch, status, getJSON, query, num, TIME_PRECISION, GEO_PRECISION};
})();
