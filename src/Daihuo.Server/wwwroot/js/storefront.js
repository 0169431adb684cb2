// Daihuo storefront: renders the shelf from Server-Sent Events, buys over fetch. No build step.
(() => {
  const room = document.querySelector('.room').dataset.room;
  const T = JSON.parse(document.getElementById('texts').textContent);
  const shelf = document.getElementById('shelf');
  const sheet = document.getElementById('sheet');
  const form = document.getElementById('buy-form');
  const message = document.getElementById('sheet-message');
  const statusBadge = document.getElementById('status');
  let state = null;
  let current = null;      // the offer being bought
  let pendingKey = null;   // reused on retry of the same purchase, new for a new purchase
  let identified = document.cookie.includes('daihuo.buyer') || localStorage.getItem('daihuo.identified') === '1';

  const yuan = fen => '¥' + (fen / 100).toFixed(2);
  const fmt = (text, ...args) => args.reduce((s, a, i) => s.replace('{' + i + '}', a), text);
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

  function render() {
    if (!state) return;
    statusBadge.textContent = T['stage.' + state.status] || statusBadge.textContent;
    statusBadge.dataset.status = state.status;
    shelf.innerHTML = state.offers.map(o => `
      <article class="card" data-offer="${o.offerId}" data-testid="offer">
        ${o.imageUrl ? `<img src="${esc(o.imageUrl)}" alt="" loading="lazy">` : '<div class="img"></div>'}
        <div class="info">
          <h3>${esc(o.name)}</h3>
          <p class="variant">${esc([o.colour, o.size].filter(Boolean).join(' · '))}</p>
          <p class="prices"><b data-testid="offer-price">${yuan(o.price)}</b> <s>${yuan(o.listPrice)}</s></p>
          <div class="bar"><span style="width:${o.soldPercent}%"></span></div>
          <p class="stock" data-testid="offer-remaining" data-remaining="${o.remaining}">${o.remaining > 0 ? fmt(T['store.only_left'], o.remaining) : T['store.sold_out']} · ${fmt(T['store.sold_percent'], o.soldPercent)}</p>
        </div>
        <button class="buy" data-testid="offer-buy" ${o.remaining > 0 && state.status === 'Live' ? '' : 'disabled'}>${o.remaining > 0 ? T['store.buy'] : T['store.sold_out']}</button>
      </article>`).join('');
  }

  shelf.addEventListener('click', e => {
    const button = e.target.closest('button.buy');
    if (!button) return;
    current = state.offers.find(o => o.offerId === button.closest('.card').dataset.offer);
    pendingKey = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
    document.getElementById('sheet-title').textContent = current.name + ' · ' + yuan(current.price);
    document.getElementById('identify').hidden = identified;
    form.quantity.max = current.perBuyerLimit || '';
    message.textContent = current.perBuyerLimit ? fmt(T['store.per_buyer'], current.perBuyerLimit) : '';
    message.className = 'sheet-message';
    sheet.hidden = false;
  });
  document.getElementById('sheet-cancel').addEventListener('click', () => { sheet.hidden = true; });
  message.addEventListener('click', async e => {
    const pay = e.target.closest('button.pay');
    if (!pay) return;
    const r = await fetch(`/api/storefront/orders/${pay.dataset.order}/payment`, { method: 'POST' });
    if (r.ok) { location.href = (await r.json()).payUrl; } else { show(await r.json(), true); }
  });

  form.addEventListener('submit', async e => {
    e.preventDefault();
    const submit = document.getElementById('sheet-submit');
    submit.disabled = true;
    try {
      if (!identified) {
        const r = await fetch('/api/storefront/identify', {
          method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ phone: form.phone.value, nickname: form.nickname.value })
        });
        if (!r.ok) { return show(await r.json(), true); }
        identified = true;
        localStorage.setItem('daihuo.identified', '1');
        document.getElementById('identify').hidden = true;
      }
      for (let attempt = 0; attempt < 5; attempt++) {
        const r = await fetch(`/api/storefront/offers/${current.offerId}/orders`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': pendingKey },
          body: JSON.stringify({ quantity: Number(form.quantity.value) })
        });
        if (r.status === 503 || r.status === 409 && (await r.clone().json()).code === 'idempotency_in_flight') {
          await new Promise(res => setTimeout(res, 400 * (attempt + 1)));   // same key: never a second order
          continue;
        }
        const body = await r.json();
        if (r.ok) {
          message.className = 'sheet-message ok';
          message.innerHTML = `<b>${esc(T['store.accepted'])}</b><br>${esc(T['store.order_no'])} ${esc(body.orderId.slice(-12).toUpperCase())} · ${esc(T['store.total'])} ${yuan(body.total)}` +
            `<br><button type="button" class="pay" data-order="${esc(body.orderId)}" data-testid="pay-link">${esc(T['store.pay'])}</button>`;
          pendingKey = null;
          return;
        }
        return show(body, true);
      }
    } catch {
      message.className = 'sheet-message error';
      message.textContent = T['store.failed'];
    } finally {
      submit.disabled = false;
    }
  });

  function show(problem, isError) {
    message.className = 'sheet-message' + (isError ? ' error' : '');
    const errors = problem.errors ? Object.values(problem.errors).flat() : [];
    message.textContent = errors.length ? errors.join(' ') : (problem.detail || problem.title || T['store.failed']);
  }

  // The stream: play the primary line, fall over to the backup when it stalls or fails.
  const video = document.getElementById('stream');
  const lines = [video.dataset.primary, video.dataset.backup].filter(Boolean);
  let line = 0;
  const play = () => { if (lines[line]) { video.src = lines[line]; video.play().catch(() => {}); } };
  const failover = () => { if (line + 1 < lines.length) { line++; play(); } };
  video.addEventListener('error', failover);
  video.addEventListener('stalled', () => setTimeout(() => { if (video.readyState < 3) failover(); }, 4000));
  if (lines.length === 0) {
    video.removeAttribute('controls');
    video.closest('.player').classList.add('no-stream');
  }
  play();

  // Live updates over Server-Sent Events (the browser reconnects by itself).
  const events = new EventSource(`/live/${room}/events`);
  events.addEventListener('room', e => { state = JSON.parse(e.data); render(); });
})();
