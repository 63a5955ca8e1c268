// The latent plane: test means as dots, the decoded image under the pointer, the nearest test
// image beside it. z = origin + p₁·wx + p₂·wy (raw axes: unit vectors with the other dims at
// the base point; PCA: the mean and the two components). Only a click (or Enter) talks to
// Python; hovering, dragging and the arrow keys stay in the page.

const MARGIN = { left: 40, right: 10, top: 10, bottom: 32 };

class Plane {
  constructor(root, net, H, A, api) {
    Object.assign(this, { root, net, H, A, api, S: api.memory, size: 0 });
    this.n = A.labels.length;
    [this.x0, this.x1, this.y0, this.y1] = H.extent;
    this.S.p ??= [this.clampX(0), this.clampY(0)];  // S survives re-renders of the component
    this.buildDom();
  }

  clampX(v) { return Math.min(this.x1, Math.max(this.x0, v)); }
  clampY(v) { return Math.min(this.y1, Math.max(this.y0, v)); }

  buildDom() {
    const { H, net } = this;
    this.decoded = imageCanvas(net.shape, H.px, "vl-decoded");
    this.thumb = imageCanvas(net.shape, Math.round(H.px / 2), "vl-nearest");
    this.zText = el("div", { class: "vl-z", "data-testid": "vl-z" });
    this.nearText = el("div", { class: "vl-caption" });
    const side = this.side = el("div", { class: "vl-side" },
      el("figure", {}, this.decoded, el("figcaption", { text: H.texts.decoded }), this.zText),
      el("figure", {}, this.thumb, this.nearText));
    this.base = el("canvas", { class: "vl-base" });
    this.over = el("canvas", { class: "vl-over", tabindex: "0", "data-testid": "vl-plane",
                               "aria-label": H.texts.aria });
    this.box = el("div", { class: "vl-plane-box" }, this.base, this.over);
    const legend = el("div", { class: "vl-legend" });
    H.classes.forEach((name, c) => legend.append(el("span", {}, el("i", {
      style: `background:${H.colours[c % H.colours.length]}` }), document.createTextNode(name))));
    this.root.append(el("div", { class: "vl-row" }, this.box, side), legend,
                     el("div", { class: "vl-hint", text: H.texts.hint }));
  }

  layout() {
    // the decoded image stays beside the plane, so it is on screen while the pointer moves
    // over it (below a full-width plane at 800 px it was off the bottom of the window): where
    // a plane of 320 px does not fit beside the full-size image, the images shrink by a third
    const room = this.root.clientWidth || 600, full = room - this.H.px - 40 >= 320;
    const px = full ? this.H.px : Math.max(84, Math.round((this.H.px * 2) / 3));
    const size = Math.max(200, Math.min(560, room - px - (full ? 40 : 24)));
    if (size === this.size) return;
    this.size = size;
    this.root.classList.toggle("vl-narrow", !full);
    this.side.style.width = full ? "" : `${px}px`;
    for (const [c, w] of [[this.decoded, px], [this.thumb, Math.round(px / 2)]]) {
      c.style.width = `${w}px`;
      c.style.height = `${Math.round((w * this.net.shape[1]) / this.net.shape[2])}px`;
    }
    const dpr = globalThis.devicePixelRatio || 1;
    for (const c of [this.base, this.over]) {
      c.width = c.height = size * dpr;
      c.style.width = c.style.height = `${size}px`;
      c.getContext("2d").setTransform(dpr, 0, 0, dpr, 0, 0);
    }
    this.box.style.width = this.box.style.height = `${size}px`;
    this.w = size - MARGIN.left - MARGIN.right;
    this.h = size - MARGIN.top - MARGIN.bottom;
    this.drawBase();
    this.drawOverlay();
  }

  // data <-> CSS pixels of the canvases
  sx(v) { return MARGIN.left + ((v - this.x0) / (this.x1 - this.x0)) * this.w; }
  sy(v) { return MARGIN.top + (1 - (v - this.y0) / (this.y1 - this.y0)) * this.h; }
  px(X) { return this.x0 + ((X - MARGIN.left) / this.w) * (this.x1 - this.x0); }
  py(Y) { return this.y0 + (1 - (Y - MARGIN.top) / this.h) * (this.y1 - this.y0); }

