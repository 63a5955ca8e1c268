// The VAE's layers in plain JS: a payload reader, the ops vae_core/export.py emits, and a
// page-wide registry of parsed networks keyed by model fingerprint, so that every view of a
// model on the page shares one copy of its weights. Activations are float64, weights float32.

const DTYPE = { f32: Float32Array, u8: Uint8Array, i32: Int32Array };

function unpack(bytes) {
  // copy: the payload may be a view at an unaligned offset into a larger buffer
  const buf = bytes.slice().buffer;
  const view = new DataView(buf);
  const magic = String.fromCharCode(...new Uint8Array(buf, 0, 4));
  if (magic !== "VAEL") throw new Error("not a VAEL payload");
  const n = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buf, 8, n)));
  const start = 8 + n + ((8 - ((8 + n) % 8)) % 8);
  const arrays = {};
  for (const [name, spec] of Object.entries(header.arrays)) {
    const count = spec.shape.reduce((a, b) => a * b, 1);
    arrays[name] = new DTYPE[spec.dtype](buf, start + spec.offset, count);
  }
  return { header, arrays };
}

function linear(layer, A, x) {
  const W = A[layer.w], B = layer.b ? A[layer.b] : null;
  const nIn = x.length, nOut = layer.out[0], y = new Float64Array(nOut);
  for (let o = 0; o < nOut; o++) {
    let s = B ? B[o] : 0;
    const row = o * nIn;
    for (let i = 0; i < nIn; i++) s += W[row + i] * x[i];
    y[o] = s;
  }
  return y;
}

// A layer's kernel, stride and padding per axis: an image's are square (k, stride, pad), a
// sequence's are 1×4 kernels with 1×2 strides (kh/kw, sh/sw, ph/pw).
function convGeometry(layer) {
  return { kh: layer.kh ?? layer.k, kw: layer.kw ?? layer.k, sh: layer.sh ?? layer.stride,
           sw: layer.sw ?? layer.stride, ph: layer.ph ?? layer.pad, pw: layer.pw ?? layer.pad };
}

function conv2d(layer, A, x) {
  const [ci, h, w] = layer.in, [co, oh, ow] = layer.out;
  const { kh, kw, sh, sw, ph, pw } = convGeometry(layer);
  const W = A[layer.w], B = layer.b ? A[layer.b] : null;
  const y = new Float64Array(co * oh * ow);
  for (let c = 0; c < co; c++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        let sum = B ? B[c] : 0;
        for (let i = 0; i < ci; i++) {
          const wBase = (c * ci + i) * kh * kw, xBase = i * h * w;
          for (let ky = 0; ky < kh; ky++) {
            const iy = oy * sh - ph + ky;
            if (iy < 0 || iy >= h) continue;
            for (let kx = 0; kx < kw; kx++) {
              const ix = ox * sw - pw + kx;
              if (ix >= 0 && ix < w) sum += W[wBase + ky * kw + kx] * x[xBase + iy * w + ix];
            }
          }
        }
        y[(c * oh + oy) * ow + ox] = sum;
      }
    }
  }
  return y;
}

function convTranspose2d(layer, A, x) {
  // weight (C_in, C_out, kh, kw): every input pixel scatters a kh×kw patch into each output map
  const [ci, h, w] = layer.in, [co, oh, ow] = layer.out;
  const { kh, kw, sh, sw, ph, pw } = convGeometry(layer);
  const W = A[layer.w], B = layer.b ? A[layer.b] : null;
  const y = new Float64Array(co * oh * ow);
  for (let c = 0; c < co; c++) y.fill(B ? B[c] : 0, c * oh * ow, (c + 1) * oh * ow);
  for (let i = 0; i < ci; i++) {
    for (let iy = 0; iy < h; iy++) {
      for (let ix = 0; ix < w; ix++) {
        const v = x[(i * h + iy) * w + ix];
        if (v === 0) continue;  // after a ReLU about half the inputs are exact zeros
        for (let c = 0; c < co; c++) {
          const wBase = (i * co + c) * kh * kw, yBase = c * oh * ow;
          for (let ky = 0; ky < kh; ky++) {
            const oy = iy * sh - ph + ky;
            if (oy < 0 || oy >= oh) continue;
            for (let kx = 0; kx < kw; kx++) {
              const ox = ix * sw - pw + kx;
              if (ox >= 0 && ox < ow) y[yBase + oy * ow + ox] += v * W[wBase + ky * kw + kx];
            }
          }
        }
      }
    }
  }
  return y;
}

