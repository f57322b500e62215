/* Field mode (现场执法): photos and notes captured on a phone are queued in IndexedDB with their
   capture time and position, and sent by tus (tus-js-client) to the evidence endpoint whenever
   there is a connection; an upload cut by a lost connection resumes from the server's offset.
   Notes without a photo wait on the phone and fill the 现场检查笔录 form when the officer makes it.
   Also registers the service worker (/field/sw.js) that keeps the field pages usable offline.
   No inline script (CSP): configuration comes from data attributes and json_script. */
(function () {
  "use strict";
  var DB_NAME = "yangguang-field", STORE = "captures";
  var config = document.getElementById("field-config");
  if (!config || !window.indexedDB) { return; }
  var form = document.getElementById("field-capture");
  var list = document.getElementById("field-queue");
  var count = document.getElementById("queue-count");
  var pending = document.getElementById("field-pending");
  var net = document.getElementById("net-state");
  var sending = false;
  var current = null;  // the running tus upload

  function openDb() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = function () {
        var db = req.result;
        if (!db.objectStoreNames.contains(STORE)) { db.createObjectStore(STORE, { keyPath: "id", autoIncrement: true }); }
      };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }
  function withStore(mode, fn) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result;
        fn(tx.objectStore(STORE), function (value) { result = value; });
        tx.oncomplete = function () { db.close(); resolve(result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }
  function allItems() {
    return withStore("readonly", function (store, done) {
      var req = store.getAll();
      req.onsuccess = function () { done(req.result || []); };
    });
  }
  function putItem(item) { return withStore("readwrite", function (store) { store.put(item); }); }
  function deleteItem(id) { return withStore("readwrite", function (store) { store["delete"](id); }); }

  function position() {
    return new Promise(function (resolve) {
      if (!navigator.geolocation) { resolve(""); return; }
      navigator.geolocation.getCurrentPosition(function (pos) {
        var c = pos.coords;
        resolve(c.latitude.toFixed(6) + "," + c.longitude.toFixed(6) + " ±" + Math.round(c.accuracy || 0) + "m");
      }, function () { resolve(""); }, { enableHighAccuracy: true, timeout: 5000, maximumAge: 60000 });
    });
  }

  function label(item) {
    var when = new Date(item.captured_at);
    var text = (item.kind === "photo" ? "照片 " + item.filename : "备注（用于现场检查笔录）") +
      " · " + when.toLocaleString("zh-CN", { hour12: false });
    if (item.location) { text += " · 位置 " + item.location; }
    if (item.note && item.kind === "photo") { text += " · " + item.note; }
    if (item.kind === "note") { text += "：" + item.note; }
    return text;
  }
  function stateText(item) {
    if (item.kind === "note") { return "保存在本机"; }
    if (item.state === "uploading") { return "上传中 " + (item.pct || 0) + "%"; }
    if (item.state === "error") { return "上传失败，联网后重试：" + (item.error || ""); }
    return navigator.onLine ? "等待上传" : "等待网络";
  }
  function render() {
    return allItems().then(function (items) {
      var caseId = form ? form.dataset["case"] : null;
      var mine = items.filter(function (i) { return !caseId || String(i["case"]) === String(caseId); });
      var photos = items.filter(function (i) { return i.kind === "photo"; }).length;
      if (pending) {
        pending.hidden = photos === 0;
        pending.textContent = "本机有 " + photos + " 张照片等待上传";
      }
      if (count) { count.textContent = String(mine.length); }
      if (!list) { return; }
      list.textContent = "";
      mine.forEach(function (item) {
        var li = document.createElement("li");
        li.dataset.state = item.state || "queued";
        li.dataset.kind = item.kind;
        li.className = "field-item";
        li.dataset.id = String(item.id);
        var title = document.createElement("div");
        title.textContent = label(item);
        var status = document.createElement("small");
        status.className = "status";
        status.textContent = stateText(item);
        li.appendChild(title);
        li.appendChild(status);
        list.appendChild(li);
      });
    });
  }
  function showNet() {
    if (!net) { return; }
    net.dataset.state = navigator.onLine ? "online" : "offline";
    net.textContent = navigator.onLine ? net.dataset.online : net.dataset.offline;
  }

  function uploadOne(item) {
    return new Promise(function (resolve) {
      var upload = new tus.Upload(item.file, {
        endpoint: config.dataset.endpoint,
        chunkSize: Number(config.dataset.chunkSize) || 2 * 1024 * 1024,
        retryDelays: [0, 1000, 3000, 5000],
        removeFingerprintOnSuccess: true,
        headers: { "X-CSRFToken": config.dataset.csrf },
        metadata: {
          filename: item.filename, filetype: item.type || "", "case": String(item["case"]), kind: "photo",
          step: item.step || "", capture_start: item.captured_at, location: item.location || "",
          description: item.note || "", device: "现场执法（手机）"
        },
        onProgress: function (sent, total) {
          item.pct = total ? Math.floor(sent * 100 / total) : 0;
          var li = list && list.querySelector("[data-id='" + item.id + "'] .status");
          if (li) { li.textContent = stateText(item); }
        },
        onError: function (err) {
          var msg = String(err);
          try { msg = JSON.parse(err.originalResponse.getBody()).message || msg; } catch (e) { /* keep */ }
          item.state = "error"; item.error = msg;
          current = null;
          putItem(item).then(render).then(function () { resolve(false); });
        },
        onSuccess: function () {
          current = null;
          deleteItem(item.id).then(render).then(function () { resolve(true); });
        }
      });
      current = upload;
      upload.findPreviousUploads().then(function (previous) {
        if (previous.length) { upload.resumeFromPreviousUpload(previous[0]); }
        upload.start();
      });
    });
  }

  function pump() {
    if (sending || !navigator.onLine || !window.tus) { return Promise.resolve(); }
    sending = true;
    return allItems().then(function (items) {
      var photos = items.filter(function (i) { return i.kind === "photo"; });
      var chain = Promise.resolve();
      photos.forEach(function (item) {
        chain = chain.then(function () {
          if (!navigator.onLine) { return false; }
          item.state = "uploading"; item.pct = 0;
          return putItem(item).then(render).then(function () { return uploadOne(item); });
        });
      });
      return chain;
    }).then(function () {
      sending = false;
      document.dispatchEvent(new CustomEvent("field:idle"));
      return allItems();
    }, function () { sending = false; }).then(function (left) {
      if (document.body) { document.body.dataset.fieldQueue = String((left || []).filter(function (i) { return i.kind === "photo"; }).length); }
    });
  }

  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var input = document.getElementById("field-photo");
      var note = document.getElementById("field-note");
      var step = document.getElementById("field-step");
      var files = input && input.files ? Array.prototype.slice.call(input.files) : [];
      var text = note ? note.value.trim() : "";
      if (!files.length && !text) { return; }
      var caseId = Number(form.dataset["case"]);
      position().then(function (where) {
        var now = new Date().toISOString();
        var items = files.map(function (file) {
          return {
            "case": caseId, kind: "photo", file: file, filename: file.name || "photo.jpg", type: file.type,
            note: text, step: step ? step.value : "", location: where, state: "queued",
            captured_at: new Date(file.lastModified || Date.now()).toISOString()
          };
        });
        if (!files.length) {
          items.push({ "case": caseId, kind: "note", note: text, location: where, captured_at: now, state: "note" });
        }
        return items.reduce(function (chain, item) {
          return chain.then(function () { return putItem(item); });
        }, Promise.resolve());
      }).then(function () {
        form.reset();
        return render();
      }).then(pump);
    });
  }

  // Notes without a photo fill the 检查情况 of the 现场检查笔录 form on the case page.
  document.addEventListener("click", function (ev) {
    var link = ev.target instanceof Element ? ev.target.closest("a[data-action=inspection_record]") : null;
    if (!link || !form) { return; }
    var caseId = form.dataset["case"];
    allItems().then(function (items) {
      var notes = items.filter(function (i) { return i.kind === "note" && String(i["case"]) === String(caseId); });
      if (!notes.length) { return; }
      var text = notes.map(function (n) {
        var t = new Date(n.captured_at).toLocaleTimeString("zh-CN", { hour12: false, hour: "2-digit", minute: "2-digit" });
        return t + (n.location ? "（位置 " + n.location + "）" : "") + " " + n.note;
      }).join("\n");
      try { sessionStorage.setItem("yg-prefill-" + caseId + "-inspection_record", text); } catch (e) { /* private mode */ }
      return Promise.all(notes.map(function (n) { return deleteItem(n.id); }));
    });
  }, true);

  window.addEventListener("online", function () { showNet(); render().then(pump); });
  window.addEventListener("offline", function () {
    showNet();
    if (current) { current.abort(); }  // resumed from the server's offset when the connection returns
    render();
  });
  showNet();
  render().then(pump);

  if ("serviceWorker" in navigator && config.dataset.sw) {
    var assets = [];
    try { assets = JSON.parse(document.getElementById("field-assets").textContent); } catch (e) { /* none */ }
    navigator.serviceWorker.register(config.dataset.sw, { scope: config.dataset.scope }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (reg) {
      if (reg.active) { reg.active.postMessage({ type: "precache", urls: assets.concat([location.pathname]) }); }
      document.body.dataset.serviceWorker = "ready";
    })["catch"](function () { /* the pages still work online */ });
  }
})();
