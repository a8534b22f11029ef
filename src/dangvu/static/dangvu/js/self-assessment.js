// A member's self-assessment: the running total of the scores and the level it reaches,
// read from the form's data-thresholds ("lowest|label;…", highest first).
(function () {
  var form = document.querySelector(".self-form");
  if (!form) { return; }
  var thresholds = (form.dataset.thresholds || "").split(";").map(function (item) {
    var parts = item.split("|");
    return { lowest: parseFloat(parts[0].replace(",", ".")), label: parts[1] };
  });
  var inputs = form.querySelectorAll(".score-input");
  var total = form.querySelector("[data-total]");
  var level = form.querySelector("[data-level]");
  function update() {
    var sum = 0, complete = true;
    inputs.forEach(function (input) {
      var value = parseFloat((input.value || "").replace(",", "."));
      if (isNaN(value)) { complete = false; } else { sum += value; }
    });
    if (!complete) { total.textContent = "—"; level.textContent = ""; return; }
    sum = Math.round(sum * 100) / 100;
    total.textContent = String(sum).replace(".", ",");
    var found = thresholds.find(function (t) { return sum >= t.lowest; });
    level.textContent = found ? "→ " + found.label : "";
  }
  inputs.forEach(function (input) { input.addEventListener("input", update); });
  update();
})();
