() => {
  // pictures drawn over one another: images and charts in the main area whose boxes cross
  // (a column narrower than its fixed-width image lets the image spill onto its neighbour)
  const main = document.querySelector("[data-testid='stMain']") || document.body;
  const boxes = [...main.querySelectorAll("[data-testid='stImage'] img, .js-plotly-plot")]
    .map(el => ({el, r: el.getBoundingClientRect()}))
    .filter(b => b.r.width > 0 && b.r.height > 0);
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (w > 2 && h > 2) {
        const name = (el) => el.alt || el.closest("[data-testid]")?.dataset.testid || el.tagName;
        out.push({a: name(boxes[i].el), b: name(boxes[j].el), w: Math.round(w),
                  h: Math.round(h)});
      }
    }
  }
  return out;
}
