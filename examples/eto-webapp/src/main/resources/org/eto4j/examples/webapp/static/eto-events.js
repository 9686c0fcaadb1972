/**
 * eto-events.js: follows one eto4j task's live updates (protocol v1) in a browser. A plain ES module without
 * dependencies or a build step; the eto4j web app serves it at `/eto-events.js`, and a host page may copy it.
 *
 * The client prefers a WebSocket, falls back to Server-Sent Events, and, when neither can be opened, polls the
 * task's status URL. It remembers the last sequence number (`seq`) it delivered and resumes from it after a
 * drop (`sinceSeq` on the WebSocket's subscribe message and on the event stream's first request; the browser
 * itself sends `Last-Event-ID` when it reconnects an event stream), so a frame is never delivered twice and no
 * state change is missed. Reconnects wait with exponential backoff and jitter.
 *
 * ```js
 * import { follow } from '/eto-events.js';
 *
 * const answer = await (await fetch('/api/v1/calculations', { method: 'POST', ... })).json();   // 202
 * const handle = follow({
 *   taskId: answer.taskId, token: answer.token,
 *   websocketUrl: answer.websocketUrl, eventsUrl: answer.eventsUrl, statusUrl: answer.statusUrl,
 *   onFrame: frame => render(frame),          // snapshot, progress, state, completed, failed, cancelled
 *   onEnd: end => { if (end.reason !== 'terminal') showError(end); },
 *   onStatus: status => showConnection(status),
 * });
 * cancelButton.onclick = () => handle.cancel();   // the outcome arrives as frames
 * // leaving the page or following another task:
 * handle.close();
 * ```
 *
 * ## `follow(options)` → handle
 *
 * | option | default | meaning |
 * |---|---|---|
 * | `taskId` | required | the task's id |
 * | `token` | required | the task's token (the 202 answer's `token`) |
 * | `websocketUrl` | — | WebSocket endpoint, absolute (`wss://…`) or relative to `baseUrl` (`/ws/{id}`; `http:` becomes `ws:`, `https:` becomes `wss:`) |
 * | `eventsUrl` | — | Server-Sent Events endpoint, absolute or relative (`/api/v1/events/{id}`) |
 * | `statusUrl` | — | status endpoint (`GET` with `Authorization: Bearer`), absolute or relative |
 * | `transport` | `'auto'` | `'auto'` (WebSocket, else Server-Sent Events, else polling), or exactly one of `'websocket'`, `'sse'`, `'poll'` (no fallback) |
 * | `onFrame(frame)` | — | each protocol v1 frame (parsed JSON), in `seq` order; polled status answers arrive as `snapshot` frames |
 * | `onEnd(end)` | — | once, when following stops by itself: `{reason: 'terminal', frame}` after the task's terminal frame (or a snapshot of an ended task); `{reason: 'error', status, body}` when the status URL refuses (e.g. 403); `{reason: 'closed', code}` when the last transport was closed with a code that must not be retried (e.g. 4403); `{reason: 'unavailable'}` when a forced transport could not be opened |
 * | `onStatus(status)` | — | connection changes, for the user: `{type: 'open', transport}`, `{type: 'lost', transport, code, attempt, delayMs}` (a drop; reconnecting after `delayMs`, or, with `delayMs` 0, by the browser), `{type: 'reconnecting', transport, attempt}`, `{type: 'resumed', transport}` (the first frame after a drop), `{type: 'fallback', from, transport}` (another transport from now on) |
 * | `cancel()` | `DELETE statusUrl` with the token | how `handle.cancel()` cancels when the current transport is not a WebSocket (the REST API); its result is `handle.cancel()`'s |
 * | `lang` | — | added as `?lang=` to the status URL and the default cancel, for localised error answers |
 * | `baseUrl` | `location.href` | what relative URLs are resolved against |
 * | `pollIntervalMs` | `1000` | time between status requests while polling (twice that after a network error or a `503`) |
 * | `backoff` | `{initialMs: 250, maxMs: 5000}` | reconnect delay: `initialMs` doubling per attempt up to `maxMs`, each times a random 0.75…1.25 |
 * | `maxReconnects` | `8` | failed reconnects in a row before the next transport is tried (or, forced, `onEnd` `unavailable`) |
 * | `idleTimeoutMs` | `45000` | a WebSocket that receives nothing (not even a heartbeat) this long is treated as dropped; `0` = never |
 *
 * The handle: `close()` stops following (no callback afterwards; the task goes on on the server);
 * `cancel()` asks the server to cancel the task, with a `{"type":"cancel"}` message while a WebSocket is open,
 * else with the `cancel` option, and returns a Promise; `transport` is the transport in use (`'websocket'`,
 * `'sse'`, `'poll'`, or `null` once stopped); `lastSeq` the last sequence number delivered; `trace` a plain
 * object recording what happened, for debugging and tests: `transport`, `transports` (each one used, in
 * order), `opened` (streams opened), `subscribes` (the `sinceSeq` of each stream opened), `closes` and
 * `closeCode` (close codes seen), `seqs` (every `seq` delivered), `frames` (`{transport: {type: count}}`),
 * `urls` (every endpoint opened, without the token), `polls` (status requests).
 *
 * Frames: `snapshot` first on every stream, then `progress`, `state` and one of `completed`, `failed`,
 * `cancelled`; `heartbeat` and `pong` are not delivered. A `progress`, `state` or terminal frame is delivered
 * only when its `seq` is above the last one delivered; a snapshot when its `seq` is not below it.
 *
 * Licensed under the Apache License 2.0.
 */

