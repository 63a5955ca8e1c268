() => {
  // text a learner cannot read whole: content wider than its box, where the box
  // hides the rest (overflow hidden/clip or an ellipsis); scrolling boxes (formulas) are fine
  const out = [];
  const main = document.querySelector("[data-testid='stMain']") || document.body;
  for (const el of main.querySelectorAll("*")) {
    if (!el.childNodes.length || el.closest("[data-testid='stPlotlyChart'], .js-plotly-plot, [data-testid='stDataFrame'], [data-testid='stCode'], canvas, svg, .katex-mathml")) continue;
    const hasText = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!hasText) continue;
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    let clip = null;
    for (let a = el; a && a !== main; a = a.parentElement) {
      const s = getComputedStyle(a);
      const hides = /hidden|clip/.test(s.overflowX) || s.textOverflow === "ellipsis";
      if (hides && (a.scrollWidth > a.clientWidth + 1)) { clip = a; break; }
      if (/auto|scroll/.test(s.overflowX)) break;
    }
    if (clip) out.push({text: el.textContent.trim().slice(0, 60), tag: el.tagName,
                         testid: (el.closest("[data-testid]") || {}).dataset?.testid,
                         sw: clip.scrollWidth, cw: clip.clientWidth});
  }
  return out;
}
