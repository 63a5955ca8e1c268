// The other views: live sliders, the interpolation scrubber, the draw-a-digit canvas and the
// home page's μ / σ / ε / z walk-through. None of them sends a message while the learner drags;
// the sliders send their z once, on release, so the page's traversal grid can follow.

function slidersView(root, net, H, api) {
  const S = api.memory;
  S.z ??= Float64Array.from(H.start);
  const decoded = imageCanvas(net.shape, H.px, "vl-decoded");
  const grid = el("div", { class: "vl-sliders" });
  const paint = (kind) => {
    const t0 = performance.now();
    paintImage(decoded, net.decode(S.z), net.shape);
    timed(kind, t0);
  };
  H.order.forEach((d, rank) => {
    const out = el("output", { text: S.z[d].toFixed(2) });
    const input = el("input", { type: "range", min: H.min, max: H.max, step: H.step,
                                value: S.z[d], "data-dim": d, "aria-label": H.labels[rank] });
    input.addEventListener("input", () => {
      S.z[d] = Number(input.value);
      out.textContent = S.z[d].toFixed(2);
      paint("slider");
    });
    input.addEventListener("change", () => api.state("z", Array.from(S.z)));  // on release
    grid.append(el("label", { class: "vl-slider" }, el("span", { text: H.labels[rank] }), out,
                   input));
  });
  root.append(el("div", { class: "vl-row" }, grid, el("figure", {}, decoded,
                 el("figcaption", { text: H.texts.decoded }))));
  paint("slider");
}

function slerpAt(a, b, t) {
  // the great-circle path of vae_core.analysis.traversal.slerp; lerp where sin Ω → 0
  let na = 0, nb = 0, dot = 0;
  for (let d = 0; d < a.length; d++) { na += a[d] * a[d]; nb += b[d] * b[d]; dot += a[d] * b[d]; }
  na = Math.sqrt(na); nb = Math.sqrt(nb);
  const out = new Float64Array(a.length);
  const cos = na && nb ? Math.max(-1, Math.min(1, dot / (na * nb))) : 1;
  const omega = Math.acos(cos), s = Math.sin(omega);
  for (let d = 0; d < a.length; d++) {
    out[d] = Math.abs(s) < 1e-6 ? (1 - t) * a[d] + t * b[d]
      : (Math.sin((1 - t) * omega) / s) * a[d] + (Math.sin(t * omega) / s) * b[d];
  }
  return out;
}

function interpView(root, net, H, api) {
  const S = api.memory;
  S.t ??= 0.5;
  S.method ??= "slerp";
  const decoded = imageCanvas(net.shape, H.px, "vl-decoded");
  const caption = el("figcaption");
  const t = el("input", { type: "range", min: 0, max: 1, step: 0.01, value: S.t,
                          "aria-label": H.texts.t, "data-testid": "vl-interp-t" });
  const play = el("button", { type: "button", class: "vl-button", text: H.texts.play });
  const methods = el("div", { class: "vl-methods", role: "radiogroup" });
  const paint = (kind) => {
    const t0 = performance.now();
    const z = S.method === "slerp" ? slerpAt(H.a, H.b, S.t)
      : H.a.map((v, d) => (1 - S.t) * v + S.t * H.b[d]);
    paintImage(decoded, net.decode(z), net.shape);
    caption.textContent = H.texts.at.replace("{t}", S.t.toFixed(2))
      .replace("{method}", H.texts[S.method]);
    timed(kind, t0);
  };
  for (const m of ["lerp", "slerp"]) {
    const input = el("input", { type: "radio", name: `${api.key}-method`, value: m });
    input.checked = S.method === m;
    input.addEventListener("change", () => { S.method = m; paint("interp"); });
    methods.append(el("label", {}, input, document.createTextNode(H.texts[m])));
  }
  t.addEventListener("input", () => { S.t = Number(t.value); paint("interp"); });
  let raf = 0, dir = 1, last = 0;
  const step = (now) => {
    S.t = Math.min(1, Math.max(0, S.t + (dir * (now - (last || now))) / 2000));  // 2 s a way
    if (S.t === 1 || S.t === 0) dir = -dir;
    last = now;
    t.value = S.t;
    paint("interp");
    raf = requestAnimationFrame(step);
  };
  play.addEventListener("click", () => {
    if (raf) { cancelAnimationFrame(raf); raf = 0; play.textContent = H.texts.play; return; }
    last = 0;
    play.textContent = H.texts.pause;
    raf = requestAnimationFrame(step);
  });
  root.append(el("div", { class: "vl-row" },
                 el("div", { class: "vl-controls" }, methods, t, play),
                 el("figure", {}, decoded, caption)));
  paint("interp");
  return () => cancelAnimationFrame(raf);
}

