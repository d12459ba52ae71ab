// Upload by drag and drop (files, folders, .zip) and show reading progress; works without it too.
(function () {
  const form = document.getElementById("upload");
  const drop = document.getElementById("drop");
  const progress = document.getElementById("progress");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  function send(files) {
    if (!files.length) return;
    const data = new FormData();
    files.forEach((f) => data.append("file", f, f.webkitRelativePath || f.relPath || f.name));
    progress.textContent = "正在上传 " + files.length + " 个文件…";
    fetch("/upload/send", {method: "POST", body: data, headers: {"X-CSRFToken": token, "Accept": "application/json"}})
      .then((r) => r.json().then((j) => ({ok: r.ok, j})))
      .then(({ok, j}) => { progress.textContent = ok ? "已收到 " + j.ids.length + " 个文件，正在读取…" : j.error; poll(); })
      .catch(() => { progress.textContent = "上传失败，请重试"; });
  }
  function walk(entry, path, out) {
    return new Promise((resolve) => {
      if (entry.isFile) { entry.file((f) => { f.relPath = path + f.name; out.push(f); resolve(); }, resolve); return; }
      const reader = entry.createReader(); const all = [];
      (function more() { reader.readEntries((batch) => {
        if (!batch.length) { Promise.all(all.map((e) => walk(e, path + entry.name + "/", out))).then(resolve); return; }
        all.push(...batch); more(); }, resolve); })();
    });
  }
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault(); drop.classList.remove("over");
    const out = []; const entries = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry && i.webkitGetAsEntry()).filter(Boolean);
    if (!entries.length) { send([...e.dataTransfer.files]); return; }
    Promise.all(entries.map((en) => walk(en, "", out))).then(() => send(out));
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    send([...document.getElementById("pick-files").files, ...document.getElementById("pick-folder").files]);
  });
  function esc(s) { const d = document.createElement("div"); d.textContent = s == null ? "" : String(s); return d.innerHTML; }
  function poll() {
    fetch("/upload/status", {headers: {"Accept": "application/json"}}).then((r) => r.json()).then((j) => {
      document.getElementById("files").innerHTML = j.files.map((f) =>
        "<tr><td>" + esc(f.name) + "</td><td class=\"st-" + esc(f.state) + "\">" + esc(f.state_label) + "</td><td>" + f.forms + "</td><td>" + esc(f.error) + "</td></tr>").join("");
      progress.textContent = j.pending ? "还有 " + j.pending + " 个文件在读取…" : "全部读取完毕";
      progress.dataset.pending = j.pending;
      if (j.pending) setTimeout(poll, 1000);
    });
  }
  poll();
})();
