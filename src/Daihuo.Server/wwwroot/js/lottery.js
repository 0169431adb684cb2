// Daihuo lottery verification: fetches the published lottery and repeats the draw in this browser
// (docs/lottery.md). SHA-256 is computed here, by this file, so the check does not rest on the server.
(() => {
  const $ = id => document.getElementById(id);
  const T = JSON.parse($('texts').textContent);
  const id = document.querySelector('.verify').dataset.lottery;
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  const fmt = (text, ...args) => args.reduce((s, a, i) => s.replace('{' + i + '}', a), text);

  // SHA-256 (FIPS 180-4) over the UTF-8 bytes of a string; returns lowercase hex.
  const K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
    0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
    0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
    0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
  function sha256(text) {
    const bytes = new TextEncoder().encode(text);
    const length = ((bytes.length + 9 + 63) >> 6) << 6;
    const data = new Uint8Array(length);
    data.set(bytes);
    data[bytes.length] = 0x80;
    const view = new DataView(data.buffer);
    view.setUint32(length - 8, Math.floor(bytes.length / 0x20000000));
    view.setUint32(length - 4, (bytes.length * 8) >>> 0);
    const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    const w = new Uint32Array(64);
    const rotr = (x, n) => (x >>> n) | (x << (32 - n));
    for (let off = 0; off < length; off += 64) {
      for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
      for (let i = 16; i < 64; i++) {
        const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
      }
      let [a, b, c, d, e, f, g, hh] = h;
      for (let i = 0; i < 64; i++) {
        const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    return [...h].map(x => x.toString(16).padStart(8, '0')).join('');
  }

  // docs/lottery.md, step by step: distinct entries in ordinal order, then a partial Fisher–Yates shuffle driven by SHA-256(seed:j).
  function draw(seed, entries, quantity) {
    const list = [...new Set(entries)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    const k = Math.min(quantity, list.length);
    for (let j = 0; j < k; j++) {
      const r = parseInt(sha256(seed + ':' + j).slice(0, 12), 16);   // 48 bits: exact in a JavaScript number
      const i = j + (r % (list.length - j));
      [list[j], list[i]] = [list[i], list[j]];
    }
    return list.slice(0, k);
  }

  function rules(l) {
    const how = [];
    if (l.keyword) how.push(fmt(T['lottery.keyword'], l.keyword));
    if (l.mustFollow) how.push(T['lottery.must_follow']);
    if (l.watchMinutes) how.push(fmt(T['lottery.watch_minutes'], l.watchMinutes));
    if (l.mustHaveBought) how.push(T['lottery.must_have_bought']);
    if (!how.length) how.push(T['lottery.anyone']);
    return `<h2>${esc(T['lottery.rules'])}</h2><dl>
      <dt>${esc(T['lottery.prize'])}</dt><dd>${esc(l.prize)} · ${esc(T['lottery.kind.' + l.kind])}</dd>
      <dt>${esc(T['lottery.quantity'])}</dt><dd>${l.quantity}</dd>
      <dt>${esc(T['lottery.value'])}</dt><dd>¥${(l.prizeValue / 100).toFixed(2)}</dd>
      <dt>${esc(T['lottery.draw_at'])}</dt><dd>${esc(new Date(l.drawAt).toLocaleString(document.documentElement.lang, { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'medium' }))} (UTC+8)</dd>
      <dt>${esc(T['lottery.how_to_enter'])}</dt><dd>${how.map(esc).join(' · ')}</dd>
      ${l.terms ? `<dt></dt><dd>${esc(l.terms)}</dd>` : ''}</dl>`;
  }

  async function load() {
    const r = await fetch(`/api/storefront/lotteries/${id}`);
    if (!r.ok) return;
    const l = await r.json();
    $('prize').textContent = l.prize + ' × ' + l.quantity;
    $('status').textContent = T['lottery.status.' + l.status];
    $('status').dataset.status = l.status;
    $('rules').innerHTML = rules(l);
    $('commitment').textContent = l.commitment;
    const check = $('check');
    if (l.status !== 'drawn') { setTimeout(load, 3000); return; }
    $('seed').textContent = l.seed;
    $('entry-count').textContent = `(${l.entries.length})`;
    const won = new Set(l.winners.map(w => w.code));
    $('entries').innerHTML = l.entries.length ? l.entries.map(e => `<li class="${won.has(e) ? 'won' : ''}"><code>${esc(e)}</code></li>`).join('') : `<li>${esc(T['lottery.no_entries'])}</li>`;
    $('winners').innerHTML = l.winners.map(w => `<li data-testid="lottery-winner"><code>${esc(w.code)}</code> ${esc(w.name)}</li>`).join('');
    check.textContent = T['lottery.checking'];
    const seedOk = sha256(l.seed) === l.commitment;
    const recomputed = draw(l.seed, l.entries, l.quantity);
    const winnersOk = recomputed.length === l.winners.length && recomputed.every((c, i) => l.winners[i].code === c);
    check.dataset.state = seedOk && winnersOk ? 'verified' : 'failed';
    check.className = 'check ' + check.dataset.state;
    check.textContent = !seedOk ? T['lottery.seed_mismatch'] : !winnersOk ? T['lottery.winners_mismatch'] : T['lottery.verified'];
    check.insertAdjacentHTML('beforeend', `<small>${esc(fmt(T['lottery.recomputed'], recomputed.join(', ') || '—'))}</small>`);
  }
  load();
})();
