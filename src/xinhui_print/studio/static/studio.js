// xinhui-print studio: plain JS, no library.  Every piece of report data goes into the page
// through textContent / value / src, never as HTML.
"use strict";

const TOKEN = document.querySelector('meta[name="studio-token"]').content;
const $ = (selector) => document.querySelector(selector);
const OUTPUT_TITLES = { booklet: "小册子 Booklet", poster: "长图 Poster" };
const DEBOUNCE_MS = 250;

const S = {
  schema: null, doc: null, settings: null, outputs: {}, active: "booklet", focusIndex: 0,
  formData: null, timers: new Map(), inFlight: 0, deferred: null, yamlTimer: null,
};

// ------------------------------------------------------------------ server calls

async function api(path, body) {
  const options = { method: body === undefined ? "GET" : "POST", headers: { "X-Studio-Token": TOKEN } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  const data = await response.json().catch(() => ({ error: response.statusText }));
  if (!response.ok) throw new Error(data.error || response.statusText);
  return data;
}

function withToken(url) {
  return url + (url.includes("?") ? "&" : "?") + "token=" + encodeURIComponent(TOKEN);
}

function setStatus(text, kind) {
  const status = $("#status");
  status.textContent = text;
  status.className = kind || "";
}

async function send(path, body) {
  S.inFlight += 1;
  try {
    const doc = await api(path, body);
    takeDocument(doc, true);
    return doc;
  } catch (error) {
    setStatus(error.message, "bad");
    throw error;
  } finally {
    S.inFlight -= 1;
    if (S.inFlight === 0 && S.timers.size === 0 && S.deferred) {
      const doc = S.deferred;
      S.deferred = null;
      takeDocument(doc, false);
    }
  }
}

function focusInfo() {
  return { output: S.active, index: S.focusIndex };
}

function edit(ops) {
  return send("/api/edit", { ops, focus: focusInfo() });
}

// ------------------------------------------------------------------ document state

function takeDocument(doc, fromResponse) {
  if (S.doc && doc.revision < S.doc.revision) return;
  if (!fromResponse && (S.inFlight > 0 || S.timers.size > 0)) {
    S.deferred = doc; // typing in progress: apply when the edits in flight are answered
    return;
  }
  const fileChanged = !S.doc || S.doc.path !== doc.path;
  S.doc = doc;
  $("#file").textContent = doc.path;
  $("#undo").disabled = !doc.can_undo;
  $("#redo").disabled = !doc.can_redo;
  const yaml = $("#yaml");
  if (document.activeElement !== yaml || !fromResponse) {
    if (yaml.value !== doc.text) yaml.value = doc.text;
  }
  if (doc.data !== null && (fileChanged || JSON.stringify(doc.data) !== JSON.stringify(S.formData))) {
    renderForm(doc.data);
  }
  $("#form").classList.toggle("disabled", doc.data === null);
  showProblems(doc.problems);
  showPreviewBanner();
  setStatus(doc.valid ? `已保存 saved · r${doc.revision}` : `${doc.problems.length} 处错误 error(s)`, doc.valid ? "ok" : "bad");
}

function showProblems(problems) {
  document.querySelectorAll(".field-error").forEach((node) => node.remove());
  document.querySelectorAll(".invalid").forEach((node) => node.classList.remove("invalid"));
  const box = $("#problems");
  box.textContent = "";
  box.hidden = problems.length === 0;
  for (const problem of problems) {
    const line = document.createElement("div");
    line.className = "problem";
    line.textContent = problem.text;
    box.appendChild(line);
    const target = fieldFor(problem.field);
    if (target) {
      target.classList.add("invalid");
      const note = document.createElement("small");
      note.className = "field-error";
      note.textContent = problem.message;
      note.dataset.for = problem.field;
      target.insertAdjacentElement("afterend", note);
    }
  }
  if (S.doc && S.doc.data === null) {
    const line = document.createElement("div");
    line.className = "problem";
    line.textContent = "表单暂停：YAML 无法解析，请在 YAML 标签中修正 (the form resumes when the YAML parses)";
    box.appendChild(line);
  }
}

function fieldFor(path) {
  if (!path) return null;
  let current = path;
  while (current) {
    const node = document.querySelector(`[data-path="${CSS.escape(current)}"]`);
    if (node) return node;
    const cut = Math.max(current.lastIndexOf("."), current.lastIndexOf("["));
    current = cut > 0 ? current.slice(0, cut) : "";
  }
  return null;
}

// ------------------------------------------------------------------ the form (from the JSON Schema)

function resolve(schema) {
  if (schema && schema.$ref) return S.schema.$defs[schema.$ref.split("/").pop()];
  return schema || {};
}

function optionalInner(schema) {
  if (!schema.anyOf) return null;
  const inner = schema.anyOf.filter((s) => s.type !== "null");
  return inner.length === 1 && inner.length < schema.anyOf.length ? inner[0] : null;
}

function pathText(path) {
  let text = "";
  for (const part of path) text += typeof part === "number" ? `[${part}]` : (text ? "." : "") + part;
  return text;
}

function getAt(data, path) {
  return path.reduce((node, key) => (node == null ? undefined : node[key]), data);
}

function setAt(data, path, value) {
  const parent = getAt(data, path.slice(0, -1));
  if (parent == null) return;
  if (value === null && !Array.isArray(parent)) delete parent[path[path.length - 1]];
  else parent[path[path.length - 1]] = value;
}

function emptyValue(schema) {
  const s = resolve(schema);
  const inner = optionalInner(s);
  if (inner) return emptyValue(inner);
  if (s.type === "object") {
    const value = {};
    for (const name of s.required || []) value[name] = emptyValue(s.properties[name]);
    return value;
  }
  if (s.type === "array") return s.minItems ? [emptyValue(s.items)] : [];
  if (s.type === "integer") return 1;
  if (s.type === "number") return 0;
  return "";
}

function label(name, schema) {
  return (schema.title || name) + (schema.description ? ` — ${schema.description}` : "");
}

function renderForm(data) {
  const form = $("#form");
  const active = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.path : null;
  const scroll = form.scrollTop;
  S.formData = JSON.parse(JSON.stringify(data));
  form.textContent = "";
  const root = resolve(S.schema);
  for (const [name, schema] of Object.entries(root.properties)) {
    form.appendChild(renderField(schema, data[name], [name], name, (root.required || []).includes(name)));
  }
  form.scrollTop = scroll;
  if (active) {
    const again = document.querySelector(`[data-path="${CSS.escape(active)}"]`);
    if (again) again.focus();
  }
}

function renderField(schema, value, path, name, required) {
  const s = resolve(schema);
  const inner = optionalInner(s);
  if (inner) {
    const innerSchema = resolve(inner);
    if (innerSchema.type === "object" || innerSchema.type === "array") {
      if (value === undefined || value === null) return addOptional(innerSchema, path, name);
      const box = renderField(inner, value, path, name, true);
      const remove = button("✕ 删除 remove", () => edit([{ op: "set", path, value: null }]));
      box.querySelector("legend").appendChild(remove);
      return box;
    }
    return renderInput(innerSchema, value, path, name, false, true);
  }
  if (s.type === "object") return renderObject(s, value || {}, path, name);
  if (s.type === "array") return renderArray(s, value || [], path, name);
  return renderInput(s, value, path, name, required, false);
}

function addOptional(schema, path, name) {
  const box = document.createElement("div");
  box.className = "optional";
  box.appendChild(button(`+ 添加 ${schema.title || name}`, () =>
    edit([{ op: "set", path, value: emptyValue(schema) }])));
  return box;
}

function renderObject(schema, value, path, name) {
  const box = document.createElement("fieldset");
  box.dataset.path = pathText(path);
  const legend = document.createElement("legend");
  legend.textContent = typeof path[path.length - 1] === "number" ? `${name} ${path[path.length - 1] + 1}` : schema.title || name;
  box.appendChild(legend);
  for (const [key, child] of Object.entries(schema.properties || {})) {
    if (path[0] === "chapters" && key === "number") continue; // chapters are numbered by their order
    box.appendChild(renderField(child, value[key], [...path, key], key, (schema.required || []).includes(key)));
  }
  return box;
}

function renderArray(schema, items, path, name) {
  const box = document.createElement("fieldset");
  box.className = "list";
  box.dataset.path = pathText(path);
  const legend = document.createElement("legend");
  legend.textContent = `${schema.title || name} (${items.length})`;
  box.appendChild(legend);
  const itemSchema = resolve(schema.items);
  const itemName = itemSchema.title || (schema.title || name).replace(/s$/, "");
  items.forEach((item, index) => {
    const row = document.createElement("div");
    row.className = "item";
    row.appendChild(renderField(schema.items, item, [...path, index], itemName, true));
    const tools = document.createElement("span");
    tools.className = "tools";
    tools.appendChild(button("↑", () => move(path, index, index - 1), index === 0, `move ${itemName} ${index + 1} up`));
    tools.appendChild(button("↓", () => move(path, index, index + 1), index === items.length - 1, `move ${itemName} ${index + 1} down`));
    tools.appendChild(button("✕", () => edit([{ op: "remove", path, index }]), false, `remove ${itemName} ${index + 1}`));
    row.appendChild(tools);
    box.appendChild(row);
  });
  box.appendChild(button(`+ ${itemName}`, () =>
    edit([{ op: "insert", path, index: items.length, value: emptyValue(schema.items) }]),
    false, `add ${itemName}`));
  return box;
}

function move(path, from, to) {
  return edit([{ op: "move", path, from, to }]);
}

function button(text, onClick, disabled, title) {
  const node = document.createElement("button");
  node.type = "button";
  node.textContent = text;
  node.disabled = !!disabled;
  if (title) node.title = node.ariaLabel = title;
  node.addEventListener("click", onClick);
  return node;
}

function renderInput(schema, value, path, name, required, nullable) {
  const wrap = document.createElement("label");
  wrap.className = "field";
  const caption = document.createElement("span");
  caption.className = "caption";
  caption.textContent = typeof name === "number" ? "" : label(name, schema);
  if (typeof path[path.length - 1] !== "number") wrap.appendChild(caption);
  const text = value === undefined || value === null ? "" : String(value);
  const numeric = schema.type === "integer" || schema.type === "number";
  const long = !numeric && (text.length > 36 || typeof path[path.length - 1] === "number");
  const input = document.createElement(long ? "textarea" : "input");
  input.value = text;
  input.dataset.path = pathText(path);
  if (long) input.rows = Math.min(6, Math.max(1, Math.ceil(text.length / 34)));
  if (schema.format === "date") input.placeholder = "YYYY-MM-DD";
  input.addEventListener("input", () => {
    const key = input.dataset.path;
    clearTimeout(S.timers.get(key));
    S.timers.set(key, setTimeout(() => {
      S.timers.delete(key);
      let v = input.value;
      if (schema.type === "integer" && /^-?\d+$/.test(v.trim())) v = parseInt(v, 10);
      else if (schema.type === "number" && /^-?\d+(\.\d+)?$/.test(v.trim())) v = parseFloat(v);
      else if (v === "" && nullable) v = null;
      setAt(S.formData, path, v);
      edit([{ op: "set", path, value: v }]).catch(() => {});
    }, DEBOUNCE_MS));
  });
  wrap.appendChild(input);
  return wrap;
}

// ------------------------------------------------------------------ previews

function outputTitle(name) {
  return OUTPUT_TITLES[name] || `卡片 Cards · ${name.replace(/^cards-/, "")}`;
}

function renderOutputTabs() {
  const nav = $("#output-tabs");
  nav.textContent = "";
  const names = Object.keys(S.outputs);
  if (!names.includes(S.active)) S.active = names[0];
  for (const name of names) {
    const tab = button(outputTitle(name), () => selectOutput(name));
    tab.dataset.output = name;
    tab.classList.toggle("active", name === S.active);
    nav.appendChild(tab);
  }
}

function selectOutput(name) {
  S.active = name;
  S.focusIndex = 0;
  renderOutputTabs();
  renderGallery();
  api("/api/focus", focusInfo()).catch(() => {});
}

function showPreviewBanner() {
  const banner = $("#preview-banner");
  const invalid = S.doc && !S.doc.valid;
  banner.hidden = !invalid;
  banner.textContent = invalid ? "数据有错误：预览保留上一次正确的结果 (the data has errors: showing the last good preview)" : "";
}

function renderGallery() {
  const gallery = $("#gallery");
  const output = S.outputs[S.active];
  gallery.className = `gallery gallery-${S.active.startsWith("cards-") ? "cards" : S.active}`;
  gallery.textContent = "";
  const error = $("#output-error");
  error.hidden = !(output && output.error);
  error.textContent = output && output.error ? output.error : "";
  if (!output) return;
  output.images.forEach((image) => gallery.appendChild(figureFor(output, image)));
  if (output.images.length === 0) {
    const wait = document.createElement("p");
    wait.className = "waiting";
    wait.textContent = "正在生成预览… rendering";
    gallery.appendChild(wait);
  }
}

function figureFor(output, image) {
  const figure = document.createElement("figure");
  figure.className = "thumb";
  figure.dataset.index = image.index;
  figure.classList.toggle("stale", !image.fresh);
  const img = document.createElement("img");
  img.src = withToken(image.url);
  img.alt = `${outputTitle(output.name)} ${image.index + 1}`;
  img.width = image.width;
  img.height = image.height;
  img.addEventListener("click", () => enlarge(output.name, image.index));
  figure.appendChild(img);
  const caption = document.createElement("figcaption");
  caption.textContent = output.name.startsWith("cards-") ? (output.notes[image.index] || `card ${image.index + 1}`) :
    output.name === "booklet" ? `p. ${image.index + 1}` : output.notes.join(" · ");
  figure.appendChild(caption);
  return figure;
}

function enlarge(name, index) {
  S.focusIndex = index;
  api("/api/focus", focusInfo()).catch(() => {});
  const image = S.outputs[name].images[index];
  const box = $("#lightbox");
  box.querySelector("img").src = withToken(image.url);
  box.hidden = false;
}

function takeOutput(event) {
  S.outputs[event.name] = event;
  if (event.name === S.active) renderGallery();
}

function takeImage(event) {
  const output = S.outputs[event.output];
  if (!output) return;
  const image = { index: event.index, url: event.url, width: event.width, height: event.height, fresh: true };
  output.images[event.index] = image;
  if (event.output !== S.active) return;
  const figure = document.querySelector(`#gallery figure[data-index="${event.index}"]`);
  if (figure) {
    const img = figure.querySelector("img");
    img.src = withToken(event.url);
    img.width = event.width;
    img.height = event.height;
    figure.classList.remove("stale");
  } else {
    renderGallery();
  }
}

// ------------------------------------------------------------------ controls and export

function renderSettings(settings) {
  S.settings = settings;
  const box = $("#preset-choices");
  box.querySelectorAll("label").forEach((node) => node.remove());
  for (const name of settings.all_presets) {
    const choice = document.createElement("label");
    const check = document.createElement("input");
    check.type = "checkbox";
    check.value = name;
    check.checked = settings.presets.includes(name);
    choice.appendChild(check);
    choice.appendChild(document.createTextNode(" " + name));
    box.appendChild(choice);
  }
  $("#paper").value = settings.paper;
  $("#qr-url").value = settings.qr_url;
  $("#densities").value = settings.densities.join(", ");
}

async function applySettings() {
  const presets = [...document.querySelectorAll("#preset-choices input:checked")].map((node) => node.value);
  const densities = $("#densities").value.split(/[,\s]+/).filter(Boolean).map(Number);
  $("#settings-error").textContent = "";
  try {
    const settings = await api("/api/settings", { presets, paper: $("#paper").value, qr_url: $("#qr-url").value, densities });
    renderSettings(settings);
    const state = await api("/api/state");
    S.outputs = state.outputs;
    renderOutputTabs();
    renderGallery();
  } catch (error) {
    $("#settings-error").textContent = error.message;
  }
}

async function startExport() {
  const progress = $("#export-progress");
  progress.hidden = false;
  progress.removeAttribute("value");
  $("#export").disabled = true;
  try {
    await api("/api/export", { press: $("#press").checked });
    setStatus("导出中 exporting…");
  } catch (error) {
    progress.hidden = true;
    $("#export").disabled = false;
    setStatus(error.message, "bad");
  }
}

function takeExport(event) {
  const progress = $("#export-progress");
  if (event.state === "running") {
    progress.hidden = false;
    progress.max = event.total;
    progress.value = event.done;
    setStatus(`导出 ${event.done}/${event.total} · ${event.message}`);
    return;
  }
  progress.hidden = true;
  $("#export").disabled = false;
  const panel = $("#export-result");
  panel.hidden = false;
  const list = $("#export-files");
  list.textContent = "";
  $("#export-preflight").textContent = "";
  if (event.state === "failed") {
    $("#export-message").textContent = `导出失败 export failed: ${event.error}`;
    $("#export-zip").hidden = true;
    return;
  }
  $("#export-message").textContent = `${event.files.length} 个文件 files in out/${event.report}/`;
  $("#export-zip").hidden = false;
  $("#export-zip").href = withToken("/api/export.zip");
  for (const result of event.preflight) {
    const line = document.createElement("p");
    line.className = result.errors ? "bad" : "ok";
    line.textContent = `preflight ${result.path} (${result.profile}): ${result.verdict}, ${result.errors} errors, ${result.warnings} warnings`;
    $("#export-preflight").appendChild(line);
  }
  for (const file of event.files) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = withToken("/out/" + file.path.split("/").map(encodeURIComponent).join("/"));
    link.textContent = file.path;
    item.appendChild(link);
    item.appendChild(document.createTextNode(` · ${file.role} · ${(file.bytes / 1000).toFixed(0)} kB`));
    list.appendChild(item);
  }
  setStatus("导出完成 export done", "ok");
}