/** The values of the `transport` option. */
export const TRANSPORTS = Object.freeze(['auto', 'websocket', 'sse', 'poll']);

const TERMINAL_TYPES = ['completed', 'failed', 'cancelled'];
const TERMINAL_STATES = ['succeeded', 'failed', 'cancelled'];
// Frames numbered by the task (retained events): delivered only when newer than the last one.
const NUMBERED_TYPES = ['progress', 'state', 'completed', 'failed', 'cancelled'];
// The event names an event stream uses (the frame's type); 'message' covers a server that names none.
const SSE_EVENTS = ['snapshot', 'progress', 'state', 'completed', 'failed', 'cancelled', 'heartbeat', 'pong', 'message'];
// Close codes after which the same transport is tried again (protocol v1's retryable codes, plus the codes a
// browser reports for a connection that went away without a close frame).
const RETRYABLE_CLOSE_CODES = [1001, 1005, 1006, 1011, 1012, 1013, 1014, 4429];

/**
 * Follows one task. See the module's documentation for the options and the handle.
 *
 * @param {object} options the task, its endpoints and the callbacks
 * @returns {{close: function(): void, cancel: function(): Promise<*>, transport: ?string, lastSeq: number,
 *            trace: object}} the handle
 */
export function follow(options) {
  const o = Object.assign({
    transport: 'auto', pollIntervalMs: 1000, maxReconnects: 8, idleTimeoutMs: 45000,
    baseUrl: typeof location !== 'undefined' ? location.href : undefined
  }, options || {});
  if (!o.taskId || !o.token) throw new TypeError('eto-events: taskId and token are required');
  if (TRANSPORTS.indexOf(o.transport) < 0) {
    throw new TypeError('eto-events: transport must be one of ' + TRANSPORTS.join(', ') + ': ' + o.transport);
  }
  const backoff = Object.assign({ initialMs: 250, maxMs: 5000 }, o.backoff || {});
  const available = {
    websocket: Boolean(o.websocketUrl) && typeof WebSocket !== 'undefined',
    sse: Boolean(o.eventsUrl) && typeof EventSource !== 'undefined',
    poll: Boolean(o.statusUrl)
  };
  const forced = o.transport !== 'auto';
  const chain = (forced ? [o.transport] : ['websocket', 'sse', 'poll']).filter(t => available[t] || forced);

  const trace = {
    transport: null, transports: [], opened: 0, subscribes: [], closes: [], closeCode: null, seqs: [],
    frames: {}, urls: [], polls: 0
  };
  let lastSeq = 0;
  let delivered = false;    // any frame delivered yet (a first snapshot is taken whatever its seq)
  let stopped = false;      // closed by the caller or ended
  let current = null;       // the running transport: {name, stop(), cancel?()}
  let index = -1;           // position in chain
  let attempts = 0;         // failed (re)connects in a row on the current transport
  let dropped = false;      // a drop was reported and no frame has arrived since

  function emit(callback, value) {
    if (typeof callback === 'function') {
      try { callback(value); } catch (e) { setTimeout(() => { throw e; }); }   // a caller's bug must not stop us
    }
  }

  function status(s) { if (!stopped) emit(o.onStatus, s); }

  function end(value) {
    if (stopped) return;
    stopped = true;
    if (current) current.stop();
    current = null;
    trace.transport = null;
    emit(o.onEnd, value);
  }

  /** Delivers a parsed frame if it is new; returns true when it ended the task. */
  function deliver(frame, via) {
    if (stopped || !frame || typeof frame !== 'object' || typeof frame.type !== 'string') return false;
    if (frame.type === 'heartbeat' || frame.type === 'pong') return false;
    const seq = typeof frame.seq === 'number' ? frame.seq : null;
    if (seq !== null && delivered) {
      if (NUMBERED_TYPES.indexOf(frame.type) >= 0 ? seq <= lastSeq : seq < lastSeq) return false;
    }
    if (dropped) {
      dropped = false;
      status({ type: 'resumed', transport: via });
    }
    attempts = 0;
    delivered = true;
    if (seq !== null) {
      lastSeq = Math.max(lastSeq, seq);
      trace.seqs.push(seq);
    }
    const counts = trace.frames[via] || (trace.frames[via] = {});
    counts[frame.type] = (counts[frame.type] || 0) + 1;
    emit(o.onFrame, frame);
    const terminal = TERMINAL_TYPES.indexOf(frame.type) >= 0
        || (frame.type === 'snapshot' && TERMINAL_STATES.indexOf(frame.state) >= 0);
    if (terminal) end({ reason: 'terminal', frame: frame });
    return terminal;
  }

  function resolve(url, websocket) {
    const u = new URL(url, o.baseUrl);
    if (websocket) {
      if (u.protocol === 'http:') u.protocol = 'ws:';
      else if (u.protocol === 'https:') u.protocol = 'wss:';
    }
    return u;
  }

  function withLang(url) {
    const u = resolve(url, false);
    if (o.lang) u.searchParams.set('lang', o.lang);
    return u.toString();
  }

  function delayFor(attempt) {
    return Math.round(Math.min(backoff.maxMs, backoff.initialMs * Math.pow(2, attempt - 1)) * (0.75 + Math.random() * 0.5));
  }

  /** The current transport failed for good: the next one, or the end. */
  function next(endValue) {
    if (stopped) return;
    if (current) current.stop();
    current = null;
    const from = chain[index];
    index++;
    if (index >= chain.length) {
      end(endValue || { reason: 'unavailable' });
      return;
    }
    attempts = 0;
    trace.transport = chain[index];
    status({ type: 'fallback', from: from, transport: chain[index] });
    start();
  }

  /** A drop that is retried on the same transport, or, after too many, the next transport. */
  function retry(code, reconnect, endValue) {
    attempts++;
    if (attempts > o.maxReconnects) {
      next(endValue);
      return;
    }
    const delay = delayFor(attempts);
    dropped = true;
    status({ type: 'lost', transport: chain[index], code: code, attempt: attempts, delayMs: delay });
    const timer = setTimeout(() => {
      if (stopped) return;
      status({ type: 'reconnecting', transport: chain[index], attempt: attempts });
      reconnect();
    }, delay);
    const running = current;
    current = { name: running ? running.name : chain[index], stop: () => clearTimeout(timer) };
  }

  function start() {
    const name = chain[index];
    trace.transport = name;
    trace.transports.push(name);
    if (!available[name]) { next(); return; }
    if (name === 'websocket') openSocket(true);
    else if (name === 'sse') openEventStream(true);
    else poll();
  }

  // ---- WebSocket ----

  function openSocket(first) {
    const url = resolve(o.websocketUrl, true);
    trace.urls.push(url.toString());
    let ws;
    try {
      ws = new WebSocket(url.toString());
    } catch (e) {
      next();
      return;
    }
    let opened = false;
    let idle = null;
    function watch() {
      if (!o.idleTimeoutMs) return;
      clearTimeout(idle);
      // Silence past the heartbeat interval: a connection the network dropped without telling us.
      idle = setTimeout(() => { if (ws.readyState <= 1) ws.close(4000, 'idle'); }, o.idleTimeoutMs);
    }
    current = {
      name: 'websocket',
      stop: () => { clearTimeout(idle); if (ws.readyState <= 1) ws.close(1000); },
      cancel: () => {
        if (ws.readyState !== 1) return false;
        ws.send(JSON.stringify({ type: 'cancel' }));
        return true;
      }
    };
    ws.onopen = () => {
      if (stopped) return;
      opened = true;
      trace.opened++;
      const subscribe = { type: 'subscribe', token: o.token };
      if (delivered) subscribe.sinceSeq = lastSeq;
      trace.subscribes.push(delivered ? lastSeq : 0);
      ws.send(JSON.stringify(subscribe));
      watch();
      status({ type: 'open', transport: 'websocket' });
    };
    ws.onmessage = m => {
      if (stopped) return;
      watch();
      let frame;
      try { frame = JSON.parse(m.data); } catch (e) { return; }
      deliver(frame, 'websocket');
    };
    ws.onclose = ev => {
      clearTimeout(idle);
      // 4000 is our own idle close: the browser reports it as given, but the network had already gone.
      const code = ev.code === 4000 ? 1006 : ev.code;
      trace.closes.push(code);
      trace.closeCode = code;
      if (stopped) return;
      if (!opened && first && !forced && attempts === 0) { next(); return; }   // no socket here at all
      if (RETRYABLE_CLOSE_CODES.indexOf(code) >= 0 || code === 1000 || (!opened && forced)) {
        retry(code, () => openSocket(false));
      } else {
        next({ reason: 'closed', code: code });   // 4403 (token or task refused), 4400, 4408, 1009
      }
    };
  }

  // ---- Server-Sent Events ----

  function openEventStream(first) {
    const url = resolve(o.eventsUrl, false);
    url.searchParams.set('token', o.token);
    if (delivered) url.searchParams.set('sinceSeq', String(lastSeq));
    const shown = new URL(url.toString());
    shown.searchParams.delete('token');
    trace.urls.push(shown.toString());
    let es;
    try {
      es = new EventSource(url.toString());
    } catch (e) {
      next();
      return;
    }
    let opened = false;
    current = { name: 'sse', stop: () => es.close() };
    es.onopen = () => {
      if (stopped) return;
      trace.opened++;
      // A reopening by the browser itself resumes with Last-Event-ID, the last id it saw: ours too.
      trace.subscribes.push(delivered ? lastSeq : 0);
      if (!opened) status({ type: 'open', transport: 'sse' });
      opened = true;
    };
    const onEvent = e => {
      if (stopped) return;
      let frame;
      try { frame = JSON.parse(e.data); } catch (err) { return; }
      if (deliver(frame, 'sse')) es.close();   // after the terminal frame: before the browser reconnects
    };
    SSE_EVENTS.forEach(name => es.addEventListener(name, onEvent));
    es.addEventListener('close', e => {
      es.close();   // the server ends the response next: the browser must not reopen it by itself
      let code = 1000;
      try { code = JSON.parse(e.data).code; } catch (err) { /* keep 1000 */ }
      trace.closes.push(code);
      trace.closeCode = code;
      if (stopped) return;
      if (RETRYABLE_CLOSE_CODES.indexOf(code) >= 0 || code === 1000) {
        retry(code, () => openEventStream(false));
      } else {
        next({ reason: 'closed', code: code });
      }
    });
    es.onerror = () => {
      if (stopped) return;
      if (!opened && first && !forced && attempts === 0) {
        es.close();
        next();
        return;
      }
      if (es.readyState === 2) {
        // The browser gave up (an answer other than 200 text/event-stream): reopen it ourselves.
        retry(1006, () => openEventStream(false));
        return;
      }
      // The browser reopens the stream by itself (sending Last-Event-ID); count the drop, give up after too many.
      attempts++;
      if (attempts > o.maxReconnects) {
        es.close();
        next();
        return;
      }
      if (!dropped) {
        dropped = true;
        status({ type: 'lost', transport: 'sse', code: 1006, attempt: attempts, delayMs: 0 });
      }
    };
  }

  // ---- polling ----

  function poll() {
    let timer = null;
    let halted = false;
    current = { name: 'poll', stop: () => { halted = true; clearTimeout(timer); } };
    trace.urls.push(withLang(o.statusUrl));
    let first = true;
    function later(ms) { if (!halted && !stopped) timer = setTimeout(tick, ms); }
    function tick() {
      if (halted || stopped) return;
      trace.polls++;
      fetch(withLang(o.statusUrl), {
        headers: { 'Authorization': 'Bearer ' + o.token, 'Accept': 'application/json' }, cache: 'no-store'
      }).then(r => r.json().catch(() => null).then(body => {
        if (halted || stopped) return;
        // 503: the server or its task store is briefly unavailable; the task goes on, so keep following it.
        if (r.status === 503) { later(o.pollIntervalMs * 2); return; }
        if (!r.ok) { end({ reason: 'error', status: r.status, body: body }); return; }
        if (first) { first = false; status({ type: 'open', transport: 'poll' }); }
        if (body && typeof body === 'object' && !body.type) body.type = 'snapshot';
        // A status answer is a snapshot: delivered when something changed (or the first time).
        const changed = !delivered || typeof body.seq !== 'number' || body.seq > lastSeq;
        if (!(changed && deliver(body, 'poll'))) later(o.pollIntervalMs);
      })).catch(() => later(o.pollIntervalMs * 2));
    }
    tick();
  }

  function cancel() {
    if (stopped) return Promise.resolve(undefined);
    if (current && current.cancel && current.cancel()) return Promise.resolve(undefined);
    if (typeof o.cancel === 'function') {
      try { return Promise.resolve(o.cancel()); } catch (e) { return Promise.reject(e); }
    }
    return fetch(withLang(o.statusUrl), {
      method: 'DELETE', headers: { 'Authorization': 'Bearer ' + o.token, 'Accept': 'application/json' }
    });
  }

  function close() {
    if (stopped) return;
    stopped = true;
    if (current) current.stop();
    current = null;
    trace.transport = null;
  }

  if (chain.length === 0) {
    setTimeout(() => end({ reason: 'unavailable' }));
  } else {
    index = 0;
    start();
  }

  return {
    close: close,
    cancel: cancel,
    get transport() { return stopped ? null : trace.transport; },
    get lastSeq() { return lastSeq; },
    trace: trace
  };
}
