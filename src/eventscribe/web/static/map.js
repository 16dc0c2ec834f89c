/* The map: Natural Earth country outlines (always, offline), OSM raster tiles z0-6 when the
   server has them, clustered markers coloured by event type (clusters show the type mix). */
"use strict";
ES.map = (() => {
  const {el, colorOf, num} = ES;
  let map, cluster, onSelect, onMove;
  const markers = new Map();  // event id -> L.Marker
  let selectedId = null;
  const icons = new Map();

  function icon(type) {
    if (!icons.has(type)) {
      icons.set(type, L.divIcon({
        className: "ev-marker", iconSize: [14, 14],
        html: `<span style="display:block;width:100%;height:100%;border-radius:50%;background:${colorOf(type)}"></span>`,
      }));
    }
    return icons.get(type);
  }

  function clusterIcon(c) {
    const children = c.getAllChildMarkers();
    const counts = new Map();
    for (const m of children) counts.set(m.options.etype, (counts.get(m.options.etype) || 0) + 1);
    let start = 0;
    const stops = [];
    for (const [type, n] of [...counts.entries()].sort((a, b) => b[1] - a[1])) {
      const end = start + (n / children.length) * 360;
      stops.push(`${colorOf(type)} ${start}deg ${end}deg`);
      start = end;
    }
    const n = children.length;
    const size = n < 10 ? 30 : n < 100 ? 36 : n < 1000 ? 42 : 48;
    return L.divIcon({
      className: "", iconSize: [size, size],
      html: `<div class="ev-cluster" style="width:${size}px;height:${size}px;background:conic-gradient(${stops.join(",")})"><span>${num(n)}</span></div>`,
    });
  }

  async function init(config, handlers) {
    onSelect = handlers.onSelect;
    onMove = handlers.onMove;
    map = L.map("map", {worldCopyJump: true, minZoom: 1, maxZoom: 8, keyboard: true, zoomSnap: 0.5})
      .setView([25, 20], 2);
    map.attributionControl.setPrefix(false);
    const layers = {};
    const tiles = config.tiles;
    const topo = await ES.getJSON("/static/vendor/countries-110m.json");
    const countries = topojson.feature(topo, topo.objects.countries);
    const outlines = L.geoJSON(countries, {
      interactive: false,
      style: tiles ? {color: "#5b6470", weight: 0.7, fill: false}
                   : {color: "#8a929c", weight: 0.8, fillColor: "#f7f4ec", fillOpacity: 1},
      attribution: "Outlines: Natural Earth",
    });
    if (tiles) {
      const osm = L.tileLayer(tiles.url, {minZoom: 0, maxNativeZoom: tiles.max_zoom, maxZoom: 8,
                                          attribution: `Tiles ${tiles.attribution} (offline, zoom ≤ ${tiles.max_zoom})`});
      osm.addTo(map);
      layers["OpenStreetMap (offline)"] = osm;
      L.control.layers(layers, {"Country borders": outlines}, {collapsed: true}).addTo(map);
    }
    outlines.addTo(map);
    L.control.scale({imperial: false}).addTo(map);
    cluster = L.markerClusterGroup({
      chunkedLoading: true, chunkInterval: 120, showCoverageOnHover: false, maxClusterRadius: 45,
      iconCreateFunction: clusterIcon, spiderfyOnMaxZoom: true,
      // The page is "done" (tests, bench) when the last chunk of markers is in.
      chunkProgress: (done, total) => { if (done >= total) document.body.dataset.mapDone = "1"; },
    });
    cluster.addTo(map);
    map.on("moveend", () => onMove && onMove());
  }

  function bbox() {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    const w = b.getWest(), e = b.getEast();
    if (e - w >= 360) return "-180,-90,180,90";
    const wrap = (x) => ((x + 540) % 360) - 180;
    return [wrap(w), clamp(b.getSouth(), -90, 90), wrap(e), clamp(b.getNorth(), -90, 90)]
      .map((v) => v.toFixed(4)).join(",");
  }

  /* data: {types, points: [[id, lat, lon, typeIndex, date]], truncated, total} */
  function show(data, {fit}) {
    cluster.clearLayers();
    markers.clear();
    const list = [];
    for (const [id, lat, lon, t, date] of data.points) {
      const type = data.types[t];
      const m = L.marker([lat, lon], {icon: icon(type), etype: type, keyboard: true,
                                      title: `${type || "Unknown type"} · ${date || "undated"}`,
                                      alt: `${type || "Unknown type"} event, ${date || "undated"}`});
      m.on("click", () => onSelect(id));
      markers.set(id, m);
      list.push(m);
    }
    document.body.dataset.mapDone = list.length ? "0" : "1";
    cluster.addLayers(list);
    document.body.dataset.markers = String(list.length);
    const note = document.getElementById("map-note");
    note.textContent = data.truncated
      ? `Map shows the ${num(data.returned)} most recent of ${num(data.total)} matching events; filter or brush the timeline to see the rest.`
      : "";
    if (fit && list.length) {
      const bounds = L.latLngBounds(list.map((m) => m.getLatLng()));
      map.fitBounds(bounds.pad(0.25), {maxZoom: 6, animate: false});
    }
    highlight(selectedId);
  }

  function highlight(id) {
    if (selectedId && markers.has(selectedId)) {
      const old = markers.get(selectedId);
      if (old._icon) old._icon.classList.remove("sel");
      old.setZIndexOffset(0);
    }
    selectedId = id;
    const m = id && markers.get(id);
    if (!m) return;
    m.setZIndexOffset(1000);
    const visible = cluster.getVisibleParent(m);
    if (visible === m && m._icon) m._icon.classList.add("sel");
  }

  function focusEvent(id) {
    const m = markers.get(id);
    if (!m) return;
    cluster.zoomToShowLayer(m, () => highlight(id));
  }

  return {init, show, bbox, highlight, focusEvent, get leaflet() { return map; }};
})();
