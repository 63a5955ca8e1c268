// The latent plane: test means as dots, the decoded image under the pointer, the nearest test
// image beside it. z = origin + p₁·wx + p₂·wy (raw axes: unit vectors with the other dims at
// the base point; PCA: the mean and the two components). Only a click (or Enter) talks to
// Python; hovering, dragging and the arrow keys stay in the page.

const MARGIN = { left: 40, right: 10, top: 10, bottom: 32 };

function planeView(root, net, H, A, api) {
  const [x0, x1, y0, y1] = H.extent, n = A.labels.length;
  const side = el("div", { class: "vl-side" });
  const decoded = imageCanvas(net.shape, H.px, "vl-decoded");
  const thumb = imageCanvas(net.shape, Math.round(H.px / 2), "vl-nearest");
  const zText = el("div", { class: "vl-z", "data-testid": "vl-z" });
  const nearText = el("div", { class: "vl-caption" });
  side.append(el("figure", {}, decoded, el("figcaption", { text: H.texts.decoded }), zText),
              el("figure", {}, thumb, nearText));
  const base = el("canvas", { class: "vl-base" });
  const over = el("canvas", { class: "vl-over", tabindex: "0", "data-testid": "vl-plane",
                              "aria-label": H.texts.aria });
  const box = el("div", { class: "vl-plane-box" }, base, over);
  const legend = el("div", { class: "vl-legend" });
  H.classes.forEach((name, c) => legend.append(el("span", {}, el("i", {
    style: `background:${CLASS_COLOURS[c % 10]}` }), document.createTextNode(name))));
  root.append(el("div", { class: "vl-row" }, box, side), legend,
              el("div", { class: "vl-hint", text: H.texts.hint }));

  const S = api.memory;  // survives re-renders of this component instance
  S.p ??= H.start ?? [Math.min(x1, Math.max(x0, 0)), Math.min(y1, Math.max(y0, 0))];
  let size = 300, lastSize = 0, sx, sy, px, py;

  function layout() {
    // beside the images when there is room for a plane of 320 px, else full width above them
    const room = root.clientWidth || 600, beside = room - H.px - 40;
    size = Math.max(200, Math.min(560, beside >= 320 ? beside : room));
    if (size === lastSize) return;
    lastSize = size;
    const dpr = globalThis.devicePixelRatio || 1;
    for (const c of [base, over]) {
      c.width = size * dpr;
      c.height = size * dpr;
      c.style.width = c.style.height = `${size}px`;
      c.getContext("2d").setTransform(dpr, 0, 0, dpr, 0, 0);
    }
    box.style.width = box.style.height = `${size}px`;
    const w = size - MARGIN.left - MARGIN.right, h = size - MARGIN.top - MARGIN.bottom;
    sx = (v) => MARGIN.left + ((v - x0) / (x1 - x0)) * w;
    sy = (v) => MARGIN.top + (1 - (v - y0) / (y1 - y0)) * h;
    px = (X) => x0 + ((X - MARGIN.left) / w) * (x1 - x0);
    py = (Y) => y0 + (1 - (Y - MARGIN.top) / h) * (y1 - y0);
    drawBase();
    drawOverlay();
  }

  function drawBase() {
    const ctx = base.getContext("2d");
    ctx.clearRect(0, 0, size, size);
    ctx.strokeStyle = "#e5e5e5";
    ctx.fillStyle = "#666";
    ctx.font = "11px sans-serif";
    for (let t = Math.ceil(x0); t <= x1; t++) {
      ctx.beginPath(); ctx.moveTo(sx(t), MARGIN.top); ctx.lineTo(sx(t), size - MARGIN.bottom);
      ctx.stroke(); ctx.fillText(String(t), sx(t) - 3, size - MARGIN.bottom + 13);
    }
    for (let t = Math.ceil(y0); t <= y1; t++) {
      ctx.beginPath(); ctx.moveTo(MARGIN.left, sy(t)); ctx.lineTo(size - MARGIN.right, sy(t));
      ctx.stroke(); ctx.fillText(String(t), MARGIN.left - 20, sy(t) + 4);
    }
    ctx.fillStyle = "#333";
    ctx.fillText(H.axes[0], size / 2, size - 4);
    ctx.save(); ctx.translate(11, size / 2); ctx.rotate(-Math.PI / 2);
    ctx.fillText(H.axes[1], 0, 0); ctx.restore();
    if (H.rings) {  // the prior N(0, I) at 1, 2, 3 σ, and every point's 1-σ posterior ellipse
      ctx.strokeStyle = "#999"; ctx.setLineDash([5, 4]);
      for (const r of [1, 2, 3]) {
        ctx.beginPath(); ctx.ellipse(sx(0), sy(0), sx(r) - sx(0), sy(0) - sy(r), 0, 0, 2 * Math.PI);
        ctx.stroke();
      }
      ctx.setLineDash([]); ctx.strokeStyle = "rgba(31,119,180,0.25)";
      const E = A.ellipses;
      ctx.beginPath();
      for (let j = 0, pen = false; j < E.length; j += 2) {
        if (Number.isNaN(E[j])) { pen = false; continue; }
        if (pen) ctx.lineTo(sx(E[j]), sy(E[j + 1])); else ctx.moveTo(sx(E[j]), sy(E[j + 1]));
        pen = true;
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 0.7;
    for (let i = 0; i < n; i++) {
      ctx.fillStyle = CLASS_COLOURS[A.labels[i] % 10];
      ctx.beginPath();
      ctx.arc(sx(A.points[2 * i]), sy(A.points[2 * i + 1]), 2.6, 0, 2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    if (H.selected) {  // the picked image's μ ± σ ellipse
      ctx.strokeStyle = "#111"; ctx.lineWidth = 1.5; ctx.setLineDash([4, 3]);
      ctx.beginPath();
      H.selected.outline.forEach(([a, b], j) => (j ? ctx.lineTo(sx(a), sy(b))
                                                   : ctx.moveTo(sx(a), sy(b))));
      ctx.closePath(); ctx.stroke(); ctx.setLineDash([]); ctx.lineWidth = 1;
    }
  }

  function drawOverlay() {
    const ctx = over.getContext("2d");
    ctx.clearRect(0, 0, size, size);
    if (S.drawn) star(ctx, sx(S.drawn[0]), sy(S.drawn[1]));
    const [X, Y] = [sx(S.p[0]), sy(S.p[1])];
    ctx.strokeStyle = "#111"; ctx.lineWidth = 1.5;
    ctx.beginPath(); ctx.arc(X, Y, 7, 0, 2 * Math.PI); ctx.stroke();
    ctx.beginPath(); ctx.moveTo(X - 11, Y); ctx.lineTo(X + 11, Y);
    ctx.moveTo(X, Y - 11); ctx.lineTo(X, Y + 11); ctx.stroke();
  }

  function star(ctx, X, Y) {
    ctx.fillStyle = "#d62728"; ctx.strokeStyle = "#fff";
    ctx.beginPath();
    for (let j = 0; j < 10; j++) {
      const r = j % 2 ? 4 : 10, a = -Math.PI / 2 + (j * Math.PI) / 5;
      ctx.lineTo(X + r * Math.cos(a), Y + r * Math.sin(a));
    }
    ctx.closePath(); ctx.fill(); ctx.stroke();
  }

  function zAt(p) {
    const z = new Float64Array(net.k);
    for (let d = 0; d < net.k; d++) z[d] = H.origin[d] + p[0] * H.wx[d] + p[1] * H.wy[d];
    return z;
  }

  function nearest(p) {
    let best = -1, bestD = Infinity;
    const ux = (x1 - x0) ** 2, uy = (y1 - y0) ** 2;
    for (let i = 0; i < n; i++) {
      const d = (A.points[2 * i] - p[0]) ** 2 / ux + (A.points[2 * i + 1] - p[1]) ** 2 / uy;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  }

  function show(p, kind = "plane") {
    const t0 = performance.now();
    S.p = [Math.min(x1, Math.max(x0, p[0])), Math.min(y1, Math.max(y0, p[1]))];
    const z = zAt(S.p);
    paintImage(decoded, net.decode(z), net.shape);
    const i = nearest(S.p);
    if (i >= 0) {
      const m = net.pixels;
      paintImage(thumb, fromBytes(A.thumbs, i * m, m), net.shape);
      nearText.textContent = H.texts.nearest.replace("{index}", A.index[i])
        .replace("{label}", H.classes[A.labels[i]]);
    }
    zText.textContent = `z = (${Array.from(z.slice(0, 6), fmt).join(", ")}${net.k > 6 ? ", …" : ""})`;
    drawOverlay();
    timed(kind, t0);
    return { z, i };
  }

  function click(p) {
    const { z, i } = show(p, "click");
    const dist = Math.hypot(sx(A.points[2 * i]) - sx(S.p[0]), sy(A.points[2 * i + 1]) - sy(S.p[1]));
    api.trigger("click", { z: Array.from(z), p: S.p, index: dist <= 8 ? A.index[i] : null });
  }

  const at = (e) => [px(e.offsetX), py(e.offsetY)];
  let down = null;
  over.addEventListener("pointermove", (e) => show(at(e)));
  over.addEventListener("pointerdown", (e) => {
    down = [e.offsetX, e.offsetY];
    over.setPointerCapture(e.pointerId);
    show(at(e));
  });
  over.addEventListener("pointerup", (e) => {
    if (down && Math.hypot(e.offsetX - down[0], e.offsetY - down[1]) < 6) click(at(e));
    down = null;
  });
  over.addEventListener("keydown", (e) => {
    const step = ((e.shiftKey ? 5 : 1) * (x1 - x0)) / 50, stepY = (step * (y1 - y0)) / (x1 - x0);
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, stepY],
                    ArrowDown: [0, -stepY] };
    if (moves[e.key]) show([S.p[0] + moves[e.key][0], S.p[1] + moves[e.key][1]], "key");
    else if (e.key === "Enter" || e.key === " ") click(S.p);
    else return;
    e.preventDefault();
  });

  function onDrawn(e) {
    if (e.detail.fp !== H.fp) return;
    S.drawn = project(e.detail.mu);
    drawOverlay();
  }
  function project(mu) {
    // least squares p for mu ≈ origin + p₁·wx + p₂·wy (exact for raw axes and for PCA)
    let a = 0, b = 0, c = 0, u = 0, v = 0;
    for (let d = 0; d < net.k; d++) {
      const r = mu[d] - H.origin[d];
      a += H.wx[d] * H.wx[d]; b += H.wx[d] * H.wy[d]; c += H.wy[d] * H.wy[d];
      u += H.wx[d] * r; v += H.wy[d] * r;
    }
    const det = a * c - b * b || 1;
    return [(c * u - b * v) / det, (a * v - b * u) / det];
  }
  // for tests and the benchmark: where a test mean is drawn, and the current point
  over.__vl = { dot: (i) => [sx(A.points[2 * i]), sy(A.points[2 * i + 1]), A.index[i]],
                point: () => S.p, drawn: () => S.drawn ?? null };
  globalThis.addEventListener("vae-lab-drawn", onDrawn);
  const resize = new ResizeObserver(() => { layout(); show(S.p); });
  resize.observe(root);
  layout();
  show(S.p);
  return () => { resize.disconnect(); globalThis.removeEventListener("vae-lab-drawn", onDrawn); };
}
