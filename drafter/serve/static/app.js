// lkip serve: uploads with a progress indicator on the Periksa page. No external code; every
// text from the server is put into the page with textContent, never as markup.
(function () {
  'use strict';
  var form = document.getElementById('check-form');
  if (!form) { return; }
  var words = document.getElementById('words').dataset;
  var lang = document.body.getAttribute('data-lang') === 'en' ? 'en' : 'id';
  var input = document.getElementById('file-input');
  var drop = document.getElementById('drop');
  var chosen = document.getElementById('chosen');
  var bar = document.getElementById('bar');
  var status = document.getElementById('status');
  var progress = document.getElementById('progress');
  var results = document.getElementById('results');
  var rows = document.getElementById('result-rows');
  var total = document.getElementById('total');
  var frame = document.getElementById('report');
  var button = document.getElementById('check-button');
  var pending = [];
  var ids = [];

  function show(files) {
    pending = Array.prototype.slice.call(files);
    chosen.textContent = '';
    pending.forEach(function (f) {
      var li = document.createElement('li');
      li.textContent = f.name;
      chosen.appendChild(li);
    });
  }
  input.addEventListener('change', function () { show(input.files); });
  ['dragenter', 'dragover'].forEach(function (t) {
    drop.addEventListener(t, function (ev) { ev.preventDefault(); drop.classList.add('over'); });
  });
  ['dragleave', 'drop'].forEach(function (t) {
    drop.addEventListener(t, function (ev) { ev.preventDefault(); drop.classList.remove('over'); });
  });
  drop.addEventListener('drop', function (ev) {
    if (ev.dataTransfer && ev.dataTransfer.files.length) {
      show(ev.dataTransfer.files);
      start();
    }
  });

  function link(href, text, cls) {
    var a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    a.className = cls;
    a.setAttribute('download', '');
    return a;
  }

  function addRow(res) {
    var tr = document.createElement('tr');
    tr.className = res.error ? 'failed' : 'ok';
    var name = document.createElement('td');
    name.textContent = res.name;
    tr.appendChild(name);
    if (res.error) {
      var err = document.createElement('td');
      err.colSpan = 3;
      err.className = 'file-error';
      err.textContent = words.failed + ': ' + res.error;
      tr.appendChild(err);
    } else {
      var n = document.createElement('td');
      n.className = 'n issues';
      n.textContent = String(res.issues);
      var e = document.createElement('td');
      e.className = 'n errors';
      e.textContent = String(res.errors);
      var d = document.createElement('td');
      var base = '/periksa/' + encodeURIComponent(res.id) + '/unduh/';
      var q = lang === 'en' ? '?lang=en' : '';
      d.appendChild(link(base + 'docx' + q, words.dlDocx, 'dl-docx'));
      d.appendChild(document.createTextNode(' · '));
      d.appendChild(link(base + 'xlsx' + q, words.dlXlsx, 'dl-xlsx'));
      d.appendChild(document.createTextNode(' · '));
      d.appendChild(link(base + 'json' + q, words.dlJson, 'dl-json'));
      tr.appendChild(n);
      tr.appendChild(e);
      tr.appendChild(d);
    }
    rows.appendChild(tr);
  }

  function upload(file, k, count) {
    return new Promise(function (resolve) {
      if (file.size > Number(words.maxUpload)) {  // refused before sending a byte
        resolve({ name: file.name, error: file.name + ': ' + words.tooLarge });
        return;
      }
      var data = new FormData();
      data.append('lang', lang);
      data.append('file', file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/periksa/berkas');
      xhr.responseType = 'json';
      var label = ' ' + (k + 1) + ' ' + words.of + ' ' + count + ': ' + file.name;
      bar.value = 0;
      status.textContent = words.uploading + label;
      xhr.upload.onprogress = function (ev) {
        if (ev.lengthComputable) { bar.value = Math.round(100 * ev.loaded / ev.total); }
      };
      xhr.upload.onload = function () {
        bar.removeAttribute('value');  // indeterminate while the server checks
        status.textContent = words.checking + label;
      };
      xhr.onload = function () {
        var res = xhr.response || {};
        if (xhr.status !== 200) {
          res = { name: file.name, error: res.error || ('HTTP ' + xhr.status) };
        }
        resolve(res);
      };
      xhr.onerror = function () { resolve({ name: file.name, error: 'koneksi terputus' }); };
      xhr.send(data);
    });
  }

  function start() {
    if (!pending.length) { input.click(); return; }
    var files = pending;
    pending = [];
    button.disabled = true;
    progress.hidden = false;
    results.hidden = false;
    rows.textContent = '';
    ids = [];
    var sum = 0;
    var k = 0;
    function next() {
      if (k >= files.length) {
        bar.value = 100;
        status.textContent = words.done;
        button.disabled = false;
        if (ids.length) {
          frame.src = '/periksa/laporan?ids=' + ids.join(',') + (lang === 'en' ? '&lang=en' : '');
          frame.hidden = false;
        } else {
          frame.hidden = true;
        }
        return;
      }
      upload(files[k], k, files.length).then(function (res) {
        addRow(res);
        if (!res.error) {
          ids.push(res.id);
          sum += res.issues;
          total.textContent = String(sum);
          total.setAttribute('data-total', String(sum));
        }
        k += 1;
        next();
      });
    }
    next();
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    if (!pending.length && input.files.length) { show(input.files); }
    start();
  });
})();
