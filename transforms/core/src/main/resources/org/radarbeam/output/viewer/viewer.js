// The radarbeam viewer: every folder's newest frames (viewer/folders.json, then {folder}/frames.json)
// as image overlays at their bounds over a basemap, stepped with a slider or played. Every URL is
// relative to the page, which sits at the output root: frame keys are relative to that root.
(function () {
  'use strict';

  // A folder with no frame at the chosen time shows its latest earlier frame up to this old
  // (providers publish a few minutes apart); older ones are hidden rather than shown as current.
  var MAX_LAG_SECONDS = 15 * 60;
  var STEP_MS = 700;

  var body = document.body;
  var slider = document.getElementById('slider');
  var play = document.getElementById('play');
  var timeText = document.getElementById('time');
  var status = document.getElementById('status');
  var legend = document.getElementById('legend');

  var map = L.map('map').setView([50, 15], 5);
  if (body.dataset.basemap) {
    // a basemap that cannot be reached leaves empty tiles; the radar overlays do not depend on it
    L.tileLayer(body.dataset.basemap, {maxZoom: 18, attribution: body.dataset.attribution}).addTo(map);
  }
  if (body.dataset.legend) {
    legend.addEventListener('error', function () { legend.hidden = true; });
    legend.src = body.dataset.legend;
    legend.hidden = false;
  }

  var layers = [];   // {folder, frames (oldest first), overlay, key (the frame it shows)}
  var times = [];    // every frame time of every folder, ascending
  var timer = null;
  // for debugging and tests: the map and each folder's overlay
  window.radarbeam = {map: map, overlays: {}};

  function getJson(url) {
    // revalidate: manifests are rewritten in place while the page may be cached
    return fetch(url, {cache: 'no-cache'}).then(function (r) {
      if (!r.ok) {
        throw new Error(url + ': HTTP ' + r.status);
      }
      return r.json();
    });
  }

  function utc(unix) {
    return new Date(unix * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }

  function boundsOf(frame) {
    var b = frame.bounds;
    return L.latLngBounds([b.south, b.west], [b.north, b.east]);
  }

  // the folder's latest frame at or before t, if it is recent enough to stand for t
  function frameAt(layer, t) {
    var found = null;
    layer.frames.forEach(function (f) {
      if (f.unix <= t) {
        found = f;
      }
    });
    return found && t - found.unix <= MAX_LAG_SECONDS ? found : null;
  }

  function show(index) {
    var t = times[index];
    layers.forEach(function (layer) {
      var frame = frameAt(layer, t);
      if (!frame) {
        layer.overlay.remove();
        return;
      }
      if (layer.key !== frame.key) {
        layer.overlay.setUrl(frame.key);
        layer.key = frame.key;
      }
      layer.overlay.setBounds(boundsOf(frame));
      if (!map.hasLayer(layer.overlay)) {
        layer.overlay.addTo(map);
      }
    });
    timeText.textContent = utc(t);
    timeText.dateTime = new Date(t * 1000).toISOString();
    slider.setAttribute('aria-valuetext', utc(t));
  }

  function stop() {
    clearInterval(timer);
    timer = null;
    play.textContent = 'Play';
  }

  function step() {
    var next = (Number(slider.value) + 1) % times.length;
    slider.value = String(next);
    show(next);
  }

  function start(manifests) {
    var all = {};
    var extent = null;
    manifests.forEach(function (m) {
      if (!m || !m.frames || !m.frames.length) {
        return;
      }
      var newest = m.frames[m.frames.length - 1];
      var overlay = L.imageOverlay(newest.key, boundsOf(newest),
          {opacity: 0.8, alt: 'Radar image of ' + m.folder, className: 'radar-frame'});
      layers.push({folder: m.folder, frames: m.frames, overlay: overlay, key: newest.key});
      window.radarbeam.overlays[m.folder] = overlay;
      m.frames.forEach(function (f) { all[f.unix] = true; });
      extent = extent ? extent.extend(boundsOf(newest)) : boundsOf(newest);
    });
    times = Object.keys(all).map(Number).sort(function (a, b) { return a - b; });
    if (!times.length) {
      status.textContent = 'No frames yet.';
      return;
    }
    map.fitBounds(extent, {animate: false});
    slider.max = String(times.length - 1);
    slider.value = slider.max;
    slider.disabled = false;
    play.disabled = false;
    status.textContent = '';
    show(times.length - 1);
  }

  slider.addEventListener('input', function () {
    if (timer) {
      stop(); // the user took over
    }
    show(Number(slider.value));
  });
  play.addEventListener('click', function () {
    if (timer) {
      stop();
      return;
    }
    timer = setInterval(step, STEP_MS);
    play.textContent = 'Pause';
  });

  getJson('viewer/folders.json')
    .then(function (index) {
      return Promise.all(index.folders.map(function (folder) {
        // a folder whose manifest is gone is left out, not an error for the others
        return getJson(folder + '/frames.json').catch(function () { return null; });
      }));
    })
    .then(start)
    .catch(function (e) {
      status.textContent = 'No frames to show (' + e.message + ').';
    });
}());
