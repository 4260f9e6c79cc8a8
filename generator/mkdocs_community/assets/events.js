/* mkdocs-community: events. Progressive enhancement only: without JavaScript every
 * time is shown in the event's own zone and listings are correct as of the build.
 *  - [data-cm-ends] items (occurrences) that have ended since the build are hidden;
 *  - times carrying data-cm-start/data-cm-end also get the viewer's local time;
 *  - a registration button with data-cm-closes turns into "Registration closed". */
(function () {
  "use strict";

  function zoneOfViewer() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return ""; }
  }

  var lang = document.documentElement.lang || undefined;

  function sameDay(a, b, zone) {
    var f = new Intl.DateTimeFormat("en-GB", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
    return f.format(a) === f.format(b);
  }

  /* "Tue 10 Mar, 09:00–10:30 PST" in the viewer's zone and language. */
  function localText(start, end, zone) {
    var day = { weekday: "short", day: "numeric", month: "short", timeZone: zone };
    var time = { hour: "2-digit", minute: "2-digit", timeZone: zone };
    var named = { hour: "2-digit", minute: "2-digit", timeZone: zone, timeZoneName: "short" };
    /* The page's language, as everything else on it (Intl picks the order and names). */
    var text = start.toLocaleDateString(lang, day) + ", " + start.toLocaleTimeString(lang, time);
    if (end) {
      text += "–" + (sameDay(start, end, zone) ? end.toLocaleTimeString(lang, named)
        : end.toLocaleDateString(lang, day) + ", " + end.toLocaleTimeString(lang, named));
    }
    return text;
  }

  function offsetAt(date, zone) {
    /* The zone's UTC offset at `date`, as text, to compare with the event's. */
    try {
      return new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" })
        .formatToParts(date).filter(function (p) { return p.type === "timeZoneName"; })[0].value;
    } catch (e) { return ""; }
  }

  /* "Your time: …" in the page's words: the nearest data-cm-your-time (the event page,
     or the listing) holds the translated message. */
  function yourTime(el, time, zone) {
    var holder = el.closest("[data-cm-your-time]") || document.querySelector("[data-cm-your-time]");
    var message = (holder && holder.getAttribute("data-cm-your-time")) || "Your time: %(time)s (%(zone)s)";
    return message.replace("%(time)s", time).replace("%(zone)s", zone);
  }

  function showLocalTimes(root, zone) {
    if (!zone) return;
    root.querySelectorAll("[data-cm-local-for]").forEach(function (slot) {
      var time = root.querySelector('time[data-cm-start="' + slot.getAttribute("data-cm-local-for") + '"]');
      if (!time) return;
      var start = new Date(time.getAttribute("data-cm-start"));
      var end = time.hasAttribute("data-cm-end") ? new Date(time.getAttribute("data-cm-end")) : null;
      if (isNaN(start.getTime())) return;
      var eventZone = time.getAttribute("data-cm-zone") || "";
      if (eventZone === zone || (eventZone && offsetAt(start, eventZone) === offsetAt(start, zone))) return;
      slot.textContent = yourTime(slot, localText(start, end && !isNaN(end.getTime()) ? end : null, zone),
        zone.replace(/_/g, " "));
      slot.hidden = false;
    });
    /* In lists, the viewer's time goes in the tooltip so the layout stays calm. */
    root.querySelectorAll(".cm-events time[data-cm-start], .cm-series time[data-cm-start]").forEach(function (time) {
      var start = new Date(time.getAttribute("data-cm-start"));
      var end = new Date(time.getAttribute("data-cm-end"));
      if (!isNaN(start.getTime())) time.title = yourTime(time, localText(start, isNaN(end.getTime()) ? null : end, zone), zone.replace(/_/g, " "));
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
    closeRegistration(document, now);
    showLocalTimes(document, zoneOfViewer());
  }

  window.cmOnPage(init); /* from community.js, which every page loads first */
})();