function importKind() {
  return document.querySelector('input[name="import-kind"]:checked').value;
}

function base64Of(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function importArticle() {
  const result = $("#import-result");
  const file = $("#article-file").files[0];
  const kind = importKind();
  const body = { kind, name: kind === "article" ? "article.txt" : "report.txt", text: $("#article").value };
  if (kind === "report") {
    Object.assign(body, { publisher: $("#draft-publisher").value, place: $("#draft-place").value, id: $("#draft-id").value });
  }
  if (file) {
    body.name = file.name;
    if (/\.(txt|text|md|html?)$/i.test(file.name)) body.text = await file.text();
    else { body.base64 = base64Of(await file.arrayBuffer()); delete body.text; }
  }
  result.textContent = "导入中 importing…";
  try {
    const answer = await api("/api/import", body);
    result.textContent = `已打开 opened ${answer.path}` + (answer.diagnostics.length ? ` · ${answer.diagnostics.length} 条提示: ` + answer.diagnostics.join("；") : "");
    showPane("form");
  } catch (error) {
    result.textContent = error.message;
  }
}

// ------------------------------------------------------------------ wiring

function showPane(name) {
  for (const tab of document.querySelectorAll("#editor-tabs button")) tab.classList.toggle("active", tab.dataset.pane === name);
  $("#form").hidden = name !== "form";
  $("#yaml-pane").hidden = name !== "yaml";
  $("#import-pane").hidden = name !== "import";
}

function connect() {
  const events = new EventSource(withToken("/events"));
  events.onopen = () => document.body.classList.add("connected");
  events.onerror = () => document.body.classList.remove("connected");
  events.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.type === "document") takeDocument(event, false);
    else if (event.type === "output") takeOutput(event);
    else if (event.type === "image") takeImage(event);
    else if (event.type === "export") takeExport(event);
  };
}

