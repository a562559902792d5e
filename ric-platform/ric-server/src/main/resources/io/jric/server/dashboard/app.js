// jRIC dashboard: plain JavaScript, no libraries. Reads /ric/v1/dashboard/snapshot once, then the
// server-sent event stream /ric/v1/dashboard/events with fetch() (so the admin token travels in the
// Authorization header, never in a URL). Everything from the server is written with textContent or
// as SVG attributes: node and cell ids come from E2 nodes and are not trusted.
'use strict';

(function () {
  const SNAPSHOT = '/ric/v1/dashboard/snapshot';
  const EVENTS = '/ric/v1/dashboard/events';
  const HISTORY_URL = '/ric/v1/dashboard/history';
  const HISTORY = 120;           // points per cell in the charts
  const MAX_BUFFER = 4 << 20;    // bytes of stream text without an event boundary before giving up
  const SVG = 'http://www.w3.org/2000/svg';
  const $ = (id) => document.getElementById(id);

  let token = sessionStorage.getItem('jric.dashboard.token') || '';
  const series = new Map();      // cell key -> {prb: [], thr: [], ues: []}
  let aborter = null;
  let retryMs = 1000;
  let samples = 0;               // samples plotted since the page loaded (grows while data flows)

  // A token in the URL fragment (#token=...) is taken once and removed from the address bar;
  // fragments are never sent to the server.
  if (location.hash.startsWith('#token=')) {
    token = decodeURIComponent(location.hash.substring(7));
    sessionStorage.setItem('jric.dashboard.token', token);
    window.history.replaceState(null, '', location.pathname);
  }

  function headers() {
    return token ? { 'Authorization': 'Bearer ' + token } : {};
  }

  function status(text, cls) {
    const s = $('status');
    s.textContent = text;
    s.className = 'status ' + (cls || '');
  }

  function askForToken(why) {
    if (aborter) aborter.abort();
    $('main').hidden = true;
    $('login').hidden = false;
    $('login-why').textContent = why;
    status('token needed', 'error');
    $('token').focus();
  }

  $('login').addEventListener('submit', (ev) => {
    ev.preventDefault();
    token = $('token').value.trim();
    $('token').value = '';
    sessionStorage.setItem('jric.dashboard.token', token);
    start();
  });

  async function start() {
    let res;
    try {
      res = await fetch(SNAPSHOT, { headers: headers(), cache: 'no-store' });
    } catch (e) {
      status('RIC unreachable, retrying', 'error');
      setTimeout(start, 2000);
      return;
    }
    if (res.status === 401 || res.status === 403) {
      askForToken(res.status === 401
        ? 'The dashboard\'s data is behind the admin API\'s bearer token (admin.tokens): enter it.'
        : 'The RIC did not accept that token (403): enter an admin token.');
      return;
    }
    if (!res.ok) {
      status('snapshot: HTTP ' + res.status + ', retrying', 'error');
      setTimeout(start, 2000);
      return;
    }
    $('login').hidden = true;
    $('main').hidden = false;
    const first = await res.json();
    await seed();
    render(first);
    stream();
  }

  async function stream() {
    if (aborter) aborter.abort();
    aborter = new AbortController();
    let res;
    try {
      res = await fetch(EVENTS, { headers: headers(), cache: 'no-store', signal: aborter.signal });
    } catch (e) {
      return reconnect('stream failed');
    }
    if (res.status === 401 || res.status === 403) return askForToken('The token is no longer accepted: enter an admin token.');
    if (!res.ok || !res.body) return reconnect('stream: HTTP ' + res.status);
    status('live', 'live');
    retryMs = 1000;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          const block = buf.substring(0, cut);
          buf = buf.substring(cut + 2);
          onEvent(block);
        }
        if (buf.length > MAX_BUFFER) throw new Error('event too large');
      }
    } catch (e) {
      if (e.name === 'AbortError') return;
    }
    reconnect('stream ended');
  }

  // The charts start from the grid's recent samples; without them (an error) they start empty.
  async function seed() {
    try {
      const res = await fetch(HISTORY_URL, { headers: headers(), cache: 'no-store' });
      if (!res.ok) return;
      const h = await res.json();
      series.clear();
      for (const [node, cell, ts, prb, thr, ues] of h.rows) {
        const k = node + '|' + cell;
        let s = series.get(k);
        if (!s) { s = { cell: cell, prb: [], thr: [], ues: [], ts: -1 }; series.set(k, s); }
        if (ts <= s.ts) continue;
        s.ts = ts;
        s.prb.push(prb); s.thr.push(thr); s.ues.push(ues);
        samples++;
        if (s.prb.length > HISTORY) { s.prb.shift(); s.thr.shift(); s.ues.shift(); }
      }
    } catch (e) {
      // charts start empty
    }
  }

  function reconnect(why) {
    status(why + ', reconnecting', 'error');
    setTimeout(stream, retryMs);
    retryMs = Math.min(retryMs * 2, 15000);
  }

  function onEvent(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) type = line.substring(6).trim();
      else if (line.startsWith('data:')) data.push(line.substring(5).replace(/^ /, ''));
    }
    if (type !== 'snapshot' || data.length === 0) return;
    try {
      render(JSON.parse(data.join('\n')));
    } catch (e) {
      status('bad snapshot: ' + e.message, 'error');
    }
  }

  // ---- rendering ------------------------------------------------------------------------------

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function row(cells, attrs) {
    const tr = document.createElement('tr');
    for (const c of cells) {
      if (c instanceof Node) { const td = el('td'); td.appendChild(c); tr.appendChild(td); }
      else if (typeof c === 'number') tr.appendChild(el('td', c, 'num'));
      else tr.appendChild(el('td', c));
    }
    if (attrs) for (const k in attrs) tr.setAttribute(k, attrs[k]);
    return tr;
  }

  function fill(tableId, rows) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren(...rows);
  }

  function time(ms) {
    return ms ? new Date(ms).toLocaleTimeString() : '-';
  }

  function render(s) {
    $('seq').textContent = s.seq;
    $('updated').textContent = time(s.timeMs);
    const connected = s.nodes.filter((n) => n.connected).length;
    $('sum-nodes').textContent = connected + ' / ' + s.nodesKnown;
    $('sum-cells').textContent = s.cellsKnown;
    $('sum-ind').textContent = s.e2.indications;
    $('sum-rec').textContent = s.e2.records;
    const c = s.controls;
    $('sum-ctl').textContent = c.ack + ' / ' + c.failed + ' / ' + c.timeout + ' / ' + (c.refused + c.routerRefused);
    $('sum-conf').textContent = c.conflicts;
    $('sum-grid').textContent = s.gridServers;

    fill('nodes', s.nodes.map((n) => row([n.id, n.connected ? 'yes' : 'no', n.cells.length, n.transport],
      { 'data-node': n.id })));
    fill('cells', s.cells.map((x) => row([x.node, x.cell, x.prb, x.thr, x.ues, x.tx, x.sleeping ? 'sleeping' : 'on'],
      { 'data-cell': x.cell })));
    drawMap(s.cells);
    record(s.cells);
    drawChart('chart-prb', 'prb', 100);
    drawChart('chart-thr', 'thr', null);
    drawChart('chart-ues', 'ues', null);

    const xrows = [];
    for (const x of s.xapps) {
      const pol = x.policies.length ? x.policies.join(', ') : (x.policyTypes.length ? 'types ' + x.policyTypes.join(', ') + ': none' : '-');
      if (x.instances.length === 0) xrows.push(row([x.name, x.version, '-', 'no instance', '', '', '', '', '', pol], { 'data-xapp': x.name }));
      for (const i of x.instances) {
        xrows.push(row([x.name, i.version, i.id, i.state, i.queued, i.reports, i.drops, i.errors, i.model || '', pol],
          { 'data-xapp': x.name }));
      }
    }
    fill('xapps', xrows);

    fill('controls', s.controlLog.map((e) => row([time(e.timeMs), e.origin, e.node, e.action,
      el('span', e.status, e.status === 'ACK' ? 'ok' : 'bad'), e.detail || '', (e.rttUs / 1000).toFixed(2) + ' ms'])));

    const alarms = [];
    for (const x of s.xapps) if (x.alarms) for (const t in x.alarms) alarms.push(x.name + ': ' + x.alarms[t] + ' x ' + t);
    $('alarms').textContent = alarms.length ? 'alarms: ' + alarms.join(', ') : 'no alarms';
    fill('findings', s.findings.map((f) => row([time(f.timeMs), f.cell, f.type, f.kpi, f.score, f.alarm ? 'ALARM' : ''])));

    fill('policies', s.policies.map((p) => row([p.type, p.id, el('span', p.status, p.status === 'ENFORCED' ? 'ok' : 'bad'),
      p.reason || '', time(p.updatedMs)])));

    fill('model-audit', (s.modelAudit || []).map((a) => row([time(a.timeMs), a.model, a.version,
      el('span', a.event, /rolled-back|refused|rejected|aborted/.test(a.event) ? 'bad' : 'ok'), a.reason])));
  }

  function loadColour(prb, sleeping) {
    if (sleeping) return '#9aa0a8';
    const t = Math.max(0, Math.min(1, prb / 100));
    const r = Math.round(46 + t * (179 - 46));
    const g = Math.round(133 - t * (133 - 38));
    return 'rgb(' + r + ',' + g + ',60)';
  }

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function drawMap(cells) {
    const map = $('map');
    const placed = cells.filter((c) => c.x !== undefined);
    if (placed.length === 0) {
      map.replaceChildren(svg('text', { x: 20, y: 200, class: 'tick' }, 'no cell positions known: see the table'));
      map.setAttribute('data-cells', '0');
      return;
    }
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (const c of placed) { minX = Math.min(minX, c.x); maxX = Math.max(maxX, c.x); minY = Math.min(minY, c.y); maxY = Math.max(maxY, c.y); }
    const span = Math.max(maxX - minX, maxY - minY, 1);
    const scale = 300 / span;
    const px = (x) => 50 + (x - minX) * scale + (300 - (maxX - minX) * scale) / 2;
    const py = (y) => 350 - (y - minY) * scale - (300 - (maxY - minY) * scale) / 2;   // north up
    const radius = Math.max(14, Math.min(45, span * scale / 8 || 45));
    const out = [];
    const sites = new Map();
    for (const c of placed) {
      const cx = px(c.x), cy = py(c.y);
      const a = (c.az - 60) * Math.PI / 180, b = (c.az + 60) * Math.PI / 180;   // azimuth: clockwise from north
      const p1 = [cx + radius * Math.sin(a), cy - radius * Math.cos(a)];
      const p2 = [cx + radius * Math.sin(b), cy - radius * Math.cos(b)];
      const wedge = svg('path', {
        d: 'M' + cx + ' ' + cy + ' L' + p1[0].toFixed(1) + ' ' + p1[1].toFixed(1) + ' A' + radius + ' ' + radius + ' 0 0 1 '
          + p2[0].toFixed(1) + ' ' + p2[1].toFixed(1) + ' Z',
        fill: loadColour(c.prb, c.sleeping), stroke: '#fff', 'stroke-width': 1, 'data-cell': c.cell,
      });
      wedge.appendChild(svg('title', {}, c.cell + ' (' + c.node + '): PRB ' + c.prb + ' %, ' + c.thr + ' Mbps, ' + c.ues + ' UEs'));
      out.push(wedge);
      sites.set(cx.toFixed(0) + ',' + cy.toFixed(0), [cx, cy, c.node]);
    }
    for (const [, [cx, cy, node]] of sites) {
      out.push(svg('circle', { cx: cx, cy: cy, r: 3, fill: '#1d2330' }));
      out.push(svg('text', { x: cx, y: cy + radius + 10, 'text-anchor': 'middle', class: 'tick' }, node.length > 24 ? '…' + node.substring(node.length - 23) : node));
    }
    map.replaceChildren(...out);
    map.setAttribute('data-cells', String(placed.length));
  }

  function record(cells) {
    const seen = new Set();
    for (const c of cells) {
      const k = c.node + '|' + c.cell;
      seen.add(k);
      let h = series.get(k);
      if (!h) { h = { cell: c.cell, prb: [], thr: [], ues: [], ts: -1 }; series.set(k, h); }
      if (c.ts === h.ts) continue;            // no new report since the last snapshot
      h.ts = c.ts;
      h.prb.push(c.prb); h.thr.push(c.thr); h.ues.push(c.ues);
      samples++;
      if (h.prb.length > HISTORY) { h.prb.shift(); h.thr.shift(); h.ues.shift(); }
    }
    for (const k of [...series.keys()]) if (!seen.has(k)) series.delete(k);
  }

  const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

  function drawChart(id, field, fixedMax) {
    const chart = $(id);
    let max = fixedMax || 1;
    let points = 0;
    if (!fixedMax) for (const h of series.values()) for (const v of h[field]) max = Math.max(max, v);
    const x0 = 30, x1 = 315, y0 = 150, y1 = 8;
    const out = [
      svg('line', { x1: x0, y1: y0, x2: x1, y2: y0, class: 'axis' }),
      svg('line', { x1: x0, y1: y0, x2: x0, y2: y1, class: 'axis' }),
      svg('text', { x: 2, y: y1 + 8, class: 'tick' }, String(Math.round(max))),
      svg('text', { x: 2, y: y0, class: 'tick' }, '0'),
    ];
    let i = 0;
    for (const h of series.values()) {
      const vals = h[field];
      points += vals.length;
      const pts = vals.map((v, j) => (x1 - (vals.length - 1 - j) * (x1 - x0) / (HISTORY - 1)).toFixed(1) + ','
        + (y0 - (v / max) * (y0 - y1)).toFixed(1)).join(' ');
      const line = svg('polyline', { points: pts, fill: 'none', stroke: PALETTE[i++ % PALETTE.length], 'stroke-width': 1.2 });
      line.appendChild(svg('title', {}, h.cell));
      out.push(line);
    }
    chart.replaceChildren(...out);
    chart.setAttribute('data-points', String(points));
    chart.setAttribute('data-samples', String(samples));
  }

  start();
})();