// A drawing becomes a model input the way MNIST's digits were made: the ink's bounding box
// scaled into the central 20/28 of the frame, then shifted so its centre of mass is centred.
function toModelInput(src, shape) {
  const [ch, h, w] = shape, size = src.width;
  const ink = src.getContext("2d").getImageData(0, 0, size, size).data;
  let x0 = size, x1 = -1, y0 = size, y1 = -1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (ink[(y * size + x) * 4 + 3] > 8) {
        x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
      }
    }
  }
  if (x1 < 0) return null;
  const box = Math.max(x1 - x0 + 1, y1 - y0 + 1), fit = (20 / 28) * Math.min(h, w);
  const small = el("canvas", { width: w, height: h });
  const ctx = small.getContext("2d");
  ctx.imageSmoothingQuality = "high";
  const bw = ((x1 - x0 + 1) / box) * fit, bh = ((y1 - y0 + 1) / box) * fit;
  ctx.drawImage(src, x0, y0, x1 - x0 + 1, y1 - y0 + 1, (w - bw) / 2, (h - bh) / 2, bw, bh);
  const a = ctx.getImageData(0, 0, w, h).data, plane = new Float64Array(h * w);
  let m = 0, mx = 0, my = 0;
  for (let i = 0; i < h * w; i++) {
    plane[i] = a[i * 4 + 3] / 255;
    m += plane[i]; mx += plane[i] * (i % w); my += plane[i] * Math.floor(i / w);
  }
  const dx = Math.round((w - 1) / 2 - mx / m), dy = Math.round((h - 1) / 2 - my / m);
  const out = new Float64Array(ch * h * w);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = x - dx, sy = y - dy;
      const v = sx >= 0 && sx < w && sy >= 0 && sy < h ? plane[sy * w + sx] : 0;
      for (let c = 0; c < ch; c++) out[c * h * w + y * w + x] = v;
    }
  }
  return out;
}

function mulberry32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let r = Math.imul(s ^ (s >>> 15), 1 | s);
    r ^= r + Math.imul(r ^ (r >>> 7), 61 | r);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

// The walk x → (μ, σ) → z = μ + σ ⊙ ε → x̂ with a resample-ε button (home page and draw view).
function walkPanel(net, texts, px) {
  const bars = barsCanvas(260);
  const epsText = el("div", { class: "vl-z", "data-testid": "vl-eps" });
  const sample = imageCanvas(net.shape, px, "vl-sample");
  const recon = imageCanvas(net.shape, px, "vl-recon");
  const resample = el("button", { type: "button", class: "vl-button", text: texts.resample,
                                  "data-testid": "vl-resample" });
  const node = el("div", { class: "vl-row" },
                  el("div", { class: "vl-controls" }, el("strong", { text: texts.mu_sigma }),
                     bars, epsText, resample),
                  el("figure", {}, sample, el("figcaption", { text: texts.sample })),
                  el("figure", {}, recon, el("figcaption", { text: texts.recon })));
  let rand = mulberry32(1), current = null;
  function draw(mu, sigma, eps) {
    const t0 = performance.now();
    const z = mu.map((m, d) => m + sigma[d] * eps[d]);
    paintBars(bars, mu, sigma, z);
    epsText.textContent = `ε = (${Array.from(eps.slice(0, 8), fmt).join(", ")}${eps.length > 8 ? ", …" : ""})`;
    paintImage(sample, net.decode(z), net.shape);
    paintImage(recon, net.decode(mu), net.shape);
    timed("walk", t0);
  }
  resample.addEventListener("click", () => {
    if (!current) return;
    current.eps = current.mu.map(() => gaussian(rand));
    draw(current.mu, current.sigma, current.eps);
  });
  return {
    node,
    show(mu, sigma, eps, seed) {
      if (seed !== undefined) rand = mulberry32(seed);
      current = { mu: Array.from(mu), sigma: Array.from(sigma),
                  eps: eps ? Array.from(eps) : Array.from(mu, () => gaussian(rand)) };
      draw(current.mu, current.sigma, current.eps);
    },
  };
}

