/* mkdocs-community: progressive enhancement for generated pages.
 * Everything here is optional: without JavaScript every listing is complete and every
 * time is shown in its event's own zone. Works with Material's instant navigation. */
(function () {
  "use strict";

  /* Filters: a form [data-cm-filters=ID] filters the items of list #ID by their
     data-facets JSON ({"topic": ["python"], ...}). Filters combine with AND, the count
     is announced in a live region, and the state lives in the URL query so a filtered
     view can be shared, bookmarked and restored. */
  function setupFilters(form) {
    var listId = form.getAttribute("data-cm-filters");
    var list = document.getElementById(listId);
    if (!list || form.dataset.cmReady) return;
    form.dataset.cmReady = "1";
    /* Children marked data-cm-heading (e.g. a month) are not items: each is shown while
       an item after it, up to the next heading, is. Items marked data-cm-expired (an
       event that has ended since the build) stay hidden whatever the filters. */
    var items = Array.prototype.slice.call(list.children).filter(function (el) {
      return !el.hasAttribute("data-cm-heading");
    }).map(function (el) {
      var facets = {};
      try { facets = JSON.parse(el.getAttribute("data-facets") || "{}"); } catch (e) { /* keep visible */ }
      return { el: el, facets: facets };
    });
    var count = document.querySelector('[data-cm-count="' + listId + '"]');
    var empty = document.querySelector('[data-cm-empty="' + listId + '"]');
    /* The page's words, one per plural category of its language (see filters.html). */
    var messages = {};
    try { messages = JSON.parse((count && count.getAttribute("data-cm-messages")) || "{}"); } catch (e) { /* keep the build's count */ }
    var controls = Array.prototype.slice.call(form.elements).filter(function (c) { return c.name; });
    var panel = form.querySelector("details.cm-filters__panel");
    var active = form.querySelector("[data-cm-active]");
    var narrow = window.matchMedia ? window.matchMedia("(max-width: 44.984375em)") : null;
    var lastText = count ? count.textContent : "";

    function selected() {
      var wanted = {};
      controls.forEach(function (c) {
        if (c.type === "checkbox") { if (c.checked) wanted[c.name] = c.value; }
        else if (c.value) wanted[c.name] = c.value;
      });
      return wanted;
    }

    /* Whether an item passes every chosen filter, leaving out the one named `except`. */
    function matches(item, wanted, except) {
      if (item.el.hasAttribute("data-cm-expired")) return false;
      return Object.keys(wanted).every(function (name) {
        return name === except || (item.facets[name] || []).indexOf(wanted[name]) !== -1;
      });
    }

    /* Each choice's count is what choosing it would show, given the other filters: with
       "Japan" chosen, "Grant writing (2)" becomes "Grant writing (0)" if no one in Japan
       writes grants. A choice at 0 stays choosable: changing one filter of several (Japan
       to Kenya) must not need clearing another first. */
    function recount(wanted) {
      controls.forEach(function (control) {
        /* A type-to-search filter (a hidden input fed by a datalist) has no choices to
           count on: the datalist's options are what people type and must stay as they are. */
        if (control.type === "hidden") return;
        var counts = {};
        items.forEach(function (item) {
          if (!matches(item, wanted, control.name)) return;
          (item.facets[control.name] || []).forEach(function (value) {
            counts[value] = (counts[value] || 0) + 1;
          });
        });
        var choices = control.type === "checkbox"
          ? [{ el: form.querySelector('label[for="' + control.id + '"]'), value: control.value }]
          : Array.prototype.filter.call(control.options, function (o) { return o.value; }).map(function (o) {
            return { el: o, value: o.value };
          });
        choices.forEach(function (choice) {
          var label = choice.el && choice.el.getAttribute("data-cm-label");
          if (label === null) return;
          var text = label + " (" + (counts[choice.value] || 0) + ")";
          if (choice.el.textContent !== text) choice.el.textContent = text;
        });
      });
    }

    function apply(updateUrl) {
      var wanted = selected();
      var shown = 0;
      items.forEach(function (item) {
        var ok = matches(item, wanted, null);
        item.el.hidden = !ok;
        if (ok) shown += 1;
      });
      recount(wanted);
      Array.prototype.forEach.call(list.children, function (el) {
        if (!el.hasAttribute("data-cm-heading")) return;
        var next = el.nextElementSibling;
        while (next && !next.hasAttribute("data-cm-heading") && next.hidden) next = next.nextElementSibling;
        el.hidden = !next || next.hasAttribute("data-cm-heading");
      });
      var total = items.filter(function (item) { return !item.el.hasAttribute("data-cm-expired"); }).length;
      var filters = Object.keys(wanted).length;
      var text = filters
        ? say(filters === 1 ? messages.one : messages.many, shown, { total: say(messages.count, total) })
        : say(messages.count, shown);
      /* Write only on a change: each write is announced by screen readers. */
      if (count && text && text !== lastText) { count.textContent = text; lastText = text; }
      if (active) active.textContent = filters ? say(messages.active, filters) : "";
      if (empty) empty.hidden = shown !== 0;
      if (updateUrl) {
        var params = new URLSearchParams(window.location.search);
        controls.forEach(function (c) { params.delete(c.name); });
        Object.keys(wanted).forEach(function (name) { params.set(name, wanted[name]); });
        var query = params.toString();
        history.replaceState(history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    /* A type-to-search filter: the text typed (an option's label) picks the value of the
       hidden input named after the facet; text that names no option filters nothing. */
    function pickOption(box) {
      var hidden = document.getElementById(box.getAttribute("data-cm-picks"));
      var options = document.getElementById(hidden.getAttribute("data-cm-datalist")).options;
      var typed = box.value.trim().toLowerCase();
      var match = Array.prototype.find.call(options, function (o) { return o.value.toLowerCase() === typed; });
      hidden.value = match ? match.getAttribute("data-value") : "";
    }
    form.querySelectorAll("[data-cm-picks]").forEach(function (box) {
      box.addEventListener("input", function () { pickOption(box); apply(true); });
    });

    function restore() {
      var params = new URLSearchParams(window.location.search);
      controls.forEach(function (c) {
        var value = params.get(c.name);
        if (c.type === "checkbox") c.checked = value === c.value;
        else if (c.type === "hidden") {
          var list = document.getElementById(c.getAttribute("data-cm-datalist"));
          var option = list && value !== null ? list.querySelector('option[data-value="' + CSS.escape(value) + '"]') : null;
          c.value = option ? value : "";
          var box = form.querySelector('[data-cm-picks="' + c.id + '"]');
          if (box) box.value = option ? option.value : "";
        }
        else if (value !== null) {
          var known = Array.prototype.some.call(c.options, function (o) { return o.value === value; });
          c.value = known ? value : "";
        }
      });
    }

    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(true); });
    form.addEventListener("reset", function () {
      /* A hidden input's value is its attribute: reset would keep it. */
      form.querySelectorAll("[data-cm-datalist]").forEach(function (h) { h.value = ""; });
      setTimeout(function () { apply(true); }, 0);
    });
    document.querySelectorAll('[data-cm-clear="' + listId + '"]').forEach(function (b) {
      b.addEventListener("click", function () { form.reset(); });
    });
    form.hidden = false;
    restore();
    apply(false);
    /* On a phone the controls start folded unless the URL brought active filters;
       on wider screens they are always open (the summary is hidden there by CSS). */
    if (panel) {
      panel.open = !(narrow && narrow.matches) || Object.keys(selected()).length > 0;
      if (narrow) {
        var widen = function () { if (!narrow.matches) panel.open = true; };
        if (narrow.addEventListener) narrow.addEventListener("change", widen);
        else if (narrow.addListener) narrow.addListener(widen);
      }
    }
  }

  /* A message for the number n in the page's language: forms maps each CLDR plural
     category ("one", "few", "other", ...) to a text with %(num)s and other placeholders. */
  var plurals = null;
  function say(forms, n, values) {
    if (!forms) return "";
    if (!plurals) {
      try { plurals = new Intl.PluralRules(document.documentElement.lang || undefined); }
      catch (e) { plurals = new Intl.PluralRules("en"); }
    }
    var text = forms[plurals.select(n)] || forms.other || "";
    values = values || {};
    return text.replace(/%\((\w+)\)s/g, function (whole, name) {
      return name === "num" ? String(n) : (name in values ? values[name] : whole);
    });
  }
  window.cmSay = say; /* events.js words its messages the same way */

  /* Email addresses are published reversed in a data attribute and assembled here. */
  function setupEmails(root) {
    root.querySelectorAll(".cm-email[data-reversed]").forEach(function (el) {
      var address = el.getAttribute("data-reversed").split("").reverse().join("");
      var link = document.createElement("a");
      link.href = "mailto:" + address;
      link.textContent = address;
      el.replaceWith(link);
    });
  }

  /* Material's search overlay has role="dialog" but no name, so a screen reader announces
     an unnamed dialog (axe: aria-dialog-name). Name it after its search field. */
  function nameSearchDialog() {
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])')
      .forEach(function (dialog) {
        var input = dialog.querySelector("input[aria-label]");
        dialog.setAttribute("aria-label", input ? input.getAttribute("aria-label") : "Search");
      });
  }

  /* A "Search the site" button (the page-not-found page): opens the theme's search. */
  function setupSearchButtons(root) {
    root.querySelectorAll("[data-cm-open-search]").forEach(function (button) {
      var toggle = document.getElementById("__search");
      var input = document.querySelector("input.md-search__input, input[type=search]");
      if (!toggle && !input) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        if (toggle && !toggle.checked) toggle.click();
        if (input) input.focus();
      });
    });
  }

  function init() {
    document.querySelectorAll("form[data-cm-filters]").forEach(setupFilters);
    setupSearchButtons(document);
    setupEmails(document);
    nameSearchDialog();
    document.dispatchEvent(new CustomEvent("cm:ready"));
  }

  /* Run fn on every page view: once on load, and after each of Material's instant
     navigations. The other community scripts (loaded after this one) use it too. */
  function onPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }

  window.cmOnPage = onPage;
  onPage(init);
})();
