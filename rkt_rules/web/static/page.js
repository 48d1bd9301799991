// The reviewer's page, progressively: without this script the form posts and the
// server answers the whole page; with it, the chosen files stay in this browser so
// that the page can be re-checked in the other language and each report downloaded
// (the server keeps nothing), an upload shows its progress, and findings filter.
"use strict";

let chosen = [];   // the files chosen now
let checked = [];  // the files of the results on screen: what a download describes
let sending = [];

function main() { return document.getElementById("main"); }

function setFiles(list) {
  chosen = Array.from(list || []);
  const note = document.getElementById("chosen");
  const words = chosen.length === 1 ? main().dataset.chosenOne : main().dataset.chosen;  // "1 file chosen", "2 files chosen"
  if (note) note.textContent = chosen.length ? words.replace("{count}", chosen.length) : "";
}

function formData(lang, files) {
  const data = new FormData();
  for (const file of files || chosen) data.append("files", file, file.name);
  data.append("lang", lang);
  return data;
}

function send(lang, files) {
  files = files || chosen;
  const progress = document.getElementById("progress");
  const status = document.getElementById("status");
  progress.hidden = false;
  progress.value = 0;
  status.textContent = main().dataset.reading;
  const request = new XMLHttpRequest();
  request.open("POST", "/results?lang=" + encodeURIComponent(lang));
  request.upload.addEventListener("progress", (event) => {
    if (!event.lengthComputable) return;
    const percent = Math.round(100 * event.loaded / event.total);
    progress.value = percent;
    status.textContent = main().dataset.sent.replace("{percent}", percent);
  });
  const submit = document.getElementById("submit");
  submit.disabled = true;  // one check at a time: a double click would upload twice
  sending = files.slice();
  request.addEventListener("load", () => { checked = sending; show(request.responseText); });
  request.addEventListener("error", () => {
    status.textContent = main().dataset.checkFailed.replace("{reason}", request.statusText || main().dataset.noAnswer);
    progress.hidden = true;
    submit.disabled = false;
  });
  request.send(formData(lang, files));
}

function show(html) {
  const page = new DOMParser().parseFromString(html, "text/html");
  const next = page.getElementById("main");
  if (!next) return;
  document.documentElement.lang = next.dataset.lang;
  document.title = page.title;
  // the address names the language shown, so that a reload (or a bookmark) keeps it
  const address = new URL(location.href);
  address.searchParams.set("lang", next.dataset.lang);
  history.replaceState(null, "", address.pathname + address.search + address.hash);
  main().replaceWith(next);
  setUp();
  // The live region outside <main> survives the swap: a screen reader hears the outcome, and focus moves to it.
  const outcome = document.getElementById("summary") || document.getElementById("problem");
  if (outcome) {
    document.getElementById("announce").textContent = outcome.textContent;
    outcome.focus();
  }
}

async function post(address, files, failed) {
  // The files sent again to the API; the answer when it is one, else null with why said on the page
  // (``failed``: the sentence round the reason, "{reason}" alone for the reason as the server words it).
  const lang = main().dataset.lang;
  const status = document.getElementById("status");
  let answer;
  try {
    answer = await fetch(address + "&lang=" + encodeURIComponent(lang), { method: "POST", body: formData(lang, files) });
  } catch (error) {
    if (status) status.textContent = failed.replace("{reason}", String(error));
    return null;
  }
  if (!answer.ok) {  // never save or show an error as the thing asked for: say it on the page
    let reason = answer.status + " " + answer.statusText;
    try { reason = (await answer.json()).error || reason; } catch (ignored) { /* not JSON: the status says it */ }
    if (status) status.textContent = failed.replace("{reason}", reason);
    return null;
  }
  return answer;
}

async function download(format) {
  const answer = await post("/api/report?format=" + encodeURIComponent(format), checked, main().dataset.failed);
  if (!answer) return;
  const blob = await answer.blob();
  const disposition = answer.headers.get("Content-Disposition") || "";
  const name = (/filename="([^"]+)"/.exec(disposition) || [null, "rkt-rules." + format])[1];
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

async function showOriginal(button) {
  // The page this row was read from, drawn by the server from the file sent again: the reviewer checks the reading.
  const file = checked[Number(button.dataset.upload)];
  if (!file) return;
  const answer = await post("/api/page?page=" + encodeURIComponent(button.dataset.page), [file], "{reason}");
  if (!answer) return;
  const dialog = document.getElementById("original");
  const image = dialog.querySelector("img");
  if (image.src) URL.revokeObjectURL(image.src);
  const title = dialog.dataset.title.replace("{page}", button.dataset.page).replace("{file}", button.dataset.file);
  dialog.querySelector("h2").textContent = title;
  image.alt = title;
  image.src = URL.createObjectURL(await answer.blob());
  dialog.returnTo = button;
  dialog.showModal();
}

function filter() {
  const severity = document.getElementById("filter-severity").value;
  const rule = document.getElementById("filter-rule").value;
  const lke = document.getElementById("filter-lke").value;
  for (const item of document.querySelectorAll(".finding")) {
    const keep = (!severity || item.dataset.severity === severity) && (!rule || item.dataset.rule === rule)
      && (!lke || item.dataset.lke.split(" ").includes(lke));
    item.hidden = !keep;
  }
}

function openExplanation() {
  const target = location.hash && document.getElementById(location.hash.slice(1));
  const details = target && target.querySelector("details.explain");
  if (details) details.open = true;
}

function setUp() {
  const form = document.getElementById("upload");
  const input = document.getElementById("files");
  const drop = document.getElementById("drop");
  input.addEventListener("change", () => setFiles(input.files));
  for (const name of ["dragenter", "dragover"]) drop.addEventListener(name, (event) => { event.preventDefault(); drop.classList.add("over"); });
  for (const name of ["dragleave", "drop"]) drop.addEventListener(name, () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => { event.preventDefault(); setFiles(event.dataTransfer.files); });
  form.addEventListener("submit", (event) => {
    if (!chosen.length) return;  // nothing chosen here: let the browser post the form, and the server say so
    event.preventDefault();
    send(main().dataset.lang);
  });
  const switcher = document.getElementById("lang-switch");
  switcher.addEventListener("click", (event) => {
    if (!checked.length || !document.getElementById("results")) return;  // no results to show again: follow the link
    event.preventDefault();
    send(switcher.dataset.lang, checked);  // the results on screen, in the other language
  });
  const downloads = document.getElementById("downloads");
  if (downloads && checked.length) {
    downloads.hidden = false;
    for (const button of downloads.querySelectorAll("button[data-format]")) button.addEventListener("click", () => download(button.dataset.format));
  }
  if (checked.length) {
    for (const button of document.querySelectorAll("button.original")) {
      button.hidden = false;
      button.addEventListener("click", () => showOriginal(button));
    }
  }
  const dialog = document.getElementById("original");
  if (dialog) {
    dialog.querySelector("button.close").addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => { if (dialog.returnTo) dialog.returnTo.focus(); });
  }
  for (const id of ["filter-severity", "filter-rule", "filter-lke"]) {
    const select = document.getElementById(id);
    if (select) select.addEventListener("change", filter);
  }
  setFiles(chosen);
}

window.addEventListener("hashchange", openExplanation);
document.addEventListener("DOMContentLoaded", () => { setUp(); openExplanation(); });