  drawBase() {
    const ctx = this.base.getContext("2d");
    ctx.clearRect(0, 0, this.size, this.size);
    this.drawAxes(ctx);
    if (this.H.rings) this.drawRings(ctx);
    ctx.globalAlpha = 0.7;
    for (let i = 0; i < this.n; i++) {
      ctx.fillStyle = this.H.colours[this.A.labels[i] % this.H.colours.length];
      ctx.beginPath();
      ctx.arc(this.sx(this.A.points[2 * i]), this.sy(this.A.points[2 * i + 1]), 2.6, 0,
              2 * Math.PI);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    if (this.H.selected) this.drawOutline(ctx, this.H.selected.outline);
  }

  drawAxes(ctx) {
    const { size, x0, x1, y0, y1 } = this;
    ctx.strokeStyle = "#e5e5e5";
    ctx.fillStyle = "#666";
    ctx.font = "11px sans-serif";
    for (let t = Math.ceil(x0); t <= x1; t++) {
      ctx.beginPath(); ctx.moveTo(this.sx(t), MARGIN.top);
      ctx.lineTo(this.sx(t), size - MARGIN.bottom); ctx.stroke();
      ctx.fillText(String(t), this.sx(t) - 3, size - MARGIN.bottom + 13);
    }
    for (let t = Math.ceil(y0); t <= y1; t++) {
      ctx.beginPath(); ctx.moveTo(MARGIN.left, this.sy(t));
      ctx.lineTo(size - MARGIN.right, this.sy(t)); ctx.stroke();
      ctx.fillText(String(t), MARGIN.left - 20, this.sy(t) + 4);
    }
    ctx.fillStyle = "#333";
    ctx.fillText(this.H.axes[0], size / 2, size - 4);
    ctx.save(); ctx.translate(11, size / 2); ctx.rotate(-Math.PI / 2);
    ctx.fillText(this.H.axes[1], 0, 0); ctx.restore();
  }

  drawRings(ctx) {
    // the prior N(0, I) at 1, 2, 3 σ, and every point's 1-σ posterior ellipse (NaN-separated)
    ctx.strokeStyle = "#999"; ctx.setLineDash([5, 4]);
    for (const r of [1, 2, 3]) {
      ctx.beginPath();
      ctx.ellipse(this.sx(0), this.sy(0), this.sx(r) - this.sx(0), this.sy(0) - this.sy(r), 0,
                  0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.setLineDash([]); ctx.strokeStyle = "rgba(31,119,180,0.25)";
    const E = this.A.ellipses;
    ctx.beginPath();
    for (let j = 0, pen = false; j < E.length; j += 2) {
      if (Number.isNaN(E[j])) { pen = false; continue; }
      if (pen) ctx.lineTo(this.sx(E[j]), this.sy(E[j + 1]));
      else ctx.moveTo(this.sx(E[j]), this.sy(E[j + 1]));
      pen = true;
    }
    ctx.stroke();
  }

  drawOutline(ctx, outline) {  // the picked image's μ ± σ ellipse
    ctx.strokeStyle = "#111"; ctx.lineWidth = 1.5; ctx.setLineDash([4, 3]);
    ctx.beginPath();
    outline.forEach(([a, b], j) => (j ? ctx.lineTo(this.sx(a), this.sy(b))
                                      : ctx.moveTo(this.sx(a), this.sy(b))));
    ctx.closePath(); ctx.stroke(); ctx.setLineDash([]);
    // and a solid ring on the picked dot itself: a small σ makes the ellipse hard to see
    const cx = outline.reduce((s, q) => s + q[0], 0) / outline.length;
    const cy = outline.reduce((s, q) => s + q[1], 0) / outline.length;
    ctx.lineWidth = 2;
    ctx.beginPath(); ctx.arc(this.sx(cx), this.sy(cy), 6, 0, 2 * Math.PI); ctx.stroke();
    ctx.lineWidth = 1;
  }

  drawOverlay() {
    const ctx = this.over.getContext("2d");
    ctx.clearRect(0, 0, this.size, this.size);
    if (this.S.drawn) star(ctx, this.sx(this.S.drawn[0]), this.sy(this.S.drawn[1]));
    const X = this.sx(this.S.p[0]), Y = this.sy(this.S.p[1]);
    ctx.strokeStyle = "#111"; ctx.lineWidth = 1.5;
    ctx.beginPath(); ctx.arc(X, Y, 7, 0, 2 * Math.PI); ctx.stroke();
    ctx.beginPath(); ctx.moveTo(X - 11, Y); ctx.lineTo(X + 11, Y);
    ctx.moveTo(X, Y - 11); ctx.lineTo(X, Y + 11); ctx.stroke();
  }

  zAt(p) {
    const { H } = this, z = new Float64Array(this.net.k);
    for (let d = 0; d < z.length; d++) z[d] = H.origin[d] + p[0] * H.wx[d] + p[1] * H.wy[d];
    return z;
  }

  nearest(p) {
    let best = -1, bestD = Infinity;
    const P = this.A.points, ux = (this.x1 - this.x0) ** 2, uy = (this.y1 - this.y0) ** 2;
    for (let i = 0; i < this.n; i++) {
      const d = (P[2 * i] - p[0]) ** 2 / ux + (P[2 * i + 1] - p[1]) ** 2 / uy;
      if (d < bestD) { bestD = d; best = i; }
    }
    return best;
  }

  show(p, kind = "plane") {
    const t0 = performance.now(), { net, A, H } = this;
    this.S.p = [this.clampX(p[0]), this.clampY(p[1])];
    const z = this.zAt(this.S.p);
    paintImage(this.decoded, net.decode(z), net.shape);
    const i = this.nearest(this.S.p);
    if (i >= 0) {
      paintImage(this.thumb, fromBytes(A.thumbs, i * net.pixels, net.pixels), net.shape);
      this.nearText.textContent = H.texts.nearest.replace("{index}", A.index[i])
        .replace("{label}", H.classes[A.labels[i]]);
    }
    // all of an 8-D code (the zoo's default), as the walk-through's ε is shown
    const shown = Array.from(z.slice(0, 8), fmt).join(", ");
    this.zText.textContent = `z = (${shown}${net.k > 8 ? ", …" : ""})`;
    this.drawOverlay();
    timed(kind, t0);
    return { z, i };
  }

  click(p) {
    const { z, i } = this.show(p, "click"), P = this.A.points;
    const dist = Math.hypot(this.sx(P[2 * i]) - this.sx(this.S.p[0]),
                            this.sy(P[2 * i + 1]) - this.sy(this.S.p[1]));
    this.api.trigger("click", { z: Array.from(z), p: this.S.p,
                                index: dist <= 8 ? this.A.index[i] : null });
  }

  key(e) {
    const step = ((e.shiftKey ? 5 : 1) * (this.x1 - this.x0)) / 50;
    const stepY = (step * (this.y1 - this.y0)) / (this.x1 - this.x0);
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, stepY],
                    ArrowDown: [0, -stepY] };
    if (moves[e.key]) {
      this.show([this.S.p[0] + moves[e.key][0], this.S.p[1] + moves[e.key][1]], "key");
    } else if (e.key === "Enter" || e.key === " ") this.click(this.S.p);
    else return;
    e.preventDefault();
  }

  bind() {
    const over = this.over, at = (e) => [this.px(e.offsetX), this.py(e.offsetY)];
    let down = null;
    over.addEventListener("pointermove", (e) => this.show(at(e)));
    over.addEventListener("pointerdown", (e) => {
      down = [e.offsetX, e.offsetY];
      over.setPointerCapture(e.pointerId);
      this.show(at(e));
    });
    over.addEventListener("pointerup", (e) => {  // a tap or click, not the end of a drag
      if (down && Math.hypot(e.offsetX - down[0], e.offsetY - down[1]) < 6) this.click(at(e));
      down = null;
    });
    over.addEventListener("keydown", (e) => this.key(e));
    // for tests and the benchmark: where a test mean is drawn, and the current point
    over.__vl = { dot: (i) => [this.sx(this.A.points[2 * i]), this.sy(this.A.points[2 * i + 1]),
                               this.A.index[i]],
                  point: () => this.S.p, drawn: () => this.S.drawn ?? null,
                  isolated: (k) => this.isolated(k) };
  }

  isolated(k) {  // the k dots farthest from their nearest neighbour: clicks that cannot miss
    const P = this.A.points, gap = [];
    for (let i = 0; i < this.n; i++) {
      let best = Infinity;
      for (let j = 0; j < this.n; j++) {
        if (j !== i) best = Math.min(best, Math.hypot(this.sx(P[2 * i]) - this.sx(P[2 * j]),
                                                      this.sy(P[2 * i + 1]) - this.sy(P[2 * j + 1])));
      }
      gap.push([best, i]);
    }
    return gap.sort((a, b) => b[0] - a[0]).slice(0, k).map(([, i]) => i);
  }

  project(mu) {
    // least squares p for mu ≈ origin + p₁·wx + p₂·wy (exact for raw axes and for PCA)
    const { H } = this;
    let a = 0, b = 0, c = 0, u = 0, v = 0;
    for (let d = 0; d < this.net.k; d++) {
      const r = mu[d] - H.origin[d];
      a += H.wx[d] * H.wx[d]; b += H.wx[d] * H.wy[d]; c += H.wy[d] * H.wy[d];
      u += H.wx[d] * r; v += H.wy[d] * r;
    }
    const det = a * c - b * b || 1;
    return [(c * u - b * v) / det, (a * v - b * u) / det];
  }
}

function star(ctx, X, Y) {  // where a drawn digit's μ lands
  ctx.fillStyle = "#d62728"; ctx.strokeStyle = "#fff";
  ctx.beginPath();
  for (let j = 0; j < 10; j++) {
    const r = j % 2 ? 4 : 10, a = -Math.PI / 2 + (j * Math.PI) / 5;
    ctx.lineTo(X + r * Math.cos(a), Y + r * Math.sin(a));
  }
  ctx.closePath(); ctx.fill(); ctx.stroke();
}

function planeView(root, net, H, A, api) {
  const plane = new Plane(root, net, H, A, api);
  const onDrawn = (e) => {
    if (e.detail.fp !== H.fp) return;
    plane.S.drawn = plane.project(e.detail.mu);
    plane.drawOverlay();
  };
  plane.bind();
  globalThis.addEventListener("vae-lab-drawn", onDrawn);
  const resize = new ResizeObserver(() => { plane.layout(); plane.show(plane.S.p); });
  resize.observe(root);
  plane.layout();
  plane.show(plane.S.p);
  return () => { resize.disconnect(); globalThis.removeEventListener("vae-lab-drawn", onDrawn); };
}
