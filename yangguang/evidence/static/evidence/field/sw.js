/* Service worker of field mode (served at /field/sw.js, scope /field/). The field pages and the
   static files they use are answered from the network when there is one (and kept in the cache),
   from the cache when there is none, so that an officer can open the task list and a case and
   capture evidence offline. Uploads (tus: POST, PATCH, HEAD) always go to the network. A field
   page that answers with a redirect (signed out) empties the cache: nothing of a signed-out
   officer stays on the phone. */
"use strict";
var CACHE = "yangguang-field-v1";

self.addEventListener("install", function () { self.skipWaiting(); });
self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches["delete"](k); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type === "precache" && Array.isArray(data.urls)) {
    event.waitUntil(caches.open(CACHE).then(function (cache) {
      return Promise.all(data.urls.map(function (url) {
        return fetch(url, { credentials: "same-origin" }).then(function (resp) {
          if (resp.ok && !resp.redirected) { return cache.put(url, resp); }
          return undefined;
        })["catch"](function () { return undefined; });
      }));
    }));
  }
});
self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET") { return; }
  var url = new URL(req.url);
  if (url.origin !== self.location.origin) { return; }
  var field = url.pathname.indexOf("/field/") === 0;
  var asset = url.pathname.indexOf("/static/") === 0;
  if ((!field && !asset) || url.pathname === "/field/sw.js") { return; }
  event.respondWith(fetch(req).then(function (resp) {
    // Signed out: a navigation sees the redirect itself (opaqueredirect), other requests follow it.
    if (field && (resp.redirected || resp.type === "opaqueredirect")) {
      return caches["delete"](CACHE).then(function () { return resp; });
    }
    if (resp.ok) {
      var copy = resp.clone();
      caches.open(CACHE).then(function (cache) { cache.put(req, copy); });
    }
    return resp;
  })["catch"](function () {
    return caches.match(req, { ignoreVary: true }).then(function (hit) {
      if (hit) { return hit; }
      if (req.mode === "navigate") { return caches.match("/field/", { ignoreVary: true }); }
      return undefined;
    }).then(function (hit) {
      return hit || new Response("离线：本页尚未缓存", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    });
  }));
});
