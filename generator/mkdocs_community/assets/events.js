/* mkdocs-community: events. Progressive enhancement only: without JavaScript every
 * time is shown in the event's own zone and listings are correct as of the build.
 *  - [data-cm-ends] items (occurrences) that have ended since the build are hidden, and
 *    a list left with nothing shows the note after it ([data-cm-instead]) instead;
 *  - times carrying data-cm-start/data-cm-end also get the viewer's local time, shown
 *    in full (in listings too: phones have no tooltips), with the zone's name;
 *  - a repeating event in a listing shows its next dates, each hidden once it has passed;
 *  - a registration button with data-cm-closes turns into "Registration closed". */
(function () {
  "use strict";

  /* Dates, weekdays and zone names in the page's language, as everything else on it; in
     the viewer's own variant of it when they read that language (en-GB: 24-hour clock). */
  var lang = (function () {
    var page = document.documentElement.lang || "";
    var viewer = (navigator.languages && navigator.languages[0]) || navigator.language || "";
    if (!page) return viewer || undefined;
    return viewer && viewer.split("-")[0].toLowerCase() === page.split("-")[0].toLowerCase()
      ? viewer : page;
  })();

  function zoneOfViewer() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return ""; }
  }

  function sameDay(a, b, zone) {
    var f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    return f.format(a) === f.format(b);
  }

  /* "Tue 10 Mar, 09:00–10:30" in the viewer's zone and the page's language. */
  function localText(start, end, zone) {
    var day = { weekday: "short", day: "numeric", month: "short", timeZone: zone };
    var time = { hour: "2-digit", minute: "2-digit", timeZone: zone };
    var text = start.toLocaleDateString(lang, day) + ", " + start.toLocaleTimeString(lang, time);
    if (end) {
      text += "–" + (sameDay(start, end, zone) ? end.toLocaleTimeString(lang, time)
        : end.toLocaleDateString(lang, day) + ", " + end.toLocaleTimeString(lang, time));
    }
    return text;
  }

  /* The viewer's zone as people say it: "Central European Time", "Japan Standard Time",
     "UTC"; never a bare code. */
  function zoneName(zone, at) {
    if (/^(Etc\/)?(UTC|GMT|Universal|Zulu|UCT)$/.test(zone)) return "UTC";
    var styles = ["longGeneric", "long"];
    for (var i = 0; i < styles.length; i++) {
      try {
        var parts = new Intl.DateTimeFormat(lang, { timeZone: zone, timeZoneName: styles[i] }).formatToParts(at);
        for (var j = 0; j < parts.length; j++) {
          if (parts[j].type === "timeZoneName" && !/^(GMT|UTC)([+\-\u2212]|$)/.test(parts[j].value)) return parts[j].value;
        }
      } catch (e) { /* an older browser: try the next style */ }
    }
    return zone.split("/").pop().replace(/_/g, " ") + " time";
  }

  function offsetAt(date, zone) {
    /* The zone's UTC offset at `date`, as text, to compare with the event's. */
    try {
      return new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
        .formatToParts(date).filter(function (p) { return p.type === "timeZoneName"; })[0].value;
    } catch (e) { return ""; }
  }

  /* "Your time: Wed 11 Mar, 03:00–04:30 (Japan Standard Time)" for a <time> with
     data-cm-start, or "" when the viewer's clock reads the same as the event's zone. The
     words come from the page (data-cm-your-time, translated when it was built). */
  function yourTime(time, zone) {
    var start = new Date(time.getAttribute("data-cm-start"));
    var end = time.hasAttribute("data-cm-end") ? new Date(time.getAttribute("data-cm-end")) : null;
    if (isNaN(start.getTime())) return "";
    var eventZone = time.getAttribute("data-cm-zone") || "";
    if (eventZone === zone || (eventZone && offsetAt(start, eventZone) === offsetAt(start, zone))) return "";
    var holder = time.closest("[data-cm-your-time]") || document.querySelector("[data-cm-your-time]");
    var message = (holder && holder.getAttribute("data-cm-your-time")) || "Your time: %(time)s (%(zone)s)";
    var local = localText(start, end && !isNaN(end.getTime()) ? end : null, zone);
    return message.replace("%(time)s", local).replace("%(zone)s", zoneName(zone, start));
  }

  function showLocalTimes(root, zone) {
    if (!zone) return;
    function fill(slot, time) {
      var text = time ? yourTime(time, zone) : "";
      slot.textContent = text;
      slot.hidden = !text;
    }
    /* An event page: the slot names the start it belongs to. */
    root.querySelectorAll("[data-cm-local-for]").forEach(function (slot) {
      fill(slot, root.querySelector('time[data-cm-start="' + slot.getAttribute("data-cm-local-for") + '"]'));
    });
    /* A listing: each entry shows the viewer's time of its next date that has not passed. */
    root.querySelectorAll("[data-cm-local]").forEach(function (slot) {
      var entry = slot.closest(".cm-event__body") || slot.parentElement;
      var next = Array.prototype.filter.call(entry.querySelectorAll("time[data-cm-start]"), function (time) {
        var item = time.closest("[data-cm-ends]");
        return !(item && entry.contains(item) && item.hidden);
      })[0];
      fill(slot, next || null);
    });
  }

  function hideEnded(root, now) {
    var lists = [];
    root.querySelectorAll("[data-cm-ends]").forEach(function (item) {
      var ends = Date.parse(item.getAttribute("data-cm-ends"));
      if (isNaN(ends) || ends > now) return;
      item.setAttribute("data-cm-expired", "");
      item.hidden = true;
      if (item.parentElement && lists.indexOf(item.parentElement) === -1) lists.push(item.parentElement);
    });
    lists.forEach(function (list) {
      var form = list.id ? root.querySelector('form[data-cm-filters="' + list.id + '"]') : null;
      if (form && form.dataset.cmReady) {
        form.dispatchEvent(new Event("change")); /* the filter engine recounts */
        return;
      }
      Array.prototype.forEach.call(list.children, function (el) {
        if (!el.hasAttribute("data-cm-heading")) return;
        var next = el.nextElementSibling;
        while (next && !next.hasAttribute("data-cm-heading") && next.hidden) next = next.nextElementSibling;
        el.hidden = !next || next.hasAttribute("data-cm-heading");
      });
    });
  }

  /* A page built long ago: where everything a block listed has ended, the note after it
     ([data-cm-instead]) says so instead of leaving an empty list under its heading. */
  function showInstead(root) {
    root.querySelectorAll("[data-cm-instead]").forEach(function (note) {
      var before = note.previousElementSibling;
      if (!before) return;
      var items = Array.prototype.slice.call(before.children);
      var gone = before.hidden || (items.length > 0 && items.every(function (el) { return el.hidden; }));
      if (!gone) return;
      before.hidden = true;
      note.hidden = false;
    });
  }

  function closeRegistration(root, now) {
    root.querySelectorAll("a[data-cm-closes]").forEach(function (link) {
      var closes = Date.parse(link.getAttribute("data-cm-closes"));
      if (isNaN(closes) || closes > now) return;
      var closed = document.createElement("span");
      closed.className = "md-button cm-button--disabled";
      closed.setAttribute("aria-disabled", "true");
      closed.textContent = link.getAttribute("data-cm-closed") || "Registration closed";
      link.replaceWith(closed);
    });
  }

  function init() {
    var now = Date.now();
    hideEnded(document, now);
    showInstead(document);
    closeRegistration(document, now);
    showLocalTimes(document, zoneOfViewer());
  }

  window.cmOnPage(init); /* from community.js, which every page loads first */
})();
