// Daihuo storefront: renders the room from Server-Sent Events, acts over fetch. No build step, no framework.
(() => {
  const $ = id => document.getElementById(id);
  const room = document.querySelector('.room').dataset.room;
  const T = JSON.parse($('texts').textContent);
  const shelf = $('shelf');
  const sheet = $('sheet');
  const form = $('buy-form');
  const message = $('sheet-message');
  let state = null;
  let skew = 0;            // server clock minus this phone's clock, for countdowns
  let product = null;      // the offers (SKUs) of the product being bought
  let current = null;      // the chosen offer
  let pendingKey = null;   // reused on retry of the same purchase, new for a new purchase
  let bagMode = false;     // the sheet checks out the bag (several offers at once) instead of one offer
  const bagKey = 'daihuo.bag.' + room;
  let bag = JSON.parse(localStorage.getItem(bagKey) || '[]');   // [{ offerId, quantity }]
  let identified = localStorage.getItem('daihuo.identified') === '1';
  let following = localStorage.getItem('daihuo.follow.' + room) === '1';
  const source = new URLSearchParams(location.search).get('src') || '';
  let mine = [];           // this viewer's own comments: { seq, name, text, at }
  const myCodes = {};      // lottery id -> { code, won } once fetched

  const yuan = fen => '¥' + (fen / 100).toFixed(2);
  const fmt = (text, ...args) => args.reduce((s, a, i) => s.replace('{' + i + '}', a), text);
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const now = () => Date.now() + skew;
  const clock = ms => {
    const s = Math.max(0, Math.floor(ms / 1000));
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
    return (h ? h + ':' + String(m).padStart(2, '0') : String(m).padStart(2, '0')) + ':' + String(sec).padStart(2, '0');
  };
  const toast = text => { const t = $('toast'); t.textContent = text; t.hidden = false; clearTimeout(toast.timer); toast.timer = setTimeout(() => { t.hidden = true; }, 2500); };
  const post = (url, body, headers = {}) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  // A flash sale's phase: before its start, during its countdown, over.
  function flash(o) {
    if (!o.flashStartsAt) return null;
    const start = Date.parse(o.flashStartsAt), end = Date.parse(o.flashEndsAt), t = now();
    if (t < start) return { phase: 'soon', text: fmt(T['store.starts_in'], clock(start - t)) };
    if (t < end) return { phase: 'on', text: fmt(T['store.ends_in'], clock(end - t)) };
    return { phase: 'over', text: T['store.flash_over'] };
  }

  // Offers of one product (its SKUs) share a card; a flash sale is a card of its own. The pinned one leads.
  function cards() {
    const groups = new Map();
    for (const o of state.offers) {
      const key = o.flashStartsAt ? 'flash:' + o.offerId : o.productId;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(o);
    }
    const list = [...groups.values()];
    const pinned = list.findIndex(g => g.some(o => o.offerId === state.pinnedOfferId));
    if (pinned > 0) list.unshift(list.splice(pinned, 1)[0]);
    return list;
  }

  function card(offers) {
    const o = offers[0];
    const pinned = offers.some(x => x.offerId === state.pinnedOfferId);
    const remaining = offers.reduce((n, x) => n + x.remaining, 0);
    const allocated = offers.reduce((n, x) => n + x.allocated, 0);
    const percent = allocated ? Math.floor((allocated - remaining) * 100 / allocated) : 0;
    const low = Math.min(...offers.map(x => x.price));
    const f = flash(o);
    const selling = (state.status === 'Live' || state.status === 'Rehearsal') && remaining > 0 && (!f || f.phase === 'on');
    const variants = offers.length > 1 ? offers.map(x => [x.colour, x.size].filter(Boolean).join(' ')).join(' / ') : [o.colour, o.size].filter(Boolean).join(' · ');
    return `
      <article class="card${pinned ? ' pinned' : ''}${f ? ' flash' : ''}" data-offers="${offers.map(x => x.offerId).join(',')}" data-testid="offer" ${pinned ? 'data-pinned="true"' : ''}>
        ${o.imageUrl ? `<img src="${esc(o.imageUrl)}" alt="" loading="lazy">` : '<div class="img"></div>'}
        <div class="info">
          <p class="tags">${pinned ? `<span class="tag hot" data-testid="pinned-tag">${esc(T['store.pinned'])}</span>` : ''}${f ? `<span class="tag flash">${esc(T['store.flash'])}</span>` : ''}</p>
          <h3>${esc(o.name)}</h3>
          <p class="variant">${esc(variants)}</p>
          <p class="prices"><b data-testid="offer-price">${yuan(low)}</b> <s>${yuan(o.listPrice)}</s></p>
          ${f ? `<p class="countdown ${f.phase}" data-testid="countdown" data-ends="${esc(o.flashEndsAt)}" data-starts="${esc(o.flashStartsAt)}">${esc(f.text)}</p>` : ''}
          <div class="bar"><span style="width:${percent}%"></span></div>
          <p class="stock" data-testid="offer-remaining" data-remaining="${remaining}">${remaining > 0 ? fmt(T['store.only_left'], remaining) : T['store.sold_out']} · ${fmt(T['store.sold_percent'], percent)}</p>
        </div>
        <button class="buy" data-testid="offer-buy" ${selling ? '' : 'disabled'}>${remaining > 0 ? esc(T['store.buy']) : esc(T['store.sold_out'])}</button>
      </article>`;
  }

  const GIFT = '<svg class="gift" viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M20 7h-2.2A3 3 0 0 0 12 3.8 3 3 0 0 0 6.2 7H4a1 1 0 0 0-1 1v3a1 1 0 0 0 1 1h1v8a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-8h1a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1Zm-5-2a1 1 0 1 1 0 2h-2V6a1 1 0 0 1 2-1ZM9 5a1 1 0 0 1 2 1v1H9a1 1 0 0 1 0-2Zm2 15H7v-8h4Zm0-10H5V9h6Zm6 10h-4v-8h4Zm2-10h-6V9h6Z"/></svg>';

  // Lotteries: the open one with its countdown, how to enter and its commitment; a drawn one with its winners. Both link to the public check.
  function lotteries() {
    const box = $('lotteries');
    const items = state.lotteries || [];
    box.hidden = items.length === 0;
    box.innerHTML = items.map(l => {
      const how = [];
      if (l.keyword) how.push(fmt(T['lottery.keyword'], l.keyword));
      if (l.mustFollow) how.push(T['lottery.must_follow']);
      if (l.watchMinutes) how.push(fmt(T['lottery.watch_minutes'], l.watchMinutes));
      if (l.mustHaveBought) how.push(T['lottery.must_have_bought']);
      const me = myCodes[l.id];
      if (identified && !me) { myCodes[l.id] = {}; fetch(`/api/storefront/lotteries/${l.id}/me`).then(r => r.ok ? r.json() : null).then(x => { if (x) { myCodes[l.id] = x; render(); } }); }
      const left = Date.parse(l.drawAt) - now();
      const line = l.status === 'drawn'
        ? (me && me.won ? `<span class="countdown" data-testid="lottery-you-won">${esc(T['store.lottery_you_won'])}</span> ` : '')
          + esc(T['store.lottery_winners']) + ' ' + (l.winners.length ? l.winners.map(w => esc(w.name)).join('、') : esc(T['store.lottery_no_winner']))
        : `<span class="countdown" data-testid="lottery-countdown">${esc(left > 0 ? fmt(T['store.lottery_draw_in'], clock(left)) : T['store.lottery_drawing'])}</span> · ${esc(how.join(' · ') || T['lottery.anyone'])}`;
      return `<div class="lottery" data-testid="lottery" data-status="${l.status}" data-id="${l.id}">${GIFT}
        <div class="lottery-body"><b>${esc(l.prize)} × ${l.quantity}</b><span>${line}</span>
        <small data-testid="lottery-commitment">${esc(T['store.lottery_commitment'])} ${esc(l.commitment.slice(0, 16))}…${me && me.code ? ' · ' + esc(fmt(T['store.lottery_your_code'], me.code)) : ''}</small></div>
        <a href="/lottery/${l.id}" target="_blank" data-testid="lottery-verify">${esc(T['store.lottery_verify'])}</a></div>`;
    }).join('');
  }

  function render() {
    if (!state) return;
    const badge = $('status');
    badge.textContent = T['stage.' + state.status] || badge.textContent;
    badge.dataset.status = state.status;
    $('test-banner').hidden = !state.test;
    $('online').textContent = fmt(T['store.online'], state.counts.online);
    $('likes').textContent = state.counts.likes ? ' ' + fmt(T['store.likes'], state.counts.likes) : '';
    shelf.innerHTML = state.offers.length ? cards().map(card).join('') : `<p class="empty">${esc(T['store.empty_shelf'])}</p>`;
    // The room's comments, and this viewer's own until the room shows them (a held or hidden one stays visible to its writer only).
    const shown = new Set(state.comments.map(c => c.seq));
    mine = mine.filter(m => !shown.has(m.seq) && Date.now() - m.at < 120000);
    const list = [...state.comments.map(c => ({ ...c, mine: false })), ...mine.map(m => ({ name: m.name, text: m.text, mine: true, seq: m.seq }))]
      .sort((a, b) => a.seq - b.seq).slice(-8);
    $('comments').innerHTML = list.map(c => `<li class="${c.mine ? 'mine' : ''}${c.staff ? ' staff' : ''}" data-testid="comment" data-seq="${c.seq}"><b>${esc(c.name)}</b> ${esc(c.text)}</li>`).join('');
    lotteries();
    switchLine(state.onBackupStream ? 1 : 0);
  }

  // Countdowns tick on the phone between updates; the server's time (sent with each update) corrects the phone's clock.
  setInterval(() => {
    document.querySelectorAll('[data-testid=countdown]').forEach(el => {
      const f = flash({ flashStartsAt: el.dataset.starts, flashEndsAt: el.dataset.ends });
      if (el.textContent !== f.text) el.textContent = f.text;
      if (!el.classList.contains(f.phase)) render();
    });
    if (state && (state.lotteries || []).some(l => l.status === 'open')) lotteries();   // the draw's countdown
  }, 1000);

  shelf.addEventListener('click', e => {
    const button = e.target.closest('button.buy');
    if (!button) return;
    const ids = button.closest('.card').dataset.offers.split(',');
    product = state.offers.filter(o => ids.includes(o.offerId));
    setBagMode(false);
    choose(product.find(o => o.remaining > 0) || product[0]);
    pendingKey = null;
    $('identify').hidden = identified;
    $('skus').innerHTML = product.length > 1 ? product.map(o =>
      `<button type="button" class="sku" data-offer="${o.offerId}" ${o.remaining > 0 ? '' : 'disabled'} data-testid="sku-option">${esc([o.colour, o.size].filter(Boolean).join(' ') || o.skuCode)}</button>`).join('') : '';
    markSku();
    message.className = 'sheet-message';
    sheet.hidden = false;
    post(`/api/storefront/rooms/${room}/interactions`, { kind: 'click', offerId: current.offerId }).catch(() => {});
  });

  // The checkout quote: what this line costs with the room's promotions and the buyer's coupons, line by line.
  let quoteSeq = 0;
  async function quote() {
    const box = $('quote');
    const seq = ++quoteSeq;   // answers can arrive out of order: only the latest request may draw
    if (bagMode ? bag.length === 0 : !current) { box.innerHTML = ''; return; }
    const q = Math.max(1, Number(form.quantity.value) || 1);
    const r = bagMode
      ? await post(`/api/storefront/rooms/${room}/quote`, { lines: bag })
      : await fetch(`/api/storefront/offers/${current.offerId}/quote?quantity=${q}`);
    if (seq !== quoteSeq) return;
    if (!r.ok) { box.innerHTML = ''; return; }
    const p = await r.json();
    if (seq !== quoteSeq) return;
    if (bagMode) drawBag(p.lines);
    box.innerHTML = (p.breakdown.length ? `<p class="quote-title">${esc(T['store.price_breakdown'])}</p><ul>${p.breakdown.map(l => `<li data-testid="quote-line">${esc(l)}</li>`).join('')}</ul>` : '') +
      `<p class="quote-total">${esc(T['store.to_pay'])} <b data-testid="quote-total">${yuan(p.total)}</b>${p.discount ? ` <s>${yuan(p.subtotal)}</s>` : ''}</p>`;
  }
  form.quantity.addEventListener('input', () => { pendingKey = null; quote(); });

  // Coupons of the room: claim one (identified viewers), then it prices the next order.
  async function coupons() {
    const r = await fetch(`/api/storefront/rooms/${room}/coupons`);
    const list = r.ok ? await r.json() : [];
    const box = $('coupons');
    box.hidden = list.length === 0;
    box.innerHTML = list.map(c => `
      <div class="coupon" data-testid="coupon">
        <b>${c.amountOff ? yuan(c.amountOff) : c.percentOff + '%'}</b>
        <span>${esc(c.name)}<small>${c.minSpend ? esc(fmt(T['store.coupon_min'], (c.minSpend / 100).toFixed(2))) + ' · ' : ''}${esc(fmt(T['store.coupon_left'], c.remaining))}</small></span>
        <button type="button" data-coupon="${c.couponId}" data-scope="${c.scope}" data-testid="coupon-claim" ${c.held || c.remaining <= 0 ? 'disabled' : ''}>${esc(c.held ? T['store.claimed'] : c.scope === 'newfollower' ? T['store.follow_to_claim'] : T['store.claim'])}</button>
      </div>`).join('');
  }
  $('coupons').addEventListener('click', async e => {
    const b = e.target.closest('button[data-coupon]');
    if (!b) return;
    if (!identified) return askIdentity();
    if (b.dataset.scope === 'newfollower') { await follow(); return coupons(); }   // given for following the room
    const r = await fetch(`/api/storefront/coupons/${b.dataset.coupon}/claim`, { method: 'POST' });
    if (r.status === 401) { identified = false; return askIdentity(); }
    if (!r.ok) { const p = await r.json(); toast(p.errors ? Object.values(p.errors).flat().join(' ') : p.title); }
    coupons();
  });
  coupons();

  function choose(offer) {
    current = offer;
    pendingKey = null;
    quote();
    $('sheet-title').textContent = current.name + ' · ' + yuan(current.price);
    form.quantity.max = current.perBuyerLimit || '';
    message.textContent = current.perBuyerLimit ? fmt(T['store.per_buyer'], current.perBuyerLimit) : '';
  }
  function markSku() { document.querySelectorAll('.sku').forEach(b => b.classList.toggle('on', b.dataset.offer === current.offerId)); }
  $('skus').addEventListener('click', e => {
    const b = e.target.closest('button.sku');
    if (b) { choose(product.find(o => o.offerId === b.dataset.offer)); markSku(); }
  });
  $('sheet-cancel').addEventListener('click', () => { sheet.hidden = true; });
  message.addEventListener('click', async e => {
    const pay = e.target.closest('button.pay');
    if (!pay) return;
    const r = await fetch(`/api/storefront/orders/${pay.dataset.order}/payment`, { method: 'POST' });
    if (r.ok) { location.href = (await r.json()).payUrl; } else { show(await r.json()); }
  });

  async function identify() {
    if (identified) return true;
    const r = await post('/api/storefront/identify', { phone: form.phone.value, nickname: form.nickname.value });
    if (!r.ok) { show(await r.json()); return false; }
    identified = true;
    localStorage.setItem('daihuo.identified', '1');
    localStorage.setItem('daihuo.nickname', form.nickname.value.trim());
    coupons();
    $('identify').hidden = true;
    if (!form.shipPhone.value) form.shipPhone.value = form.phone.value;
    if (!form.shipName.value) form.shipName.value = form.nickname.value;
    return true;
  }

  form.addEventListener('submit', async e => {
    e.preventDefault();
    const submit = $('sheet-submit');
    submit.disabled = true;
    try {
      if (!await identify()) return;
      if (!product && !bagMode) { sheet.hidden = true; return; }   // identified to comment
      const ship = { shipName: form.shipName.value, shipPhone: form.shipPhone.value, shipAddress: form.shipAddress.value };
      const body = bagMode ? { lines: bag, ...ship } : { quantity: Number(form.quantity.value), ...ship };
      const url = bagMode ? `/api/storefront/rooms/${room}/checkouts` : `/api/storefront/offers/${current.offerId}/orders`;
      const bodyText = JSON.stringify(body);
      if (!pendingKey || pendingKey.body !== bodyText) pendingKey = { key: crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random(), body: bodyText };
      for (let attempt = 0; attempt < 5; attempt++) {
        const r = await fetch(url, {
          method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': pendingKey.key }, body: bodyText
        });
        if (r.status === 503 || r.status === 409 && (await r.clone().json()).code === 'idempotency_in_flight') {
          await new Promise(res => setTimeout(res, 400 * (attempt + 1)));   // same key: never a second order
          continue;
        }
        const result = await r.json();
        if (r.ok) {
          // A bag answers with its lines (paid together through the first); a single order answers with itself.
          const first = result.orders ? result.orders[0] : result;
          const id = result.checkoutId || result.orderId;
          message.className = 'sheet-message ok';
          message.innerHTML = `<b>${esc(T['store.accepted'])}</b>${first.status === 'test' ? ` <span class="tag">${esc(T['store.test_order'])}</span>` : ''}<br>` +
            `${esc(T['store.order_no'])} ${esc(id.slice(-12).toUpperCase())} · ${esc(T['store.total'])} ${yuan(result.total)}` +
            `<br><button type="button" class="pay" data-order="${esc(first.orderId)}" data-testid="pay-link">${esc(T['store.pay'])}</button>`;
          pendingKey = null;
          if (bagMode) { bag = []; saveBag(); $('bag-lines').innerHTML = ''; $('quote').innerHTML = ''; }
          return;
        }
        if (bagMode) pendingKey = null;   // a refused bag is abandoned as a whole: the next try is a new checkout
        return show(result);
      }
    } catch {
      message.className = 'sheet-message error';
      message.textContent = T['store.failed'];
    } finally {
      submit.disabled = false;
    }
  });

  function show(problem) {
    message.className = 'sheet-message error';
    const errors = problem.errors ? Object.values(problem.errors).flat() : [];
    message.textContent = errors.length ? errors.join(' ') : (problem.detail || problem.title || T['store.failed']);
  }

  // Asking to identify outside a purchase (to comment): the same sheet, without the purchase fields.
  function askIdentity() {
    product = null;
    setBagMode(false);
    $('sheet-add').hidden = true;
    $('sheet-title').textContent = T['store.identify.title'];
    $('identify').hidden = false;
    $('buy-fields').hidden = true;
    message.textContent = '';
    sheet.hidden = false;
  }
  document.addEventListener('click', e => { if (e.target.closest('button.buy')) $('buy-fields').hidden = false; }, true);

  // The bag: offers added from the sheet, checked out together so thresholds and coupons count the whole cart.
  function saveBag() {
    localStorage.setItem(bagKey, JSON.stringify(bag));
    const n = bag.reduce((sum, l) => sum + l.quantity, 0);
    $('bag-count').textContent = n;
    $('bag-open').hidden = n === 0;
  }
  function setBagMode(on) {
    bagMode = on;
    $('skus').hidden = on;
    $('quantity-field').hidden = on;
    $('bag-lines').hidden = !on;
    $('sheet-add').hidden = on;
  }
  function drawBag(priced) {
    const offers = new Map((state?.offers || []).map(o => [o.offerId, o]));
    $('bag-lines').innerHTML = bag.map((l, i) => {
      const o = offers.get(l.offerId) || { name: '…' };
      const amount = priced && priced[i] ? priced[i].amount : null;
      return `<li data-testid="bag-line"><div><b>${esc(o.name)}</b> <span class="variant">${esc([o.colour, o.size].filter(Boolean).join(' '))} × ${l.quantity}</span></div>
        <div>${amount !== null ? `<b data-testid="bag-line-amount">${yuan(amount)}</b>` : ''} <button type="button" class="ghost small" data-remove="${i}" aria-label="${esc(T['store.bag_remove'])}">×</button></div></li>`;
    }).join('');
  }
  $('sheet-add').addEventListener('click', () => {
    if (!current) return;
    const quantity = Math.max(1, Number(form.quantity.value) || 1);
    const line = bag.find(l => l.offerId === current.offerId);
    if (line) line.quantity += quantity; else bag.push({ offerId: current.offerId, quantity });
    saveBag();
    sheet.hidden = true;
    toast(fmt(T['store.bag_added'], current.name));
  });
  $('bag-open').addEventListener('click', () => {
    product = null;
    current = null;
    setBagMode(true);
    pendingKey = null;
    $('sheet-title').textContent = T['store.bag'];
    $('identify').hidden = identified;
    $('buy-fields').hidden = false;
    message.className = 'sheet-message';
    message.textContent = '';
    drawBag(null);
    quote();
    sheet.hidden = false;
  });
  $('bag-lines').addEventListener('click', e => {
    const b = e.target.closest('button[data-remove]');
    if (!b) return;
    bag.splice(Number(b.dataset.remove), 1);
    saveBag();
    pendingKey = null;
    if (bag.length === 0) { sheet.hidden = true; return; }
    drawBag(null);
    quote();
  });
  saveBag();

  // Comments, likes (taps batched into one request a second), follow and share.
  $('say').addEventListener('submit', async e => {
    e.preventDefault();
    const input = e.target.text;
    if (!input.value.trim()) return;
    if (!identified) return askIdentity();
    const text = input.value.trim();
    const r = await post(`/api/storefront/rooms/${room}/comments`, { text });
    if (r.ok) { mine.push({ seq: (await r.json()).seq, name: localStorage.getItem('daihuo.nickname') || '', text, at: Date.now() }); input.value = ''; render(); } else if (r.status === 401) { identified = false; askIdentity(); } else { const p = await r.json(); toast(p.errors ? Object.values(p.errors).flat().join(' ') : p.title); }
  });
  let taps = 0;
  $('like').addEventListener('click', e => {
    taps++;
    const heart = document.createElement('span');
    heart.className = 'heart';
    heart.textContent = '♥';
    e.currentTarget.appendChild(heart);
    setTimeout(() => heart.remove(), 900);
  });
  setInterval(() => { if (taps) { const n = Math.min(taps, 100); taps -= n; post(`/api/storefront/rooms/${room}/interactions`, { kind: 'like', count: n }).catch(() => {}); } }, 1000);
  const followButton = $('follow');
  const showFollow = () => { followButton.textContent = following ? T['store.following'] : T['store.follow']; followButton.classList.toggle('on', following); };
  async function follow() {
    const r = await post(`/api/storefront/rooms/${room}/interactions`, { kind: 'follow' });
    if (r.ok) { following = true; localStorage.setItem('daihuo.follow.' + room, '1'); showFollow(); coupons(); }
  }
  followButton.addEventListener('click', () => { if (!following) follow(); });
  showFollow();
  $('share').addEventListener('click', async () => {
    const link = `${location.origin}/live/${room}?src=share`;
    post(`/api/storefront/rooms/${room}/interactions`, { kind: 'share', source: source || 'direct' }).catch(() => {});
    try { if (navigator.share) { await navigator.share({ title: document.title, url: link }); return; } await navigator.clipboard.writeText(link); } catch { /* the toast still shows the link */ }
    toast(T['store.shared'] + ' ' + link);
  });

  // My orders: this buyer's orders in this room, with their status.
  $('my-orders').addEventListener('click', async () => {
    if (!identified) return askIdentity();
    const r = await fetch(`/api/storefront/rooms/${room}/orders`);
    if (r.status === 401) { identified = false; return askIdentity(); }
    const orders = r.ok ? await r.json() : [];
    // A checkout's lines are paid together: one pay button, on its first line, for the sum.
    const groups = new Map();
    for (const o of orders) if (o.checkoutId) groups.set(o.checkoutId, (groups.get(o.checkoutId) || 0) + o.total);
    const paid = new Set();
    const payButton = o => {
      if (o.status !== 'placed') return '';
      if (!o.checkoutId) return `<button type="button" class="pay" data-order="${o.orderId}">${esc(T['store.pay'])}</button>`;
      if (paid.has(o.checkoutId)) return `<span class="variant">${esc(T['store.bag_paid_together'])}</span>`;
      paid.add(o.checkoutId);
      return `<button type="button" class="pay" data-order="${o.orderId}">${esc(T['store.pay'])} ${yuan(groups.get(o.checkoutId))}</button>`;
    };
    $('orders').innerHTML = orders.length ? orders.map(o => `
      <li data-testid="my-order" data-status="${o.status}" data-test="${o.test}"><div><b>${esc(o.name)}</b> <span class="variant">${esc(o.variant)} × ${o.quantity}</span>${o.test ? ` <span class="tag">${esc(T['store.test_order'])}</span>` : ''}</div>
      <div><span class="status ${o.status}">${esc(T['store.status.' + o.status] || o.status)}</span> <b>${yuan(o.total)}</b>
      ${o.refunded ? `<span class="status refunded" data-testid="my-order-refunded">${esc(fmt(T['store.refunded'], yuan(o.refunded)))}</span>` : ''}
      ${payButton(o)}</div></li>`).join('') : `<li class="empty">${esc(T['store.no_orders'])}</li>`;
    $('orders-sheet').hidden = false;
  });
  $('orders-close').addEventListener('click', () => { $('orders-sheet').hidden = true; });
  $('orders').addEventListener('click', async e => {
    const pay = e.target.closest('button.pay');
    if (!pay) return;
    const r = await fetch(`/api/storefront/orders/${pay.dataset.order}/payment`, { method: 'POST' });
    if (r.ok) location.href = (await r.json()).payUrl;
  });

  // The stream: play the primary line, fall over to the backup when it stalls or fails, or when the console switches.
  const video = $('stream');
  const lines = [video.dataset.primary, video.dataset.backup];
  let line = -1;
  function switchLine(to) {
    if (!lines[to] || line === to) return;
    line = to;
    $('line-badge').hidden = to === 0;
    video.src = lines[to];
    video.play().catch(() => {});
  }
  const failover = () => { if (line === 0 && lines[1]) switchLine(1); };
  video.addEventListener('error', failover);
  video.addEventListener('stalled', () => setTimeout(() => { if (video.readyState < 3) failover(); }, 4000));
  if (!lines[0] && !lines[1]) {
    video.removeAttribute('controls');
    video.closest('.player').classList.add('no-stream');
  } else {
    switchLine(lines[0] ? 0 : 1);
  }

  // Live updates over Server-Sent Events (the browser reconnects by itself).
  const events = new EventSource(`/live/${room}/events${source ? '?src=' + encodeURIComponent(source) : ''}`);
  let couponKey = '';
  events.addEventListener('room', e => {
    state = JSON.parse(e.data);
    const key = (state.coupons || []).map(c => c.couponId + ':' + c.remaining).join(',');
    if (key !== couponKey) { couponKey = key; coupons(); }
    skew = Date.parse(state.now) - Date.now();
    render();
  });
})();
