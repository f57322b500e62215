/* Evidence upload widget: tus resumable upload (tus-js-client) with progress and automatic resume.
   The upload URL is remembered in localStorage (tus-js-client fingerprint), so picking the same file
   again after a dropped connection or a closed page resumes from the server's offset. */
(function () {
  "use strict";
  var form = document.getElementById("evidence-upload");
  if (!form || !window.tus || !tus.isSupported) { return; }
  var box = document.getElementById("evidence-progress");
  var bar = box.querySelector("progress");
  var pct = box.querySelector(".pct");
  var status = box.querySelector(".status");

  function val(id) { var el = document.getElementById(id); return el && el.value ? el.value : ""; }
  function guessKind(file) {
    var t = file.type || "";
    if (t.indexOf("video/") === 0) { return "video"; }
    if (t.indexOf("audio/") === 0) { return "audio"; }
    if (t.indexOf("image/") === 0) { return "photo"; }
    return "";
  }

  function uploadOne(file, done) {
    var kind = val("evidence-kind") || guessKind(file);
    var upload = new tus.Upload(file, {
      endpoint: form.dataset.endpoint,
      chunkSize: Number(form.dataset.chunkSize) || 8 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000],
      removeFingerprintOnSuccess: true,
      headers: { "X-CSRFToken": form.dataset.csrf },
      metadata: {
        filename: file.name, filetype: file.type || "", case: form.dataset.case, kind: kind,
        step: val("evidence-step"), device: val("evidence-device"),
        capture_start: val("evidence-start"), capture_end: val("evidence-end"),
        location: val("evidence-location"), description: val("evidence-description")
      },
      onError: function (err) {
        var msg = String(err);
        try { msg = JSON.parse(err.originalResponse.getBody()).message || msg; } catch (e) { /* keep */ }
        status.textContent = "上传失败：" + msg;
        box.dataset.state = "error";
        done(false);
      },
      onShouldRetry: function (err) {
        var s = err.originalResponse ? err.originalResponse.getStatus() : 0;
        status.textContent = "连接中断，正在自动续传…";
        return !s || s === 409 || s === 423 || s >= 500;
      },
      onProgress: function (sent, total) {
        var p = total ? Math.floor(sent * 100 / total) : 0;
        bar.value = p; pct.textContent = p + "%";
        status.textContent = file.name;
      },
      onSuccess: function () {
        bar.value = 100; pct.textContent = "100%";
        status.textContent = "上传完成：" + file.name;
        box.dataset.state = "done";
        done(true);
      }
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) {
        status.textContent = "发现未完成的上传，从断点继续…";
        upload.resumeFromPreviousUpload(previous[0]);
      }
      upload.start();
    });
    window.yangguangEvidenceUpload = upload;
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var files = [];
    [document.getElementById("evidence-file"), document.getElementById("evidence-pick")].forEach(function (input) {
      if (input && input.files) { for (var i = 0; i < input.files.length; i++) { files.push(input.files[i]); } }
    });
    if (!files.length) { status.textContent = "请选择要上传的文件"; box.hidden = false; return; }
    box.hidden = false; box.dataset.state = "uploading";
    var ok = true;
    (function next(i) {
      if (i >= files.length) { if (ok) { window.location.hash = "evidence"; window.location.reload(); } return; }
      uploadOne(files[i], function (success) { ok = ok && success; if (success) { next(i + 1); } });
    })(0);
  });
})();
