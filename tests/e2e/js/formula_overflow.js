async () => {
  // every display formula of the page, each expander opened and each tab shown in turn
  // (hidden ones have no width); a formula is cut when it is wider than its column, which
  // KaTeX then scrolls
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const main = document.querySelector("[data-testid='stMain']");
  main.querySelectorAll("[data-testid='stExpander'] details").forEach(d => { d.open = true; });
  await frame();
  const seen = new Map();
  const look = () => {
    for (const k of main.querySelectorAll(".stMarkdown .katex-display")) {
      if (seen.has(k) || !k.offsetParent) continue;
      const tex = (k.querySelector("annotation") || {}).textContent || "";
      // the display box may shrink to the formula: measure against the element's column
      const box = k.closest("[data-testid='stElementContainer']") || k.parentElement;
      const inner = k.querySelector(".katex") || k;
      const sw = Math.ceil(Math.max(k.scrollWidth, inner.getBoundingClientRect().width));
      seen.set(k, {tex: tex.slice(0, 70), sw, cw: box.clientWidth});
    }
  };
  look();
  for (const tab of main.querySelectorAll("[role='tab']")) {
    tab.click();
    await frame();
    look();
  }
  const all = [...seen.values()];
  return {count: all.length, cut: all.filter(f => f.sw > f.cw + 1)};
}
