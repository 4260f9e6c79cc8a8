/* mkdocs-community: "Create your profile" (/join/profile/, see profile_form.py).
 * Writes <members>/<login>.yml as the member template would, checks every value with the
 * CLI's rules and in its words (both put into the page at build time), shows the card the
 * member directory will show, and opens GitHub's new-file page with the file filled in.
 * Without JavaScript the page shows how to write the file by hand. Nothing typed here is
 * sent anywhere: the file leaves the page only when the person follows the GitHub link,
 * copies or downloads it. */
(function () {
  "use strict";

  /* -- small helpers ------------------------------------------------------------------ */

  /* "{name}" and "{name:,}" (thousands separators, as Python's format) filled in;
     "{{" and "}}" are literal braces. */
  function fill(template, values) {
    return String(template || "").replace(/\{\{|\}\}|\{(\w+)(:,)?\}/g, function (all, name, comma) {
      if (!name) return all.charAt(0);
      if (!Object.prototype.hasOwnProperty.call(values, name)) return all;
      var value = values[name];
      return comma && typeof value === "number" ? value.toLocaleString("en-US") : String(value);
    });
  }

  /* Python counts characters (code points), not UTF-16 units. */
  function length(text) { return Array.from(text).length; }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* What Python's urllib.parse.quote(text, safe="/") gives, so a link made here is the
     one github_links.py makes for the same file. */
  function quote(text) {
    return encodeURIComponent(text).replace(/[!'()*]/g, function (c) {
      return "%" + c.charCodeAt(0).toString(16).toUpperCase();
    }).replace(/%2F/g, "/");
  }

  function newFileUrl(page, path, content) {
    var url = page + "?filename=" + quote(path);
    return content === undefined ? url : url + "&value=" + quote(content);
  }

  /* -- YAML, written as the member template writes it ---------------------------------- */

  /* What YAML 1.1 (PyYAML) or 1.2 readers take for a boolean, null, number or date. */
  var YAML_WORDS = /^(?:y|yes|n|no|true|false|on|off|null|~|<<|=)$/i;
  var NUMBERISH = /^[-+]?(?:[0-9][0-9_]*(?:[.:][0-9_]*)*|\.[0-9][0-9_]*)(?:e[-+]?[0-9]+)?$|^[-+]?\.(?:inf|nan)$|^[-+]?0[xob][0-9a-f_]+$/i;
  var DATEISH = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt\s])/;
  /* Outside YAML's printable set, or a line break to YAML 1.1 readers. */
  var UNPRINTABLE = /[^\t\n\x20-\x7e\u00a0-\ufffd]|[\u2028\u2029\ufeff]/;

  /* A scalar is written without quotes, as the template writes its examples
     ("she/her", "0000-0002-1825-0097"), only when no YAML reader could take it for
     anything but this text: no indicator, comment or key-value separator, and not a
     boolean, null, number or date. Everything else is double-quoted ("2026"). */
  function plain(text, flow) {
    return text !== "" && text === text.trim() &&
      !/^[-?:,[\]{}#&*!|>'"%@`<=]/.test(text) &&
      !/: |:$| #|[\t\n\r]/.test(text) &&
      !(flow && /[,?:[\]{}]/.test(text)) &&
      !YAML_WORDS.test(text) && !NUMBERISH.test(text) && !DATEISH.test(text) &&
      !UNPRINTABLE.test(text);
  }

  /* A JSON string is a YAML double-quoted scalar; NEL, LS, PS, BOM and C1 controls are
     escaped as well, which JSON leaves as they are. */
  function quoted(text) {
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, function (c) {
      return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function scalar(text, flow) { return plain(text, flow) ? text : quoted(text); }

  /* Markdown as a literal block ("bio: |"), as the template has it. */
  function literal(text, indent) {
    if (UNPRINTABLE.test(text)) return quoted(text);
    return "|\n" + text.split("\n").map(function (line) { return line ? indent + line : ""; }).join("\n");
  }

  /* -- the form ----------------------------------------------------------------------- */

  function setup(root) {
    if (root.dataset.cmReady) return;
    root.dataset.cmReady = "1";
    var config;
    try { config = JSON.parse(root.getAttribute("data-cm-profile-form")); } catch (e) { return; }
    var form = root.querySelector("form");
    var app = root.querySelector("[data-cm-pf-app]");
    if (!form || !app) return;
    var fields = config.fields;
    var byName = {};
    fields.forEach(function (f) { byName[f.name] = f; });
    var messages = config.messages || {};
    var CONTROL = new RegExp(config.patterns.control);
    var DECEPTIVE = new RegExp(config.patterns.deceptive);
    var lists = {};
    var shown = {};  /* field name -> true while its error is on screen */
    var announce = root.querySelector("[data-cm-pf-announce]");
    var storageKey = "cm-profile-form:" + location.pathname;

    /* The page's words, in its language (profile_form.py, SCRIPT_TEXT): "%(name)s" filled
       in; a count picks its plural form by the language's rules. */
    function words(template, values) {
      return String(template || "").replace(/%\((\w+)\)s/g, function (all, name) {
        return values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
      });
    }
    function phrase(key, values) { return words((config.text || {})[key] || key, values); }
    var pluralRules = null;
    try { pluralRules = new Intl.PluralRules(config.lang); } catch (e) { /* English forms */ }
    function counted(key, n, values) {
      var forms = (config.plurals || {})[key] || {};
      var category = pluralRules ? pluralRules.select(n) : (n === 1 ? "one" : "other");
      return words(forms[category] || forms.other || "", values);
    }
    function number(n) { try { return n.toLocaleString(config.lang); } catch (e) { return String(n); } }

    /* -- topics and languages ------------------------------------------------------ */

    /* As topics.py: aliases match whatever their case, spacing and separators. */
    function fold(text) { return text.trim().toLowerCase().replace(/[\s_\-]+/g, "-"); }
    var topicLabel = {};
    var spelling = new Map();  /* folded spelling -> topic id, first wins (as Vocabulary) */
    var topicEntries = config.topics.map(function (t) {
      topicLabel[t[0]] = t[1];
      var spellings = [t[0], t[1]].concat(t[2]);
      spellings.forEach(function (s) { if (!spelling.has(fold(s))) spelling.set(fold(s), t[0]); });
      return { id: t[0], label: t[1], spellings: spellings.map(fold), aliases: t[2] };
    });
    var spellingKeys = Array.from(spelling.keys());

    /* difflib.SequenceMatcher(None, a, b): the number of matching characters (no junk:
       Python applies its junk heuristic only to strings of 200 characters or more). */
    function matching(a, b) {
      var where = new Map();
      b.forEach(function (ch, j) { if (!where.has(ch)) where.set(ch, []); where.get(ch).push(j); });
      var total = 0, queue = [[0, a.length, 0, b.length]];
      while (queue.length) {
        var q = queue.pop(), alo = q[0], ahi = q[1], blo = q[2], bhi = q[3];
        var besti = alo, bestj = blo, best = 0, lengths = new Map();
        for (var i = alo; i < ahi; i++) {
          var next = new Map(), js = where.get(a[i]) || [];
          for (var n = 0; n < js.length; n++) {
            var j = js[n];
            if (j < blo) continue;
            if (j >= bhi) break;
            var k = (lengths.get(j - 1) || 0) + 1;
            next.set(j, k);
            if (k > best) { besti = i - k + 1; bestj = j - k + 1; best = k; }
          }
          lengths = next;
        }
        if (best) {
          total += best;
          if (alo < besti && blo < bestj) queue.push([alo, besti, blo, bestj]);
          if (besti + best < ahi && bestj + best < bhi) queue.push([besti + best, ahi, bestj + best, bhi]);
        }
      }
      return total;
    }

    /* difflib.get_close_matches: best first, ties by the larger string. */
    function closeMatches(word, candidates, n, cutoff) {
      var b = Array.from(word), scored = [];
      candidates.forEach(function (x) {
        var a = Array.from(x), size = a.length + b.length;
        var ratio = size ? 2 * matching(a, b) / size : 1;
        if (ratio >= cutoff) scored.push([ratio, x]);
      });
      scored.sort(function (p, q) { return q[0] - p[0] || (q[1] > p[1] ? 1 : q[1] < p[1] ? -1 : 0); });
      return scored.slice(0, n).map(function (p) { return p[1]; });
    }

    /* Vocabulary.suggest: the topics a misspelling is close to, then those it starts. */
    function suggestTopics(text) {
      var folded = fold(text), ids = [];
      var close = closeMatches(folded, spellingKeys, 6, config.suggestCutoff);
      if (length(folded) >= 4) {
        close = close.concat(spellingKeys.filter(function (k) { return k.indexOf(folded) === 0; }).sort());
      }
      close.forEach(function (key) {
        var id = spelling.get(key);
        if (ids.indexOf(id) < 0) ids.push(id);
      });
      return ids.slice(0, 3);
    }

    /* As topics.py proposes a new topic's line: the label as typed (capitalised when
       all lowercase), quoted when YAML needs it, and the id made from it. */
    var TOPIC_ID = new RegExp(config.patterns.topicId);
    var PLAIN_LABEL = /^[\p{L}\p{N}_][\p{L}\p{N}_ .+#\/()-]*$/u;
    function newTopic(text) {
      var label = text.trim();
      if (label === label.toLowerCase()) label = Array.from(label).slice(0, 1).join("").toUpperCase() + Array.from(label).slice(1).join("");
      var id = label.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
        .replace(/[^a-z0-9+#.]+/g, "-").replace(/^[-.]+|[-.]+$/g, "");
      return { label: PLAIN_LABEL.test(label) ? label : JSON.stringify(label), newid: TOPIC_ID.test(id) ? id : "" };
    }

    var topics = {
      resolve: function (text) { return spelling.get(fold(text)) || null; },
      label: function (id) { return topicLabel[id] || id; },
      search: function (text) {
        var folded = fold(text);
        var found = topicEntries.map(function (t) {
          var rank = 3, via = "";
          t.spellings.forEach(function (s, i) {
            var r = !folded ? 2 : s === folded ? 0 : s.indexOf(folded) === 0 ? 1 : s.indexOf(folded) > 0 ? 2 : 3;
            if (r < rank) { rank = r; via = i >= 2 ? t.aliases[i - 2] : ""; }
          });
          return { value: t.id, label: t.label, detail: via ? phrase("also", { alias: via }) : "", rank: rank };
        }).filter(function (o) { return o.rank < 3; });
        found.sort(function (a, b) { return a.rank - b.rank || a.label.localeCompare(b.label); });
        return found;
      },
      unknown: function (name, text) {
        var near = suggestTopics(text), m = messages[name] || {}, proposed = newTopic(text);
        var template = near.length && m["unknown-near"] ? m["unknown-near"] :
          !proposed.newid && m["unknown-noid"] ? m["unknown-noid"] : m.unknown;
        return template && { template: template, values: {
          value: text, label: proposed.label, newid: proposed.newid,
          suggestions: near.map(function (t) { return "'" + t + "'"; }).join(" or ") } };
      }
    };

    var displayNames = null;
    try { displayNames = new Intl.DisplayNames([config.lang], { type: "language" }); } catch (e) { /* older browsers */ }
    /* A language's name in itself ("Deutsch"), so people find it as they call it. */
    function autonym(tag) {
      try { return new Intl.DisplayNames([tag], { type: "language" }).of(tag) || ""; } catch (e) { return ""; }
    }
    var languageNames = {};
    var languageEntries = config.languages.map(function (l) {
      languageNames[l[0]] = l[1];
      var own = autonym(l[0]);
      return { tag: l[0], name: l[1], autonym: own && own !== l[0] ? own : l[1] };
    });
    /* A well-formed BCP 47 tag, in its canonical case ("pt-br" -> "pt-BR"), or null. */
    function languageTag(text) {
      var t = text.trim();
      if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(t)) return null;
      try { return Intl.getCanonicalLocales(t)[0] || null; } catch (e) { return null; }
    }
    var languageList = {
      resolve: function (text) {
        var t = text.trim().toLowerCase();
        var hit = languageEntries.filter(function (l) {
          return l.tag === t || l.name.toLowerCase() === t || l.autonym.toLowerCase() === t;
        })[0];
        return hit ? hit.tag : languageTag(text);
      },
      label: function (tag) {
        var name = languageNames[tag];
        if (!name && displayNames) { try { name = displayNames.of(tag); } catch (e) { name = ""; } }
        return name && name !== tag ? name + " (" + tag + ")" : tag;
      },
      search: function (text) {
        var t = text.trim().toLowerCase();
        var found = languageEntries.map(function (l) {
          var rank = !t ? 2 : l.tag === t ? 0 : (l.name.toLowerCase().indexOf(t) === 0 || l.autonym.toLowerCase().indexOf(t) === 0) ? 1 :
            (l.name.toLowerCase().indexOf(t) > 0 || l.autonym.toLowerCase().indexOf(t) > 0) ? 2 : 3;
          return { value: l.tag, label: l.name, detail: l.autonym !== l.name ? l.autonym + " · " + l.tag : l.tag, rank: rank };
        }).filter(function (o) { return o.rank < 3; });
        var tag = languageTag(text);
        if (tag && !languageNames[tag]) found.push({ value: tag, label: languageList.label(tag), detail: "", rank: 0 });
        found.sort(function (a, b) { return a.rank - b.rank || a.label.localeCompare(b.label); });
        return found;
      },
      unknown: function (name, text) {
        var m = messages[name] || {};
        return m.unknown && { template: m.unknown, values: { value: text.trim() } };
      }
    };

    /* An ARIA 1.2 combobox over a list of choices, and the chosen ones as removable chips. */
    function setupList(f, source) {
      var box = root.querySelector('[data-cm-pf-field="' + f.name + '"]');
      var input = document.getElementById(f.id);
      var listbox = document.getElementById(f.id + "-options");
      var chips = box.querySelector("[data-cm-pf-chips]");
      var options = [], active = -1;
      lists[f.name] = [];

      function close() {
        listbox.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
      }
      function highlight(index) {
        active = index;
        Array.prototype.forEach.call(listbox.children, function (li, i) {
          li.setAttribute("aria-selected", i === index ? "true" : "false");
        });
        if (index >= 0 && listbox.children[index]) {
          input.setAttribute("aria-activedescendant", listbox.children[index].id);
          listbox.children[index].scrollIntoView({ block: "nearest" });
        } else {
          input.removeAttribute("aria-activedescendant");
        }
      }
      function open() {
        var chosen = lists[f.name];
        options = source.search(input.value).filter(function (o) { return chosen.indexOf(o.value) < 0; }).slice(0, 12);
        listbox.textContent = "";
        options.forEach(function (o, i) {
          var li = el("li", "cm-pf__option");
          li.id = f.id + "-option-" + i;
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", "false");
          li.appendChild(el("span", "", o.label));
          if (o.detail) li.appendChild(el("span", "cm-pf__option-detail", " " + o.detail));
          li.addEventListener("mousedown", function (e) { e.preventDefault(); });
          li.addEventListener("click", function () { choose(o.value); });
          listbox.appendChild(li);
        });
        listbox.hidden = !options.length;
        input.setAttribute("aria-expanded", options.length ? "true" : "false");
        highlight(-1);
      }
      function render() {
        chips.textContent = "";
        lists[f.name].forEach(function (value) {
          var label = source.label(value);
          var li = el("li", "cm-pf__chip");
          li.appendChild(el("span", "", label));
          var remove = el("button", "cm-pf__remove", "×");
          remove.type = "button";
          remove.setAttribute("aria-label", phrase("remove", { label: label, field: f.label }));
          remove.addEventListener("click", function () {
            lists[f.name] = lists[f.name].filter(function (v) { return v !== value; });
            render();
            say(phrase("removed", { label: label, field: f.label }));
            input.focus();
            changed(f, true);
          });
          li.appendChild(remove);
          chips.appendChild(li);
        });
        chips.hidden = !lists[f.name].length;
      }
      /* Add what was typed or picked; refuse (and say why, in the CLI's words) what the
         CLI would refuse. Returns whether the text was used. */
      function choose(value) {
        var list = lists[f.name];
        if (list.indexOf(value) < 0) {
          var limit = f.rules.maxItems, m = messages[f.name] || {};
          if (limit && list.length >= limit && m["too-long"]) {
            showError(f, tooLong(m["too-long"], list.length + 1, limit));
            return false;
          }
          list.push(value);
        }
        input.value = "";
        close();
        render();
        say(phrase("added", { label: source.label(value), field: f.label }));
        changed(f, true);
        return true;
      }
      function commit() {
        var text = input.value;
        if (!text.trim()) return true;
        var value = source.resolve(text);
        if (value) return choose(value);
        var why = source.unknown(f.name, text);
        if (why) showError(f, { text: fill(why.template.text, why.values), hint: fill(why.template.hint, why.values) });
        return false;
      }
      input.addEventListener("input", function () { open(); if (shown[f.id] && !input.value.trim()) changed(f, true); });
      input.addEventListener("focus", function () { if (input.value.trim()) open(); });
      input.addEventListener("blur", function () { close(); commit(); });
      input.addEventListener("keydown", function (e) {
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          if (listbox.hidden) open();
          if (!options.length) return;
          var step = e.key === "ArrowDown" ? 1 : -1;
          highlight((active + step + options.length + (active < 0 && step < 0 ? 1 : 0)) % options.length);
        } else if (e.key === "Enter") {
          e.preventDefault();
          if (active >= 0 && options[active]) choose(options[active].value);
          else commit();
        } else if (e.key === "Escape") {
          if (!listbox.hidden) { e.preventDefault(); close(); }
        } else if (e.key === "Tab") {
          close();
        }
      });
      return {
        set: function (values) { lists[f.name] = values.slice(); render(); },
        pending: function () { return input.value.trim(); }
      };
    }

    var listWidgets = {};
    fields.forEach(function (f) {
      if (f.widget === "topics") listWidgets[f.name] = setupList(f, topics);
      if (f.widget === "languages") listWidgets[f.name] = setupList(f, languageList);
    });

    /* -- repeatable groups (affiliations, roles, places) ------------------------------- */

    /* Each "Add" makes an entry from the group's <template>: a numbered fieldset whose
       ids carry a key of their own (kept when others are removed), with a "Remove"
       button. A group the template writes as one mapping when it has one entry (places)
       always shows one. */
    var groups = {};
    var entryKeys = 0;

    /* validation.ordinal: the CLI's "1st", "22nd" (its messages are English). */
    function ordinal(n) {
      var suffix = n % 100 >= 10 && n % 100 <= 20 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" })[n % 10] || "th";
      return n.toLocaleString("en-US") + suffix;
    }

    function entryField(e, name) {
      return e.fields.filter(function (f) { return f.name === name; })[0] || null;
    }

    function entryValues(e) {
      var result = {};
      e.fields.forEach(function (f) { result[f.name] = valueOf(f); });
      return result;
    }

    /* Nothing typed (a checkbox as it started): the entry is not written, nor checked. */
    function isEmpty(e, own) {
      return e.fields.every(function (f) {
        return f.widget === "checkbox" ? own[f.name] === Boolean(f.default) : own[f.name] === null;
      });
    }

    /* How many entries before this one the file holds (the CLI counts those). */
    function writtenBefore(e) {
      var group = e.group, count = 0;
      for (var i = 0; i < group.entries.length && group.entries[i] !== e; i++) {
        if (!isEmpty(group.entries[i], entryValues(group.entries[i]))) count++;
      }
      return count;
    }

    function listValue(group) {
      var found = [];
      group.entries.forEach(function (e) {
        var own = entryValues(e);
        if (!isEmpty(e, own)) found.push(own);
      });
      return found.length ? found : null;
    }

    function renumber(group) {
      group.entries.forEach(function (e, i) {
        e.title = words(group.spec.entry, { num: number(i + 1) });
        e.node.querySelector("[data-cm-pf-entry-title]").textContent = e.title;
        var remove = e.node.querySelector("[data-cm-pf-remove-entry]");
        remove.textContent = phrase("removeEntry", { entry: e.title });
        remove.hidden = Boolean(group.spec.single) && group.entries.length === 1;
        e.fields.forEach(function (f) { f.label = phrase("inEntry", { field: f.ownLabel, entry: e.title }); });
      });
    }

    var ID_ATTRIBUTES = ["id", "for", "aria-describedby", "aria-controls"];

    function addEntry(group, raw) {
      var key = ++entryKeys;
      var prefix = group.spec.id + "-", own = prefix + key + "-";
      var made = group.template.content.cloneNode(true);
      made.querySelectorAll("*").forEach(function (node) {
        ID_ATTRIBUTES.forEach(function (name) {
          var value = node.getAttribute(name);
          if (!value) return;
          node.setAttribute(name, value.split(" ").map(function (id) {
            return id.indexOf(prefix) === 0 ? own + id.slice(prefix.length) : id;
          }).join(" "));
        });
      });
      var e = { key: key, group: group, node: made.querySelector("[data-cm-pf-entry]"), title: "" };
      e.fields = group.spec.fields.map(function (sub) {
        return Object.assign({}, sub, { id: own + sub.id.slice(prefix.length), entry: e, ownLabel: sub.label });
      });
      e.node.querySelector("[data-cm-pf-remove-entry]").addEventListener("click", function () { removeEntry(e); });
      group.list.appendChild(made);
      group.entries.push(e);
      e.fields.forEach(function (f) {
        if (!raw || !Object.prototype.hasOwnProperty.call(raw, f.name)) return;
        if (f.widget === "checkbox") control(f).checked = Boolean(raw[f.name]);
        else control(f).value = String(raw[f.name]);
      });
      renumber(group);
      return e;
    }

    function removeEntry(e) {
      var group = e.group, title = e.title;
      group.entries.splice(group.entries.indexOf(e), 1);
      e.fields.forEach(function (f) { delete shown[f.id]; });
      e.node.remove();
      renumber(group);
      showError(group.spec, null);
      group.add.focus();
      say(phrase("entryRemoved", { entry: title }));
      refresh();
    }

    function setupGroup(spec) {
      var node = root.querySelector('[data-cm-pf-list="' + spec.name + '"]');
      var group = { spec: spec, entries: [], list: node.querySelector("[data-cm-pf-entries]"),
                    template: node.querySelector("[data-cm-pf-entry-template]"),
                    add: node.querySelector("[data-cm-pf-add-entry]") };
      group.add.addEventListener("click", function () {
        var limit = spec.rules.maxItems, m = messages[spec.name] || {};
        if (limit && group.entries.length >= limit) {
          /* The CLI's words for one entry too many; nothing is added. */
          var p = m["too-long"] ? tooLong(m["too-long"], limit + 1, limit) : null;
          if (p) { showError(spec, { text: p.text, hint: "" }); say(p.text); }
          return;
        }
        var e = addEntry(group, null);
        say(phrase("entryAdded", { entry: e.title }));
        control(e.fields[0]).focus();
        refresh();
      });
      return group;
    }

    /* A group that stands for one mapping (places) shows one entry even when empty. */
    function startGroups() {
      Object.keys(groups).forEach(function (name) {
        var group = groups[name];
        if (group.spec.single && !group.entries.length) addEntry(group, null);
      });
    }

    function clearGroups() {
      Object.keys(groups).forEach(function (name) {
        var group = groups[name];
        group.entries.slice().forEach(function (e) { e.node.remove(); });
        group.entries = [];
        showError(group.spec, null);
      });
      startGroups();
    }

    fields.forEach(function (f) { if (f.widget === "list") groups[f.name] = setupGroup(f); });

    /* -- values and the CLI's rules ------------------------------------------------ */

    function control(f) { return document.getElementById(f.id); }

    /* A field's value as the file will hold it: trimmed text, a list, a boolean; null
       when empty. */
    function valueOf(f) {
      var input = control(f);
      if (f.widget === "checkbox") return input.checked;
      if (f.widget === "choices") {
        var picked = Array.prototype.filter.call(input.querySelectorAll("input"), function (box) {
          return box.checked;
        }).map(function (box) { return box.value; });
        return picked.length ? picked : null;
      }
      if (lists[f.name]) return lists[f.name].length ? lists[f.name].slice() : null;
      var text = input.value.replace(/\r\n?/g, "\n").trim();
      if (f.widget === "handle") text = text.replace(/^@/, "");
      return text === "" ? null : text;
    }

    function values() {
      var result = {};
      fields.forEach(function (f) { result[f.name] = f.widget === "list" ? listValue(groups[f.name]) : valueOf(f); });
      return result;
    }

    function handleOf(all) { return all.github && new RegExp(byName.github.rules.pattern).test(all.github) ? all.github : ""; }

    function tooLong(m, count, limit) {
      var extra = count - limit;
      var t = extra === 1 ? m.one : m.other;
      var v = { count: count, limit: limit, extra: extra };
      return { text: fill(t.text, v), hint: fill(t.hint, v) };
    }

    function said(m, v) { return { text: fill(m.text, v || {}), hint: fill(m.hint, v || {}) }; }

    /* The scheme and host as Python's urllib.parse.urlsplit sees them, checked in the
       CLI's order: scheme, then a space, then the host name. Rarer faults (a stray '%',
       a user name, a port) are the CLI's to find. */
    function urlProblem(m, text) {
      var scheme = /^[A-Za-z][A-Za-z0-9+.\-]*:/.exec(text);
      scheme = scheme ? scheme[0].slice(0, -1).toLowerCase() : "";
      if (scheme !== "https") {
        if (!scheme && m["url-no-scheme"]) return said(m["url-no-scheme"], { value: text });
        return m["url-scheme"] ? said(m["url-scheme"], { scheme: scheme, value: text }) : null;
      }
      if (text.indexOf(" ") >= 0) return m["url-spaces"] ? said(m["url-spaces"], { value: text }) : null;
      var rest = text.slice(scheme.length + 1);
      var netloc = rest.indexOf("//") === 0 ? rest.slice(2).split(/[\/?#]/)[0] : "";
      if (netloc.indexOf("@") >= 0) return null;
      var host = netloc.replace(/:[0-9]*$/, "");
      if ((!host || host.indexOf(".") < 0) && m["url-host"]) return said(m["url-host"], { value: text });
      return null;
    }

    /* ISO 7064 MOD 11-2 over the digits the schema's pattern finds. */
    function orcidChecksumOk(found) {
      var digits = found.slice(1).join("").replace(/[^0-9Xx]/g, "").toUpperCase();
      var total = 0;
      for (var i = 0; i < digits.length - 1; i++) total = (total + Number(digits[i])) * 2;
      var check = (12 - total % 11) % 11;
      return digits[digits.length - 1] === (check === 10 ? "X" : String(check));
    }

    /* ISO 7064 MOD 97-10 over the number the Crockford base 32 digits make (records/member.py). */
    var CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";
    function rorChecksumOk(body, check) {
      var n = 0;
      Array.from(body.toLowerCase()).forEach(function (c) { n = n * 32 + CROCKFORD.indexOf(c); });
      return 98 - (n * 100) % 97 === Number(check);
    }

    /* What Python's float() reads: digits with single underscores between them, a point,
       an exponent; inf, infinity and nan in any case. */
    var DIGITS = "[0-9](?:_?[0-9])*";
    var PY_FLOAT = new RegExp("^[+-]?(?:(?:" + DIGITS + "(?:\\.(?:" + DIGITS + ")?)?|\\.(?:" + DIGITS + "))(?:[eE][+-]?" + DIGITS + ")?|inf|infinity|nan)$", "i");

    function monthProblem(m, text, f) {
      if (f.rules.pattern && !new RegExp(f.rules.pattern).test(text)) return m.format && said(m.format, { value: text });
      var parts = text.split("-").map(Number);  /* a year, a month or a day */
      if (parts.length > 1) {
        var day = parts.length > 2 ? parts[2] : 1;
        var last = new Date(Date.UTC(parts[0], parts[1], 0)).getUTCDate();
        if (parts[1] < 1 || parts[1] > 12 || day < 1 || day > last) return m.invalid && said(m.invalid, { value: text });
      }
      if (parts[0] < config.years[0] || parts[0] > config.years[1]) return m.range && said(m.range, { value: text });
      return null;
    }

    /* The first of the CLI's rules that the value breaks, in the order the CLI applies
       them (length, then hidden characters, then the field's format); checked only where
       the CLI has the rule (there is a message for it). */
    function problem(f, value, all) {
      var m = messages[f.name] || {};
      if (value === null) {
        if (f.widget === "handle") return said(config.formMessages["github-required"]);
        if (f.rules.pair && m.pair && all && all[f.rules.pair] !== null && all[f.rules.pair] !== undefined) return said(m.pair);
        return f.required && m.required ? said(m.required, { nth: f.nth || "" }) : null;
      }
      if (Array.isArray(value)) {
        return m["too-long"] && f.rules.maxItems && value.length > f.rules.maxItems ?
          tooLong(m["too-long"], value.length, f.rules.maxItems) : null;
      }
      if (typeof value !== "string") return null;
      if (m["too-long"] && f.rules.maxLength && length(value) > f.rules.maxLength) {
        return tooLong(m["too-long"], length(value), f.rules.maxLength);
      }
      if (m.deceptive && DECEPTIVE.test(value)) return said(m.deceptive);
      if (m.control && CONTROL.test(value)) return said(m.control);
      switch (f.widget) {
        case "url": return urlProblem(m, value);
        case "handle":
          /* The CLI takes "@octocat" for "octocat" and quotes what was written. */
          var raw = control(f).value.trim();
          if (m.format && !new RegExp(f.rules.pattern).test(value)) return said(m.format, { value: raw });
          if (config.existing.indexOf(value.toLowerCase()) >= 0) {
            return said(config.formMessages.exists, { file: value.toLowerCase() + ".yml" });
          }
          return null;
        case "email":  /* the rest of an address's form is the CLI's to judge */
          return m["no-at"] && value.indexOf("@") < 0 ? said(m["no-at"], { value: value }) : null;
        case "orcid":
          var found = f.rules.pattern ? new RegExp(f.rules.pattern).exec(value) : null;
          if (!found) return m.format ? said(m.format, { value: value }) : null;
          return m.checksum && !orcidChecksumOk(found) ? said(m.checksum, { value: value }) : null;
        case "month": return monthProblem(m, value, f);
        case "ror":
          var ror = f.rules.pattern ? new RegExp(f.rules.pattern).exec(value) : null;
          if (!ror) return m.format ? said(m.format, { value: value }) : null;
          return m.checksum && !rorChecksumOk(ror[1], ror[2]) ? said(m.checksum, { value: value }) : null;
        case "decimal":
          var digits = asciiDigits(value);
          if (!PY_FLOAT.test(digits)) return m["not-number"] ? said(m["not-number"], { value: value }) : null;
          var n = Number(digits.replace(/_/g, "").replace(/^([+-]?)inf$/i, "$1Infinity"));
          /* NaN is in no range, for Python as here. */
          return m.range && !(n >= f.rules.minimum && n <= f.rules.maximum) ? said(m.range, { value: value }) : null;
        case "number":
          if (!/^-?\d+$/.test(value)) return m.whole && said(m.whole, { value: value });
          if (f.rules.minimum !== undefined && Number(value) < f.rules.minimum) return m.low && said(m.low);
          if (f.rules.maximum !== undefined && Number(value) > f.rules.maximum) return m.high && said(m.high);
          return null;
      }
      return null;
    }

    function allProblems() {
      var all = values(), found = [];
      fields.forEach(function (f) {
        if (f.widget === "list") {
          var q = problem(f, all[f.name], all);
          if (q) found.push({ field: f, problem: q });
          groups[f.name].entries.forEach(function (e) {
            e.fields.forEach(function (sub) {
              var r = problemOf(sub);
              if (r) found.push({ field: sub, problem: r });
            });
          });
          return;
        }
        var p = problem(f, all[f.name], all);
        if (!p && listWidgets[f.name] && listWidgets[f.name].pending()) {
          /* Typed, not added: say so rather than send the file without it. */
          var why = (f.widget === "topics" ? topics : languageList).unknown(f.name, listWidgets[f.name].pending());
          var known = (f.widget === "topics" ? topics : languageList).resolve(listWidgets[f.name].pending());
          if (!known && why) p = { text: fill(why.template.text, why.values), hint: fill(why.template.hint, why.values) };
        }
        if (p) found.push({ field: f, problem: p });
      });
      return found;
    }

    /* -- showing problems ------------------------------------------------------------ */

    function errorBox(f) { return document.getElementById(f.id + "-error"); }

    function showError(f, p) {
      var box = errorBox(f);
      box.textContent = "";
      if (p) {
        box.appendChild(el("span", "cm-visually-hidden", phrase("error") + " "));
        box.appendChild(el("span", "cm-pf__error-text", p.text));
        if (p.hint) box.appendChild(el("span", "cm-pf__error-hint", "hint: " + p.hint));
        if (f.widget === "handle" && config.editFile && p.text === fill(config.formMessages.exists.text, { file: (valueOf(f) || "").toLowerCase() + ".yml" })) {
          var link = el("a", "", phrase("editOnGitHub", { file: config.membersDir + "/" + valueOf(f).toLowerCase() + ".yml" }));
          link.href = config.editFile + quote(valueOf(f).toLowerCase() + ".yml");
          link.rel = "noopener";
          box.appendChild(link);
        }
      }
      box.hidden = !p;
      if (f.widget !== "list") control(f).setAttribute("aria-invalid", p ? "true" : "false");
      shown[f.id] = !!p;
    }

    /* A field's problem; a field of a group's entry is checked with the entry's other
       values, and not at all while the entry is empty (it is not written). */
    function problemOf(f) {
      if (f.entry) {
        var own = entryValues(f.entry);
        if (isEmpty(f.entry, own)) return null;
        f.nth = ordinal(1 + writtenBefore(f.entry));
        return problem(f, own[f.name], own);
      }
      var all = values();
      return problem(f, all[f.name], all);
    }

    function check(f) { showError(f, problemOf(f)); }

    var summary = root.querySelector("[data-cm-pf-summary]");
    function showSummary(found, quietly) {
      var list = summary.querySelector("[data-cm-pf-summary-list]");
      list.textContent = "";
      found.forEach(function (item) {
        showError(item.field, item.problem);
        var li = el("li"), link = el("a", "", item.field.label + ": " + item.problem.text);
        link.href = "#" + item.field.id;
        link.addEventListener("click", function (e) {
          e.preventDefault();
          var target = control(item.field);
          (target.tagName === "FIELDSET" ? target.querySelector("input") : target).focus();
        });
        li.appendChild(link);
        list.appendChild(li);
      });
      summary.querySelector("[data-cm-pf-summary-title]").textContent =
        counted("problems", found.length, { num: number(found.length) });
      summary.hidden = !found.length;
      if (found.length && !quietly) summary.focus();
    }

    function say(text) { if (announce) { announce.textContent = ""; announce.textContent = text; } }

    /* -- the file, the card and the link ------------------------------------------------ */

    function written(f, value) {
      if (value === null) return false;
      if (f.required || f.widget === "handle") return true;
      return !(f.default !== null && f.default !== undefined && String(value) === String(f.default));
    }

    function entry(f, value, indent) {
      var key = f.name.split(".").pop();
      switch (f.widget) {
        case "topics": case "languages": case "choices":
          return key + ": [" + value.map(function (v) { return scalar(v, true); }).join(", ") + "]";
        case "markdown": return key + ": " + literal(value, indent + "  ");
        case "checkbox": return key + ": " + (value ? "true" : "false");
        case "number": return key + ": " + (/^-?\d+$/.test(value) ? value : quoted(value));
        case "month": return key + ": " + (/^\d{4}-\d{2}(?:-\d{2})?$/.test(value) ? value : quoted(value));
        case "decimal": return key + ": " + decimal(value);
        default: return key + ": " + scalar(value, false);
      }
    }

    /* A coordinate rounded to 2 decimals, as the site keeps it: the file in the public
       repository holds no more than the site shows (about a kilometre). */
    function decimal(typed) {
      var text = asciiDigits(typed).replace(/_/g, "");
      if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text)) return quoted(typed);
      var n = Math.round(Number(text) * 100) / 100;
      return isFinite(n) ? String(n === 0 ? 0 : n) : quoted(typed);
    }

    /* Python's float() reads the decimal digits of any script ("١٢" is 12): each is
       made ASCII, by its place in its run of ten (Unicode keeps them in such runs). */
    function asciiDigits(text) {
      return text.replace(/\p{Nd}/gu, function (digit) {
        var code = digit.codePointAt(0), start = code;
        while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
        return String((code - start) % 10);
      });
    }

    /* One value in an entry written as a flow mapping ("- {name: ..., ror: ...}"). */
    function flowValue(f, value) {
      switch (f.widget) {
        case "checkbox": return value ? "true" : "false";
        case "number": return /^-?\d+$/.test(value) ? value : quoted(value);
        case "decimal": return decimal(value);
        default: return scalar(value, true);
      }
    }

    function inFile(f, value) {
      return f.widget === "checkbox" ? value !== Boolean(f.default) : written(f, value);
    }

    /* As the template writes a list of mappings: one entry a line, a flow mapping in a
       block sequence ("  - {role: mentor, cohort: \"2026\"}"); a list whose one entry the
       template writes as a mapping of its own (one place: "location:") is written so. */
    function writeList(lines, f, entries) {
      if (!entries) return;
      if (f.single && entries.length === 1) {
        lines.push(f.single + ":");
        f.fields.forEach(function (sub) {
          var value = entries[0][sub.name];
          if (inFile(sub, value)) lines.push("  " + entry(sub, value, "  "));
        });
        return;
      }
      lines.push(f.name + ":");
      entries.forEach(function (own) {
        var pairs = [];
        f.fields.forEach(function (sub) {
          var value = own[sub.name];
          if (inFile(sub, value)) pairs.push(sub.name.split(".").pop() + ": " + flowValue(sub, value));
        });
        lines.push("  - {" + pairs.join(", ") + "}");
      });
    }

    function toYaml(all) {
      var lines = config.modeline ? [config.modeline] : [];
      var group = "", opened = false;
      fields.forEach(function (f) {
        if (f.widget === "list") { writeList(lines, f, all[f.name]); group = ""; return; }
        if (f.group !== group) { group = f.group; opened = false; }
        var value = all[f.name];
        if (!inFile(f, value)) return;
        if (group && !opened) { lines.push(group + ":"); opened = true; }
        lines.push((group ? "  " : "") + entry(f, value, group ? "  " : ""));
      });
      return lines.join("\n") + "\n";
    }

    /* Words in a list as the site writes them ("A, B and C" in the page's language). */
    function listed(items, joiner) {
      if (joiner) return items.join(joiner);
      try { return new Intl.ListFormat(config.lang, { type: "conjunction" }).format(items); } catch (e) { return items.join(", "); }
    }

    /* Every place given, "City, Region, Country", with the country named as the picker names it. */
    function places() {
      var group = groups.locations;
      if (!group) return [];
      return group.entries.map(function (e) {
        return e.fields.map(function (f) {
          var input = control(f);
          if (f.widget === "country") return input.value ? input.options[input.selectedIndex].text : "";
          return /(?:city|region)$/.test(f.name) ? input.value.trim() : "";
        }).filter(Boolean).join(", ");
      }).filter(Boolean);
    }

    function initials(name) {
      var words = name.trim().split(/[\s\-\u00b7\u30fb]+/).filter(Boolean);
      if (!words.length) return "?";
      if (words.length === 1) {
        var w = Array.from(words[0]);
        return /^[\x00-\x7f]*$/.test(words[0]) ? w.slice(0, 2).join("").toUpperCase() : w[0];
      }
      return (Array.from(words[0])[0] + Array.from(words[words.length - 1])[0]).toUpperCase();
    }

    /* As render.hue: the first four hex digits of the id's SHA-1, so the colour shown here
       is the one the profile gets. */
    var lastHueFor = null;
    function paintHue(id, avatar) {
      if (!id || id === lastHueFor || !(window.crypto && crypto.subtle && window.TextEncoder)) return;
      lastHueFor = id;
      crypto.subtle.digest("SHA-1", new TextEncoder().encode(id)).then(function (digest) {
        var bytes = new Uint8Array(digest);
        if (lastHueFor === id) avatar.style.setProperty("--cm-hue", String(((bytes[0] << 8) | bytes[1]) % 360));
      }, function () { /* the default colour stays */ });
    }

    function card(all, id) {
      function slot(name) { return root.querySelector('[data-cm-pf-card="' + name + '"]'); }
      function put(name, text) { var s = slot(name); s.textContent = text || ""; s.hidden = !text; }
      var name = all.name || "";
      var title = slot("name");
      title.textContent = name || phrase("yourName");
      title.classList.toggle("cm-pf__placeholder", !name);
      put("pronouns", all.pronouns ? " (" + all.pronouns + ")" : "");
      /* As the directory: the role, then the organisation and the current affiliations. */
      var organisations = [all.organisation];
      (all.affiliations || []).forEach(function (a) {
        if (a["affiliations.current"] !== false) organisations.push(a["affiliations.name"]);
      });
      organisations = organisations.filter(function (o, i) { return o && organisations.indexOf(o) === i; });
      put("role", [all.role, listed(organisations)].filter(Boolean).join(" · "));
      /* Member.place_in: " and " in English, the language's list elsewhere. */
      put("place", listed(places(), config.lang === "en" ? " and " : null));
      var skills = slot("skills");
      skills.textContent = "";
      (all.skills || []).slice(0, 4).forEach(function (t) { skills.appendChild(el("li", "", topics.label(t))); });
      skills.hidden = !(all.skills || []).length;
      var badges = slot("badges");
      badges.textContent = "";
      var capacity = all["mentoring.capacity"] === null ? 1 : Number(all["mentoring.capacity"]);
      if ((all["mentoring.offers"] || []).length && all["mentoring.open"] !== false && capacity > 0) {
        badges.appendChild(el("span", "cm-badge cm-badge--mentor", phrase("mentor")));
      }
      var status = byName.status ? control(byName.status) : null;
      if (all.status && all.status !== "active" && status) {
        badges.appendChild(el("span", "cm-badge cm-badge--" + all.status, status.options[status.selectedIndex].text));
      }
      if (all.cohort) badges.appendChild(el("span", "cm-badge", phrase("cohort", { cohort: all.cohort })));
      badges.hidden = !badges.children.length;
      var avatar = root.querySelector("[data-cm-pf-avatar]");
      avatar.textContent = initials(name);
      paintHue(id, avatar);
    }

    var openLink = root.querySelector("[data-cm-pf-open]");
    var openEmpty = root.querySelector("[data-cm-pf-open-empty]");
    var linkRoute = root.querySelector("[data-cm-pf-link-route]");
    var longRoute = root.querySelector("[data-cm-pf-long-route]");
    var current = { yaml: "", path: "", ok: false };

    function refresh() {
      var all = values();
      var id = handleOf(all).toLowerCase();
      var path = config.membersDir + "/" + (id || "…") + ".yml";
      var yaml = toYaml(all);
      var found = allProblems();
      var ok = !found.length;
      /* A summary on screen follows the fixes (without taking the focus). */
      if (!summary.hidden) showSummary(found, true);
      current = { yaml: yaml, path: path, ok: ok, id: id };
      root.querySelector("[data-cm-pf-yaml]").textContent = yaml;
      root.querySelectorAll("[data-cm-pf-filename]").forEach(function (node) { node.textContent = path; });
      root.querySelectorAll("[data-cm-pf-id]").forEach(function (node) { node.textContent = id || "your-login"; });
      card(all, id);
      var bio = byName.bio && root.querySelector('[data-cm-pf-field="bio"] [data-cm-pf-count]');
      if (bio) {
        var limit = byName.bio.rules.maxLength;
        bio.textContent = counted("characters", limit, { num: number(length(all.bio || "")), limit: number(limit) });
      }
      if (openLink && config.newFile) {
        var url = newFileUrl(config.newFile, path, yaml);
        var tooLongForLink = url.length > config.maxUrl;
        linkRoute.hidden = tooLongForLink;
        longRoute.hidden = !tooLongForLink;
        root.querySelector("[data-cm-pf-length]").textContent = number(url.length);
        openEmpty.href = newFileUrl(config.newFile, path);
        if (ok && id) {
          openLink.href = url;
          openLink.target = "_blank";
        } else {
          openLink.href = "#cm-pf-form";
          openLink.removeAttribute("target");
        }
      }
      save();
    }

    /* Every way the file leaves the page first checks it; problems are shown at their
       fields and in a summary that links to them. */
    function ready() {
      var found = allProblems();
      showSummary(found);
      return !found.length;
    }

    function changed(f, now) {
      if (now || shown[f.id]) check(f);
      /* "Both or neither": the other of a pair follows, once its problem is on screen. */
      var other = f.entry && f.rules.pair ? entryField(f.entry, f.rules.pair) : null;
      if (other && shown[other.id]) check(other);
      refresh();
    }

    /* -- remembering what was typed (this tab only) ------------------------------------ */

    function save() {
      try {
        var kept = { lists: lists, inputs: {}, groups: {} };
        fields.forEach(function (f) {
          if (f.widget === "list") {
            kept.groups[f.name] = groups[f.name].entries.map(function (e) {
              var raw = {};
              e.fields.forEach(function (sub) { raw[sub.name] = sub.widget === "checkbox" ? control(sub).checked : control(sub).value; });
              return raw;
            });
            return;
          }
          if (lists[f.name]) return;
          var input = control(f);
          kept.inputs[f.name] = f.widget === "checkbox" ? input.checked :
            f.widget === "choices" ? valueOf(f) || [] : input.value;
        });
        sessionStorage.setItem(storageKey, JSON.stringify(kept));
      } catch (e) { /* storage off: nothing is kept */ }
    }

    function restore() {
      var kept = null;
      try { kept = JSON.parse(sessionStorage.getItem(storageKey) || "null"); } catch (e) { kept = null; }
      if (!kept) return false;
      fields.forEach(function (f) {
        if (f.widget === "list") {
          var entries = (kept.groups || {})[f.name];
          if (Array.isArray(entries)) {
            entries.slice(0, f.rules.maxItems || entries.length).forEach(function (raw) {
              if (raw && typeof raw === "object") addEntry(groups[f.name], raw);
            });
          }
        } else if (listWidgets[f.name]) {
          var known = ((kept.lists || {})[f.name] || []).filter(function (v) { return typeof v === "string"; });
          listWidgets[f.name].set(known);
        } else if (kept.inputs && Object.prototype.hasOwnProperty.call(kept.inputs, f.name)) {
          var input = control(f), keptValue = kept.inputs[f.name];
          if (f.widget === "checkbox") input.checked = Boolean(keptValue);
          else if (f.widget === "choices") {
            input.querySelectorAll("input").forEach(function (box) {
              box.checked = Array.isArray(keptValue) && keptValue.indexOf(box.value) >= 0;
            });
          } else input.value = String(keptValue);
        }
      });
      return true;
    }

    /* -- wiring --------------------------------------------------------------------------- */

    function fieldOf(target) {
      var box = target.closest && target.closest("[data-cm-pf-field]");
      if (!box) return null;
      var name = box.getAttribute("data-cm-pf-field");
      var node = box.closest("[data-cm-pf-entry]");
      if (node) {
        var group = groups[name.split(".")[0]];
        var e = group && group.entries.filter(function (x) { return x.node === node; })[0];
        return e ? entryField(e, name) : null;
      }
      var f = byName[name];
      return f && f.widget !== "list" ? f : null;
    }

    form.addEventListener("input", function (e) {
      var f = fieldOf(e.target);
      if (f && !listWidgets[f.name]) changed(f, false);
    });
    form.addEventListener("change", function (e) {
      var f = fieldOf(e.target);
      if (f && !listWidgets[f.name]) changed(f, true);
    });
    form.addEventListener("focusout", function (e) {
      var f = fieldOf(e.target);
      if (f && !listWidgets[f.name] && e.target === control(f)) changed(f, true);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); ready(); });
    form.addEventListener("reset", function (e) {
      if (!window.confirm(phrase("clear"))) { e.preventDefault(); return; }
      try { sessionStorage.removeItem(storageKey); } catch (err) { /* nothing kept */ }
      setTimeout(function () {
        Object.keys(listWidgets).forEach(function (name) { listWidgets[name].set([]); });
        clearGroups();
        fields.forEach(function (f) { showError(f, null); });
        summary.hidden = true;
        startMonth();
        refresh();
      }, 0);
    });

    if (openLink) {
      openLink.addEventListener("click", function (e) {
        if (!ready() || !current.id) e.preventDefault();
      });
    }

    var status = root.querySelector("[data-cm-pf-status]");
    root.querySelectorAll("[data-cm-pf-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!ready()) return;
        var done = function () { status.textContent = phrase("copied", { file: current.path }); };
        var manual = function () {
          var code = root.querySelector("[data-cm-pf-yaml]");
          var range = document.createRange();
          range.selectNodeContents(code);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          status.textContent = phrase("copyByHand");
        };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(current.yaml).then(done, manual);
        else manual();
      });
    });
    root.querySelectorAll("[data-cm-pf-download]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!ready()) return;
        var url = URL.createObjectURL(new Blob([current.yaml], { type: "application/yaml" }));
        var link = el("a");
        link.href = url;
        link.download = current.path.split("/").pop();
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
        status.textContent = phrase("downloaded", { file: link.download, folder: config.membersDir });
      });
    });

    /* "Use my time zone": the browser's zone, under the name the form offers. */
    var zoneButton = root.querySelector("[data-cm-pf-my-zone]");
    if (zoneButton && byName.timezone) {
      var mine = "";
      try { mine = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { mine = ""; }
      mine = config.zoneAliases[mine] || mine;
      var select = control(byName.timezone);
      var option = Array.prototype.filter.call(select.options, function (o) { return o.value === mine && mine; })[0];
      if (option) {
        zoneButton.textContent = phrase("myZone", { zone: option.text });
        zoneButton.hidden = false;
        zoneButton.addEventListener("click", function () {
          select.value = mine;
          changed(byName.timezone, true);
          say(phrase("zoneSet", { zone: option.text }));
        });
      }
    }

    /* The month people join is this month, in their own calendar. */
    function startMonth() {
      var joined = byName.joined && control(byName.joined);
      if (!joined) return;
      var now = new Date();
      joined.value = now.getFullYear() + "-" + ("0" + (now.getMonth() + 1)).slice(-2);
    }

    if (!restore()) startMonth();
    startGroups();
    root.querySelectorAll("[data-cm-pf-nojs]").forEach(function (node) { node.hidden = true; });
    app.hidden = false;
    refresh();
  }

  function init() {
    document.querySelectorAll("[data-cm-profile-form]").forEach(setup);
  }

  if (window.cmOnPage) window.cmOnPage(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