function cbMean(l) {
  // the continuous Bernoulli's mean in the logits, as vae_core.likelihoods computes it:
  // 1/(1 − e^{−l}) − 1/l, with its series near the 0/0 at l = 0
  if (Math.abs(l) < 0.1) {
    const l2 = l * l;
    return 0.5 + l * (1 / 12 + l2 * (-1 / 720 + l2 / 30240));
  }
  return -1 / Math.expm1(-l) - 1 / l;
}

const ELEMENTWISE = {
  relu: () => (v) => (v > 0 ? v : 0),
  leaky_relu: (l) => (v) => (v > 0 ? v : l.slope * v),
  elu: (l) => (v) => (v > 0 ? v : l.alpha * Math.expm1(v)),
  tanh: () => Math.tanh,
  sigmoid: () => (v) => 1 / (1 + Math.exp(-v)),
  silu: () => (v) => v / (1 + Math.exp(-v)),
  cb_mean: () => cbMean,
};

function run(layers, A, input) {
  let x = Float64Array.from(input);
  for (const layer of layers) {
    if (layer.op === "linear") x = linear(layer, A, x);
    else if (layer.op === "conv2d") x = conv2d(layer, A, x);
    else if (layer.op === "conv_transpose2d") x = convTranspose2d(layer, A, x);
    else if (layer.op === "reshape") continue;
    else if (ELEMENTWISE[layer.op]) {
      const f = ELEMENTWISE[layer.op](layer);
      for (let i = 0; i < x.length; i++) x[i] = f(x[i]);
    } else throw new Error(`unknown op ${layer.op}`);
  }
  return x;
}

class Net {
  // built from the decoder's payload; the encoder's payload (only the draw view needs it)
  // may arrive later and is attached to the same net
  constructor(header, arrays) {
    this.h = header;
    this.A = { ...arrays };
    this.k = header.latent_dim;
    this.shape = header.input_shape;  // [C, H, W]
    this.enc = null;
  }
  get pixels() { return this.shape[0] * this.shape[1] * this.shape[2]; }
  decode(z) { return run(this.h.decoder, this.A, z); }
  encode(x) {
    const { header: h, arrays: A } = this.enc;
    const hidden = run(h.encoder, A, x);
    return { mu: run(h.mu_head, A, hidden), logvar: run(h.logvar_head, A, hidden) };
  }
}

// A conditional VAE reads [x, one-hot y] and [z, one-hot y] (vae_core/models/conditional.py):
// a view that picked a label gets this wrapper, and the shared net stays label-free.
function conditioned(net, onehot) {
  const view = Object.create(net);
  view.decode = (z) => net.decode([...z, ...onehot]);
  view.encode = (x) => net.encode([...x, ...onehot]);
  return view;
}

// Page-wide: "fingerprint" -> {net, enc, waiters}. The weights views fill it; the other views
// wait on it, whatever order the components mount in.
const REGISTRY = (globalThis.__vaeLabNets ??= new Map());

function slot(fp) {
  if (!REGISTRY.has(fp)) REGISTRY.set(fp, { net: null, enc: null, waiters: [] });
  return REGISTRY.get(fp);
}

function settle(s) {
  if (!s.net) return;
  if (s.enc) s.net.enc = s.enc;
  for (const w of s.waiters.splice(0)) {
    if (!w.encoder || s.net.enc) w.resolve(s.net);
    else s.waiters.push(w);
  }
}

function provide(fp, part, bytes) {
  const s = slot(fp);
  if ((part === "dec" && s.net) || (part === "enc" && s.enc)) return;  // already parsed
  const parsed = unpack(bytes);
  if (part === "dec") s.net = new Net(parsed.header, parsed.arrays);
  else s.enc = parsed;
  settle(s);
}

function waitForNet(fp, { encoder = false } = {}) {
  const s = slot(fp);
  if (s.net && (!encoder || s.net.enc)) return Promise.resolve(s.net);
  return new Promise((resolve) => s.waiters.push({ resolve, encoder }));
}
