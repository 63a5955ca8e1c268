// The learner's id, kept in this browser's localStorage so that a reload, a reopened tab or a
// restarted server finds the same learner (Streamlit cannot set cookies). It reports to
// Python only when what it holds differs from what Python already has: every report reruns
// the page. A browser that refuses storage is reported as such, and the app keeps the
// learner for this tab only.

const ID_KEY = "vae-lab-learner";
const LANG_KEY = "vae-lab-lang";
const ID_SHAPE = /^[A-Za-z0-9_-]{16,64}$/;

function newId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function read(want) {
  try {
    const box = window.localStorage;
    if (want.adopt && ID_SHAPE.test(want.adopt)) box.setItem(ID_KEY, want.adopt);
    let id = box.getItem(ID_KEY);
    if (!id || !ID_SHAPE.test(id)) {
      id = newId();
      box.setItem(ID_KEY, id);
    }
    if (want.lang) box.setItem(LANG_KEY, want.lang);
    if (box.getItem(ID_KEY) !== id) throw new Error("storage did not keep the id");
    return { id, lang: box.getItem(LANG_KEY), storage: "ok" };
  } catch (err) {
    return { id: null, lang: null, storage: "refused" };
  }
}

export default function (component) {
  const { data, setStateValue } = component;
  const want = data || {};
  const now = read(want);
  const had = want.reported || {};
  // what Python asked for it knows already: a report of it would only rerun the page (and a
  // rerun can swallow a click made meanwhile)
  const knownId = want.adopt || had.id;
  const knownLang = want.lang || had.lang;
  if (knownId !== now.id || knownLang !== now.lang || had.storage !== now.storage) {
    setStateValue("learner", now);
  }
  return undefined;
}
