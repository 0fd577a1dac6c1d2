// MarketplaceLeads dashboard: keeps the countdowns counting. The page works without it.
(function () {
  "use strict";
  var serverNow = Number(document.body.getAttribute("data-now"));
  // The server's clock is the reference (it may be set apart from this browser's): count from it.
  var offset = isFinite(serverNow) ? serverNow - Date.now() : 0;
  function part(ms) {
    var minutes = Math.floor(ms / 60000);
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor(minutes / 60);
    if (days >= 1) { return days + " d " + (hours % 24) + " h"; }
    if (hours >= 1) { return hours + " h " + (minutes % 60) + " min"; }
    return Math.max(minutes, 0) + " min";
  }
  function tick() {
    var now = Date.now() + offset;
    var items = document.querySelectorAll(".countdown[data-due]");
    for (var i = 0; i < items.length; i++) {
      var left = Number(items[i].getAttribute("data-due")) - now;
      var text = left < 0 ? "overdue by " + part(Math.max(-left, 60000)) : "in " + part(left);
      if (items[i].textContent !== text) { items[i].textContent = text; }
    }
  }
  setInterval(tick, 30000);
})();
