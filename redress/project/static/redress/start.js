// Start GOV.UK Frontend's components (error summaries, notification banners, buttons...)
// and MoJ Frontend's (sortable tables), on the page and in whatever htmx swaps in.
import { initAll } from "/static/govuk/govuk-frontend.min.js";
import { initAll as initMoj } from "/static/moj/moj-frontend.min.js";

function start(scope) {
  initAll({ scope });
  initMoj({ scope });
}

start(document.body);

// Across a swap, keep open the <details> the person had open, and their focus: htmx
// refocuses by id, but cannot focus a control inside a <details> the server sent closed
// (say, "Apply filters" after clearing every filter).
let kept = { open: [], focus: "" };

document.addEventListener("htmx:beforeSwap", () => {
  kept = {
    open: Array.from(document.querySelectorAll("details[open][id]"), (d) => d.id),
    focus: document.activeElement ? document.activeElement.id : "",
  };
});

document.addEventListener("htmx:afterSwap", () => {
  for (const id of kept.open) {
    const details = document.getElementById(id);
    if (details) details.open = true;
  }
  const focus = kept.focus && document.getElementById(kept.focus);
  if (focus && document.activeElement !== focus) focus.focus({ preventScroll: true });
});

document.addEventListener("htmx:afterSettle", (event) => {
  if (event.target instanceof Element) start(event.target);
  announce();
});

// Say politely how many results there are now: the live region stays on the page
// (one swapped in would not be read out) and takes its words from the new content.
function announce() {
  const status = document.querySelector("[data-results-status]");
  if (!status) return;
  const count = document.querySelector("[data-results-count]");
  status.textContent = count ? count.textContent.trim() : "";
}
