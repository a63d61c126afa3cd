// The web dashboard of `lem serve` (docs/dashboard.md): plain JavaScript over the server's /v1 API, with uPlot (from the
// npm registry, embedded in the server at build time) for the charts. Views are hash routes: #/markets,
// #/market/<id>, #/participant, #/dso, #/operator. The API key the user signs in with is kept in sessionStorage only.
'use strict';

(() => {
  const KEY_STORAGE = 'lem.apiKey';
  const TRADE_LIMIT = 10000;
  const TRADE_ROWS = 50;
  /** Axis steps for whole numbers (slots, trade numbers): no fractional ticks. */
  const WHOLE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
  const state = { key: sessionStorage.getItem(KEY_STORAGE), me: null, onEvent: null, charts: [], timers: [] };
  const main = document.getElementById('main');
  const statusLine = document.getElementById('status');
  const number = (digits) => new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const fmt = { eur: number(2), price: number(2), kwh: number(3), int: number(0), pu: number(4), pct: number(1) };

  // ---- helpers -------------------------------------------------------------------------------------------------------

  /** Creates an element: el('td', {class: 'num'}, 'text', child...). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  function say(text, error) {
    statusLine.textContent = text || '';
    statusLine.classList.toggle('error', !!error);
  }

  /** Calls the API; resolves to the JSON body, rejects with the problem's detail. */
  async function api(path, options) {
    const opts = Object.assign({ method: 'GET' }, options || {});
    const headers = { Accept: 'application/json' };
    if (state.key) headers.Authorization = 'Bearer ' + state.key;
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(opts.body);
    }
    const response = await fetch(path, Object.assign(opts, { headers }));
    const text = await response.text();
    const body = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status));
      error.status = response.status;
      error.body = body;
      throw error;
    }
    return body;
  }

  /**
   * A table in a horizontally scrollable, focusable region. columns: [{key, label, num, format, cell(row)}].
   */
  function table(id, caption, columns, rows, options) {
    const o = options || {};
    const thead = el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.num ? 'num' : null }, c.label))));
    const tbody = el('tbody', { id: id ? id + '-body' : null });
    fillRows(tbody, columns, rows, o.empty);
    const t = el('table', { id }, el('caption', {}, caption), thead, tbody);
    return el('div', { class: o.tall ? 'scroll tall' : 'scroll', tabindex: '0', role: 'region', 'aria-label': caption }, t);
  }

  function fillRows(tbody, columns, rows, empty) {
    tbody.replaceChildren();
    if (rows.length === 0) {
      tbody.append(el('tr', {}, el('td', { colspan: columns.length, class: 'note' }, empty || 'None yet.')));
      return;
    }
    for (const r of rows) tbody.append(row(columns, r));
  }

  function row(columns, r) {
    return el('tr', {}, columns.map((c) => {
      const value = c.cell ? c.cell(r) : r[c.key];
      const text = value === null || value === undefined ? '—' : (c.format && typeof value === 'number' ? c.format.format(value) : value);
      return el('td', { class: [c.num ? 'num' : null, c.cls ? c.cls(r) : null].filter(Boolean).join(' ') || null }, text);
    }));
  }

  function section(title, ...children) {
    const id = 'h-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return el('section', { 'aria-labelledby': id }, el('h2', { id }, title), ...children);
  }

  function needs(roles, what) {
    if (state.me && roles.includes(state.me.role)) return null;
    const who = state.me ? `You are signed in as ${state.me.participant_id} (${state.me.role}).` : 'You are not signed in.';
    return el('p', { class: 'note' }, `${what} needs the API key of ${roles.join(' or ')}. ${who} Enter the key above and press Sign in.`);
  }

  function chartWidth(container) {
    return Math.max(260, Math.min(container.clientWidth || main.clientWidth || 600, 1100));
  }

  /** A uPlot chart in `container` (a figure with a text alternative); returns a function that sets new data. */
  function chart(container, options, data) {
    const make = () => new uPlot(Object.assign({ width: chartWidth(container), height: 260 }, options), data, container);
    let plot = make();
    state.charts.push(() => plot.setSize({ width: chartWidth(container), height: 260 }));
    return (next) => { data = next; plot.setData(next); };
  }

  function debounce(fn, ms) {
    let t = null;
    return (...args) => {
      clearTimeout(t);
      t = setTimeout(() => fn(...args), ms);
      state.timers.push(t);
    };
  }

  // ---- sign-in -------------------------------------------------------------------------------------------------------

  async function whoAmI() {
    if (!state.key) { state.me = null; return; }
    try {
      state.me = await api('/v1/me');
    } catch (e) {
      state.me = null;
      state.key = null;
      sessionStorage.removeItem(KEY_STORAGE);
      say('Sign-in failed: ' + e.message, true);
    }
  }

  function showSignIn() {
    const signedIn = !!state.me;
    document.getElementById('signin').hidden = signedIn;
    document.getElementById('signed-in').hidden = !signedIn;
    document.getElementById('who').textContent = signedIn ? `Signed in as ${state.me.participant_id} (${state.me.role})` : '';
  }

  document.getElementById('signin').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = document.getElementById('api-key');
    const key = input.value.trim();
    if (!key) { say('Enter an API key.', true); input.focus(); return; }
    state.key = key;
    await whoAmI();
    if (state.me) {
      sessionStorage.setItem(KEY_STORAGE, key);
      input.value = '';
      say(`Signed in as ${state.me.participant_id} (${state.me.role}).`);
    }
    showSignIn();
    render();
  });

  document.getElementById('signout-button').addEventListener('click', () => {
    state.key = null;
    state.me = null;
    sessionStorage.removeItem(KEY_STORAGE);
    showSignIn();
    say('Signed out.');
    render();
  });

  // ---- live stream ---------------------------------------------------------------------------------------------------

  function connectStream() {
    const label = document.getElementById('stream-state');
    const source = new EventSource('/v1/stream');
    source.onopen = () => { label.textContent = 'connected'; document.body.dataset.stream = 'open'; };
    source.onerror = () => { label.textContent = 'reconnecting'; document.body.dataset.stream = 'closed'; };
    for (const name of ['trade', 'gate_closure']) {
      source.addEventListener(name, (e) => {
        const data = JSON.parse(e.data);
        if (state.onEvent) state.onEvent(name, data);
      });
    }
  }

  // ---- views ---------------------------------------------------------------------------------------------------------

  const marketColumns = [
    { label: 'Market', cell: (m) => el('a', { href: '#/market/' + encodeURIComponent(m.market_id) }, m.market_id) },
    { key: 'mechanism', label: 'Mechanism' },
    { key: 'delivery_start', label: 'Delivery start (UTC)' },
    { key: 'slot_count', label: 'Slots', num: true },
    { key: 'slot_minutes', label: 'Slot (min)', num: true },
    { key: 'closed', label: 'Closed slots', num: true },
    { key: 'last_price', label: 'Last price (EUR/MWh)', num: true, format: fmt.price },
    { key: 'volume', label: 'Volume (kWh)', num: true, format: fmt.kwh },
  ];

  async function marketRows() {
    const { markets } = await api('/v1/markets');
    return Promise.all(markets.map(async (m) => {
      const { slots } = await api(`/v1/markets/${encodeURIComponent(m.market_id)}/prices`);
      const priced = slots.filter((s) => s.price_eur_per_mwh !== null && s.price_eur_per_mwh !== undefined);
      return Object.assign({}, m, {
        closed: slots.length,
        last_price: priced.length ? priced[priced.length - 1].price_eur_per_mwh : null,
        volume: slots.reduce((a, s) => a + (s.volume_kwh || 0), 0),
      });
    }));
  }

  async function viewMarkets() {
    const rows = await marketRows();
    const recent = [];
    const recentColumns = [
      { key: 'trade_id', label: 'Trade', num: true },
      { key: 'market_id', label: 'Market' },
      { key: 'slot', label: 'Slot', num: true },
      { key: 'price_eur_per_mwh', label: 'Price (EUR/MWh)', num: true, format: fmt.price },
      { key: 'quantity_kwh', label: 'Quantity (kWh)', num: true, format: fmt.kwh },
    ];
    main.replaceChildren(
      el('h1', {}, 'Markets'),
      el('p', { class: 'note' }, 'Prices and volumes per market; they update live as gates close and trades happen. Open a market for its order book, trades and per-slot chart.'),
      table('markets', 'Markets', marketColumns, rows, { empty: 'No market yet.' }),
      section('Live trades', table('live-trades', 'Trades as they happen (all markets)', recentColumns, [], { empty: 'No trade since this page opened.' })),
    );
    const refresh = debounce(async () => fillRows(document.getElementById('markets-body'), marketColumns, await marketRows()), 200);
    state.onEvent = (name, data) => {
      if (name === 'trade') {
        recent.unshift(data);
        recent.length = Math.min(recent.length, TRADE_ROWS);
        fillRows(document.getElementById('live-trades-body'), recentColumns, recent);
      }
      refresh();
    };
  }

  async function viewMarket(marketId) {
    const path = `/v1/markets/${encodeURIComponent(marketId)}`;
    const [market, prices, trades] = await Promise.all([api(path), api(path + '/prices'), api(`${path}/trades?limit=${TRADE_LIMIT}`)]);
    const hasBook = market.mechanism === 'continuous' || market.mechanism === 'call_auction';
    const slotOptions = Array.from({ length: market.slot_count }, (_, i) => el('option', { value: i }, String(i)));

    // Prices and volumes per closed slot.
    const priceFigure = el('figure', { class: 'chart', id: 'prices-chart', role: 'img', 'aria-label': `Cleared price and volume per slot of ${marketId}` });
    const closureColumns = [
      { key: 'slot', label: 'Slot', num: true },
      { key: 'delivery_start', label: 'Delivery start (UTC)' },
      { key: 'price_eur_per_mwh', label: 'Price (EUR/MWh)', num: true, format: fmt.price },
      { key: 'volume_kwh', label: 'Volume (kWh)', num: true, format: fmt.kwh },
      { key: 'trade_count', label: 'Trades', num: true },
    ];
    const priceData = (slots) => [
      slots.map((s) => s.slot),
      slots.map((s) => (s.price_eur_per_mwh === null || s.price_eur_per_mwh === undefined ? null : s.price_eur_per_mwh)),
      slots.map((s) => s.volume_kwh || 0),
    ];

    // Trades.
    const tradeList = trades.trades.slice();
    const tradeCount = el('span', { id: 'trade-count' }, fmt.int.format(trades.trade_count));
    const tradeColumns = [
      { key: 'trade_id', label: 'Trade', num: true },
      { key: 'slot', label: 'Slot', num: true },
      { key: 'price_eur_per_mwh', label: 'Price (EUR/MWh)', num: true, format: fmt.price },
      { key: 'quantity_kwh', label: 'Quantity (kWh)', num: true, format: fmt.kwh },
      { key: 'time', label: 'Time (UTC)' },
    ];
    const tradeFigure = el('figure', { class: 'chart', id: 'trades-chart', role: 'img', 'aria-label': `Price of every trade of ${marketId}, oldest to newest` });
    const tradeData = () => {
      const asc = tradeList.slice().reverse();
      return [asc.map((t) => t.trade_id), asc.map((t) => t.price_eur_per_mwh)];
    };

    // Order book and order entry.
    const bookSlot = el('select', { id: 'book-slot' }, slotOptions.map((o) => o.cloneNode(true)));
    const levelColumns = [
      { key: 'price_eur_per_mwh', label: 'Price (EUR/MWh)', num: true, format: fmt.price },
      { key: 'quantity_kwh', label: 'Quantity (kWh)', num: true, format: fmt.kwh },
      { key: 'order_count', label: 'Orders', num: true },
    ];
    const orderForm = state.me && state.me.role === 'participant' && hasBook ? el('form', { class: 'order', id: 'order-form', 'aria-describedby': 'order-help' },
      el('div', {}, el('label', { for: 'order-slot' }, 'Slot'), el('select', { id: 'order-slot', name: 'slot' }, slotOptions)),
      el('div', {}, el('label', { for: 'order-side' }, 'Side'), el('select', { id: 'order-side', name: 'side' }, el('option', { value: 'buy' }, 'Buy'), el('option', { value: 'sell' }, 'Sell'))),
      el('div', {}, el('label', { for: 'order-price' }, 'Price (EUR/MWh)'), el('input', { id: 'order-price', name: 'price', type: 'number', step: market.tick_size_eur_per_mwh, min: market.min_price_eur_per_mwh, max: market.max_price_eur_per_mwh, required: true })),
      el('div', {}, el('label', { for: 'order-quantity' }, 'Quantity (whole kWh)'), el('input', { id: 'order-quantity', name: 'quantity', type: 'number', step: '1', min: '1', required: true })),
      el('button', { type: 'submit', id: 'order-submit' }, 'Place order'),
    ) : null;

    main.replaceChildren(
      el('h1', {}, 'Market ', marketId),
      el('p', { class: 'note' }, `${market.mechanism}; ${market.slot_count} slots of ${market.slot_minutes} min from ${market.delivery_start}; gates close ${market.gate_closure_lead_minutes} min before delivery; prices in [${market.min_price_eur_per_mwh}, ${market.max_price_eur_per_mwh}] EUR/MWh, tick ${market.tick_size_eur_per_mwh}.`),
      section('Prices and volumes per slot', priceFigure, table('closures', 'Closed slots: cleared price and volume', closureColumns, prices.slots, { empty: 'No gate has closed yet.' })),
      hasBook ? section('Order book',
        el('p', {}, el('label', { for: 'book-slot' }, 'Slot '), bookSlot),
        el('div', { class: 'grid2' },
          table('bids', 'Bids (buy)', levelColumns, [], { empty: 'No bid.' }),
          table('asks', 'Asks (sell)', levelColumns, [], { empty: 'No ask.' }))) : null,
      hasBook ? section('Place an order', orderForm || needs(['participant'], 'Placing an order'),
        el('p', { id: 'order-help', class: 'note' }, 'Your order goes to the server with your API key; a crossing order trades at once.')) : null,
      section('Trades', el('p', {}, 'Trades in this market: ', tradeCount, '. The chart shows the latest ', fmt.int.format(TRADE_LIMIT), ' at most; the table the latest ', TRADE_ROWS, '.'),
        tradeFigure, table('trades', 'Latest trades', tradeColumns, tradeList.slice(0, TRADE_ROWS), { empty: 'No trade yet.', tall: true })),
    );

    const setPrices = chart(priceFigure, {
      title: `Cleared price and volume per slot, ${marketId}`,
      scales: { x: { time: false, range: (u, min, max) => [min - 0.5, max + 0.5] }, kwh: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] } },
      series: [{ label: 'Slot' }, { label: 'Price (EUR/MWh)', stroke: '#0b5cad', width: 2, points: { show: true, size: 7 } },
        { label: 'Volume (kWh)', scale: 'kwh', stroke: '#a8271b', fill: 'rgba(168, 39, 27, 0.25)', width: 1, paths: uPlot.paths.bars({ size: [0.5, 40] }), points: { show: false } }],
      axes: [{ label: 'Slot', incrs: WHOLE_STEPS }, { label: 'Price (EUR/MWh)' }, { label: 'Volume (kWh)', scale: 'kwh', side: 1, grid: { show: false } }],
    }, priceData(prices.slots));
    priceFigure.dataset.points = String(prices.slots.length);

    const setTrades = chart(tradeFigure, {
      title: `Trade prices, ${marketId}`,
      scales: { x: { time: false } },
      series: [{ label: 'Trade' }, { label: 'Price (EUR/MWh)', stroke: '#0a6b2c', width: 0, points: { show: true, size: 5, fill: '#0a6b2c' } }],
      axes: [{ label: 'Trade number', incrs: WHOLE_STEPS }, { label: 'Price (EUR/MWh)' }],
    }, tradeData());
    document.body.dataset.tradesShown = String(trades.trade_count);
    performance.mark('lem-trades-shown');

    const loadBook = async () => {
      if (!hasBook) return;
      const depth = await api(`${path}/depth?slot=${bookSlot.value}`);
      fillRows(document.getElementById('bids-body'), levelColumns, depth.bids, 'No bid.');
      fillRows(document.getElementById('asks-body'), levelColumns, depth.asks, 'No ask.');
    };
    bookSlot.addEventListener('change', () => loadBook().catch((e) => say(e.message, true)));
    await loadBook();

    if (orderForm) {
      orderForm.addEventListener('submit', async (event) => {
        event.preventDefault();
        const slot = Number(document.getElementById('order-slot').value);
        const body = {
          client_order_id: 'web-' + Date.now().toString(36) + '-' + Math.floor(Math.random() * 1e9).toString(36),
          slot,
          side: document.getElementById('order-side').value,
          price_eur_per_mwh: Number(document.getElementById('order-price').value),
          quantity_kwh: Number(document.getElementById('order-quantity').value),
        };
        try {
          const order = await api(`${path}/orders`, { method: 'POST', body });
          say(`Order ${order.client_order_id}: ${order.status}, ${order.filled_kwh} kWh filled, ${order.open_kwh} kWh open.`);
          bookSlot.value = String(slot);
          await loadBook();
        } catch (e) {
          say('Order refused: ' + e.message, true);
        }
      });
    }

    const refreshPrices = debounce(async () => {
      const p = await api(path + '/prices');
      setPrices(priceData(p.slots));
      priceFigure.dataset.points = String(p.slots.length);
      fillRows(document.getElementById('closures-body'), closureColumns, p.slots, 'No gate has closed yet.');
    }, 100);
    const redrawTrades = debounce(() => setTrades(tradeData()), 250);
    const refreshBook = debounce(() => loadBook().catch(() => {}), 100);
    state.onEvent = (name, data) => {
      if (data.market_id !== marketId) return;
      if (name === 'trade') {
        tradeList.unshift(data);
        if (tradeList.length > TRADE_LIMIT) tradeList.length = TRADE_LIMIT;
        const count = Number(tradeCount.dataset.count || trades.trade_count) + 1;
        tradeCount.dataset.count = String(count);
        tradeCount.textContent = fmt.int.format(count);
        fillRows(document.getElementById('trades-body'), tradeColumns, tradeList.slice(0, TRADE_ROWS));
        redrawTrades();
        if (String(data.slot) === bookSlot.value) refreshBook();
      } else if (name === 'gate_closure') {
        refreshPrices();
        refreshBook();
      }
    };
  }

  async function viewParticipant() {
    main.replaceChildren(el('h1', {}, 'My orders, trades and statement'));
    const refusal = needs(['participant'], 'This view');
    if (refusal) { main.append(refusal); return; }
    const orderColumns = [
      { key: 'client_order_id', label: 'Order' },
      { key: 'market_id', label: 'Market' },
      { key: 'slot', label: 'Slot', num: true },
      { key: 'side', label: 'Side', cls: (o) => o.side },
      { key: 'price_eur_per_mwh', label: 'Price (EUR/MWh)', num: true, format: fmt.price },
      { key: 'quantity_kwh', label: 'Quantity (kWh)', num: true, format: fmt.kwh },
      { key: 'filled_kwh', label: 'Filled (kWh)', num: true, format: fmt.kwh },
      { key: 'status', label: 'Status' },
      { label: 'Action', cell: (o) => (o.status === 'open' || o.status === 'partially_filled'
        ? el('button', { type: 'button', class: 'secondary', 'aria-label': 'Cancel order ' + o.client_order_id, onclick: () => cancel(o.client_order_id) }, 'Cancel') : '') },
    ];
    const tradeColumns = [
      { key: 'trade_id', label: 'Trade', num: true },
      { key: 'market_id', label: 'Market' },
      { key: 'slot', label: 'Slot', num: true },
      { label: 'Side', cell: (t) => (t.buyer === state.me.participant_id ? 'bought' : 'sold'), cls: (t) => (t.buyer === state.me.participant_id ? 'buy' : 'sell') },
      { key: 'price_eur_per_mwh', label: 'Price (EUR/MWh)', num: true, format: fmt.price },
      { key: 'quantity_kwh', label: 'Quantity (kWh)', num: true, format: fmt.kwh },
      { key: 'time', label: 'Time (UTC)' },
    ];
    const statementColumns = [
      { key: 'market_id', label: 'Market' },
      { key: 'slot', label: 'Slot', num: true },
      { key: 'bought_kwh', label: 'Bought (kWh)', num: true, format: fmt.kwh },
      { key: 'sold_kwh', label: 'Sold (kWh)', num: true, format: fmt.kwh },
      { key: 'paid_eur', label: 'Paid (EUR)', num: true, format: fmt.eur },
      { key: 'received_eur', label: 'Received (EUR)', num: true, format: fmt.eur },
      { key: 'net_eur', label: 'Net (EUR)', num: true, format: fmt.eur },
    ];
    const load = async () => {
      const [orders, trades, statement] = await Promise.all([api('/v1/orders'), api('/v1/trades'), api('/v1/settlement')]);
      const t = statement.totals;
      return { orders: orders.orders.slice().reverse(), trades: trades.trades.slice().reverse(), statement, totals: `Totals over closed slots: bought ${fmt.kwh.format(t.bought_kwh)} kWh, sold ${fmt.kwh.format(t.sold_kwh)} kWh, paid ${fmt.eur.format(t.paid_eur)} EUR, received ${fmt.eur.format(t.received_eur)} EUR, net ${fmt.eur.format(t.net_eur)} EUR.` };
    };
    const data = await load();
    const totals = el('p', { id: 'statement-totals' }, data.totals);
    main.append(
      section('My orders', table('my-orders', 'My orders, newest first', orderColumns, data.orders, { tall: true })),
      section('My trades', table('my-trades', 'My trades, newest first', tradeColumns, data.trades, { tall: true })),
      section('Settlement statement', totals, table('statement', 'Per closed slot, at the trade prices', statementColumns, data.statement.slots, { empty: 'No closed slot with trades yet.' })),
    );
    const refresh = debounce(async () => {
      const d = await load();
      fillRows(document.getElementById('my-orders-body'), orderColumns, d.orders);
      fillRows(document.getElementById('my-trades-body'), tradeColumns, d.trades);
      fillRows(document.getElementById('statement-body'), statementColumns, d.statement.slots, 'No closed slot with trades yet.');
      totals.textContent = d.totals;
    }, 200);
    async function cancel(clientOrderId) {
      try {
        await api('/v1/orders/' + encodeURIComponent(clientOrderId), { method: 'DELETE' });
        say(`Order ${clientOrderId} cancelled.`);
        refresh();
      } catch (e) {
        say('Cancel refused: ' + e.message, true);
      }
    }
    state.onEvent = () => refresh();
  }

  // DSO view: the grid map of a pool market (from the AC check's buses and branches) and flexibility markets.
  const voltageBands = [
    { max: 0.95, colour: '#b91c1c', label: 'below 0.95 pu' },
    { max: 0.97, colour: '#d97706', label: '0.95–0.97 pu' },
    { max: 1.03, colour: '#15803d', label: '0.97–1.03 pu' },
    { max: 1.05, colour: '#2563eb', label: '1.03–1.05 pu' },
    { max: Infinity, colour: '#7e22ce', label: 'above 1.05 pu' },
  ];
  const loadingBands = [
    { max: 50, colour: '#6b7280', label: 'below 50 %' },
    { max: 80, colour: '#d97706', label: '50–80 %' },
    { max: Infinity, colour: '#b91c1c', label: '80 % and more' },
  ];
  const band = (bands, v) => (v === null || v === undefined ? { colour: '#9ca3af', label: 'unknown' } : bands.find((b) => v < b.max));

  /** Lays the grid out as a tree from the first bus (breadth first): x by depth, y by leaf order. */
  function layout(buses, branches) {
    const ids = buses.map((b) => String(b.bus));
    const adjacent = new Map(ids.map((id) => [id, []]));
    for (const br of branches) {
      const f = String(br.from_bus), t = String(br.to_bus);
      if (adjacent.has(f) && adjacent.has(t)) { adjacent.get(f).push(t); adjacent.get(t).push(f); }
    }
    const children = new Map(), depth = new Map(), pos = new Map();
    let nextRow = 0;
    for (const root of ids) {
      if (depth.has(root)) continue;
      depth.set(root, 0);
      const queue = [root];
      while (queue.length) {
        const u = queue.shift();
        children.set(u, []);
        for (const v of adjacent.get(u)) {
          if (!depth.has(v)) { depth.set(v, depth.get(u) + 1); children.get(u).push(v); queue.push(v); }
        }
      }
      const place = (u) => {
        const c = children.get(u);
        if (c.length === 0) { pos.set(u, nextRow++); return pos.get(u); }
        const ys = c.map(place);
        pos.set(u, (ys[0] + ys[ys.length - 1]) / 2);
        return pos.get(u);
      };
      place(root);
      nextRow += 0.5;
    }
    const maxDepth = Math.max(1, ...depth.values());
    return { x: (id) => depth.get(id) / maxDepth, y: (id) => pos.get(id) / Math.max(1, nextRow - 1), rows: nextRow };
  }

  function gridMap(grid, slotIndex) {
    const slot = grid.slots[slotIndex];
    const buses = slot.buses || [];
    const branches = slot.branches || [];
    const l = layout(buses, branches);
    const width = 900, rowHeight = 22, height = Math.max(200, l.rows * rowHeight + 40), pad = 30;
    const X = (id) => pad + l.x(id) * (width - 2 * pad);
    const Y = (id) => pad + l.y(id) * (height - 2 * pad);
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('class', 'map');
    svg.setAttribute('id', 'grid-map');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-labelledby', 'grid-map-title');
    const title = document.createElementNS(ns, 'title');
    title.id = 'grid-map-title';
    title.textContent = `Grid of ${grid.market_id}, slot ${slot.slot}: ${buses.length} buses coloured by voltage, ${branches.length} branches coloured by loading`;
    svg.append(title);
    const known = new Set(buses.map((b) => String(b.bus)));
    for (const br of branches) {
      const f = String(br.from_bus), t = String(br.to_bus);
      if (!known.has(f) || !known.has(t)) continue;
      const line = document.createElementNS(ns, 'line');
      line.setAttribute('x1', X(f)); line.setAttribute('y1', Y(f)); line.setAttribute('x2', X(t)); line.setAttribute('y2', Y(t));
      line.setAttribute('stroke', band(loadingBands, br.loading_percent).colour);
      line.setAttribute('stroke-width', '3');
      line.setAttribute('class', 'branch');
      const tip = document.createElementNS(ns, 'title');
      tip.textContent = `Branch ${br.branch} (${f}–${t}): loading ${br.loading_percent === null ? 'unknown' : fmt.pct.format(br.loading_percent) + ' %'}`;
      line.append(tip);
      svg.append(line);
    }
    for (const b of buses) {
      const id = String(b.bus);
      const c = document.createElementNS(ns, 'circle');
      c.setAttribute('cx', X(id)); c.setAttribute('cy', Y(id)); c.setAttribute('r', '7');
      c.setAttribute('fill', band(voltageBands, b.vm_pu).colour);
      c.setAttribute('stroke', '#111');
      c.setAttribute('class', 'bus');
      c.setAttribute('data-bus', id);
      const tip = document.createElementNS(ns, 'title');
      tip.textContent = `Bus ${id}: ${b.vm_pu === null ? 'unknown' : fmt.pu.format(b.vm_pu) + ' pu'}`;
      c.append(tip);
      svg.append(c);
    }
    return svg;
  }

  function legend(title, bands) {
    return el('div', {}, el('p', { class: 'note' }, title),
      el('ul', { class: 'legend' }, bands.map((b) => el('li', { style: `--c: ${b.colour}` }, b.label))));
  }

  async function viewDso() {
    main.replaceChildren(el('h1', {}, 'DSO: grid and flexibility'));
    const refusal = needs(['dso', 'operator'], 'This view');
    if (refusal) { main.append(refusal); return; }
    const { markets } = await api('/v1/markets');
    if (markets.length === 0) { main.append(el('p', { class: 'note' }, 'No market yet.')); return; }
    const pick = el('select', { id: 'dso-market' }, markets.map((m) => el('option', { value: m.market_id }, `${m.market_id} (${m.mechanism})`)));
    const body = el('div', { id: 'dso-body' });
    main.append(el('p', {}, el('label', { for: 'dso-market' }, 'Market '), pick), body);
    const show = async () => {
      const m = markets.find((x) => x.market_id === pick.value);
      body.replaceChildren();
      if (m.mechanism === 'flexibility') { await showFlex(m, body); return; }
      let grid;
      try {
        grid = await api(`/v1/markets/${encodeURIComponent(m.market_id)}/grid`);
      } catch (e) {
        body.append(el('p', { class: 'note', id: 'grid-note' }, 'No grid view: ' + e.message));
        return;
      }
      const slider = el('input', { id: 'grid-slot', type: 'range', min: 0, max: grid.slots.length - 1, value: 0, step: 1, 'aria-valuetext': 'slot 0' });
      const slotLabel = el('output', { id: 'grid-slot-value', for: 'grid-slot' }, '0');
      const holder = el('div', { id: 'grid-map-holder' });
      const busColumns = [
        { key: 'bus', label: 'Bus' },
        { key: 'vm_pu', label: 'Voltage (pu)', num: true, format: fmt.pu },
        { label: 'Band', cell: (b) => band(voltageBands, b.vm_pu).label },
      ];
      const summary = el('p', { id: 'grid-summary' });
      const busTable = table('grid-buses', 'Bus voltages in the slot', busColumns, []);
      const draw = () => {
        const i = Number(slider.value);
        const s = grid.slots[i];
        slotLabel.textContent = `${s.slot} (${s.delivery_start})`;
        slider.setAttribute('aria-valuetext', `slot ${s.slot}, ${s.delivery_start}`);
        holder.replaceChildren(gridMap(grid, i));
        summary.textContent = `Power flow ${s.power_flow_status}; voltage ${fmt.pu.format(s.vm_min_pu)}–${fmt.pu.format(s.vm_max_pu)} pu (lowest at bus ${s.vm_min_bus}); highest loading ${fmt.pct.format(s.max_loading_percent)} %; losses ${fmt.kwh.format(s.total_losses_kw)} kW; ${s.violations.length} violation(s).`;
        fillRows(document.getElementById('grid-buses-body'), busColumns, s.buses || []);
      };
      slider.addEventListener('input', draw);
      body.append(
        el('p', {}, el('label', { for: 'grid-slot' }, 'Slot '), slider, ' ', slotLabel),
        summary,
        el('div', { class: 'grid2' }, legend('Bus voltage', voltageBands), legend('Branch loading', loadingBands)),
        holder,
        el('details', {}, el('summary', {}, 'Bus voltages as a table'), busTable),
      );
      draw();
    };
    pick.addEventListener('change', () => show().catch((e) => say(e.message, true)));
    await show();
  }

  async function showFlex(market, body) {
    const flex = await api(`/v1/markets/${encodeURIComponent(market.market_id)}/flex`);
    const columnsOf = (rows) => {
      const keys = [];
      for (const r of rows.slice(0, 20)) {
        for (const [k, v] of Object.entries(r)) if (!keys.includes(k) && (v === null || typeof v !== 'object')) keys.push(k);
      }
      return keys.map((k) => ({ key: k, label: k.replace(/_/g, ' '), num: rows.some((r) => typeof r[k] === 'number') }));
    };
    for (const [name, caption] of [['congestion_points', 'Congestion points'], ['requests', 'Flexibility requests'], ['offers', 'Flexibility offers'], ['orders', 'Flexibility orders']]) {
      const rows = flex[name] || [];
      body.append(section(caption, table('flex-' + name, caption, columnsOf(rows), rows)));
    }
  }

  async function verifyHead(head) {
    if (!window.isSecureContext || !crypto.subtle) return 'not checked: the browser verifies signatures only over HTTPS or on localhost';
    const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    // The signed statement: canonical JSON of {hash, sequence, time, type} (keys sorted, no spaces), docs/ledger.md.
    const statement = JSON.stringify({ hash: head.hash, sequence: head.seq, time: head.time, type: 'lem.ledger.head' });
    try {
      const key = await crypto.subtle.importKey('raw', bytes(head.public_key), { name: 'Ed25519' }, false, ['verify']);
      const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, bytes(head.signature), new TextEncoder().encode(statement));
      return ok ? 'valid' : 'INVALID';
    } catch (e) {
      return 'not checked: ' + e.message;
    }
  }

  async function viewOperator() {
    main.replaceChildren(el('h1', {}, 'Operator'));
    const refusal = needs(['operator'], 'This view');
    if (refusal) { main.append(refusal); return; }
    const participantColumns = [
      { key: 'participant_id', label: 'Participant' },
      { key: 'role', label: 'Role' },
      { key: 'registered_at', label: 'Registered (UTC)' },
      { label: 'Signs orders', cell: (p) => (p.signs_orders ? 'yes' : 'no') },
    ];
    const closureColumns = [
      { key: 'market_id', label: 'Market' },
      { key: 'slot', label: 'Slot', num: true },
      { key: 'closed_at', label: 'Closed at (UTC)' },
      { key: 'price_eur_per_mwh', label: 'Price (EUR/MWh)', num: true, format: fmt.price },
      { key: 'volume_kwh', label: 'Volume (kWh)', num: true, format: fmt.kwh },
      { key: 'trade_count', label: 'Trades', num: true },
      { label: 'Merkle root', cell: (g) => (g.merkle_root ? el('abbr', { title: g.merkle_root, class: 'hash' }, g.merkle_root.slice(0, 16) + '…') : null) },
    ];
    const closures = async () => {
      const { markets } = await api('/v1/markets');
      const all = await Promise.all(markets.map((m) => api(`/v1/markets/${encodeURIComponent(m.market_id)}/prices`)));
      return all.flatMap((p) => p.slots).sort((a, b) => (a.closed_at < b.closed_at ? 1 : a.closed_at > b.closed_at ? -1 : 0));
    };
    const headView = el('dl', { id: 'ledger-head' });
    const showHead = async () => {
      const [head, health] = await Promise.all([api('/v1/ledger/head'), api('/v1/health')]);
      const verdict = await verifyHead(head);
      const sameKey = head.public_key === health.server_public_key;
      headView.replaceChildren(
        el('dt', {}, 'Sequence'), el('dd', { id: 'head-seq' }, String(head.seq)),
        el('dt', {}, 'Hash'), el('dd', { class: 'hash' }, head.hash),
        el('dt', {}, 'Time'), el('dd', {}, head.time || '—'),
        el('dt', {}, 'Server public key'), el('dd', { class: 'hash' }, head.public_key, sameKey ? '' : ' (differs from /v1/health!)'),
        el('dt', {}, 'Signature'), el('dd', { id: 'head-verified', class: verdict === 'valid' ? 'ok' : verdict === 'INVALID' ? 'bad' : null }, verdict),
      );
    };
    const run = el('button', { type: 'button', id: 'run-gate-closures' }, 'Run due gate closures');
    run.addEventListener('click', async () => {
      try {
        const r = await api('/v1/gate-closures/run', { method: 'POST' });
        say('Gate closures run: ' + JSON.stringify(r));
        refresh();
      } catch (e) {
        say('Gate closures failed: ' + e.message, true);
      }
    });
    const [participants, closed] = await Promise.all([api('/v1/participants'), closures()]);
    main.append(
      section('Participants', table('participants', 'Registered participants and DSOs', participantColumns, participants.participants)),
      section('Gate closures', el('p', {}, run), table('gate-closures', 'Closed slots, newest first', closureColumns, closed, { empty: 'No gate has closed yet.', tall: true })),
      section('Ledger', el('p', { class: 'note' }, 'The signed head of the hash-chained ledger; its Ed25519 signature is verified here in the browser. `lem ledger verify` checks the whole chain against a store.'), headView),
    );
    await showHead();
    const refresh = debounce(async () => {
      fillRows(document.getElementById('gate-closures-body'), closureColumns, await closures(), 'No gate has closed yet.');
      await showHead();
    }, 200);
    state.onEvent = () => refresh();
  }

  // ---- router --------------------------------------------------------------------------------------------------------

  let rendering = 0;
  async function render() {
    const ticket = ++rendering;
    state.onEvent = null;
    state.charts = [];
    const hash = location.hash || '#/markets';
    const [, view, arg] = hash.split('/');
    for (const a of document.querySelectorAll('nav a')) {
      if (a.dataset.view === (view === 'market' ? 'markets' : view)) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    const views = { markets: viewMarkets, market: () => viewMarket(decodeURIComponent(arg || '')), participant: viewParticipant, dso: viewDso, operator: viewOperator };
    const titles = { markets: 'Markets', market: 'Market ' + decodeURIComponent(arg || ''), participant: 'My account', dso: 'DSO', operator: 'Operator' };
    document.title = (titles[view] || 'Markets') + ' – Lem market dashboard';
    main.dataset.ready = 'false';
    try {
      await (views[view] || viewMarkets)();
    } catch (e) {
      if (ticket === rendering) main.replaceChildren(el('h1', {}, 'Something went wrong'), el('p', { class: 'bad' }, e.message));
    }
    if (ticket === rendering) main.dataset.ready = 'true';
  }

  window.addEventListener('hashchange', () => { render(); main.focus(); });
  window.addEventListener('resize', debounce(() => state.charts.forEach((f) => f()), 150));

  (async () => {
    await whoAmI();
    showSignIn();
    connectStream();
    await render();
  })();
})();
