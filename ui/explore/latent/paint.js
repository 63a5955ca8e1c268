// Drawing helpers shared by the views: images on canvases, small DOM builders, μ/σ bars,
// and the in-page timings the benchmark and the tests read.

const TIMINGS = (globalThis.__vaeLabTimings ??= []);

function timed(kind, t0) {
  const at = performance.now();
  TIMINGS.push({ kind, ms: at - t0, at });
  if (TIMINGS.length > 5000) TIMINGS.splice(0, 1000);
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c) node.append(c);
  return node;
}

// A 1×1×L shape is a sequence of L steps (the signals dataset): drawn as a waveform.
function isSequence(shape) { return shape[0] === 1 && shape[1] === 1 && shape[2] > 1; }

// An image canvas: C×H×W pixels in [0, 1] shown at `px` CSS pixels, upscaled without blur.
// A sequence's canvas is `px` high and twice as wide, at the screen's pixel density.
function imageCanvas(shape, px, testid) {
  const [, h, w] = shape;
  if (isSequence(shape)) {
    const dpr = globalThis.devicePixelRatio || 1;
    const c = el("canvas", { width: Math.round(2 * px * dpr), height: Math.round(px * dpr),
                             class: "vl-image vl-wave", "data-testid": testid });
    c.style.width = `${2 * px}px`;
    c.style.height = `${px}px`;
    return c;
  }
  const c = el("canvas", { width: w, height: h, class: "vl-image", "data-testid": testid });
  c.style.width = `${px}px`;
  c.style.height = `${Math.round((px * h) / w)}px`;
  return c;
}

// A polyline on white with the value ½ (the signal's zero) as a grey axis: the same picture
// as vae_core.analysis.gif.waveform_pictures.
function paintWave(canvas, values) {
  const ctx = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
  const pad = Math.max(2, h / 40), n = values.length;
  ctx.fillStyle = "#fff";
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = "#c8c8c8";
  ctx.lineWidth = Math.max(1, h / 100);
  ctx.beginPath();
  ctx.moveTo(0, h / 2);
  ctx.lineTo(w, h / 2);
  ctx.stroke();
  ctx.strokeStyle = "#1f77b4";
  ctx.lineWidth = Math.max(1.5, h / 60);
  ctx.lineJoin = "round";
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const v = Math.min(1, Math.max(0, values[i]));
    const x = pad + (i * (w - 2 * pad)) / (n - 1), y = pad + (1 - v) * (h - 2 * pad);
    if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
  }
  ctx.stroke();
  canvas.__pixels = values;  // read back by the numerics test
}

function paintImage(canvas, pixels, shape) {
  if (isSequence(shape)) { paintWave(canvas, pixels); return; }
  const [ch, h, w] = shape;
  const ctx = canvas.getContext("2d");
  const img = ctx.createImageData(w, h);
  const plane = h * w;
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) {
      const v = pixels[(ch === 3 ? c : 0) * plane + i];
      img.data[i * 4 + c] = Math.round(255 * Math.min(1, Math.max(0, v)));
    }
    img.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  canvas.__pixels = pixels;  // read back by the numerics test
}

function fromBytes(u8, start, n) {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = u8[start + i] / 255;
  return out;
}

// Horizontal μ ± σ bars, one row per dim, with an optional z marker (the home page's example).
function barsCanvas(widthPx) {
  const c = el("canvas", { class: "vl-bars", "data-testid": "vl-bars" });
  c.style.width = `${widthPx}px`;
  return c;
}

function paintBars(canvas, mu, sigma, z) {
  const k = mu.length, row = 18, left = 34, dpr = globalThis.devicePixelRatio || 1;
  const width = canvas.clientWidth || 260, height = k * row + 22;
  canvas.width = width * dpr;
  canvas.height = height * dpr;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext("2d");
  ctx.scale(dpr, dpr);
  const lo = -3.5, hi = 3.5, sx = (v) => left + ((v - lo) / (hi - lo)) * (width - left - 8);
  ctx.font = "11px sans-serif";
  ctx.fillStyle = "#555";
  ctx.strokeStyle = "#ccc";
  for (const t of [-3, -2, -1, 0, 1, 2, 3]) {
    ctx.beginPath();
    ctx.moveTo(sx(t), 0);
    ctx.lineTo(sx(t), k * row);
    ctx.stroke();
    ctx.fillText(String(t), sx(t) - 3, k * row + 14);
  }
  for (let d = 0; d < k; d++) {
    const y = d * row + row / 2, m = Math.max(lo, Math.min(hi, mu[d]));
    ctx.fillStyle = "#555";
    ctx.fillText(`z${d + 1}`, 2, y + 4);
    ctx.fillStyle = "rgba(255,127,14,0.35)";  // σ: the app's orange
    const a = sx(Math.max(lo, mu[d] - sigma[d])), b = sx(Math.min(hi, mu[d] + sigma[d]));
    ctx.fillRect(a, y - 5, Math.max(1, b - a), 10);
    ctx.fillStyle = "#1f77b4";  // μ: the app's blue
    ctx.fillRect(sx(m) - 2, y - 6, 4, 12);
    if (z) {
      ctx.fillStyle = "#2ca02c";  // z: the app's green
      ctx.beginPath();
      ctx.arc(sx(Math.max(lo, Math.min(hi, z[d]))), y, 4, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}

function fmt(v) { return (v >= 0 ? "\u2009" : "") + v.toFixed(2); }

function gaussian(rand) {
  // Box–Muller from a uniform source in (0, 1)
  const u = 1 - rand(), v = rand();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
