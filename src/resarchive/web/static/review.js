// The record page: selecting words in the source text sets an item's span, a field
// scrolls the text to its item, an item in the text scrolls the form to its field.
// Offsets are counted as the record counts them: characters (code points) of the source
// text; every text segment carries its own offset in data-o (see highlight.py).
(function () {
  "use strict";
  var source = document.querySelector(".source");
  var form = document.getElementById("record-form");
  if (!source || !form) {
    return;
  }
  var segments = Array.prototype.slice.call(source.querySelectorAll("[data-o]"));

  function length(segment) {
    return segment.classList.contains("cr") ? 1 : Array.from(segment.textContent).length;
  }

  // A selection boundary (node, offset) as an offset in the source text.
  function position(node, offset) {
    var range = document.createRange();
    for (var i = segments.length - 1; i >= 0; i--) {
      var segment = segments[i];
      range.selectNodeContents(segment);
      var where = range.comparePoint(node, offset);
      if (where === 0) {
        var before = document.createRange();
        before.setStart(segment, 0);
        before.setEnd(node, offset);
        return Number(segment.dataset.o) + Array.from(before.toString()).length;
      }
      if (where > 0) {
        return Number(segment.dataset.o) + length(segment);
      }
    }
    return 0;
  }

  function input(key, field) {
    return form.querySelector('[name="' + key + "-" + field + '"]');
  }

  function takeSelection(key) {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed ||
        !source.contains(selection.getRangeAt(0).commonAncestorContainer)) {
      window.alert(form.dataset.msgSelect);
      return;
    }
    var range = selection.getRangeAt(0);
    var start = position(range.startContainer, range.startOffset);
    var end = position(range.endContainer, range.endOffset);
    var text = range.toString();
    var lead = text.length - text.replace(/^\s+/, "").length;
    var trail = text.length - text.replace(/\s+$/, "").length;
    start += Array.from(text.slice(0, lead)).length;
    end -= Array.from(text.slice(text.length - trail)).length;
    if (end <= start) {
      window.alert(form.dataset.msgSelect);
      return;
    }
    input(key, "start").value = start;
    input(key, "end").value = end;
    var main = input(key, "name") || input(key, "text");
    if (main && !main.value.trim()) {
      main.value = text.trim().replace(/\s+/g, " ");
    }
    var row = document.getElementById("row-" + key);
    if (row.classList.contains("new") && !row.nextElementSibling.matches(".item.new")) {
      addBlankRow(row);
    }
    dirty = true;
    main.focus();
  }

  // Another empty row after a filled new one, so that several items can be added at once.
  function addBlankRow(after) {
    var list = after.closest("fieldset");
    var next = Number(list.dataset.next) + 1;
    list.dataset.next = String(next);
    var template = document.getElementById("new-" + list.dataset.kind);
    var html = template.innerHTML.split("__KEY__").join(String(next));
    after.insertAdjacentHTML("afterend", html);
  }

  // Scroll the pane holding `el` (not the window) so that `el` shows a third from its top.
  function reveal(el) {
    var pane = el.closest(".pane");
    if (!pane || pane.scrollHeight <= pane.clientHeight) {
      el.scrollIntoView({ block: "center", behavior: "smooth" });
      return;
    }
    var top = el.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
    pane.scrollTo({ top: Math.max(0, top - pane.clientHeight / 3), behavior: "smooth" });
  }

  var current = [];
  function show(key) {
    current.forEach(function (el) { el.classList.remove("current"); });
    current = Array.prototype.slice.call(source.querySelectorAll('[data-items~="' + key + '"]'));
    current.forEach(function (el) { el.classList.add("current"); });
    if (current.length) {
      reveal(current[0]);
    }
  }

  form.addEventListener("click", function (event) {
    var take = event.target.closest("button.take");
    if (take) {
      event.preventDefault();
      takeSelection(take.dataset.row);
      return;
    }
    var go = event.target.closest("a.goto");
    if (go) {
      event.preventDefault();
      show(go.dataset.key);
    }
  });
  form.addEventListener("focusin", function (event) {
    var item = event.target.closest(".item[data-key]");
    if (item && !item.classList.contains("new")) {
      show(item.dataset.key);
    }
  });
  source.addEventListener("click", function (event) {
    var mark = event.target.closest("[data-items]");
    if (!mark || !window.getSelection().isCollapsed) {
      return;
    }
    var row = document.getElementById("row-" + mark.dataset.items.split(" ")[0]);
    if (row) {
      reveal(row);
      show(row.dataset.key);
    }
  });
  form.addEventListener("change", function (event) {
    if (event.target.name && event.target.name.endsWith("-delete")) {
      event.target.closest(".item").classList.toggle("deleted", event.target.checked);
    }
  });

  // A refused save: show the first field with a message.
  var firstError = form.querySelector(".has-error input, .has-error textarea, .has-error select");
  if (firstError) {
    reveal(firstError);
  }

  var dirty = false;
  form.addEventListener("input", function () { dirty = true; });
  form.addEventListener("submit", function () { dirty = false; });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = form.dataset.msgLeave;
    }
  });
}());