async function main() {
  const state = await api("/api/state");
  S.schema = state.schema;
  S.outputs = state.outputs;
  renderSettings(state.settings);
  takeDocument(state.document, false);
  renderOutputTabs();
  renderGallery();
  connect();
  for (const tab of document.querySelectorAll("#editor-tabs button")) tab.addEventListener("click", () => showPane(tab.dataset.pane));
  $("#undo").addEventListener("click", () => send("/api/undo", {}));
  $("#redo").addEventListener("click", () => send("/api/redo", {}));
  $("#apply-settings").addEventListener("click", applySettings);
  $("#export").addEventListener("click", startExport);
  $("#import").addEventListener("click", importArticle);
  for (const radio of document.querySelectorAll('input[name="import-kind"]')) {
    radio.addEventListener("change", () => { $("#draft-fields").hidden = importKind() !== "report"; });
  }
  $("#close-export").addEventListener("click", () => { $("#export-result").hidden = true; });
  $("#lightbox").addEventListener("click", () => { $("#lightbox").hidden = true; });
  $("#yaml").addEventListener("input", () => {
    clearTimeout(S.yamlTimer);
    S.yamlTimer = setTimeout(() => send("/api/yaml", { text: $("#yaml").value, focus: focusInfo() }).catch(() => {}), 400);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("#lightbox").hidden) {
      $("#lightbox").hidden = true;
      return;
    }
    const typing = ["INPUT", "TEXTAREA"].includes(document.activeElement.tagName);
    if (typing || !(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "z") return;
    event.preventDefault();
    $(event.shiftKey ? "#redo" : "#undo").click();
  });
}

main().catch((error) => setStatus(error.message, "bad"));
