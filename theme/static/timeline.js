// What the timeline's pages add when JavaScript runs: filter by actor, search every event,
// and move between events with the keyboard. Every page reads in full without it.
(function () {
  "use strict";

  var events = Array.prototype.slice.call(document.querySelectorAll(".event"));
  var controls = document.querySelector("[data-controls]");
  var status = document.querySelector("[data-status]");

  function visibleEvents() {
    return events.filter(function (event) { return !event.closest("[hidden]"); });
  }

  function say(message) {
    if (status) status.textContent = message;
  }

  // --- Filter by actor: hide events without them, and the headings left with nothing under them.

  function applyFilter(slug) {
    events.forEach(function (event) {
      var actors = (event.getAttribute("data-actors") || "").split(" ");
      event.hidden = Boolean(slug) && actors.indexOf(slug) < 0;
    });
    document.querySelectorAll(".day, .month, .year").forEach(function (group) {
      group.hidden = !group.querySelector(".event:not([hidden])");
    });
    var shown = events.filter(function (event) { return !event.hidden; }).length;
    say(slug ? "Showing " + shown + " of " + events.length + " events." : "");
  }

  function setUpFilter() {
    var select = document.getElementById("actor-filter");
    if (!select) return;
    var wanted = new URLSearchParams(location.search).get("actor");
    if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) {
      select.value = wanted;
      applyFilter(wanted);
    }
    select.addEventListener("change", function () {
      applyFilter(select.value);
      // The filter is part of the address, so a filtered view can be shared.
      var url = new URL(location.href);
      if (select.value) url.searchParams.set("actor", select.value); else url.searchParams.delete("actor");
      history.replaceState(null, "", url);
    });
  }

  // --- Search: the index (search.json) is written at build time and loaded on first use.

  function words(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function setUpSearch() {
    var form = document.querySelector("form[data-search-index]");
    var box = document.querySelector("[data-search-results]");
    if (!form || !box) return;
    var input = form.querySelector("input");
    var list = box.querySelector("ol");
    var index = null;
    var loading = null;

    function load() {
      if (!loading) {
        loading = fetch(form.getAttribute("data-search-index"))
          .then(function (response) {
            if (!response.ok) throw new Error(response.status);
            return response.json();
          })
          .then(function (records) {
            index = records.map(function (record) {
              var text = [record.summary, record.text, record.when, record.actors.join(" "), record.sources.join(" ")].join(" ");
              return { record: record, words: words(text) };
            });
          })
          .catch(function () { say("Search is unavailable: its index could not be loaded."); });
      }
      return loading;
    }

    function search() {
      var query = words(input.value);
      list.textContent = "";
      if (!query.length) {
        box.hidden = true;
        say("");
        return;
      }
      if (!index) return;
      // Every word of the query must begin a word of the event.
      var found = index.filter(function (item) {
        return query.every(function (word) {
          return item.words.some(function (candidate) { return candidate.startsWith(word); });
        });
      });
      var siteUrl = form.getAttribute("data-site-url");
      found.slice(0, 50).forEach(function (item) {
        var li = document.createElement("li");
        var date = document.createElement("span");
        date.className = "result-date";
        date.textContent = item.record.when + (item.record.upcoming ? " · upcoming" : "");
        var link = document.createElement("a");
        link.href = siteUrl + "/" + item.record.url;
        link.textContent = item.record.summary;  // text, never HTML: it comes from the articles
        li.append(date, " ", link);
        list.append(li);
      });
      box.hidden = false;
      say(found.length === 0 ? "No event matches “" + input.value + "”."
        : found.length + (found.length === 1 ? " event matches" : " events match") + " “" + input.value + "”"
          + (found.length > 50 ? "; the first 50 are shown." : "."));
    }

    input.addEventListener("focus", load);
    input.addEventListener("input", function () { load().then(search); });
    input.addEventListener("keydown", function (key) {
      if (key.key === "Escape") { input.value = ""; search(); }
    });
    form.addEventListener("submit", function (submit) {
      submit.preventDefault();
      load().then(search);
    });
  }

  // --- Keyboard: j / k move between the events of a list; on an event's page, to the next / previous event.

  function typing(target) {
    return target.closest("input, select, textarea, [contenteditable]") !== null;
  }

  function move(step) {
    var shown = visibleEvents();
    if (!shown.length) return false;
    var current = document.activeElement && document.activeElement.closest(".event");
    var at = shown.indexOf(current);
    if (at < 0) {
      // From the first event below the top of the window, so the keys start where the reader is.
      at = shown.findIndex(function (event) { return event.getBoundingClientRect().bottom > 0; });
      at = step > 0 ? at - 1 : at;
    }
    var target = shown[Math.max(0, Math.min(shown.length - 1, at + step))];
    var still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
    return true;
  }

  document.addEventListener("keydown", function (key) {
    if (key.altKey || key.ctrlKey || key.metaKey || typing(key.target)) return;
    if (key.key === "j" || key.key === "k") {
      if (events.length) {
        if (move(key.key === "j" ? 1 : -1)) key.preventDefault();
      } else {
        var link = document.querySelector('.pager a[rel="' + (key.key === "j" ? "next" : "prev") + '"]');
        if (link) location.href = link.href;
      }
    } else if (key.key === "Enter" && key.target.classList && key.target.classList.contains("event")) {
      var permalink = key.target.querySelector("a.permalink");
      if (permalink) location.href = permalink.href;
    }
  });

  if (controls) {
    controls.hidden = false;
    setUpFilter();
    setUpSearch();
  }
})();