function exampleView(root, net, H) {
  const walk = walkPanel(net, H.texts, H.px);
  const parts = [];
  if (H.x) {
    const input = imageCanvas(net.shape, H.px, "vl-input");
    paintImage(input, H.x, net.shape);
    parts.push(el("figure", {}, input, el("figcaption", { text: H.texts.input })));
  }
  root.append(el("div", { class: "vl-row" }, ...parts, walk.node));
  walk.show(H.mu, H.sigma, H.eps, H.seed);
}

// A canvas to draw on with a soft round brush (mouse, pen or touch: pointer events); calls
// `onStroke` when a stroke ends.
function drawingPad(size, label, onStroke) {
  const pad = el("canvas", { width: size, height: size, class: "vl-draw",
                             "data-testid": "vl-draw", "aria-label": label });
  const ctx = pad.getContext("2d");
  let last = null;
  function dab(x, y) {
    const r = 11, g = ctx.createRadialGradient(x, y, 0, x, y, r);
    g.addColorStop(0, "rgba(0,0,0,1)"); g.addColorStop(0.55, "rgba(0,0,0,0.85)");
    g.addColorStop(1, "rgba(0,0,0,0)");
    ctx.fillStyle = g;
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI); ctx.fill();
  }
  function stroke(e) {  // dabs every 3 px along the move, so fast strokes stay continuous
    const r = pad.getBoundingClientRect(), k = size / r.width;
    const p = [(e.clientX - r.left) * k, (e.clientY - r.top) * k];
    const steps = last ? Math.ceil(Math.hypot(p[0] - last[0], p[1] - last[1]) / 3) : 1;
    for (let s = 1; s <= steps; s++) {
      dab(last ? last[0] + ((p[0] - last[0]) * s) / steps : p[0],
          last ? last[1] + ((p[1] - last[1]) * s) / steps : p[1]);
    }
    last = p;
  }
  pad.addEventListener("pointerdown", (e) => {
    pad.setPointerCapture(e.pointerId); last = null; stroke(e);
  });
  pad.addEventListener("pointermove", (e) => { if (last) stroke(e); });
  const end = () => { if (last) { last = null; onStroke(); } };
  pad.addEventListener("pointerup", end);
  pad.addEventListener("pointercancel", end);
  pad.clear = () => ctx.clearRect(0, 0, size, size);
  return pad;
}

function drawView(root, net, H, api) {
  const input = imageCanvas(net.shape, Math.round(H.px / 2), "vl-drawn-input");
  const clear = el("button", { type: "button", class: "vl-button", text: H.texts.clear });
  const status = el("div", { class: "vl-caption", text: H.texts.hint });
  const walk = walkPanel(net, H.texts, H.px);
  let seed = 1;
  const pad = drawingPad(224, H.texts.hint, () => {
    const t0 = performance.now();
    const x = toModelInput(pad, net.shape);
    if (!x) return;
    paintImage(input, x, net.shape);
    input.style.display = "block";
    if (H.send) {  // the page encodes it (a conditional model needs a label first)
      api.state("x", Array.from(x, (v) => Math.round(v * 1000) / 1000));
      status.textContent = H.texts.sent;
      return;
    }
    const { mu, logvar } = net.encode(x);
    walk.node.style.display = "";
    walk.show(mu, Array.from(logvar, (v) => Math.exp(0.5 * v)), null, seed++);
    status.textContent = H.texts.encoded;
    globalThis.dispatchEvent(new CustomEvent("vae-lab-drawn", { detail: { fp: H.fp, mu } }));
    timed("encode", t0);
  });
  walk.node.style.display = input.style.display = "none";
  clear.addEventListener("click", () => {
    pad.clear();
    walk.node.style.display = input.style.display = "none";
    status.textContent = H.texts.hint;
    if (H.send) api.state("x", null);
  });
  root.append(el("div", { class: "vl-row" },
                 el("div", { class: "vl-controls" }, pad,
                    el("div", { class: "vl-buttons" }, clear, input), status), walk.node));
}
