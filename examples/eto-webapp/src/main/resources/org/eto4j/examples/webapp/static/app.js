/*
 * eto4j example web app: the page's behaviour. Every text comes from eto-i18n's exported bundle
 * (GET /api/v1/i18n/{locale}); user data is only ever written with textContent, never as HTML.
 *
 * A calculation is followed with eto-events.js (protocol v1): over the WebSocket, else Server-Sent Events, else
 * by polling the status URL, resuming from the last sequence number after a drop. `?transport=websocket`,
 * `?transport=sse` or `?transport=poll` in the page's address forces one of them.
 *
 * Licensed under the Apache License 2.0.
 */
(function () {
  'use strict';

  var STAGES = ['validate', 'quality_control', 'compute', 'summarize'];
  // "By location": the server downloads the weather first (eto-sources' task).
  var LOCATION_STAGES = ['download', 'quality_control', 'compute', 'summarize'];
  function stages() { return model.location ? LOCATION_STAGES : STAGES; }
  var LANG_KEY = 'eto4j.lang';
  var TABLE_ROWS = 1000;
  var SAMPLES = {
    'balsas-ma-2016-2020': { url: '/samples/balsas-ma-2016-2020.csv', latitude: '-7.5312', longitude: '-46.0390',
      elevation: '256', windHeight: '2', name: 'Balsas (MA)' }
  };

  var bundles = {};
  var i18n = null;
  var lang = 'en';

  // The page's model; the view is rebuilt from it on every change and on every language switch.
  var model = {
    phase: 'idle',        // idle | submitting | running | done | failed | cancelled
    task: null,           // {taskId, token, websocketUrl, eventsUrl, statusUrl, resultUrl}
    state: null,          // task state wire name
    progress: null,       // {done, total, fraction, stage, args, etaMs}
    notice: null,         // {key, kind}
    error: null,          // {code, messageKey, args, field, row} or {key}
    result: null,         // the result JSON
    cancelRequested: false,
    location: false       // true for a "by location" calculation (its first stage is the download)
  };

  var follow = null;       // the eto-events.js handle of the calculation followed, so it can be stopped

  function $(id) { return document.getElementById(id); }
  function t() { return i18n ? i18n.t.apply(i18n, arguments) : String(arguments[0]); }
  function setText(el, text) { el.textContent = text; }

  // ---- language ----

  function initialLanguage() {
    var saved = null;
    try { saved = window.localStorage.getItem(LANG_KEY); } catch (e) { /* storage may be disabled */ }
    if (saved === 'en' || saved === 'pt-BR') return saved;
    return /^pt\b/i.test(navigator.language || '') ? 'pt-BR' : 'en';
  }

  function loadBundle(locale) {
    if (bundles[locale]) return Promise.resolve(bundles[locale]);
    return fetch('/api/v1/i18n/' + encodeURIComponent(locale), { headers: { 'Accept': 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error('bundle ' + r.status); return r.json(); })
      .then(function (b) { bundles[locale] = EtoI18n.create(b); return bundles[locale]; });
  }

  function switchLanguage(locale) {
    return loadBundle(locale).then(function (bundle) {
      i18n = bundle;
      lang = locale;
      try { window.localStorage.setItem(LANG_KEY, locale); } catch (e) { /* ignore */ }
      document.documentElement.lang = locale;
      $('lang').value = locale;
      document.body.setAttribute('data-lang', locale);
      render();
    });
  }

  function translateStatic() {
    document.title = t('ui.title');
    var nodes = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) setText(nodes[i], t(nodes[i].getAttribute('data-i18n')));
    var ph = document.querySelectorAll('[data-i18n-placeholder]');
    for (var j = 0; j < ph.length; j++) ph[j].setAttribute('placeholder', t(ph[j].getAttribute('data-i18n-placeholder')));
    setText($('sample-credit'), t('ui.input.sample.credit', t('webapp.input.sample.credit')));
    setText($('footer-credit'), t('ui.input.sample.credit', t('webapp.input.sample.credit')));
  }

  // ---- rendering ----

  function render() {
    if (!i18n) return;
    translateStatic();
    var busy = model.phase === 'submitting' || model.phase === 'running';
    setText($('calculate'), t(busy ? 'ui.action.calculating' : 'ui.action.calculate'));
    $('calculate').disabled = busy;
    var controls = $('calc-form').querySelectorAll('input, select, textarea');
    for (var i = 0; i < controls.length; i++) controls[i].disabled = busy;
    $('cancel').hidden = !busy;
    $('cancel').disabled = !model.task || model.cancelRequested;
    setText($('cancel'), t(model.cancelRequested ? 'ui.action.cancelling' : 'ui.action.cancel'));
    $('retry').disabled = busy;
    renderFileInfo();
    renderProgress();
    renderError();
    renderResults();
    document.body.setAttribute('data-phase', model.phase);
  }

  function renderFileInfo() {
    var f = $('file').files && $('file').files[0];
    setText($('file-info'), f ? t('ui.input.file_selected', f.name, fileRows) : t('webapp.input.no_file'));
  }

  function renderProgress() {
    var card = $('progress-card');
    card.hidden = model.state === null;
    if (card.hidden) return;
    var state = model.state;
    var badge = $('state-badge');
    badge.className = 'badge ' + state;
    setText(badge, t('task.state.' + state));
    var p = model.progress || { done: 0, total: -1, stage: 'pending', args: [], etaMs: -1 };
    var overall = overallFraction(state, p);
    var percent = Math.floor(overall * 100);
    $('bar-fill').style.width = percent + '%';
    $('bar').setAttribute('aria-valuenow', String(percent));
    $('bar').setAttribute('aria-label', t('ui.progress.aria'));
    setText($('percent'), t('ui.progress.percent', percent));
    var stageKey = 'task.stage.' + p.stage;
    $('stage').setAttribute('data-stage', state === 'succeeded' ? 'done' : p.stage);
    setText($('stage'), state === 'succeeded' ? t('webapp.progress.done')
        : (i18n.has(stageKey) ? t(stageKey) : t('task.state.' + state)));
    setText($('records'), typeof p.total === 'number' && p.total >= 0 ? t('task.progress.records', p.done, p.total)
        : t('task.progress.records_unknown_total', p.done));
    setText($('eta'), etaText(state, p));
    var notice = $('notice');
    notice.hidden = !model.notice;
    if (model.notice) {
      setText(notice, t(model.notice.key));
      notice.className = 'notice' + (model.notice.kind === 'ok' ? ' ok' : '');
      notice.setAttribute('data-key', model.notice.key);
    }
  }

  // The four stages each go over every record; the bar shows them one after another.
  function overallFraction(state, p) {
    if (state === 'succeeded') return 1;
    var i = stages().indexOf(p.stage);
    if (i < 0) return 0;
    var f = typeof p.fraction === 'number' ? p.fraction : 0;
    return Math.min(1, (i + f) / stages().length);
  }

  // The engine's ETA is for the current stage; the stages left take about as long per record.
  function etaText(state, p) {
    if (state === 'succeeded' || state === 'failed' || state === 'cancelled') return '\u2014';
    var i = stages().indexOf(p.stage);
    if (i < 0 || typeof p.etaMs !== 'number' || p.etaMs < 0 || typeof p.total !== 'number' || p.total <= 0) {
      return t('duration.remaining.unknown');
    }
    var left = p.total - p.done;
    var perRecord = left > 0 ? p.etaMs / left : 0;
    var ms = p.etaMs + (stages().length - 1 - i) * p.total * perRecord;
    if (ms < 5000) return t('duration.remaining.finishing');
    if (ms < 60000) return t('duration.remaining.under_minute');
    var minutes = Math.ceil(ms / 60000);
    if (minutes < 60) return t('duration.remaining.minutes', minutes);
    return t('duration.remaining.hours', Math.floor(minutes / 60), minutes % 60);
  }

  function renderError() {
    var box = $('error');
    box.hidden = !model.error;
    if (!model.error) return;
    var e = model.error;
    var input = e.code && /^(ETO-|WEB-400)/.test(e.code);
    setText($('error-title'), t(input ? 'ui.error.input_title' : 'ui.error.title'));
    setText($('error-message'), describe(e));
    setText($('error-code'), e.code ? t('ui.error.code', e.code) : '');
    box.setAttribute('data-code', e.code || '');
  }

  // As Messages.describe in Java: "Row 13, column tmax: …" (row counted from 1, as the API reports it).
  function describe(e) {
    if (e.key) return t(e.key);
    var args = (e.args || []).slice();
    // A request parameter is named by its label in the message ("Elevation must be a number."), as the server does.
    if (e.fieldInMessage === false && e.field && args[0] === e.field && i18n.has('field.' + e.field)) {
      args[0] = t('field.' + e.field);
    }
    var message = e.messageKey && i18n.has(e.messageKey) ? t.apply(null, [e.messageKey].concat(args))
        : (e.message || t('ui.error.unexpected'));
    var field = e.fieldInMessage === false ? null : e.field;
    if (e.row) return field ? t('problem.row_field', String(e.row), field, message) : t('problem.row', String(e.row), message);
    return field ? t('problem.field', field, message) : message;
  }

  function renderResults() {
    var section = $('results');
    section.hidden = !model.result;
    if (!model.result) return;
    var r = model.result;
    var s = r.summary;
    setText($('results-name'), r.name || '');
    setText($('results-method'), t('ui.results.method', t('method.' + r.method)));
    var monthly = r.step === 'monthly';
    setText($('sum-days-label'), t(monthly ? 'webapp.results.summary.months' : 'ui.results.summary.days'));
    setText($('sum-days'), monthly ? t('webapp.results.summary.month_count', s.periods)
        : t('ui.results.summary.day_count', s.days));
    setText($('sum-total'), t('webapp.results.summary.unit', i18n.number(s.total, 1)));
    setText($('sum-mean'), t('webapp.results.summary.unit_per_day', i18n.number(s.mean, 2)));
    setText($('sum-max'), t('webapp.results.summary.unit_per_day', i18n.number(s.max, 2)));
    setText($('sum-min'), t('webapp.results.summary.unit_per_day', i18n.number(s.min, 2)));
    setText($('sum-period'), t('ui.results.summary.period', periodText(s.from), periodText(s.to)));
    // The weather source's licence asks for its attribution next to the results (the text is the source's own).
    $('results-attribution').hidden = !r.attribution;
    setText($('results-attribution'), r.attribution ? t('webapp.results.attribution', r.attribution) : '');
    setText($('th-date'), t(monthly ? 'ui.results.table.month' : 'ui.results.table.date'));
    setText($('th-eto'), t('ui.results.table.eto', t('unit.mm_per_day')));
    setText($('th-flags'), t('ui.results.table.flags'));
    $('th-eto').className = 'num';
    renderTable(r);
    renderChart(r);
    var truncated = $('truncated');
    truncated.hidden = r.rows.length <= TABLE_ROWS;
    if (!truncated.hidden) setText(truncated, t('ui.results.table.truncated', TABLE_ROWS, r.rows.length));
  }

  // A day (yyyy-MM-dd) or a month (yyyy-MM) in the locale's pattern.
  function periodText(iso) {
    var m = /^(\d{4})-(\d{2})$/.exec(iso);
    if (!m) return i18n.date(iso);
    var pattern = (i18n.formats && i18n.formats.monthPattern) || 'uuuu-MM';
    return pattern.replace('uuuu', m[1]).replace('yyyy', m[1]).replace('MM', m[2]);
  }

  function periodOf(row) { return row.date || row.month; }

  function renderTable(r) {
    var body = $('tbody');
    var rows = Math.min(r.rows.length, TABLE_ROWS);
    var fragment = document.createDocumentFragment();
    for (var i = 0; i < rows; i++) {
      var row = r.rows[i];
      var tr = document.createElement('tr');
      var date = document.createElement('td');
      setText(date, periodText(periodOf(row)));
      date.setAttribute('data-iso', periodOf(row));
      var eto = document.createElement('td');
      eto.className = 'num';
      setText(eto, i18n.number(row.eto, 2));
      var flags = document.createElement('td');
      // A fused estimate's flags are eto-fusion's (flag.fusion.*); every other result's are eto-core's.
      var flagKey = r.source === 'fused' ? 'flag.fusion.' : 'flag.short.';
      setText(flags, row.flags.length ? row.flags.map(function (f) { return t(flagKey + f); }).join(', ')
          : t('ui.results.table.no_flags'));
      tr.appendChild(date); tr.appendChild(eto); tr.appendChild(flags);
      fragment.appendChild(tr);
    }
    body.textContent = '';
    body.appendChild(fragment);
  }

  // A small hand-written SVG line chart: ETo per day, y from 0, year ticks on x; for a fused estimate, its
  // 5-95 % interval as a filled band under the line, with a legend entry.
  function renderChart(r) {
    var NS = 'http://www.w3.org/2000/svg';
    var W = 900, H = 260, L = 48, R = 12, T = 12, B = 40;
    var values = r.rows.map(function (x) { return x.eto; });
    var banded = r.rows.length > 0 && r.rows.every(function (x) {
      return typeof x.etoP05 === 'number' && typeof x.etoP95 === 'number';
    });
    var highs = banded ? r.rows.map(function (x) { return x.etoP95; }) : [];
    var max = Math.max.apply(null, values.concat(highs, [1]));
    var step = max <= 5 ? 1 : 2;
    var top = Math.ceil(max / step) * step;
    var n = values.length;
    function x(i) { return L + (n <= 1 ? 0 : i * (W - L - R) / (n - 1)); }
    function y(v) { return T + (H - T - B) * (1 - v / top); }
    function el(name, attrs, text) {
      var e = document.createElementNS(NS, name);
      for (var k in attrs) e.setAttribute(k, attrs[k]);
      if (text !== undefined) e.textContent = text;
      return e;
    }
    var svg = el('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': t('webapp.results.chart.aria') });
    for (var v = 0; v <= top; v += step) {
      svg.appendChild(el('line', { 'class': 'grid', x1: L, x2: W - R, y1: y(v), y2: y(v) }));
      svg.appendChild(el('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, i18n.number(v, 0)));
    }
    var lastYear = null;
    for (var i = 0; i < n; i++) {
      var year = periodOf(r.rows[i]).slice(0, 4);
      if (year !== lastYear) {
        svg.appendChild(el('line', { 'class': 'axis', x1: x(i), x2: x(i), y1: H - B, y2: H - B + 5 }));
        svg.appendChild(el('text', { x: x(i) + 3, y: H - B + 16 }, n > 24 ? year : periodText(periodOf(r.rows[i]))));
        lastYear = year;
      }
    }
    if (banded) {
      // Upper edge left to right, then the lower edge back: one closed polygon, drawn before the line.
      var edge = [];
      for (var u = 0; u < n; u++) edge.push(x(u).toFixed(1) + ',' + y(r.rows[u].etoP95).toFixed(1));
      for (var w = n - 1; w >= 0; w--) edge.push(x(w).toFixed(1) + ',' + y(r.rows[w].etoP05).toFixed(1));
      if (n === 1) edge = [(L - 3) + ',' + y(r.rows[0].etoP95), (L + 3) + ',' + y(r.rows[0].etoP95),
        (L + 3) + ',' + y(r.rows[0].etoP05), (L - 3) + ',' + y(r.rows[0].etoP05)];
      svg.appendChild(el('polygon', { 'class': 'band', id: 'chart-band', points: edge.join(' ') }));
      var legend = el('g', { 'class': 'legend', id: 'chart-legend' });
      legend.appendChild(el('rect', { 'class': 'band', x: W - R - 150, y: T + 2, width: 14, height: 10 }));
      legend.appendChild(el('text', { x: W - R - 130, y: T + 11 }, t('webapp.results.chart.interval')));
      svg.appendChild(legend);
    }
    var points = [];
    for (var j = 0; j < n; j++) points.push(x(j).toFixed(1) + ',' + y(values[j]).toFixed(1));
    svg.appendChild(el('polyline', { 'class': 'line', points: points.join(' ') }));
    if (n <= 62) {
      for (var k = 0; k < n; k++) svg.appendChild(el('circle', { 'class': 'dot', cx: x(k), cy: y(values[k]), r: 2.5 }));
    }
    svg.appendChild(el('line', { 'class': 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
    svg.appendChild(el('line', { 'class': 'axis', x1: L, x2: L, y1: T, y2: H - B }));
    svg.appendChild(el('text', { x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle' }, t('ui.results.chart.x_axis')));
    svg.appendChild(el('text', { x: 12, y: (T + H - B) / 2, 'text-anchor': 'middle',
      transform: 'rotate(-90 12 ' + (T + H - B) / 2 + ')' }, t('ui.results.chart.y_axis', t('unit.mm_per_day'))));
    var box = $('chart');
    box.textContent = '';
    box.appendChild(svg);
  }

  // ---- input ----

  var fileRows = 0;

  function selectedSource() {
    var radios = document.getElementsByName('source');
    for (var i = 0; i < radios.length; i++) if (radios[i].checked) return radios[i].value;
    return 'upload';
  }

  function showPanels() {
    var source = selectedSource();
    $('panel-upload').hidden = source !== 'upload';
    $('panel-paste').hidden = source !== 'paste';
    $('panel-sample').hidden = source !== 'sample';
    $('panel-location').hidden = source !== 'location';
    $('columns-help').hidden = source === 'location';   // no file to describe
    if (source === 'sample') fillSampleStation();
  }

  function fillSampleStation() {
    var s = SAMPLES[$('sample').value];
    $('latitude').value = s.latitude;
    $('longitude').value = s.longitude;
    $('elevation').value = s.elevation;
    $('wind-height').value = s.windHeight;
    if (!$('name').value) $('name').value = s.name;
  }

  function csvText() {
    var source = selectedSource();
    if (source === 'paste') {
      var text = $('paste').value;
      return text.trim() ? Promise.resolve(text) : Promise.reject({ key: 'ui.error.no_data' });
    }
    if (source === 'sample') {
      return fetch(SAMPLES[$('sample').value].url).then(function (r) {
        if (!r.ok) throw { key: 'ui.error.network' };
        return r.text();
      }, function () { throw { key: 'ui.error.network' }; });
    }
    var f = $('file').files && $('file').files[0];
    if (!f) return Promise.reject({ key: 'ui.error.no_data' });
    return f.text().then(function (text) {
      // A binary file (a spreadsheet, an image) is not CSV: say so before sending it.
      if (/\u0000/.test(text.slice(0, 4096))) throw { key: 'ui.error.unsupported_type' };
      return text;
    }, function () { throw { key: 'ui.error.file_unreadable' }; });
  }

  function query() {
    var params = new URLSearchParams();
    params.set('lang', lang);
    var fields = { latitude: 'latitude', longitude: 'longitude', elevation: 'elevation', wind_height: 'wind-height',
      method: 'method', step: 'step', name: 'name' };
    for (var k in fields) {
      var v = $(fields[k]).value.trim();
      if (v) params.set(k, v);
    }
    return params.toString();
  }

  // ---- calculation ----

  function calculate() {
    if (model.phase === 'submitting' || model.phase === 'running') return;
    stopFollowing();
    model.phase = 'submitting';
    model.error = null;
    model.result = null;
    model.task = null;
    model.state = null;
    model.progress = null;
    model.notice = null;
    model.cancelRequested = false;
    model.location = selectedSource() === 'location';
    render();
    var q = query();
    (model.location ? locationRequest() : csvText().then(function (text) {
      return fetch('/api/v1/calculations?' + q, {
        method: 'POST', headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Accept': 'application/json' }, body: text
      }).catch(function () { throw { key: 'ui.error.network' }; });
    })).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.status !== 202) throw apiError(response.status, body);
        return body;
      });
    }).then(function (task) {
      model.task = task;
      model.phase = 'running';
      model.state = 'queued';
      render();
      startFollowing();
    }).catch(function (e) {
      fail(e && (e.key || e.code) ? e : { key: 'ui.error.unexpected' });
    });
  }

  // "By location": the point, the period and the source as JSON; the server checks every value.
  function locationRequest() {
    var body = { mode: 'location', latitude: $('latitude').value.trim(), longitude: $('longitude').value.trim(),
      start: $('location-start').value, end: $('location-end').value, source: $('location-source').value };
    var elevation = $('elevation').value.trim();
    if (elevation) body.elevation = elevation;
    return fetch('/api/v1/calculations?lang=' + encodeURIComponent(lang), {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body)
    }).catch(function () { throw { key: 'ui.error.network' }; });
  }

  function apiError(status, body) {
    if (body && body.error) return body.error;
    if (status === 413) return { key: 'ui.error.too_large' };
    if (status === 415) return { key: 'ui.error.unsupported_type' };
    if (status === 429) return { key: 'ui.error.rate_limited' };
    return { key: 'ui.error.unexpected' };
  }

  function fail(error) {
    stopFollowing();
    model.phase = 'failed';
    model.error = error;
    render();
  }

  function cancel() {
    if (!model.task || model.cancelRequested) return;
    model.cancelRequested = true;
    render();
    // Over the WebSocket when it is open, else through the REST API; the outcome arrives as frames.
    if (follow) follow.cancel().catch(function () { /* the client reports the outcome */ });
    else cancelOverRest(model.task);
  }

  function cancelOverRest(task) {
    return fetch(task.statusUrl + '?lang=' + lang, { method: 'DELETE', headers: auth() }).then(function (r) {
      return r.json().then(function (s) { if (model.task === task && s && s.state) applySnapshot(s); });
    }).catch(function () { /* the client reports the outcome */ });
  }

  function auth() { return { 'Authorization': 'Bearer ' + model.task.token, 'Accept': 'application/json' }; }

  // ---- events (one handler for socket frames and polled snapshots) ----

  var lastSeq = 0;
  var ended = false;

  function applySnapshot(s) {
    if (typeof s.seq === 'number' && s.seq < lastSeq) return; // an older poll answer arriving late
    // Missed transitions first (oldest first), then the snapshot's current state.
    if (Array.isArray(s.replay)) {
      s.replay.forEach(function (e) { if (e.type === 'state') model.state = e.to; });
    }
    lastSeq = Math.max(lastSeq, s.seq || 0);
    if (s.progress) model.progress = s.progress;
    if (s.state) model.state = s.state;
    if (s.state === 'succeeded' || s.state === 'failed' || s.state === 'cancelled') {
      finish(s.state, s);
    } else {
      render();
    }
  }

  function onFrame(f) {
    if (!f || typeof f !== 'object') return;
    if (typeof f.seq === 'number') lastSeq = Math.max(lastSeq, f.seq);
    switch (f.type) {
      case 'snapshot': applySnapshot(f); break;
      case 'progress':
        model.progress = f.progress || f;
        render();
        break;
      case 'state':
        model.state = f.to;
        render();
        break;
      case 'completed': finish('succeeded', f); break;
      case 'failed': finish('failed', f); break;
      case 'cancelled': finish('cancelled', f); break;
      default: break; // heartbeat, pong
    }
  }

  function finish(state, frame) {
    if (ended) return;
    ended = true;
    model.state = state;
    if (state === 'cancelled') {
      model.phase = 'cancelled';
      model.notice = { key: 'webapp.progress.cancelled', kind: 'info' };
      render();
      return;
    }
    var task = model.task;
    fetch(task.resultUrl + '?format=json&lang=' + lang, { headers: auth() }).then(function (r) {
      return r.json().then(function (body) {
        if (model.task !== task) return;   // the user started another calculation meanwhile
        if (r.ok) {
          model.phase = 'done';
          model.result = body;
          render();
          document.body.setAttribute('data-result', 'shown');
        } else {
          fail(apiError(r.status, body));
        }
      });
    }).catch(function () {
      fail(frame && frame.error ? frame.error : { key: 'ui.error.network' });
    });
  }

  // ---- following: eto-events.js (WebSocket, else Server-Sent Events, else polling; resumes after a drop) ----

  // The transport the page asks for: ?transport=websocket|sse|poll in the page's address forces one (for tests,
  // or a network whose proxy breaks WebSockets); anything else lets the client choose.
  function requestedTransport() {
    var asked = new URLSearchParams(window.location.search).get('transport');
    return asked === 'websocket' || asked === 'sse' || asked === 'poll' ? asked : 'auto';
  }

  var events = null;       // the eto-events.js module, loaded once (a Promise)
  var following = 0;       // increases with each calculation, so a late module load starts nothing stale

  function startFollowing() {
    lastSeq = 0;
    ended = false;
    var task = model.task;
    var run = ++following;
    events = events || import('/eto-events.js');
    events.then(function (m) {
      if (run !== following || model.task !== task || ended) return;
      follow = m.follow({
        taskId: task.taskId, token: task.token, websocketUrl: task.websocketUrl, eventsUrl: task.eventsUrl,
        statusUrl: task.statusUrl, transport: requestedTransport(), lang: lang,
        onFrame: function (f) { if (model.task === task) onFrame(f); },
        onStatus: function (s) { if (model.task === task) connectionChanged(s); },
        onEnd: function (end) { if (model.task === task) followingEnded(end); },
        cancel: function () { return cancelOverRest(task); }
      });
      // What the client did, for people debugging in the console (and for the browser tests).
      window.__etoEvents = follow.trace;
      document.body.setAttribute('data-transport', follow.transport || '');
    }, function () {
      if (run === following) fail({ key: 'ui.error.network' });
    });
  }

  function stopFollowing() {
    following++;
    if (follow) follow.close();
    follow = null;
  }

  // Connection changes as notices: a drop, the reconnect, the resume; polling when live updates are unavailable.
  function connectionChanged(s) {
    if (follow) document.body.setAttribute('data-transport', follow.transport || '');
    var notice = null;
    if (s.type === 'lost') notice = { key: 'ui.progress.connection_lost', kind: 'warn' };
    else if (s.type === 'reconnecting') notice = { key: 'ui.progress.reconnecting', kind: 'warn' };
    else if (s.type === 'resumed') notice = { key: 'ui.progress.resumed', kind: 'ok' };
    else if (s.transport === 'poll' && (s.type === 'fallback' || s.type === 'open')) {
      notice = { key: 'ui.progress.polling', kind: 'warn' };
    }
    if (!notice || ended) return;
    if (model.notice && model.notice.key === notice.key) return;
    model.notice = notice;
    render();
  }

  function followingEnded(end) {
    if (end.reason === 'terminal') return;   // onFrame has the terminal frame already
    follow = null;
    if (end.reason === 'error') fail(apiError(end.status, end.body));
    else fail(end.code === 4403 ? { key: 'ui.error.unexpected' } : { key: 'ui.error.network' });
  }

  // ---- download ----

  function download() {
    if (!model.task || !model.result) return;
    fetch(model.task.resultUrl + '?format=csv&lang=' + lang, { headers: auth() }).then(function (r) {
      if (!r.ok) return r.json().then(function (body) { throw apiError(r.status, body); });
      return r.blob();
    }).then(function (blob) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = t('ui.download.filename', model.task.taskId.slice(0, 8));
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
    }).catch(function (e) { fail(e && (e.key || e.code) ? e : { key: 'ui.error.network' }); });
  }

  // ---- wiring ----

  function countRows(text) {
    var lines = text.split(/\r\n|\n|\r/).filter(function (l) { return l.trim() !== ''; });
    return Math.max(0, lines.length - 1);
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('calc-form').addEventListener('submit', function (e) { e.preventDefault(); calculate(); });
    $('retry').addEventListener('click', function () { calculate(); });
    $('cancel').addEventListener('click', cancel);
    $('download').addEventListener('click', download);
    $('lang').addEventListener('change', function () { switchLanguage($('lang').value); });
    var radios = document.getElementsByName('source');
    for (var i = 0; i < radios.length; i++) radios[i].addEventListener('change', showPanels);
    $('sample').addEventListener('change', fillSampleStation);
    $('file').addEventListener('change', function () {
      var f = $('file').files && $('file').files[0];
      fileRows = 0;
      render();
      if (f) f.text().then(function (text) { fileRows = countRows(text); render(); }, function () { render(); });
    });
    switchLanguage(initialLanguage()).then(function () {
      document.body.setAttribute('data-ready', 'true');
    }, function () {
      document.body.setAttribute('data-ready', 'error');
    });
  });
}());
