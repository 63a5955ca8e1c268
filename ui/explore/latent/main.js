// The component's entry: one module (the .js files are joined in this order by
// ui/explore/latent/__init__.py, since components v2 resolve no imports). Every mount reads
// the payload's header: "weights" parses a network into the page-wide registry, the views wait
// for their model's network and then draw. A view keeps its learner-made state (pointer,
// slider values, t) in `memory`, keyed by the component's key, across reruns and re-mounts.

const MEMORY = (globalThis.__vaeLabMemory ??= new Map());

export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue, key } = component;
  if (!data || !data.length) return undefined;
  const { header: H, arrays: A } = unpack(data);
  if (H.view === "weights") {
    provide(H.fp, H.part, data);
    return undefined;
  }
  const root = el("div", { class: `vl-root vl-view-${H.view}`, "data-testid": `vl-view-${H.view}` });
  // replace only our own root (the parent also holds the component's <style>); a re-render
  // with new data may come with a new parent in the same shadow root, so look there too
  const scope = parentElement.getRootNode();
  for (const old of (scope.querySelectorAll ? scope : parentElement).querySelectorAll(".vl-root")) {
    old.remove();
  }
  parentElement.append(root);
  if (!MEMORY.has(key)) MEMORY.set(key, {});
  const api = { key, memory: MEMORY.get(key), trigger: setTriggerValue, state: setStateValue };
  let cleanup = null, gone = false;
  const wait = el("div", { class: "vl-caption", text: H.texts.loading });
  root.append(wait);
  waitForNet(H.fp, { encoder: H.view === "draw" && !H.send }).then((shared) => {
    if (gone) return;
    const net = H.cond ? conditioned(shared, H.cond) : shared;
    wait.remove();
    const t0 = performance.now();
    if (H.view === "plane") cleanup = planeView(root, net, H, A, api);
    else if (H.view === "sliders") slidersView(root, net, H, api);
    else if (H.view === "interp") cleanup = interpView(root, net, H, api);
    else if (H.view === "draw") drawView(root, net, H, api);
    else if (H.view === "example") exampleView(root, net, H, api);
    root.dataset.ready = "1";
    timed(`ready-${H.view}`, t0);
  });
  return () => { gone = true; if (cleanup) cleanup(); root.remove(); };
}
