// streams-suite live dashboard: renders the parts pushed by /api/events (Server-Sent Events).
// Every chart also writes what it shows into its canvas' data-labels / data-values attributes, so the
// numbers are in the DOM (tests and screen readers can read them; a canvas alone hides them).
'use strict';

const COLORS = ['#58a6ff', '#3fb950', '#f0883e', '#bc8cff', '#ff7b72', '#e3b341', '#39c5cf'];
const SERVICE_COLORS = { 'purchase-aggregator': '#58a6ff', 'order-enricher': '#3fb950', 'fraud-detector': '#f0883e' };
const charts = {};
const hasCharts = typeof window.Chart === 'function';

function $(id) { return document.getElementById(id); }
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c === null || c === undefined ? '' : c);
  return e;
}
function num(v, digits = 0) {
  if (v === null || v === undefined || Number.isNaN(Number(v))) return '–';
  return Number(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
function money(v) { return num(v, 2); }
function seconds(v) {
  if (v === null || v === undefined) return '–';
  if (v < 1) return num(v * 1000, 0) + ' ms';
  if (v < 120) return num(v, 1) + ' s';
  return num(v / 60, 1) + ' min';
}
function hhmm(iso) { return iso ? new Date(iso).toISOString().substring(11, 16) : ''; }
function hhmmss(iso) { return iso ? new Date(iso).toISOString().substring(11, 19) : ''; }

function chart(id, config) {
  const canvas = $(id);
  if (!hasCharts) return null;
  if (!charts[id]) {
    const axis = () => ({ ticks: { color: '#8b9bab', maxRotation: 0, autoSkip: true, maxTicksLimit: 8 }, grid: { color: '#253342' } });
    const scales = config.type === 'doughnut' ? {} : { x: axis(), y: Object.assign(axis(), { beginAtZero: true }) };
    const own = (config.options || {}).scales || {};
    for (const [k, v] of Object.entries(own)) scales[k] = Object.assign(scales[k] || axis(), v);
    config.options = Object.assign({
      animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { legend: { labels: { color: '#8b9bab', boxWidth: 12 } } }
    }, config.options || {}, { scales });
    charts[id] = new Chart(canvas, config);
    canvas.setAttribute('data-chart', 'ready');
  }
  return charts[id];
}

/** Sets a chart's labels and datasets and mirrors them into the canvas' data attributes. */
function show(id, type, labels, datasets, options) {
  const canvas = $(id);
  canvas.setAttribute('data-labels', JSON.stringify(labels));
  canvas.setAttribute('data-values', JSON.stringify(datasets.map(d => ({ label: d.label, data: d.data }))));
  const c = chart(id, { type, data: { labels: [], datasets: [] }, options });
  if (!c) return;
  c.data.labels = labels;
  c.data.datasets = datasets;
  c.update('none');
}

// ---- purchases ---------------------------------------------------------------------------------------
function renderPurchases(p) {
  const windows = p.windows || [];
  show('chart-windows', 'bar', windows.map(w => hhmm(w.windowStart)),
    [{ label: 'total amount', data: windows.map(w => Number(w.totalAmount)), backgroundColor: '#58a6ff', order: 2 },
     { label: 'purchases', type: 'line', data: windows.map(w => w.count), borderColor: '#3fb950', backgroundColor: '#3fb950',
       yAxisID: 'y1', order: 1, pointRadius: 3 }],
    { scales: { y1: { position: 'right', beginAtZero: true, grid: { display: false } } } });
  const tbody = $('top-users').tBodies[0];
  const cur = p.current;
  $('current-window').textContent = cur ? `window ${hhmm(cur.windowStart)}–${hhmm(cur.windowEnd)} UTC · ${cur.users} users · ${money(cur.totalAmount)}` : '';
  if (!cur || !cur.top || cur.top.length === 0) {
    tbody.replaceChildren(el('tr', { class: 'empty' }, el('td', { colSpan: 4 }, 'no purchases yet')));
    return;
  }
  tbody.replaceChildren(...cur.top.map(u => el('tr', { 'data-user': u.userId },
    el('td', {}, u.userId), el('td', { class: 'num' }, num(u.count)),
    el('td', { class: 'num total' }, money(u.totalAmount)), el('td', { class: 'num' }, money(u.maxAmount)))));
}

// ---- orders ------------------------------------------------------------------------------------------
function renderOrders(o) {
  $('orders-enriched').textContent = num(o.enriched);
  $('orders-unmatched').textContent = num(o.unmatched);
  $('bucket-seconds').textContent = o.bucketSeconds;
  const reasons = Object.entries(o.unmatchedByReason || {}).map(([r, n]) => `${r} ${num(n)}`).join(', ');
  $('unmatched-reasons').textContent = reasons ? `(${reasons})` : '';
  show('chart-orders-split', 'doughnut', ['enriched', 'unmatched'],
    [{ label: 'orders', data: [o.enriched, o.unmatched], backgroundColor: ['#3fb950', '#f85149'], borderWidth: 0 }]);
  const series = o.series || [];
  show('chart-orders-rate', 'bar', series.map(s => hhmmss(s.t)),
    [{ label: 'enriched', data: series.map(s => s.enriched), backgroundColor: '#3fb950', stack: 'o' },
     { label: 'unmatched', data: series.map(s => s.unmatched), backgroundColor: '#f85149', stack: 'o' }],
    { scales: { x: { stacked: true }, y: { stacked: true } } });
  const tbody = $('recent-orders').tBodies[0];
  const recent = o.recent || [];
  if (recent.length === 0) {
    tbody.replaceChildren(el('tr', { class: 'empty' }, el('td', { colSpan: 4 }, 'no orders yet')));
    return;
  }
  tbody.replaceChildren(...recent.map(r => el('tr', { 'data-order': r.orderId },
    el('td', {}, r.orderId), el('td', {}, r.customerName ? `${r.customerName} (${r.tier || ''})` : r.customerId),
    el('td', { class: 'num' }, `${money(r.amount)} ${r.currency || ''}`),
    el('td', {}, el('span', { class: 'badge ' + (r.status === 'ENRICHED' ? 'badge-ok' : 'badge-bad') },
      r.status === 'ENRICHED' ? 'enriched' : (r.reason || 'unmatched'))))));
}

// ---- alerts ------------------------------------------------------------------------------------------
const seenAlerts = new Set();
let alertsRendered = false;
function renderAlerts(a) {
  $('alerts-total').textContent = num(a.total);
  const rules = Object.keys(a.byRule || {});
  show('chart-rules', 'bar', rules, [{ label: 'alerts', data: rules.map(r => a.byRule[r]), backgroundColor: rules.map((r, i) => COLORS[i % COLORS.length]) }],
    { indexAxis: 'y', plugins: { legend: { display: false } } });
  const list = $('alert-list');
  const recent = a.recent || [];
  if (recent.length === 0) {
    list.replaceChildren(el('li', { class: 'empty' }, 'no alerts yet'));
    return;
  }
  list.replaceChildren(...recent.map(x => {
    const li = el('li', { 'data-alert-id': x.alertId, class: !alertsRendered || seenAlerts.has(x.alertId) ? '' : 'fresh' },
      el('span', { class: 'time muted' }, x.timestamp ? x.timestamp.replace('T', ' ').substring(0, 19) : ''),
      el('span', { class: 'rule' }, x.rule),
      el('span', { class: 'what' }, `${x.userId} · ${x.transactionId} · amount ${money(x.amount)} · balance ${money(x.balance)}`),
      el('span', { class: 'msg muted' }, x.message || ''));
    return li;
  }));
  recent.forEach(x => seenAlerts.add(x.alertId));
  alertsRendered = true;
}

// ---- operations --------------------------------------------------------------------------------------
function renderOperations(ops) {
  const cards = (ops.services || []).map(s => {
    const badge = s.ready ? ['badge-ok', 'ready'] : s.readiness === 'UNREACHABLE' ? ['badge-bad', 'unreachable'] : ['badge-warn', (s.readiness || 'not ready').toLowerCase().replace(/_/g, ' ')];
    const rows = [
      ['in / s', num(s.inPerSecond, 1)], ['out / s', num(s.outPerSecond, 1)],
      ['e2e p50 / p95', s.e2eP95Seconds === null || s.e2eP95Seconds === undefined ? '–' : `${seconds(s.e2eP50Seconds)} / ${seconds(s.e2eP95Seconds)}`],
      ['consumer lag', num(s.consumerLag)], ['watermark lag', seconds(s.watermarkLagSeconds)],
      ['dead letters', num(s.dlq)], ['late', num(s.late)], ['restoring', num(s.restoreRemaining)]];
    const dl = el('dl');
    for (const [k, v] of rows) dl.append(el('dt', {}, k), el('dd', { 'data-metric': k }, v));
    return el('div', { class: 'card', 'data-service': s.name, 'data-ready': String(!!s.ready) },
      el('h3', {}, s.name, el('span', { class: 'badge ' + badge[0] }, badge[1])),
      el('div', { class: 'muted' }, s.error || s.url), dl);
  });
  $('service-cards').replaceChildren(...cards);
  const history = ops.history || [];
  const labels = history.map(h => hhmmss(h.t));
  const names = (ops.services || []).map(s => s.name);
  const series = (field) => names.map(n => ({
    label: n, data: history.map(h => (h.services[n] || {})[field] ?? null), borderColor: SERVICE_COLORS[n] || '#8b9bab',
    backgroundColor: SERVICE_COLORS[n] || '#8b9bab', pointRadius: 0, borderWidth: 2, spanGaps: true }));
  show('chart-throughput', 'line', labels, series('inPerSecond'));
  show('chart-latency', 'line', labels, series('e2eP95Seconds'), { scales: { y: { type: 'logarithmic', beginAtZero: false } } });
  show('chart-lag', 'line', labels, series('consumerLag'));
}

const renderers = { purchases: renderPurchases, orders: renderOrders, alerts: renderAlerts, operations: renderOperations };
function apply(part, data) {
  try {
    renderers[part](data);
    $('updated').textContent = new Date().toLocaleTimeString();
    document.body.setAttribute('data-' + part, 'rendered');
  } catch (e) {
    console.error('rendering ' + part + ' failed', e);
  }
}

function connect() {
  const conn = $('connection');
  const source = new EventSource('/api/events');
  source.onopen = () => { conn.textContent = 'live'; conn.className = 'badge badge-ok'; conn.dataset.state = 'live'; };
  source.onerror = () => { conn.textContent = 'reconnecting…'; conn.className = 'badge badge-warn'; conn.dataset.state = 'reconnecting'; };
  for (const part of Object.keys(renderers)) {
    source.addEventListener(part, ev => apply(part, JSON.parse(ev.data)));
  }
}

if (!hasCharts) $('chart-error').hidden = false;
// the state at once (one request), then live updates
fetch('/api/state').then(r => r.json()).then(state => {
  for (const part of Object.keys(renderers)) if (state[part]) apply(part, state[part]);
}).catch(e => console.error('initial state failed', e)).finally(connect);
