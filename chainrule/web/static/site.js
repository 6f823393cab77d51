// chainrule's pages work without this script; with it, a formula is checked as it is typed,
// the network's numbers follow its sliders, and the theme can be switched for a projector.
"use strict";

function later(fn, ms) {
  // One request per pause in typing or sliding, not one per key.
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function caret(error) {
  // As the server writes it: the text with ^ under the spot, then what is wrong.
  const message = document.createElement("p");
  message.textContent = error.message;
  if (error.position === undefined) return [message];
  const spot = document.createElement("pre");
  spot.textContent = error.text + "\n" + " ".repeat(error.position) + "^";
  return [spot, message];
}

function checkAsTyped(box) {
  const said = document.getElementById(box.id + "-error");
  let asked = 0;
  const check = later(async () => {
    const mine = ++asked;
    if (!box.value.trim()) { said.replaceChildren(); box.removeAttribute("aria-invalid"); return; }
    try {
      const reply = await fetch("/api/parse?f=" + encodeURIComponent(box.value));
      if (mine !== asked || !reply.ok) return;  // an older answer, or the server is busy
      const out = await reply.json();
      said.replaceChildren();
      if (!out.ok) said.append(...caret(out.error));
      if (out.ok) box.removeAttribute("aria-invalid"); else box.setAttribute("aria-invalid", "true");
    } catch (e) { /* offline for a moment: the form still submits */ }
  }, 250);
  box.addEventListener("input", check);
}

function liveNetwork(form) {
  const result = document.getElementById("result");
  const derivation = document.getElementById("derivation");
  let asked = 0;
  const update = later(async () => {
    const query = new URLSearchParams(new FormData(form)).toString();
    history.replaceState(null, "", "/network?" + query);  // the address keeps the point
    const mine = ++asked;
    try {
      const reply = await fetch(form.dataset.live + "?" + query);
      const [numbers, derived] = (await reply.text()).split("\n<!-- derivation -->\n");
      if (mine !== asked) return;
      result.innerHTML = numbers;
      derivation.innerHTML = derived || "";
    } catch (e) { /* the Compute button still works */ }
  }, 120);
  for (const slider of form.querySelectorAll("input[type=range][data-for]")) {
    const box = document.getElementById(slider.dataset.for);
    slider.hidden = false;
    slider.addEventListener("input", () => { box.value = slider.value; update(); });
    box.addEventListener("input", () => {
      if (box.value.trim() !== "" && !isNaN(Number(box.value))) slider.value = box.value;
      update();
    });
  }
  for (const other of form.querySelectorAll("select, input[type=checkbox], #lr, #steps, #seed")) {
    other.addEventListener(other.tagName === "SELECT" || other.type === "checkbox" ? "change" : "input", update);
  }
  // A name typed in full: the activations and the parameter follow once the box is left.
  for (const typed of form.querySelectorAll("input#activation, input#param")) {
    typed.addEventListener("change", update);
  }
  // Another shape has other numbers, so other sliders: the page is drawn again for it.
  const shape = form.querySelector("#shape");
  if (shape) shape.addEventListener("change", () => form.requestSubmit());
}

function theme() {
  const button = document.getElementById("theme");
  const root = document.documentElement;
  const stored = localStorage.getItem("chainrule-theme");
  const dark = () => root.dataset.theme ? root.dataset.theme === "dark"
    : matchMedia("(prefers-color-scheme: dark)").matches;
  const show = () => {
    button.textContent = dark() ? "Light" : "Dark";
    button.setAttribute("aria-pressed", String(dark()));
    button.setAttribute("aria-label", dark() ? "Switch to the light theme" : "Switch to the dark theme");
  };
  if (stored) root.dataset.theme = stored;
  button.hidden = false;
  button.addEventListener("click", () => {
    root.dataset.theme = dark() ? "light" : "dark";
    localStorage.setItem("chainrule-theme", root.dataset.theme);
    show();
  });
  show();
}

document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll("input[data-parse]")) checkAsTyped(box);
  for (const form of document.querySelectorAll("form[data-live]")) liveNetwork(form);
  theme();
});
