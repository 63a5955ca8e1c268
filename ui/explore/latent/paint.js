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

// An image canvas: C×H×W pixels in [0, 1] shown at `px` CSS pixels, upscaled without blur.
function imageCanvas(shape, px, testid) {
  const [, h, w] = shape;
  const c = el("canvas", { width: w, height: h, class: "vl-image", "data-testid": testid });
  c.style.width = `${px}px`;
  c.style.height = `${Math.round((px * h) / w)}px`;
  return c;
}

function paintImage(canvas, pixels, shape) {
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
