/* Taking attendance on a phone: one tap per member, counts live, safe when offline.
 *
 * The page works without this script (radio buttons posted as a form). With it:
 * each member is one big button cycling present → excused → absent (excused
 * shows a reason field); "Tất cả có mặt" marks everyone present; the counts and
 * the rate follow every tap. The marks are kept in localStorage under the
 * meeting's id until the server acknowledges them, so a dropped connection or a
 * closed tab loses nothing: the form is sent again, with the same idempotency
 * key, when the phone is back online (the server's upsert makes a resend safe).
 */
(function () {
  "use strict";

  var form = document.getElementById("attendance-form");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }

  var ORDER = ["present", "excused", "absent"];
  var RETRY_MS = 20000;
  var storageKey = "dangvu.attendance." + form.dataset.meeting;
  var expectedTotal = parseInt(form.dataset.expectedTotal, 10) || 0;
  var rows = Array.prototype.slice.call(form.querySelectorAll(".att-row"));
  var statusBox = form.querySelector("[data-status]");
  var keyInput = form.querySelector("input[name='key']");
  var submitButton = form.querySelector("button[type='submit']");
  var locked = submitButton.disabled; // a meeting not yet held, or closed: nothing to send
  var retryTimer = null;
  var sending = false;

  function label(state) {
    return form.dataset["label" + (state ? state.charAt(0).toUpperCase() + state.slice(1) : "None")];
  }

  function stateOf(row) {
    var checked = row.querySelector("input[type='radio']:checked");
    return checked ? checked.value : "";
  }

  function reasonOf(row) {
    return row.querySelector(".att-reason input");
  }

  function render(row) {
    var state = stateOf(row);
    var name = row.querySelector(".att-name").textContent;
    row.dataset.state = state;
    row.querySelector("[data-label]").textContent = label(state);
    row.querySelector(".att-tap").setAttribute("aria-label", name + ": " + label(state));
    row.querySelector(".att-reason").hidden = state !== "excused";
  }

  function setState(row, state) {
    Array.prototype.forEach.call(row.querySelectorAll("input[type='radio']"), function (radio) {
      radio.checked = radio.value === state;
    });
    render(row);
  }

  function percent(present, expected) {
    if (!expected) {
      return "—";
    }
    return ((present * 100) / expected).toFixed(1).replace(".", ",") + "%";
  }

  function updateCounts() {
    var counts = { present: 0, excused: 0, absent: 0, unmarked: 0 };
    rows.forEach(function (row) {
      if (row.dataset.expected === "1") {
        counts[stateOf(row) || "unmarked"] += 1;
      }
    });
    Object.keys(counts).forEach(function (name) {
      var box = form.querySelector("[data-count='" + name + "']");
      if (box) {
        box.textContent = counts[name];
      }
    });
    form.querySelector("[data-unmarked]").hidden = false;
    var marked = counts.present + counts.excused + counts.absent;
    form.querySelector("[data-rate]").textContent = marked
      ? percent(counts.present, expectedTotal)
      : "—";
  }

  function showStatus(message, kind) {
    statusBox.textContent = message;
    statusBox.className = "att-status alert alert-" + (kind || "info");
    statusBox.hidden = !message;
  }

  // -------------------------------------------------------------------------
  // The copy kept on the phone

  function snapshot(pending) {
    var marks = {};
    rows.forEach(function (row) {
      marks[row.dataset.member] = { state: stateOf(row), reason: reasonOf(row).value };
    });
    return { key: keyInput.value, marks: marks, pending: pending, savedAt: Date.now() };
  }

  function store(pending) {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(snapshot(pending)));
    } catch (error) {
      // Private browsing or a full storage: the page still works, only without the copy.
    }
  }

  function stored() {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey) || "null");
    } catch (error) {
      return null;
    }
  }

  function forget(key) {
    var kept = stored();
    if (kept && kept.key === key) {
      window.localStorage.removeItem(storageKey);
    }
  }

  function restore(kept) {
    if (kept.key) {
      keyInput.value = kept.key;
    }
    rows.forEach(function (row) {
      var mark = kept.marks && kept.marks[row.dataset.member];
      if (mark) {
        reasonOf(row).value = mark.reason || "";
        setState(row, mark.state || "");
      }
    });
  }

  // -------------------------------------------------------------------------
  // Sending

  function scheduleRetry() {
    if (retryTimer === null) {
      retryTimer = window.setInterval(function () {
        if (navigator.onLine !== false) {
          send();
        }
      }, RETRY_MS);
    }
  }

  function stopRetry() {
    if (retryTimer !== null) {
      window.clearInterval(retryTimer);
      retryTimer = null;
    }
  }

  function answered(response) {
    var type = response.headers.get("Content-Type") || "";
    if (response.status >= 500) {
      throw new Error("server " + response.status);
    }
    if (type.indexOf("application/json") === -1) {
      // The login page (session over) or a refusal page: keep the marks for later.
      stopRetry();
      showStatus(form.dataset.msgSession, "error");
      return null;
    }
    return response.json().then(function (data) {
      stopRetry();
      if (data.ok) {
        forget(data.key);
        showStatus(data.message, "success");
        window.location.assign(data.redirect);
      } else {
        store(false);
        showStatus((data.errors || []).join(" "), "error");
      }
    });
  }

  function send() {
    if (sending || locked) {
      return;
    }
    sending = true;
    store(true);
    submitButton.disabled = true;
    showStatus(form.dataset.msgSending, "info");
    window
      .fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      .then(answered)
      .catch(function () {
        showStatus(form.dataset.msgOffline, "warning");
        scheduleRetry();
      })
      .then(function () {
        sending = false;
        submitButton.disabled = false;
      });
  }

  // -------------------------------------------------------------------------
  // Wiring

  form.classList.add("js");
  rows.forEach(function (row) {
    var button = row.querySelector(".att-tap");
    button.hidden = false;
    render(row);
    button.addEventListener("click", function () {
      var next = ORDER[(ORDER.indexOf(stateOf(row)) + 1) % ORDER.length];
      setState(row, next);
      if (next === "excused") {
        reasonOf(row).focus();
      }
      updateCounts();
      store(false);
    });
    reasonOf(row).addEventListener("input", function () {
      store(false);
    });
  });

  var allPresent = form.querySelector("[data-all-present]");
  allPresent.hidden = false;
  allPresent.addEventListener("click", function () {
    rows.forEach(function (row) {
      if (row.dataset.expected === "1") {
        setState(row, "present");
      }
    });
    updateCounts();
    store(false);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    send();
  });
  window.addEventListener("online", function () {
    var kept = stored();
    if (kept && kept.pending) {
      send();
    }
  });

  var kept = stored();
  if (kept) {
    restore(kept);
    if (kept.pending) {
      showStatus(form.dataset.msgOffline, "warning");
      if (navigator.onLine !== false) {
        send();
      } else {
        scheduleRetry();
      }
    } else {
      showStatus(form.dataset.msgRestored, "info");
    }
  }
  updateCounts();
})();
